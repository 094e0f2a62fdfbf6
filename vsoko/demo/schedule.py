"""The demo school's schedule of assessment procedures for its last year: the ВПР and regional diagnostics on the
dates of the demo's loaded Assessment records (so their results show as loaded), the school's контрольные работы
(one per half-year in the main subjects, a входная диагностика in Russian and mathematics, never in holidays or on a
day off), the subjects' yearly hours from the demo curriculum — and four deliberate problems for the checks to find:
a контрольная работа on a ВПР day, a subject of one hour a week with four works, a week of four works in one class,
a work of the first grade in its February holidays. Every year of the demo has the typical holidays.

The generator has its own random.Random seeded from the demo's seed, so no other demo number changes; running
the demo again keeps the schedule as it is."""

from __future__ import annotations

import datetime
import random

from vsoko.demo import curriculum as cur
from vsoko.records.enums import AssessmentKind
from vsoko.records.models import Assessment, OrgUnit, SchoolClass, Subject
from vsoko.schedule.changes import load_typical_holidays
from vsoko.schedule.enums import Level, ProcedureKind
from vsoko.schedule.holidays import FIRST_GRADE, day_off
from vsoko.schedule.models import Holiday, ScheduledAssessment, SubjectHours

WEEKS = 34  # a school year's teaching weeks (33 in the first grade)
MAIN = {"Русский язык", "Математика", "Алгебра", "Геометрия", "Английский язык", "Литературное чтение",
        "Литература", "Окружающий мир", "История", "Обществознание", "География", "Биология", "Физика", "Химия",
        "Информатика"}
FROM_ASSESSMENTS = {AssessmentKind.VPR: (ProcedureKind.VPR, Level.FEDERAL),
                    AssessmentKind.RDR: (ProcedureKind.REGIONAL, Level.REGIONAL),
                    AssessmentKind.REGIONAL_FL: (ProcedureKind.REGIONAL, Level.REGIONAL)}
# School terms without holidays: the windows the school's own works fall in.
FIRST_HALF = ((9, 9, 10, 24), (11, 6, 12, 24))
SECOND_HALF = ((1, 13, 3, 20), (4, 1, 5, 22))


def holidays_demo_years(school: OrgUnit, last_year: int, years: int) -> None:
    """The typical holidays of each demo year, loaded as the school's button does; a year with holidays is kept."""
    for year in range(last_year - years + 1, last_year + 1):
        if not Holiday.objects.filter(school=school, year_id=year).exists():
            load_typical_holidays(school=school, year=year)


def schedule_demo_year(school: OrgUnit, year: int, seed: int) -> None:
    if ScheduledAssessment.objects.filter(school=school, year_id=year).exists():
        return
    rng = random.Random(f"{seed}-schedule")
    classes = list(SchoolClass.objects.filter(school=school, year_id=year).order_by("grade", "name"))
    holidays = list(Holiday.objects.filter(school=school, year_id=year))
    subjects = {s.name.lower(): s for s in Subject.objects.all()}  # the journal's names, in any case
    _hours(school, year, {c.grade for c in classes}, subjects)
    rows: list[ScheduledAssessment] = []
    busy: set[tuple[int, datetime.date]] = set()

    def add(school_class, date, subject, kind, level=Level.SCHOOL, note=""):
        rows.append(ScheduledAssessment(
            school=school, year_id=year, date=date, school_class=school_class,
            subject=subject, kind=kind, level=level, note=note))
        busy.add((school_class.pk, date))

    def closed(school_class, date) -> bool:
        return bool(day_off(date, school_class.grade)) or any(
            h.start <= date <= h.end and h.applies_to(school_class.grade) for h in holidays)

    external = _external(school, year, classes, add)
    _deliberate(year, classes, subjects, external, holidays, add)
    for school_class in classes:
        for info, weekly in cur.plan(school_class.grade, year):
            if info.name not in MAIN or weekly < 2 or info.name.lower() not in subjects:
                continue
            subject = subjects[info.name.lower()]
            for windows, kind in ((FIRST_HALF, ProcedureKind.TEST), (SECOND_HALF, ProcedureKind.FINAL_TEST)):
                add(school_class, _free_day(rng, year, windows, school_class, busy, closed), subject, kind)
            if info.name in ("Русский язык", "Математика"):
                add(school_class, _free_day(rng, year, ((9, 9, 9, 26),), school_class, busy, closed), subject,
                    ProcedureKind.DIAGNOSTIC, note="входная диагностика")
    ScheduledAssessment.objects.bulk_create(rows)


