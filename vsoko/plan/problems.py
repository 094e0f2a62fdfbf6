"""Last year's problems, in words, for drafting this year's plan.

Regulation 000, п. 1.18: the directions of monitoring are set «по результатам работы … за предыдущий учебный год,
в соответствии с проблемами и задачами на текущий год»; п. 4.2: the measures are planned «на основе проблемного
анализа». A problem of the year before is
- an indicator that missed its target (the indicator pages' «цель не достигнута»: dashboard.compare),
- an indicator that got worse than the year before it (by the threshold of the decisions' effect: a change under
  1 п. п. or 1 % is a fluctuation, not a problem — vsoko.decisions.effect.verdict),
- an indicator worse than a benchmark (the pages' «хуже» against the municipality, the region, the country) as
  the figures are shown: 86,76 % against 86,8 % is no problem in words,
- a management decision of that year still open (planned or being carried out).
The indicators are evaluated once for all of them (build_context, whole-school values of two years).
"""

from __future__ import annotations

from vsoko.decisions.effect import verdict
from vsoko.decisions.enums import DecisionStatus, Verdict
from vsoko.decisions.models import Decision
from vsoko.indicators.dashboard import build_context
from vsoko.indicators.enums import Direction, Status
from vsoko.indicators.formatting import format_value
from vsoko.indicators.models import Indicator
from vsoko.records.enums import ValueScope
from vsoko.records.models import OrgUnit
from vsoko.records.years import year_label

# «хуже, чем по муниципалитету»: the benchmark's label (dashboard.Comparison.label) in the sentence.
BENCHMARK_WORDS = {ValueScope.MUNICIPALITY.label: "по муниципалитету", ValueScope.REGION.label: "по региону",
                   ValueScope.COUNTRY.label: "по России"}


def indicator_problems(school: OrgUnit, year: int, indicators: list[Indicator]) -> dict[str, list[str]]:
    """{code: the indicator's problems in `year`, each a sentence}; only the codes that have some."""
    if not indicators:
        return {}
    context = build_context(school, year, indicators, breakdowns=False, span=2)
    label, before = year_label(year), year_label(year - 1)
    problems: dict[str, list[str]] = {}
    for indicator in indicators:
        line = context.line(indicator)
        (_, previous), (_, current) = line.values
        if current.value is None:
            continue
        name, unit = f"показатель «{indicator.name}»", indicator.unit
        now = format_value(current.value, unit)
        found = []
        if line.target is not None and line.target.status == Status.NOT_MET:
            side = "выше" if indicator.direction == Direction.DOWN else "ниже"
            found.append(f"в {label} {name} {side} целевого: {now} при цели "
                         f"{format_value(line.target.reference, unit)}")
        if verdict(previous.value, current.value, unit, indicator.direction) == Verdict.WORSENED:
            found.append(f"в {label} {name} хуже, чем в {before}: {now} против {format_value(previous.value, unit)}")
        # «хуже … 86,8 % против 86,8 %» tells the reader of no difference: worse beyond the shown digits only is none
        found += [f"в {label} {name} хуже, чем {BENCHMARK_WORDS.get(b.label, b.label)}: {now} против {there}"
                  for b in line.benchmarks
                  if b.status == Status.WORSE and (there := format_value(b.reference, unit)) != now]
        if found:
            problems[indicator.code] = found
    return problems


def open_decisions(school: OrgUnit, year: int) -> list[Decision]:
    """The school's decisions of `year` still to be carried out, with the item of the plan they were taken on."""
    return list(Decision.objects.filter(school=school, year_id=year, status__in=DecisionStatus.open())
                .select_related("plan_item").order_by("date", "pk"))


def decision_problem(decision: Decision) -> str:
    """«решение 2024/2025 учебного года «…» (педагогический совет, № 1, 29.08.2025) не исполнено: выполняется,
    срок 31.12.2025»"""
    deadline = f", срок {decision.deadline:%d.%m.%Y}" if decision.deadline else ""
    return (f"решение {year_label(decision.year_id)} учебного года «{decision.title}» ({decision.adopted}, "
            f"{decision.date:%d.%m.%Y}) не исполнено: {DecisionStatus(decision.status).label}{deadline}")
