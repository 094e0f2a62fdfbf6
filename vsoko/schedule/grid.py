"""The schedule as schools publish it: a table per month, classes × school days, a short subject in a cell, the
holidays marked; and per half-year, classes × months with the dates of the works (the export's layout)."""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from vsoko.plan.enums import MONTH_NAMES
from vsoko.records.models import SchoolClass
from vsoko.records.years import calendar_year
from vsoko.schedule.enums import Half
from vsoko.schedule.holidays import PUBLIC_HOLIDAYS
from vsoko.schedule.models import Holiday, ScheduledAssessment
from vsoko.schedule.wording import abbreviation

WORKDAYS = 5  # Monday to Friday; a Saturday shows when a work falls on it


@dataclass
class Day:
    date: datetime.date
    holiday: str  # the name of every class's holidays on the day, or ""

    @property
    def public_holiday(self) -> str:
        """«День Победы» on a non-working public holiday, or ""."""
        return PUBLIC_HOLIDAYS.get((self.date.month, self.date.day), "")


@dataclass
class Cell:
    works: list[ScheduledAssessment]
    holiday: str  # the name of the class's holidays on the day, or ""


@dataclass
class MonthGrid:
    name: str
    days: list[Day]
    rows: list[tuple[SchoolClass, list[Cell]]]


def holiday_on(date: datetime.date, grade: int | None, holidays: Sequence[Holiday]) -> str:
    """The name of the holidays on the date for the grade (None: those of every class), or ""."""
    for holiday in holidays:
        if holiday.start <= date <= holiday.end and (holiday.applies_to(grade) if grade else not holiday.grades):
            return holiday.name
    return ""


def month_grids(entries: list[ScheduledAssessment], classes: list[SchoolClass], year: int,
                half: Half, holidays: Sequence[Holiday] = ()) -> list[MonthGrid]:
    by_cell = defaultdict(list)
    for entry in entries:
        by_cell[(entry.school_class_id, entry.date)].append(entry)
    dated = {entry.date for entry in entries}
    grids = []
    for month in half.months():
        in_year = calendar_year(year, month)
        dates = [datetime.date(in_year, month, d) for d in range(1, calendar.monthrange(in_year, month)[1] + 1)]
        dates = [d for d in dates if d.weekday() < WORKDAYS or d in dated]
        rows = [(c, [Cell(by_cell[(c.pk, d)], holiday_on(d, c.grade, holidays)) for d in dates]) for c in classes]
        grids.append(MonthGrid(MONTH_NAMES[month], [Day(d, holiday_on(d, None, holidays)) for d in dates], rows))
    return grids


def by_class_and_month(entries: list[ScheduledAssessment], half: Half) -> dict[str, dict[int, str]]:
    """Class name → month → «14.10 мат (ВПР); 21.10 рус», the cells of the published table."""
    cells: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for entry in sorted(entries, key=lambda e: (e.date, e.pk)):
        kind = entry.get_kind_display()
        cells[entry.school_class.name][entry.date.month].append(
            f"{entry.date:%d.%m} {abbreviation(entry.subject.name)} ({kind})")
    return {name: {m: "; ".join(cells[name][m]) for m in half.months()} for name in cells}
