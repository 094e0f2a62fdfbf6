"""The days no assessment is held on: the school's holidays (каникулы, kept per school and year in Holiday), Sundays,
the non-working public holidays, and Saturdays in the first grade.

The typical calendar a school loads with one button follows the dates recommended for most regions (the school
corrects them to its own calendar, календарный учебный график): осенние 26.10–03.11, зимние 29.12–11.01, весенние
22.03–30.03, and for the first grade additional holidays in the middle of the third term (ФОП НОО: «для обучающихся
1 классов — дополнительные недельные каникулы в середине третьей четверти»), the week from the third Monday of
February. The first grade learns five days a week (СанПиН 1.2.3685-21, табл. 6.6), so its Saturday is a day off;
for other grades a six-day week is allowed and Saturday is not checked. Public holidays are the fixed days of
Трудовой кодекс РФ, ст. 112; the yearly moves of days off (переносы) are not known to vsoko.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from vsoko.records.years import calendar_year

FIRST_GRADE = 1
SATURDAY, SUNDAY = 5, 6  # date.weekday()


@dataclass(frozen=True)
class TypicalHoliday:
    name: str
    start: datetime.date
    end: datetime.date
    grades: tuple[int, ...] = ()


def typical_holidays(year: int) -> list[TypicalHoliday]:
    """The typical holidays of school year `year` (its start year)."""
    spring = year + 1
    february = datetime.date(spring, 2, 15)
    third_monday = february + datetime.timedelta(days=-february.weekday() % 7)
    return [
        TypicalHoliday("осенние каникулы", datetime.date(year, 10, 26), datetime.date(year, 11, 3)),
        TypicalHoliday("зимние каникулы", datetime.date(year, 12, 29), datetime.date(spring, 1, 11)),
        TypicalHoliday("дополнительные каникулы для 1 класса", third_monday,
                       third_monday + datetime.timedelta(days=6), grades=(FIRST_GRADE,)),
        TypicalHoliday("весенние каникулы", datetime.date(spring, 3, 22), datetime.date(spring, 3, 30)),
    ]


PUBLIC_HOLIDAYS = {  # (month, day): name — Трудовой кодекс РФ, ст. 112
    **{(1, d): "новогодние каникулы" for d in (1, 2, 3, 4, 5, 6, 8)},
    (1, 7): "Рождество Христово",
    (2, 23): "День защитника Отечества",
    (3, 8): "Международный женский день",
    (5, 1): "Праздник Весны и Труда",
    (5, 9): "День Победы",
    (6, 12): "День России",
    (11, 4): "День народного единства",
}


def public_holidays(year: int) -> dict[datetime.date, str]:
    """The fixed non-working public holidays of school year `year` (1 September — 31 August)."""
    return {datetime.date(calendar_year(year, month), month, day): name
            for (month, day), name in PUBLIC_HOLIDAYS.items()}


def day_off(date: datetime.date, grade: int) -> str:
    """Why no class of the grade learns on the date, as the check says it («воскресенье»), or "" on a school day
    (the school's holidays aside)."""
    if date.weekday() == SUNDAY:
        return "воскресенье, выходной день"
    if name := PUBLIC_HOLIDAYS.get((date.month, date.day)):
        return f"нерабочий праздничный день ({name})"
    if date.weekday() == SATURDAY and grade == FIRST_GRADE:
        return "суббота, а в 1 классе пятидневная учебная неделя"
    return ""
