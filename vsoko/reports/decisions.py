"""The section «Управленческие решения по итогам ВСОКО» of the analytic справка and of the self-examination:
the decisions of the year with where they were adopted, their status and their computed effectiveness
(vsoko.decisions.effect). The responsible staff are named only in the internal справка (`names`): the
self-examination report is published on the school's website. A published report passes `withhold` too: its mark
(«—*», «скрыто») for a figure it withholds elsewhere, so that the decisions' effectiveness does not give it back."""

from __future__ import annotations

from collections.abc import Callable

from vsoko.decisions.effect import Effect, effects_of
from vsoko.decisions.enums import DecisionStatus, Verdict
from vsoko.decisions.models import Decision
from vsoko.indicators.evaluate import Value
from vsoko.records.models import OrgUnit
from vsoko.reports.cells import change_cell, value_cell, year_label
from vsoko.reports.document import Paragraph, Section, Table, cell_text

HEADING = "Управленческие решения по итогам ВСОКО"

# A value and its unit → the published report's mark instead of the value, or None to show it.
Withhold = Callable[[Value, str], str | None]


def shown(value: Value, unit: str) -> None:
    """The internal справка withholds nothing."""
    return None


def decisions_section(section: Section, school: OrgUnit, year: int, *, names: bool,
                      withhold: Withhold = shown) -> None:
    decisions = list(Decision.objects.filter(school=school, year_id=year).select_related("school"))
    label = year_label(year)
    if not decisions:
        section.blocks.append(Paragraph(f"Управленческие решения по итогам ВСОКО за {label} учебный год в системе "
                                        "не записаны."))
        return
    done = sum(1 for d in decisions if d.status == DecisionStatus.DONE)
    overdue = sum(1 for d in decisions if d.is_overdue())
    section.blocks.append(Paragraph(
        f"Принято управленческих решений по итогам ВСОКО за {label} учебный год: {len(decisions)}, выполнено — "
        f"{done}" + (f", срок исполнения прошёл — {overdue}" if overdue else "") + "."))
    effects = effects_of(decisions)
    header = ["Дата", "Решение", "Где принято", *(["Ответственный"] if names else []), "Срок", "Состояние",
              f"Результативность ({label} → {year_label(year + 1)})"]
    table = Table(header)
    for d in decisions:
        status = d.get_status_display() + (", срок прошёл" if d.is_overdue() else "")
        table.add(d.date.strftime("%d.%m.%Y"), d.title, d.adopted, *([d.responsible or "—"] if names else []),
                  d.deadline.strftime("%d.%m.%Y") if d.deadline else "—", status, effect_text(effects[d.pk], withhold))
    table.notes.append("Результативность — изменение показателей, на которые направлено решение, от года решения "
                       "к следующему; «без изменений» — меньше 1 п. п. для процентов и меньше 1 % значения для "
                       "остальных показателей.")
    section.blocks.append(table)


def effect_text(effects: list[Effect], withhold: Withhold = shown) -> str:
    """«Качество знаний: 50 % → 71,4 % (+21,4 п. п.) — улучшение»; one line per indicator."""
    if not effects:
        return "показатели не указаны"
    return "; ".join(_line(e, withhold) for e in effects)


def _line(effect: Effect, withhold: Withhold) -> str:
    if effect.indicator is None:
        return f"{effect.code} — {Verdict.NO_DATA.label}"
    unit = effect.indicator.unit
    before, after = withhold(effect.before, unit), withhold(effect.after, unit)
    values = f"{before or _text(effect.before, unit)} → {after or _text(effect.after, unit)}"
    # A value is missing: «→ нет данных» says it, «— нет данных» again would not. A value is withheld: the change
    # and the verdict from it and the other, shown value would give it back.
    if effect.change is None or before or after:
        return f"{effect.indicator.name}: {values}"
    return f"{effect.indicator.name}: {values} ({cell_text(change_cell(effect.change, unit, effect.before.value))}) — {effect.verdict.label}"


def _text(value: Value, unit: str) -> str:
    return cell_text(value_cell(value, unit))
