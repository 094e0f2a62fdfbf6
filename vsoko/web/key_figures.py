"""The overview's key figures: the few indicators a deputy looks at first, with the change from last year.

Values come from the indicator engine (vsoko.indicators.dashboard.build_context — the same lines as
the catalog tree and the indicator pages), for one school, this year and last year, whole-school only.
The movement is judged as decisions' effects are (vsoko.decisions.effect.verdict): a change under 1
percentage point (1 % of the value for other units) is «без изменений», so a deputy is not sent after
noise.
"""

from __future__ import annotations

from dataclasses import dataclass

from vsoko.decisions.effect import verdict
from vsoko.decisions.enums import Verdict
from vsoko.indicators.dashboard import Line, build_context
from vsoko.indicators.models import Indicator
from vsoko.records.models import OrgUnit

# Results, state final attestation, ВПР objectivity, satisfaction — in the order shown.
KEY_INDICATORS = ("core.quality", "core.success", "core.sou", "core.vpr_lowered", "core.oge_passed",
                  "core.ege_mean_score", "core.parents_satisfied")


@dataclass(frozen=True)
class KeyFigure:
    line: Line
    against_last_year: Verdict  # улучшение / без изменений / ухудшение / …, in words on the page

    @property
    def indicator(self) -> Indicator:
        return self.line.indicator


def key_figures(school: OrgUnit, year: int) -> list[KeyFigure]:
    """The key indicators the school has a value of this year, in KEY_INDICATORS order."""
    order = {code: n for n, code in enumerate(KEY_INDICATORS)}
    shown = sorted(Indicator.objects.filter(code__in=KEY_INDICATORS, retired=False), key=lambda i: order[i.code])
    if not shown:
        return []
    context = build_context(school, year, shown, breakdowns=False, span=2)
    figures = []
    for indicator in shown:
        line = context.line(indicator)
        (_, before), (_, now) = line.values
        if now.value is None:
            continue
        figures.append(KeyFigure(line, verdict(before.value, now.value, indicator.unit, indicator.direction)))
    return figures
