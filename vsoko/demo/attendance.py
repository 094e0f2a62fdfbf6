"""Every demo school's attendance (vsoko.attendance) for each of its years: a record per pupil and period of the
school's system (quarters, trimesters or halves) — illnesses of 3–7 days now and then (about 7 days a year a
pupil, more for a few sickly ones), some lessons missed for a good reason, and a few pupils who miss lessons
without one. A pupil who left has his first period only.

Set-based: one INSERT … SELECT a school over its enrollments × the periods, the chances drawn by a hash of the
seed, the pupil's record, the year, the period and the draw (`_draw`) — the same on SQLite and PostgreSQL, no
random generator shared with the rest of the demo, so every other demo figure stays as it was. The data values
follow from the import's recomputation (see `attend_demo_years`). Running the demo again keeps a school's
attendance as it is."""

from __future__ import annotations

from django.db import connection

from vsoko.attendance.models import AttendanceRecord, PeriodKind
from vsoko.datavalues.compute import recompute
from vsoko.records.enums import PeriodSystem
from vsoko.records.models import Enrollment, OrgUnit, SchoolClass

PERIODS = {PeriodSystem.QUARTERS: (PeriodKind.QUARTER, 4), PeriodSystem.TRIMESTERS: (PeriodKind.TRIMESTER, 3),
           PeriodSystem.HALVES: (PeriodKind.HALF, 2)}
# Chances in thousandths.
ILLNESS_PER_QUARTER = 330  # falling ill in a quarter's time (twice for a sickly pupil)
SICKLY = 100
TRUANTS = 50  # pupils who miss lessons without a good reason
ODD_UNEXCUSED = 100  # another pupil missing one lesson without one in a period


def _draw(seed: int, draw: int, *, per_period: bool = True) -> str:
    """A number 0…999 for the row's pupil, year (and period) and the draw's number: a hash in integer arithmetic
    (a multiply-and-add over 16 bits, then a linear congruential step, its high bits), which both databases
    compute alike. `%%`: the statement is run with parameters."""
    period = "p.n" if per_period else "0"
    return (f"((((e.student_id * 40503 + e.year_id * 2654 + {period} * 97 + {draw} * 7919 + {seed} * 104729) "
            f"%% 65536) * 1103515245 + 12345) / 65536 %% 1000)")


def _insert(school: OrgUnit, first: int, last: int, seed: int) -> int:
    kind, count = PERIODS.get(school.period_system, PERIODS[PeriodSystem.QUARTERS])
    quarters = round(4 / count)  # a period's length in quarters: the illnesses it may hold
    sickly = f"(CASE WHEN {_draw(seed, 1, per_period=False)} < {SICKLY} THEN 2 ELSE 1 END)"
    truant = f"{_draw(seed, 2, per_period=False)} < {TRUANTS}"
    days_ill = " + ".join(f"(CASE WHEN {_draw(seed, 10 + j)} < {ILLNESS_PER_QUARTER} * {sickly} "
                          f"THEN 3 + {_draw(seed, 20 + j)} %% 5 ELSE 0 END)" for j in range(quarters))
    excused = f"(CASE {_draw(seed, 3)} %% 5 WHEN 3 THEN 1 WHEN 4 THEN 2 ELSE 0 END)"
    unexcused = (f"(CASE WHEN {truant} THEN (2 + {_draw(seed, 4)} %% 15) * {quarters} "
                 f"WHEN {_draw(seed, 5)} < {ODD_UNEXCUSED} THEN 1 ELSE 0 END)")
    numbers = " UNION ALL ".join(f"SELECT {n} AS n" for n in range(1, count + 1))
    record, enrollment, school_class = (m._meta.db_table for m in (AttendanceRecord, Enrollment, SchoolClass))
    sql = f"""
        INSERT INTO {record} (school_id, year_id, student_id, school_class_id, period_kind, period_number,
                              lessons_missed, lessons_ill, lessons_excused, lessons_unexcused, days_missed, days_ill)
        SELECT school_id, year_id, student_id, school_class_id, %s, n, (di + de) * pd + ux, di * pd, de * pd, ux,
               di + de + ux / pd, di
        FROM (SELECT e.school_id, e.year_id, e.student_id, e.school_class_id, p.n, 4 + c.grade / 3 AS pd,
                     {days_ill} AS di, {excused} AS de, {unexcused} AS ux
              FROM {enrollment} e JOIN {school_class} c ON c.id = e.school_class_id CROSS JOIN ({numbers}) p
              WHERE e.school_id = %s AND e.year_id >= %s AND e.year_id <= %s AND (e.left_on IS NULL OR p.n = 1)) g
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [str(kind), school.pk, first, last])
        return cursor.rowcount


def attend_demo_years(school: OrgUnit, last_year: int, years: int, seed: int, *, values: bool = True) -> None:
    """The school's attendance of its last `years` years; then its data values, unless `values` is False: the demo
    inserts it within the transaction of the school's import (vsoko.demo.service), whose recomputation on commit
    counts it — a second recomputation of every school took longer than the rest of the demo's attendance."""
    first = last_year - years + 1
    if AttendanceRecord.objects.filter(school=school, year_id__gte=first).exists():
        return
    if _insert(school, first, last_year, seed) and values:
        recompute(school, sorted(set(AttendanceRecord.objects.filter(school=school, year_id__gte=first)
                                     .values_list("year_id", flat=True))))
