import datetime

import pytest

from vsoko.records.years import calendar_year, day_in_year, school_year_days, school_year_of


@pytest.mark.parametrize(("day", "start"), [
    (datetime.date(2025, 8, 31), 2024), (datetime.date(2025, 9, 1), 2025), (datetime.date(2025, 1, 15), 2024),
    (datetime.date(2024, 12, 31), 2024),
])
def test_the_school_year_of_a_day_begins_on_1_september(day, start):
    assert school_year_of(day) == start


def test_a_school_year_runs_from_1_september_to_31_august():
    assert school_year_days(2024) == (datetime.date(2024, 9, 1), datetime.date(2025, 8, 31))


@pytest.mark.parametrize(("today", "default"), [
    (datetime.date(2025, 3, 1), datetime.date(2025, 3, 1)),  # inside the year: today
    (datetime.date(2026, 12, 6), datetime.date(2025, 8, 31)),  # the year is over: its last day
    (datetime.date(2024, 8, 20), datetime.date(2024, 9, 1)),  # it has not begun: its first day
])
def test_the_default_day_of_a_year_lies_inside_it(today, default):
    assert day_in_year(2024, today) == default


@pytest.mark.parametrize(("month", "year"), [(9, 2024), (12, 2024), (1, 2025), (8, 2025)])
def test_a_month_of_a_school_year_falls_in_its_calendar_year(month, year):
    assert calendar_year(2024, month) == year
