"""Figures of the analysis pages as Russian readers expect them: «45,3 %», «3,85», «—» for nothing."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template

from vsoko.analysis.access import QUALITY, TWOS
from vsoko.assessments.grading import ScaleError, parse_mark_scale
from vsoko.indicators.enums import Unit
from vsoko.indicators.formatting import fixed, format_change, number

register = template.Library()
NOTHING = "—"


HIDDEN = "скрыто"


@register.filter
def pct(value) -> str:
    if isinstance(value, str):
        return value
    return NOTHING if value is None else f"{fixed(value, Unit.PERCENT)}\u00a0%"  # «95,0 %» under «88,7 %»


@register.filter
def twos_for(figures, privacy):
    """The share of «2», or «скрыто» where it, with the count and качество, would tell of a small group (the
    observer: `Privacy.hidden_shares`)."""
    if privacy is not None and TWOS in privacy.hidden_shares(figures.marks):
        return HIDDEN
    return figures.twos


@register.filter
def quality_for(figures, privacy):
    """The share of «4» and «5», or «скрыто» where it, with the count and the share of «2», would tell of a small
    group (`Privacy.hidden_shares`)."""
    if privacy is not None and QUALITY in privacy.hidden_shares(figures.marks):
        return HIDDEN
    return figures.quality


@register.filter
def mean_for(figures, privacy) -> str:
    """The mean mark, or «скрыто» where a mark of the group is hidden from the observer (`Privacy.hides_mean`)."""
    if privacy is not None and privacy.hides_mean(figures.marks):
        return HIDDEN
    return mean(figures.mean_mark)


@register.filter
def mean(value) -> str:
    """A mean mark, two places always: «4,00» under «3,85»."""
    return NOTHING if value is None else fixed(value, Unit.MARK)


@register.filter
def mean_score(value) -> str:
    """A mean score, one place always: «15,0» under «14,3»."""
    return NOTHING if value is None else fixed(value, Unit.SCORE)


@register.filter
def score(value) -> str:
    """One pupil's score or a boundary: whole where it is whole («15», «15,5»)."""
    return NOTHING if value is None else number(value, 1)


@register.filter
def mark_scale_words(text: str) -> str:
    """«2:0-5;3:6-9;4:10-13;5:14-20» as read aloud: ««2» — 0–5, «3» — 6–9, «4» — 10–13, «5» — 14–20 баллов»;
    a text that is not a scale is shown as it is."""
    try:
        ranges = parse_mark_scale(text)
    except ScaleError:
        return text
    return ", ".join(f"«{r.mark}» — {number(r.low, 1)}–{number(r.high, 1)}" for r in ranges) + " баллов"


@register.filter
def school_year(start) -> str:
    return f"{start}/{start + 1}" if start is not None else ""


@register.filter
def benchmark_code(assessment) -> str:
    """`vpr.5.русский язык`: the head of the codes of the procedure's comparison values (vsoko.analysis.benchmarks)."""
    subject = assessment.subject.name.lower() if assessment.subject else ""
    return f"{assessment.kind}.{assessment.grade or ''}.{subject}"


@register.filter
def at(sequence, index):
    """sequence[index] in a template (lists of columns)."""
    try:
        return sequence[index]
    except (IndexError, KeyError, TypeError):
        return None


@register.simple_tag
def query(**params) -> str:
    return urlencode({k: v for k, v in params.items() if v not in (None, "")})


@register.filter
def mean_share(figures, max_score):
    """Mean primary score as % of the maximum."""
    return figures.mean_score_share(max_score)


@register.filter
def basic(figures):
    """Completion of the basic tasks, %."""
    return figures.level_completion(["basic"])


@register.filter
def points(change) -> str:
    """A difference of two percentages: «▲ +3,2 п. п.», «▼ −1,0 п. п.», «без изменений» (the arrow and the words
    say it, never the colour alone)."""
    text = format_change(change, Unit.PERCENT)
    if change is None or text == "без изменений":
        return text
    return f"{'▲' if change > 0 else '▼'} {text}"
