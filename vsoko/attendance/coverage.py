"""How much of a school year's attendance is loaded: which classes (of those with pupils in the year) have records
and whether each covers the whole year — its records «за год», all four quarters, three trimesters, both halves or
the nine months September–May. The year's value of reg000.4.4.6.4 divides the days of the classes loaded by all
pupils of the contingent (students.ce), so a year loaded in part reads low: the attendance page and the
indicator's page say so («загружено: 12 из 22 классов, I–III четверти»)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from vsoko.attendance.models import MONTHS, ROMAN, AttendanceRecord, PeriodKind
from vsoko.attendance.reader import PeriodRef, all_periods
from vsoko.indicators.formatting import consecutive_runs
from vsoko.records.enums import OrgUnitKind
from vsoko.records.models import Enrollment, OrgUnit, SchoolClass

# The numbers of the periods of a kind that make a whole year.
WHOLE_YEAR = {PeriodKind.YEAR: {0}, PeriodKind.QUARTER: {1, 2, 3, 4}, PeriodKind.TRIMESTER: {1, 2, 3},
              PeriodKind.HALF: {1, 2}, PeriodKind.MONTH: {9, 10, 11, 12, 1, 2, 3, 4, 5}}
PLURAL = {PeriodKind.QUARTER: ("четверть", "четверти"), PeriodKind.TRIMESTER: ("триместр", "триместры"),
          PeriodKind.HALF: ("полугодие", "полугодия")}
INDICATOR = "reg000.4.4.6.4"


@dataclass
class Coverage:
    classes: int  # classes of the year with pupils
    loaded: list[str]  # the names of those with attendance records
    missing: list[str]  # the names of those without
    part_year: list[str]  # loaded, but not for the whole year
    periods: list[PeriodRef]

    @property
    def complete(self) -> bool:
        return not self.missing and not self.part_year

    @property
    def periods_text(self) -> str:
        return periods_text(self.periods)

    @property
    def text(self) -> str:
        """«загружено: 12 из 22 классов, I–III четверти»."""
        return f"загружено: {len(self.loaded)} из {self.classes} {_classes(self.classes)}, {self.periods_text}"


def _classes(n: int) -> str:
    return "класса" if n % 10 == 1 and n % 100 != 11 else "классов"


def _names(names: list[str], shown: int = 10) -> str:
    return ", ".join(names[:shown]) + (f" и ещё {len(names) - shown}" if len(names) > shown else "")


def periods_text(periods: list[PeriodRef]) -> str:
    """«I–III четверти», «сентябрь–октябрь, I четверть», «год»: the periods loaded, by kind, runs joined by a dash."""
    by_kind: dict[str, list[int]] = defaultdict(list)
    for p in periods:
        by_kind[p.kind].append(p.number)
    parts = []
    for kind, numbers in by_kind.items():
        if kind == PeriodKind.YEAR:
            parts.append("год")
        elif kind == PeriodKind.MONTH:
            # The school year's order: September (9) … June (6) — as 9…12, 13…18.
            order = sorted((n if n >= 9 else n + 12) for n in numbers)
            parts.append(", ".join("–".join(dict.fromkeys((MONTHS[(r[0] - 1) % 12 + 1], MONTHS[(r[-1] - 1) % 12 + 1])))
                                   for r in consecutive_runs(order)))
        else:
            shown = ", ".join("–".join(dict.fromkeys((ROMAN[r[0]], ROMAN[r[-1]]))) for r in consecutive_runs(sorted(numbers)))
            one, many = PLURAL[kind]
            parts.append(f"{shown} {one if len(numbers) == 1 else many}")
    return ", ".join(parts)


def coverage(school: OrgUnit, year: int) -> Coverage:
    """Two small queries: the classes with pupils in the year, the (class, kind, number) triples loaded."""
    with_pupils = set(Enrollment.objects.filter(school=school, year_id=year).values_list("school_class_id", flat=True))
    classes = [(c.pk, c.name) for c in SchoolClass.objects.filter(pk__in=with_pupils).order_by("grade", "letter", "name")]
    loaded: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for class_id, kind, number in (AttendanceRecord.objects.filter(school=school, year_id=year)
                                   .values_list("school_class_id", "period_kind", "period_number").distinct()):
        loaded[class_id][kind].add(number)
    found = {(k, n) for kinds in loaded.values() for k, numbers in kinds.items() for n in numbers}
    return Coverage(
        classes=len(classes),
        loaded=[name for pk, name in classes if pk in loaded],
        missing=[name for pk, name in classes if pk not in loaded],
        part_year=[name for pk, name in classes if pk in loaded and not any(
            WHOLE_YEAR[kind] <= numbers for kind, numbers in loaded[pk].items())],
        periods=[p for p in all_periods() if (p.kind, p.number) in found],
    )


def indicator_note(unit: OrgUnit, year: int, code: str) -> str | None:
    """The indicator page's warning for reg000.4.4.6.4 of a school whose year is loaded in part; None otherwise (no
    attendance at all: the value is absent, which the page shows by itself)."""
    if code != INDICATOR or unit.kind != OrgUnitKind.SCHOOL:
        return None
    found = coverage(unit, year)
    if not found.loaded or found.complete:
        return None
    short = [f"не загружены: {_names(found.missing)}" if found.missing else "",
             f"не за весь год: {_names(found.part_year)}" if found.part_year else ""]
    return (f"Посещаемость за год загружена не полностью ({found.text}; {'; '.join(s for s in short if s)}). "
            "Знаменатель — все обучающиеся на конец года, поэтому значение занижено, пока не загружены все классы "
            "за все периоды.")