def _hours(school: OrgUnit, year: int, grades: set[int], subjects: dict[str, Subject]) -> None:
    SubjectHours.objects.bulk_create([
        SubjectHours(school=school, year_id=year, grade=grade, subject=subjects[info.name.lower()],
                     hours=round(weekly * (WEEKS - 1 if grade == 1 else WEEKS)))
        for grade in sorted(grades) for info, weekly in cur.plan(grade, year) if info.name.lower() in subjects
    ])


def _external(school, year, classes, add) -> list[tuple[SchoolClass, datetime.date]]:
    """The federal and regional procedures of the year's Assessment records, in every class of their grade; one a
    day in a class (the region's functional-literacy work is one procedure of three directions)."""
    placed = []
    assessments = (Assessment.objects.filter(school=school, year_id=year, kind__in=list(FROM_ASSESSMENTS),
                                             date__isnull=False, grade__isnull=False, subject__isnull=False)
                   .select_related("subject").order_by("date", "grade"))
    for assessment in assessments:
        kind, level = FROM_ASSESSMENTS[AssessmentKind(assessment.kind)]
        for school_class in classes:
            if school_class.grade == assessment.grade and (school_class, assessment.date) not in placed:
                add(school_class, assessment.date, assessment.subject, kind, level)
                placed.append((school_class, assessment.date))
    return placed


def _free_day(rng: random.Random, year: int, windows, school_class, busy, closed) -> datetime.date:
    """A weekday in one of the windows, not closed for the class (holidays, a public holiday), with no work of the
    class that day and fewer than three that week."""
    for _ in range(200):
        start_month, start_day, end_month, end_day = rng.choice(windows)
        start = datetime.date(year if start_month >= 9 else year + 1, start_month, start_day)
        end = datetime.date(year if end_month >= 9 else year + 1, end_month, end_day)
        day = start + datetime.timedelta(days=rng.randrange((end - start).days + 1))
        monday = day - datetime.timedelta(days=day.weekday())
        in_week = sum(1 for offset in range(7) if (school_class.pk, monday + datetime.timedelta(offset)) in busy)
        if day.weekday() < 5 and not closed(school_class, day) and (school_class.pk, day) not in busy and in_week < 2:
            return day
    raise RuntimeError(f"Нет свободного дня для работы в {school_class.name}")


def _deliberate(year, classes, subjects, external, holidays, add) -> None:
    """Four problems a deputy would catch: a контрольная работа on a ВПР day, four works in a subject of 34 hours
    a year, four works in one week, a work of the first grade in its February holidays. Placed before the other
    works, which keep clear of their days."""
    if external:
        school_class, date = external[0]
        add(school_class, date, subjects["русский язык"], ProcedureKind.TEST)
    seventh = next((c for c in classes if c.grade == 7), None)
    if seventh is not None and "информатика" in subjects:
        for month, number in ((10, 8), (12, 3), (2, 11), (3, 11)):
            add(seventh, _weekday(year, month, number), subjects["информатика"], ProcedureKind.CHECK)
    sixth = next((c for c in classes if c.grade == 6), None)
    if sixth is not None:
        day = _weekday(year, 11, 17)
        monday = day - datetime.timedelta(days=day.weekday())
        for offset, name in enumerate(("история", "география", "биология", "английский язык")):
            add(sixth, monday + datetime.timedelta(days=offset), subjects[name], ProcedureKind.CHECK)
    first = next((c for c in classes if c.grade == FIRST_GRADE), None)
    february = next((h for h in holidays if h.grades == [FIRST_GRADE]), None)
    if first is not None and february is not None and "математика" in subjects:
        add(first, february.start + datetime.timedelta(days=2), subjects["математика"], ProcedureKind.CHECK)


def _weekday(year: int, month: int, number: int) -> datetime.date:
    day = datetime.date(year if month >= 9 else year + 1, month, number)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day
