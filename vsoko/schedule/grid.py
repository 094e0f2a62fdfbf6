"""The schedule as schools publish it: a table per month, classes × school days, a short subject in a cell;
and per half-year, classes × months with the dates of the works (the export's layout)."""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass

from vsoko.plan.enums import MONTH_NAMES
from vsoko.records.models import SchoolClass
from vsoko.schedule.enums import Half
from vsoko.schedule.models import ScheduledAssessment
from vsoko.schedule.wording import abbreviation

WORKDAYS = 5  # Monday to Friday; a Saturday shows when a work falls on it


@dataclass
class MonthGrid:
    name: str
    days: list[datetime.date]
    rows: list[tuple[SchoolClass, list[list[ScheduledAssessment]]]]


def month_grids(entries: list[ScheduledAssessment], classes: list[SchoolClass], year: int,
                half: Half) -> list[MonthGrid]:
    by_cell = defaultdict(list)
    for entry in entries:
        by_cell[(entry.school_class_id, entry.date)].append(entry)
    dated = {entry.date for entry in entries}
    grids = []
    for month in half.months():
        calendar_year = year if month >= 9 else year + 1
        days = [datetime.date(calendar_year, month, d) for d in range(1, calendar.monthrange(calendar_year, month)[1] + 1)]
        days = [d for d in days if d.weekday() < WORKDAYS or d in dated]
        rows = [(c, [by_cell[(c.pk, d)] for d in days]) for c in classes]
        grids.append(MonthGrid(MONTH_NAMES[month], days, rows))
    return grids


def by_class_and_month(entries: list[ScheduledAssessment], half: Half) -> dict[str, dict[int, str]]:
    """Class name → month → «14.10 мат (ВПР); 21.10 рус», the cells of the published table."""
    cells: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for entry in sorted(entries, key=lambda e: (e.date, e.pk)):
        kind = entry.get_kind_display()
        cells[entry.school_class.name][entry.date.month].append(
            f"{entry.date:%d.%m} {abbreviation(entry.subject.name)} ({kind})")
    return {name: {m: "; ".join(cells[name][m]) for m in half.months()} for name in cells}
