"""«Перспективный план аттестации и повышения квалификации»: per pedagogical staff member of a school year,
when the qualification category expires and when the next courses are due (regulation 000, пп. 4.4.5, 4.6;
regulation 004, IV п. 11 and VII).

Two rules, stated once here:

- A category (высшая, первая, соответствие занимаемой должности) is given for 5 years: given on D, it is
  no longer valid from D + 5 years (`expires`), so its last day is the day before. The status compares the
  school year (1 September – 31 August) of that last day with the year looked at: a category given on
  1 September exactly five years before the year's start has expired when the year begins.
- Courses (курсы or переподготовка) follow the indicator core.staff_courses_3y: a teacher counts as trained
  in year Y when the latest courses are of school year Y, Y−1 or Y−2 (by the event's year, not its date).
  So courses of year L are next due in year L + 3: «в этом году» when L + 3 = Y, «просрочены» before that,
  «позже» after it — and exactly the teachers with «позже» are the numerator of the indicator.

Everything is read in three queries whatever the number of teachers: the staff rows, their subjects,
their courses.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db import models
from django.db.models import F, QuerySet

from vsoko.indicators.formatting import number, rounded
from vsoko.records.enums import QualificationCategory, StaffEventKind
from vsoko.records.models import OrgUnit, StaffEvent, StaffMember, StaffYear, Subject
from vsoko.records.years import school_year_days, school_year_of

CATEGORY_YEARS = 5  # a qualification category is valid five years
COURSE_YEARS = 3  # courses every three years (regulation 000, п. 4.6)
PLAN_YEARS = 5  # the perspective plan looks five school years ahead, the current one included
COURSE_KINDS = (StaffEventKind.COURSES, StaffEventKind.RETRAINING)  # as core.staff_courses_3y counts them


class CategoryStatus(models.TextChoices):
    EXPIRED = "expired", "истекла"
    THIS_YEAR = "this_year", "истекает в этом учебном году"
    NEXT_YEAR = "next_year", "истекает в следующем учебном году"
    VALID = "valid", "действует"
    NO_DATE = "no_date", "дата аттестации не указана"
    NONE = "none", "нет категории"


class CourseStatus(models.TextChoices):
    OVERDUE = "overdue", "просрочены"
    THIS_YEAR = "this_year", "в этом году"
    LATER = "later", "позже"
    NEVER = "never", "не было курсов"


class PlanAction(models.TextChoices):
    ATTESTATION = "attestation", "аттестация"
    COURSES = "courses", "курсы"


CATEGORY_NEEDS_ATTESTATION = (CategoryStatus.EXPIRED, CategoryStatus.THIS_YEAR)
COURSES_NEEDED = (CourseStatus.OVERDUE, CourseStatus.THIS_YEAR, CourseStatus.NEVER)


def years_after(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass
class DevelopmentRow:
    staff: StaffMember
    position: str
    subjects: list[Subject]  # by name
    category: str  # the label: «высшая», «первая», «соответствие» or ""
    category_date: datetime.date | None
    category_expires: datetime.date | None  # the first day without the category
    category_days_left: int | None  # to `category_expires` from today (from 1 September outside the year)
    category_status: CategoryStatus
    attestation_year: int | None  # the school year the teacher is to be attested in (the year looked at if late)
    last_course: StaffEvent | None
    next_course_date: datetime.date | None  # the last courses' date + 3 years, when the date is known
    next_course_year: int  # the school year the next courses are due in (the year looked at if late or never)
    course_status: CourseStatus
    plan: dict[int, list[PlanAction]] = field(default_factory=dict)  # school year → what to do in it

    @property
    def subject_names(self) -> str:
        return ", ".join(s.name for s in self.subjects)

    def teaches(self, subject_id: int) -> bool:
        return any(s.pk == subject_id for s in self.subjects)

    @property
    def needs_attestation(self) -> bool:
        return self.category_status in CATEGORY_NEEDS_ATTESTATION

    @property
    def needs_courses(self) -> bool:
        return self.course_status in COURSES_NEEDED

    @property
    def needs_something(self) -> bool:
        return self.needs_attestation or self.needs_courses

    @property
    def category_years_left(self) -> Decimal | None:
        return None if self.category_days_left is None else rounded(Fraction(self.category_days_left * 4, 1461), 1)

    @property
    def category_left_text(self) -> str:
        """«осталось 120 дн.», «осталось ≈ 2,5 г.» or «30 дн. назад» (after the status «истекла»)."""
        days = self.category_days_left
        if days is None:
            return ""
        if days <= 0:
            return f"{-days} дн. назад" if days else "сегодня"
        if days <= 365:
            return f"осталось {days} дн."
        return f"осталось ≈ {number(self.category_years_left, 1, zeros=True)} г."


@dataclass(frozen=True)
class Summary:
    teachers: int
    need_courses: int
    categories_expiring: int  # this school year
    categories_expired: int


def development_rows(staff: QuerySet[StaffMember], school: OrgUnit, year: int,
                     today: datetime.date) -> list[DevelopmentRow]:
    """One row per pedagogical staff member of the school in the year, among `staff` (the ones the user
    may see), by name. `today` only sets the days left; every status depends on the year alone."""
    staff_years = list(
        StaffYear.objects.filter(school=school, year_id=year, pedagogical=True, staff__in=staff)
        .select_related("staff").prefetch_related("subjects")
        .order_by("staff__last_name", "staff__first_name", "staff__middle_name", "staff__pk")
    )
    courses = last_courses([row.staff_id for row in staff_years], year)
    # Days left count from today within the year looked at, else from its first day (where the statuses stand).
    first, last = school_year_days(year)
    reference = today if first <= today <= last else first
    rows = []
    for staff_year in staff_years:
        subjects = sorted(staff_year.subjects.all(), key=lambda s: s.name)
        row = DevelopmentRow(
            staff=staff_year.staff, position=staff_year.position,
            subjects=subjects,
            **_category(staff_year, year, reference), **_courses(courses.get(staff_year.staff_id), year),
        )
        row.plan = _plan(row, year)
        rows.append(row)
    return rows


def last_courses(staff_ids: list[int], year: int) -> dict[int, StaffEvent]:
    """Each staff member's latest courses of the year or before it (by school year, then date), one query."""
    events = (
        StaffEvent.objects.filter(staff_id__in=staff_ids, kind__in=COURSE_KINDS, year_id__lte=year)
        .order_by("staff_id", "-year_id", F("date").desc(nulls_last=True), "-pk")
    )
    latest: dict[int, StaffEvent] = {}
    for event in events:
        latest.setdefault(event.staff_id, event)
    return latest


