"""The typical holidays and the days off (vsoko.schedule.holidays), computed by hand from the calendar."""

import datetime

import pytest

from vsoko.schedule.holidays import TypicalHoliday, day_off, public_holidays, typical_holidays

D = datetime.date


def test_the_typical_holidays_of_2024_2025():
    assert typical_holidays(2024) == [
        TypicalHoliday("осенние каникулы", D(2024, 10, 26), D(2024, 11, 3)),
        TypicalHoliday("зимние каникулы", D(2024, 12, 29), D(2025, 1, 11)),
        # 15.02.2025 is a Saturday: the third Monday of February is the 17th
        TypicalHoliday("дополнительные каникулы для 1 класса", D(2025, 2, 17), D(2025, 2, 23), grades=(1,)),
        TypicalHoliday("весенние каникулы", D(2025, 3, 22), D(2025, 3, 30)),
    ]


@pytest.mark.parametrize("year, monday", [(2025, D(2026, 2, 16)),  # 15.02.2026 is a Sunday
                                          (2026, D(2027, 2, 15))])  # 15.02.2027 is a Monday itself
def test_the_first_grades_february_week_starts_on_the_third_monday(year, monday):
    first_grade = typical_holidays(year)[2]

    assert (first_grade.start, first_grade.end, first_grade.grades) == (monday, monday + datetime.timedelta(6), (1,))
    assert first_grade.start.weekday() == 0


def test_the_public_holidays_fall_in_the_school_years_calendar_years():
    days = public_holidays(2024)

    assert days[D(2024, 11, 4)] == "День народного единства"
    assert days[D(2025, 3, 8)] == "Международный женский день"
    assert D(2025, 11, 4) not in days and len(days) == 14


@pytest.mark.parametrize("date, grade, why", [
    (D(2025, 3, 2), 5, "воскресенье, выходной день"),
    (D(2025, 5, 1), 5, "нерабочий праздничный день (Праздник Весны и Труда)"),
    (D(2025, 3, 1), 1, "суббота, а в 1 классе пятидневная учебная неделя"),
    (D(2025, 3, 1), 2, ""),  # a six-day week is allowed from the second grade
    (D(2025, 3, 3), 1, ""),
])
def test_a_day_off(date, grade, why):
    assert day_off(date, grade) == why
