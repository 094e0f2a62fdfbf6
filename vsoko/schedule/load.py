"""The load checks of the schedule: what the federal recommendations and the region forbid or warn about.

Federal recommendations (письмо Минпросвещения и Рособрнадзора от 06.08.2021 № СК-228/03, № 01-169/08-01):
not more than one assessment a day in a class; the school's own assessments of a subject not more than 10 % of
its yearly hours in the class; no school assessment in a class on the day of a federal or regional procedure.
A common regional rule: not more than three assessments a week in a class — a warning, not a breach. No
assessment in the class's holidays or on a day off (vsoko.schedule.holidays).
The thresholds are settings (VSOKO_SCHEDULE_MAX_PER_DAY, _MAX_SHARE_PERCENT, _MAX_PER_WEEK).

Every check groups in the database (class × date, class × ISO week, class × subject) and reads the rows of the
groups found only; the checks of several schools run together (`problems_of_schools`, the observer's counts),
so their queries do not grow with the number of schools.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import ExtractIsoWeekDay, ExtractIsoYear, ExtractWeek

from vsoko.records.models import OrgUnit
from vsoko.schedule.enums import Half, Level, ProblemKind
from vsoko.schedule.holidays import FIRST_GRADE, day_off, public_holidays
from vsoko.schedule.models import Holiday, ScheduledAssessment, SubjectHours
from vsoko.schedule.wording import day_of, work, works


@dataclass(frozen=True)
class Problem:
    kind: ProblemKind
    class_name: str  # «7А»; for missing hours the grade, «7 класс»
    text: str
    date: datetime.date | None = None
    week: datetime.date | None = None  # the Monday of the week
    subject: str = ""
    entry: int | None = None  # the work's pk, where the problem is of one work
    school: int | None = None  # the school's pk: the checks of several schools run together

    @property
    def when(self) -> datetime.date:
        return self.date or self.week or datetime.date.max  # a problem of the whole year last


def entries_of(school: OrgUnit | list[OrgUnit], year: int, half: Half | None = None) -> QuerySet[ScheduledAssessment]:
    """The works of a school (or of several) in the year or its half."""
    schools = school if isinstance(school, list) else [school]
    entries = ScheduledAssessment.objects.filter(school__in=schools, year_id=year)
    if half is not None:
        start, end = half.bounds(year)
        entries = entries.filter(date__range=(start, end))
    return entries


def problems(school: OrgUnit, year: int, half: Half | None = None) -> list[Problem]:
    """Every problem of the school's schedule for the year (or its half), by date and class."""
    return problems_of_schools([school], year, half)[school.pk]


def problems_of_schools(schools: list[OrgUnit], year: int, half: Half | None = None) -> dict[int, list[Problem]]:
    """`problems` of each school (by pk), the checks of all of them run together: as many queries for fifty
    schools as for one."""
    entries = entries_of(schools, year, half)
    in_holidays = on_holidays(entries, list(Holiday.objects.filter(school__in=schools, year_id=year)))
    found = [*same_day(entries), *on_external_days(entries), *in_holidays,
             *on_days_off(entries.exclude(pk__in=[p.entry for p in in_holidays]), year),
             *weekly(entries), *share_of_hours(schools, year, half)]
    by_school: dict[int, list[Problem]] = {school.pk: [] for school in schools}
    for problem in sorted(found, key=lambda p: (p.when, p.class_name, p.kind)):
        by_school[problem.school].append(problem)
    return by_school


def counts(found: list[Problem]) -> dict[ProblemKind, int]:
    counted = Counter(p.kind for p in found)
    return {kind: counted[kind] for kind in ProblemKind}


def _rows_of(entries: QuerySet[ScheduledAssessment], groups: list[Q]) -> QuerySet[ScheduledAssessment]:
    return entries.filter(reduce(or_, groups)).select_related("school_class", "subject").order_by("date", "pk")


def same_day(entries: QuerySet[ScheduledAssessment]) -> list[Problem]:
    """More than VSOKO_SCHEDULE_MAX_PER_DAY works in a class on one day."""
    crowded = list(entries.values("school_class", "date").annotate(n=Count("pk"))
                   .filter(n__gt=settings.VSOKO_SCHEDULE_MAX_PER_DAY))
    if not crowded:
        return []
    days = defaultdict(list)
    for row in _rows_of(entries, [Q(school_class=g["school_class"], date=g["date"]) for g in crowded]):
        days[(row.school_id, row.school_class.name, row.date)].append(row)
    return [Problem(ProblemKind.SAME_DAY, name, f"{name}, {date:%d.%m.%Y}: {works(len(rows))} в один день — "
                    + " и ".join(work(r.kind, r.subject.name) for r in rows), date=date, school=school)
            for (school, name, date), rows in days.items()]


def on_external_days(entries: QuerySet[ScheduledAssessment]) -> list[Problem]:
    """A school work in a class on the day of a federal or regional procedure in that class."""
    external = ScheduledAssessment.objects.filter(level__in=Level.external(), school_class=OuterRef("school_class"),
                                                  date=OuterRef("date")).order_by("pk")
    own = (entries.filter(level=Level.SCHOOL).filter(Exists(external))
           .annotate(external_kind=Subquery(external.values("kind")[:1]),
                     external_subject=Subquery(external.values("subject__name")[:1]))
           .select_related("school_class", "subject"))
    return [Problem(ProblemKind.EXTERNAL_DAY, row.school_class.name,
                    f"{row.school_class.name}, {row.date:%d.%m.%Y}: {work(row.kind, row.subject.name)} "
                    f"{day_of(row.external_kind, row.external_subject)}", date=row.date, subject=row.subject.name,
                    school=row.school_id)
            for row in own]


