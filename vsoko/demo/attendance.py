"""The demo school's attendance (vsoko.attendance) for each of its years: a record per pupil and period of the
school's system (quarters, trimesters or halves) — illnesses of 3–7 days now and then (about 7 days a year a
pupil, more for a few sickly ones), some lessons missed for a good reason, and a few pupils who miss lessons
without one. A random generator of its own, seeded from the demo's seed, so every other demo figure stays as it
was; one bulk insert, then the year's data values. Running the demo again keeps them as they are."""

from __future__ import annotations

import random

from vsoko.attendance.models import AttendanceRecord, PeriodKind
from vsoko.datavalues.compute import recompute
from vsoko.records.enums import PeriodSystem
from vsoko.records.models import Enrollment, OrgUnit

PERIODS = {PeriodSystem.QUARTERS: (PeriodKind.QUARTER, 4), PeriodSystem.TRIMESTERS: (PeriodKind.TRIMESTER, 3),
           PeriodSystem.HALVES: (PeriodKind.HALF, 2)}
ILLNESS_PER_QUARTER = 0.33  # the chance of falling ill in a quarter's time (twice for a sickly pupil)
TRUANTS = 0.05  # pupils who miss lessons without a good reason


def attend_demo_years(school: OrgUnit, last_year: int, years: int, seed: int) -> None:
    first = last_year - years + 1
    if AttendanceRecord.objects.filter(school=school, year_id__gte=first).exists():
        return
    rng = random.Random(f"{seed}-attendance")
    kind, count = PERIODS.get(school.period_system, PERIODS[PeriodSystem.QUARTERS])
    quarters = 4 / count  # a period's length in quarters
    records = []
    pupils = (Enrollment.objects.filter(school=school, year_id__gte=first, year_id__lte=last_year)
              .order_by("year_id", "student__student_id")
              .values_list("year_id", "student_id", "school_class_id", "school_class__grade", "left_on"))
    for year, student, school_class, grade, left_on in pupils:
        sickly = 2 if rng.random() < 0.1 else 1
        truant = rng.random() < TRUANTS
        per_day = 4 + grade // 3
        for number in range(1, count + 1 if left_on is None else 2):
            days_ill = sum(rng.randint(3, 7) for _ in range(round(quarters))
                           if rng.random() < ILLNESS_PER_QUARTER * sickly)
            days_excused = rng.choice((0, 0, 0, 1, 2))
            unexcused = rng.randint(2, 16) * round(quarters) if truant else (1 if rng.random() < 0.1 else 0)
            records.append(AttendanceRecord(
                school=school, year_id=year, student_id=student, school_class_id=school_class, period_kind=kind,
                period_number=number, lessons_ill=days_ill * per_day, lessons_excused=days_excused * per_day,
                lessons_unexcused=unexcused, lessons_missed=(days_ill + days_excused) * per_day + unexcused,
                days_ill=days_ill, days_missed=days_ill + days_excused + unexcused // per_day,
            ))
    AttendanceRecord.objects.bulk_create(records, batch_size=2000)
    if records:
        recompute(school, sorted({r.year_id for r in records}))