def _category(staff_year: StaffYear, year: int, reference: datetime.date) -> dict:
    given = staff_year.category and staff_year.category != QualificationCategory.NONE
    fields = {"category": staff_year.get_category_display() if given else "", "category_date": None,
              "category_expires": None, "category_days_left": None, "attestation_year": None}
    if not given:
        return {**fields, "category_status": CategoryStatus.NONE}
    if staff_year.category_date is None:
        return {**fields, "category_status": CategoryStatus.NO_DATE}
    expires = years_after(staff_year.category_date, CATEGORY_YEARS)
    last_valid_year = school_year_of(expires - datetime.timedelta(days=1))
    if last_valid_year < year:
        status = CategoryStatus.EXPIRED
    elif last_valid_year == year:
        status = CategoryStatus.THIS_YEAR
    elif last_valid_year == year + 1:
        status = CategoryStatus.NEXT_YEAR
    else:
        status = CategoryStatus.VALID
    return {**fields, "category_date": staff_year.category_date, "category_expires": expires,
            "category_days_left": (expires - reference).days, "category_status": status,
            "attestation_year": max(last_valid_year, year)}


def _courses(event: StaffEvent | None, year: int) -> dict:
    if event is None:
        return {"last_course": None, "next_course_date": None, "next_course_year": year,
                "course_status": CourseStatus.NEVER}
    due = event.year_id + COURSE_YEARS
    status = CourseStatus.OVERDUE if due < year else CourseStatus.THIS_YEAR if due == year else CourseStatus.LATER
    return {"last_course": event, "next_course_year": max(due, year), "course_status": status,
            "next_course_date": years_after(event.date, COURSE_YEARS) if event.date else None}


def _plan(row: DevelopmentRow, year: int) -> dict[int, list[PlanAction]]:
    """What the teacher is to do in each of the plan's years: attestation once its category runs out,
    courses in the due year and every three years after it."""
    plan: dict[int, list[PlanAction]] = {}
    last = year + PLAN_YEARS - 1
    if row.attestation_year is not None and row.attestation_year <= last:
        plan.setdefault(row.attestation_year, []).append(PlanAction.ATTESTATION)
    for due in range(row.next_course_year, last + 1, COURSE_YEARS):
        plan.setdefault(due, []).append(PlanAction.COURSES)
    return plan


def plan_years(year: int) -> list[int]:
    return list(range(year, year + PLAN_YEARS))


@dataclass(frozen=True)
class PlanYear:
    year: int
    attestation: list[DevelopmentRow]
    courses: list[DevelopmentRow]


def by_year(rows: list[DevelopmentRow], year: int) -> list[PlanYear]:
    """The plan's school years with the teachers to be attested and to take courses in each."""
    return [PlanYear(y, [r for r in rows if PlanAction.ATTESTATION in r.plan.get(y, [])],
                     [r for r in rows if PlanAction.COURSES in r.plan.get(y, [])]) for y in plan_years(year)]


def summarize(rows: list[DevelopmentRow]) -> Summary:
    return Summary(
        teachers=len(rows),
        need_courses=sum(row.needs_courses for row in rows),
        categories_expiring=sum(row.category_status == CategoryStatus.THIS_YEAR for row in rows),
        categories_expired=sum(row.category_status == CategoryStatus.EXPIRED for row in rows),
    )


def subjects_of(rows: list[DevelopmentRow]) -> list[tuple[int, str]]:
    """The subjects the rows' teachers teach, by name: the choices of the page's subject filter."""
    names = {s.pk: s.name for row in rows for s in row.subjects}
    return sorted(names.items(), key=lambda item: item[1])