def on_holidays(entries: QuerySet[ScheduledAssessment], holidays: list[Holiday]) -> list[Problem]:
    """A work in the holidays of its class: every class's, or its grade's only (the first grade's February)."""
    if not holidays:
        return []
    spans = [Q(school=h.school_id, date__range=(h.start, h.end),
               **({"school_class__grade__in": h.grades} if h.grades else {})) for h in holidays]
    found = []
    for row in _rows_of(entries, spans):
        holiday = next(h for h in holidays if h.school_id == row.school_id and h.start <= row.date <= h.end
                       and h.applies_to(row.grade))
        name = row.school_class.name
        found.append(Problem(ProblemKind.HOLIDAY, name, f"{name}, {row.date:%d.%m.%Y}: {work(row.kind, row.subject.name)}"
                             f" — в каникулы («{holiday.name}», {holiday.period})", date=row.date,
                             subject=row.subject.name, entry=row.pk, school=row.school_id))
    return found


def on_days_off(entries: QuerySet[ScheduledAssessment], year: int) -> list[Problem]:
    """A work on a Sunday, a public holiday or, in the first grade, a Saturday."""
    weekday = ExtractIsoWeekDay("date")
    off = (entries.annotate(weekday=weekday)
           .filter(Q(weekday=7) | Q(weekday=6, school_class__grade=FIRST_GRADE) | Q(date__in=public_holidays(year))))
    found = []
    for row in off.select_related("school_class", "subject").order_by("date", "pk"):
        name = row.school_class.name
        found.append(Problem(ProblemKind.DAY_OFF, name, f"{name}, {row.date:%d.%m.%Y}: {work(row.kind, row.subject.name)}"
                             f" — {day_off(row.date, row.grade)}", date=row.date, subject=row.subject.name,
                             entry=row.pk, school=row.school_id))
    return found


def weekly(entries: QuerySet[ScheduledAssessment]) -> list[Problem]:
    """More than VSOKO_SCHEDULE_MAX_PER_WEEK works in a class in one ISO week: a warning."""
    limit = settings.VSOKO_SCHEDULE_MAX_PER_WEEK
    crowded = list(entries.annotate(iso_year=ExtractIsoYear("date"), week=ExtractWeek("date"))
                   .values("school_class", "iso_year", "week").annotate(n=Count("pk")).filter(n__gt=limit))
    if not crowded:
        return []
    weeks = {}
    for g in crowded:
        monday = datetime.date.fromisocalendar(g["iso_year"], g["week"], 1)
        weeks[(g["school_class"], monday)] = []
    groups = [Q(school_class=c, date__range=(m, m + datetime.timedelta(days=6))) for c, m in weeks]
    for row in _rows_of(entries, groups):
        weeks[(row.school_class_id, row.date - datetime.timedelta(days=row.date.weekday()))].append(row)
    found = []
    for (_, monday), rows in weeks.items():
        name = rows[0].school_class.name
        listed = "; ".join(f"{r.date:%d.%m} — {work(r.kind, r.subject.name)}" for r in rows)
        found.append(Problem(ProblemKind.WEEK, name, f"{name}, неделя с {monday:%d.%m.%Y}: {works(len(rows))} "
                             f"(рекомендуется не более {limit}): {listed}", week=monday, school=rows[0].school_id))
    return found


def share_of_hours(school: OrgUnit | list[OrgUnit], year: int, half: Half | None = None) -> list[Problem]:
    """The school's own works of a subject in a class over the whole year against VSOKO_SCHEDULE_MAX_SHARE_PERCENT
    of the subject's yearly hours; shown in the half where the first work over the limit falls. A subject
    without hours entered is reported once per grade."""
    share = settings.VSOKO_SCHEDULE_MAX_SHARE_PERCENT
    schools = school if isinstance(school, list) else [school]
    own = entries_of(schools, year).filter(level=Level.SCHOOL)
    groups = list(own.values("school", "school_class", "school_class__name", "subject", "subject__name",
                             grade=F("school_class__grade")).annotate(n=Count("pk")))
    for g in groups:
        g["hours_key"] = (g["school"], g["grade"], g["subject"])
    hours = {(h["school"], h["grade"], h["subject"]): h["hours"] for h in
             SubjectHours.objects.filter(school__in=schools, year_id=year).values("school", "grade", "subject", "hours")}
    over = [g for g in groups if g["hours_key"] in hours and g["n"] * 100 > hours[g["hours_key"]] * share]
    missing = sorted({(g["school"], g["grade"], g["subject__name"]) for g in groups if g["hours_key"] not in hours})
    found = [Problem(ProblemKind.NO_HOURS, f"{grade} класс",
                     f"{grade} класс, {subject}: в учебном плане не указаны часы в год — доля школьных работ "
                     "не проверена", subject=subject, school=school_pk) for school_pk, grade, subject in missing]
    if not over:
        return found
    dates = defaultdict(list)
    for row in own.filter(reduce(or_, [Q(school_class=g["school_class"], subject=g["subject"]) for g in over])) \
            .order_by("date", "pk").values("school_class", "subject", "date"):
        dates[(row["school_class"], row["subject"])].append(row["date"])
    for g in over:
        yearly = hours[g["hours_key"]]
        allowed = yearly * share // 100
        extra = dates[(g["school_class"], g["subject"])][allowed:]
        if half is not None and Half.of(extra[0]) != half:
            continue
        name = g["school_class__name"]
        found.append(Problem(
            ProblemKind.SHARE, name,
            f"{name}, {g['subject__name']}: {works(g['n'])} школьного уровня за год при {yearly} ч в год — больше "
            f"{share} % (не более {allowed}); сверх нормы: {', '.join(f'{d:%d.%m.%Y}' for d in extra)}",
            date=extra[0], subject=g["subject__name"], school=g["school"]))
    return found
