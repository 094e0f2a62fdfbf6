"""The perspective plan's rows: statuses computed by hand on tests/web/staff_plan_world.py."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.accounts.personas import YEAR
from tests.web.staff_plan_world import ORDER, TODAY, build_staff_plan_world, teacher
from vsoko.accounts import permissions
from vsoko.datavalues.extractors.core import staff_years
from vsoko.records.enums import QualificationCategory, StaffEventKind
from vsoko.records.models import StaffMember
from vsoko.web.staff_development import (
    CategoryStatus,
    CourseStatus,
    PlanAction,
    Summary,
    by_year,
    development_rows,
    school_year_of,
    summarize,
    years_after,
)

pytestmark = pytest.mark.django_db

A, C = PlanAction.ATTESTATION, PlanAction.COURSES


@pytest.fixture
def world():
    return build_staff_plan_world()


def rows_of(world, user=None):
    staff = permissions.staff_visible_to(user, YEAR) if user else StaffMember.objects.all()
    return {row.staff.last_name: row for row in development_rows(staff, world.school, YEAR, TODAY)}


def test_one_row_per_pedagogical_staff_member_of_the_school_by_name(world):
    rows = development_rows(StaffMember.objects.all(), world.school, YEAR, TODAY)

    assert [row.staff.last_name for row in rows] == ORDER  # no Белова (бухгалтер), no Зайцева (school 2)


def test_category_statuses_at_the_boundaries(world):
    rows = rows_of(world)

    assert {name: row.category_status for name, row in rows.items()} == {
        "Аверина": CategoryStatus.EXPIRED,  # given 01.09.2019: gone on 01.09.2024, the year's first day
        "Борисов": CategoryStatus.THIS_YEAR,
        "Васильева": CategoryStatus.NEXT_YEAR,
        "Волков": CategoryStatus.NO_DATE,
        "Григорьев": CategoryStatus.NONE,
        "Дмитриева": CategoryStatus.THIS_YEAR,  # given 02.09.2019: its last day is 01.09.2024
        "Егорова": CategoryStatus.VALID,
        "Смирнова": CategoryStatus.NO_DATE,
    }
    assert rows["Аверина"].category_expires == datetime.date(2024, 9, 1)
    assert rows["Аверина"].category_days_left == -131  # 01.09.2024 − 10.01.2025
    assert rows["Аверина"].category_left_text == "131 дн. назад"
    assert rows["Борисов"].category_expires == datetime.date(2025, 3, 15)
    assert rows["Борисов"].category_days_left == 64
    assert rows["Егорова"].category_days_left == 845  # to 05.05.2027
    assert rows["Егорова"].category_left_text == "осталось ≈ 2,3 г."
    assert rows["Григорьев"].category == "" and rows["Григорьев"].category_expires is None
    assert rows["Васильева"].category == "соответствие"


def test_course_statuses_follow_the_school_years_of_the_indicator(world):
    rows = rows_of(world)

    assert {name: row.course_status for name, row in rows.items()} == {
        "Аверина": CourseStatus.THIS_YEAR,  # 2021/22 courses: exactly three years before, no longer counted
        "Борисов": CourseStatus.LATER,
        "Васильева": CourseStatus.LATER,
        "Волков": CourseStatus.NEVER,
        "Григорьев": CourseStatus.NEVER,  # a contest and a course of 2025/26 do not count in 2024/25
        "Дмитриева": CourseStatus.OVERDUE,
        "Егорова": CourseStatus.LATER,
        "Смирнова": CourseStatus.LATER,
    }
    assert rows["Аверина"].next_course_date == datetime.date(2024, 10, 15)
    assert rows["Аверина"].next_course_year == 2024
    assert (rows["Аверина"].last_course.title, rows["Аверина"].last_course.hours) == ("Функциональная грамотность", 72)
    assert rows["Васильева"].last_course.title == "Переподготовка: математика"  # the latest, a retraining
    assert (rows["Васильева"].next_course_year, rows["Васильева"].next_course_date) == (2026, datetime.date(2027, 2, 1))
    assert (rows["Смирнова"].next_course_year, rows["Смирнова"].next_course_date) == (2027, None)
    assert rows["Дмитриева"].next_course_year == 2024  # overdue: due now


def test_the_teachers_with_courses_later_are_those_core_staff_courses_3y_counts(world):
    rows = rows_of(world)
    counted = set(
        staff_years([world.school.pk], [YEAR]).filter(pedagogical=True, courses_ago__gte=0, courses_ago__lte=2)
        .values_list("staff__last_name", flat=True)
    )

    assert {name for name, row in rows.items() if row.course_status == CourseStatus.LATER} == counted
    assert counted == {"Борисов", "Васильева", "Егорова", "Смирнова"}


def test_the_plan_over_five_years(world):
    rows = rows_of(world)

    assert {name: row.plan for name, row in rows.items()} == {
        "Аверина": {2024: [A, C], 2027: [C]},
        "Борисов": {2024: [A], 2025: [C], 2028: [C]},
        "Васильева": {2025: [A], 2026: [C]},
        "Волков": {2024: [C], 2027: [C]},
        "Григорьев": {2024: [C], 2027: [C]},
        "Дмитриева": {2024: [A, C], 2027: [C]},
        "Егорова": {2026: [A], 2027: [C]},
        "Смирнова": {2027: [C]},
    }
    years = by_year(list(rows.values()), YEAR)
    assert [y.year for y in years] == [2024, 2025, 2026, 2027, 2028]
    assert [r.staff.last_name for r in years[0].attestation] == ["Аверина", "Борисов", "Дмитриева"]
    assert [r.staff.last_name for r in years[0].courses] == ["Аверина", "Волков", "Григорьев", "Дмитриева"]


def test_summary_and_who_needs_something_this_year(world):
    rows = list(rows_of(world).values())

    assert summarize(rows) == Summary(teachers=8, need_courses=4, categories_expiring=2, categories_expired=1)
    assert [r.staff.last_name for r in rows if r.needs_something] == [
        "Аверина", "Борисов", "Волков", "Григорьев", "Дмитриева"]


def test_the_head_of_the_mathematics_association_gets_the_mathematics_teachers(world):
    assert list(rows_of(world, world.users["mo_head"])) == ["Аверина", "Васильева", "Егорова", "Смирнова"]


@pytest.mark.parametrize("today", [datetime.date(2024, 3, 1), datetime.date(2026, 12, 2)])
def test_days_left_count_from_the_years_first_day_when_today_is_outside_it(world, today):
    rows = {r.staff.last_name: r for r in development_rows(StaffMember.objects.all(), world.school, YEAR, today)}

    assert rows["Борисов"].category_days_left == 195  # 01.09.2024 → 15.03.2025
    assert rows["Борисов"].category_left_text == "осталось 195 дн."


def test_the_rows_take_three_queries_whatever_the_number_of_teachers(world):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            development_rows(StaffMember.objects.all(), world.school, YEAR, TODAY)
        return len(captured)

    before = queries()
    for n in range(5):
        teacher(world, f"X-{n}", f"Новый{n}", "Педагог", "math", QualificationCategory.FIRST,
                datetime.date(2022, 1, 1), [(2023, datetime.date(2023, 10, 1), StaffEventKind.COURSES, "К", 36)])

    assert before == queries() == 3


@pytest.mark.parametrize("day, year", [
    (datetime.date(2024, 9, 1), 2024), (datetime.date(2024, 8, 31), 2023), (datetime.date(2025, 1, 1), 2024),
])
def test_school_year_of_a_date(day, year):
    assert school_year_of(day) == year


def test_a_leap_day_category_expires_on_the_28th_of_february():
    assert years_after(datetime.date(2020, 2, 29), 5) == datetime.date(2025, 2, 28)
