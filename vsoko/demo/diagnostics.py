"""The demo school's pupils' diagnostics (regulation 000, п. 4.4) for each of its years: readiness (September)
and adaptation (October) of grade 1, adaptation of grade 5, anxiety in grades 1 and 5, воспитанность in
grades 2–11 (April), physical development after the medical examination in grades 1–11 (September), the
social-psychological testing (СПТ) of grades 7–11 (October) and the профессиональная диагностика of grades 10–11
(November) of regulation 004. Levels are drawn with a random generator of each procedure's own, seeded from the
demo's seed, so every other demo figure stays as it was; the shares improve a little from year to year. A few
pupils are not assessed (absent on the day). Running the demo again keeps them as they are."""

from __future__ import annotations

import datetime
import random

from django.db.models import Q

from vsoko.datavalues.compute import recompute
from vsoko.diagnostics.models import Diagnostic, DiagnosticResult
from vsoko.diagnostics.procedures import procedure
from vsoko.records.models import Enrollment, OrgUnit, SchoolClass

# procedure: (grades, (month, day) and whether in the second calendar year, level weights in the file's order)
PLAN = {
    "readiness_1": ((1,), (9, 20, False), (28, 55, 17)),
    "adaptation_1": ((1,), (10, 20, False), (38, 49, 13)),
    "adaptation_5": ((5,), (10, 25, False), (30, 54, 16)),
    "anxiety": ((1, 5), (10, 15, False), (33, 48, 19)),
    "upbringing": (tuple(range(2, 12)), (4, 20, True), (24, 58, 18)),
    "health": (tuple(range(1, 12)), (9, 25, False), (68, 26, 6)),
    "spt": ((7, 8, 9, 10, 11), (10, 8, False), (86, 10, 4)),
    "career_10_11": ((10, 11), (11, 12, False), (40, 42, 18)),
}
ABSENT = 0.04
YEARLY_GAIN = 2  # points moved to the best level each year (from the worst)


def hold_demo_diagnostics(school: OrgUnit, last_year: int, years: int, seed: int) -> None:
    first = last_year - years + 1
    if Diagnostic.objects.filter(school=school, year_id__gte=first).exists():
        return
    rngs = {code: random.Random(f"{seed}-diagnostics-{code}") for code in PLAN}
    held = []
    for year in range(first, last_year + 1):
        for code, (grades, (month, day, spring), weights) in PLAN.items():
            rng = rngs[code]
            gain = YEARLY_GAIN * (year - first)
            weights = (weights[0] + gain, *weights[1:-1], max(1, weights[-1] - gain))
            date = datetime.date(year + 1 if spring else year, month, day)
            classes = SchoolClass.objects.filter(school=school, year_id=year, grade__in=grades).order_by("name")
            for school_class in classes:
                held.append(year)
                _hold(rng, school, year, code, date, school_class, weights)
    if held:
        recompute(school, sorted(set(held)))


def _hold(rng, school, year, code, date, school_class, weights) -> None:
    levels = procedure(code).level_codes
    diagnostic = Diagnostic.objects.create(school=school, year_id=year, procedure=code, date=date,
                                           school_class=school_class)
    pupils = (Enrollment.objects.filter(school_class=school_class).filter(Q(left_on__isnull=True) | Q(left_on__gte=date))
              .order_by("student__student_id").values_list("pk", flat=True))
    DiagnosticResult.objects.bulk_create(
        DiagnosticResult(diagnostic=diagnostic, enrollment_id=pk, level=rng.choices(levels, weights)[0])
        for pk in pupils if rng.random() >= ABSENT
    )
