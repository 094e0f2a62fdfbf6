"""«Сведения о школе»: the school's name and its system of periods (четверти, триместры, полугодия).

The system orders a pupil's card, the period results and their «к прошлому периоду»; marks of another
system are still kept and shown, after the school's own periods. A school that loaded trimester marks
while its system says quarters is told so (`system_in_marks`), and changes it here.
"""

from __future__ import annotations

from collections.abc import Iterable

from vsoko.records.enums import Period, PeriodSystem
from vsoko.records.models import OrgUnit, PeriodMark

SYSTEM_OF_PERIOD: dict[Period, PeriodSystem] = {
    period: system for system in PeriodSystem for period in Period.for_system(system) if period != Period.YEAR
}


class SchoolDetailsError(ValueError):
    pass


def system_in_marks(school: OrgUnit, year: int) -> PeriodSystem | None:
    """The one system the school's period marks of the year use, when it is not the school's own; None when
    they use the school's system, several systems, or there are no term marks."""
    found = PeriodMark.objects.filter(school=school, year_id=year).order_by().values_list("period", flat=True)
    return other_system(school, [Period(p) for p in found.distinct()])


def other_system(school: OrgUnit, periods: Iterable[Period]) -> PeriodSystem | None:
    """As system_in_marks, for the periods a page already read."""
    systems = {SYSTEM_OF_PERIOD[p] for p in periods if p != Period.YEAR}
    if len(systems) == 1 and (found := systems.pop()) != school.period_system:
        return found
    return None


def change_school_details(school: OrgUnit, *, name: str, period_system: str) -> dict[str, tuple[str, str]]:
    """Saves the school's name and system of periods; returns what changed as {field: (before, after)}."""
    name = " ".join(name.split())
    if not name:
        raise SchoolDetailsError("Укажите название школы: оно стоит в отчётах и на титульном листе.")
    if period_system not in PeriodSystem.values:
        raise SchoolDetailsError(f"Система учебных периодов «{period_system}» неизвестна: выберите четверти, "
                                 "триместры или полугодия.")
    changes = {}
    if name != school.name:
        changes["название"] = (school.name, name)
    if period_system != school.period_system:
        changes["учебные периоды"] = (PeriodSystem(school.period_system).label, PeriodSystem(period_system).label)
    if changes:
        school.name, school.period_system = name, period_system
        school.save(update_fields=["name", "period_system"])
    return changes
