"""The effectiveness of decisions, computed: each linked indicator in the decision's year and in the next one.

A decision of 2024/2025 is judged by how its indicators moved to 2025/2026. The values come from the
indicator engine (vsoko.indicators.dashboard.build_context — the same lines as the indicator pages and
the reports), evaluated once for all the decisions of a school and year. A change smaller than the
threshold is «без изменений»: under 1 percentage point for a percentage, under 1 % of the decision year's
value for any other unit (docs/decisions.md).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from vsoko.decisions.enums import Verdict
from vsoko.decisions.models import Decision
from vsoko.indicators.dashboard import build_context
from vsoko.indicators.enums import Direction, Unit
from vsoko.indicators.evaluate import NULL, Value
from vsoko.indicators.formatting import as_shown, shown_change
from vsoko.indicators.models import Indicator

PERCENT_POINTS = Fraction(1)  # a percentage must move by at least 1 п. п.
RELATIVE = Fraction(1, 100)  # any other value by at least 1 % of itself


@dataclass(frozen=True)
class Effect:
    code: str
    indicator: Indicator | None  # None: no such active indicator (retired or a mistyped code)
    before: Value  # the decision's year
    after: Value  # the next year
    verdict: Verdict

    @property
    def change(self) -> Fraction | None:
        if self.before.value is None or self.after.value is None:
            return None
        return shown_change(self.before.value, self.after.value, self.indicator.unit if self.indicator else "")


def verdict(before: Fraction | None, after: Fraction | None, unit: str, direction: str) -> Verdict:
    """Judged on the figures as shown (formatting.as_shown): a средний балл 4,0 → 4,0 is «без изменений» even if
    the exact 3,98 → 4,04 moved by more than 1 % — a reader sees two equal figures beside the verdict."""
    if before is None or after is None or unit == Unit.TEXT:
        return Verdict.NO_DATA
    before, after = as_shown(before, unit), as_shown(after, unit)
    change = after - before
    threshold = PERCENT_POINTS if unit == Unit.PERCENT else abs(before) * RELATIVE
    if abs(change) < threshold or change == 0:
        return Verdict.UNCHANGED
    if direction == Direction.NONE:
        return Verdict.NOT_JUDGED
    better = change > 0 if direction == Direction.UP else change < 0
    return Verdict.IMPROVED if better else Verdict.WORSENED


def effects_of(decisions: Iterable[Decision]) -> dict[int, list[Effect]]:
    """{decision id: effects of its indicators, in the order given}: one evaluation per school and year."""
    decisions = list(decisions)
    groups: dict[tuple[int, int], list[Decision]] = defaultdict(list)
    for decision in decisions:
        groups[(decision.school_id, decision.year_id)].append(decision)
    codes = {code for d in decisions for code in d.indicators}
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=codes, retired=False)}
    out: dict[int, list[Effect]] = {}
    for (_, year), group in groups.items():
        shown = sorted({indicators[c] for d in group for c in d.indicators if c in indicators}, key=lambda i: i.pk)
        lines = {}
        if shown:
            # The decision's year and the next: the span of two years ending with the next one.
            context = build_context(group[0].school, year + 1, shown, breakdowns=False, span=2)
            lines = {i.code: context.line(i) for i in shown}
        for decision in group:
            out[decision.pk] = [_effect(code, indicators.get(code), lines.get(code)) for code in decision.indicators]
    return out


def _effect(code: str, indicator: Indicator | None, line) -> Effect:
    if indicator is None or line is None:
        return Effect(code, indicator, NULL, NULL, Verdict.NO_DATA)
    (_, before), (_, after) = line.values
    return Effect(code, indicator, before, after, verdict(before.value, after.value, indicator.unit,
                                                          indicator.direction))


def summary(effects: list[Effect]) -> str:
    """«улучшение: 1, без изменений: 1» — the verdicts of a decision counted, in the enum's order."""
    counts = {v: sum(1 for e in effects if e.verdict == v) for v in Verdict}
    return ", ".join(f"{v.label}: {n}" for v, n in counts.items() if n)
