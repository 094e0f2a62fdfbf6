"""The journal's per-lesson attendance report (Сетевой город «Отчёт о посещаемости» of a class for a month or a
period): a row per pupil, a column per date (or per lesson, the date repeated), cells with codes; counted here
into the summary's numbers (vsoko.attendance.reader reads both layouts the same way after that).

- A date column's header: «01.09», «01.09.2025», «1», «пн 01», «01 пн», a date cell of Excel. Day numbers alone
  are read left to right: a number smaller than the one before starts the next month (a month name over a date in
  the row above, «Сентябрь», names its month). The same date in columns side by side is one day of several
  lessons. Columns after the dates with other headers («Итого», «Всего») are not read.
- Codes: «Н» — не был (без уважительной причины), «Б» — болел, «У» or «УП» — уважительная причина, «О» or «ОП» —
  опоздал (not a miss); empty — present. Any other text is an error naming the cell.
- Lessons missed of a kind: the cells with its code. Days missed: the distinct dates with at least one lesson
  missed (any kind); days missed for illness: the distinct dates with at least one «Б».
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vsoko.assessments.sources.grid import Sheet, column_letter, norm
from vsoko.attendance.models import PeriodKind

WEEKDAY = r"(?:пн|вт|ср|чт|пт|сб|вс)\.?,?"
DATE_HEADER = re.compile(rf"^(?:{WEEKDAY}\s*)?(\d{{1,2}})(?:\.(\d{{1,2}})(?:\.(\d{{2,4}}))?)?(?:\s*{WEEKDAY})?$")
MONTH_NAMES = {"январ": 1, "феврал": 2, "март": 3, "апрел": 4, "май": 5, "мая": 5, "июн": 6, "июл": 7, "август": 8,
               "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12}
# The code in a cell → the count it adds to; None: late, not a miss.
CODES = {"н": "lessons_unexcused", "б": "lessons_ill", "у": "lessons_excused", "уп": "lessons_excused",
         "о": None, "оп": None}
CODES_ADVICE = ("неизвестный код: допустимы «Н» (не был), «Б» (болел), «У» или «УП» (уважительная причина), «О» или "
                "«ОП» (опоздал); пустая ячейка — был на уроке")
MIN_DATES = 2


@dataclass(frozen=True)
class DateColumn:
    col: int  # 0-based
    label: str  # as the header shows it, for messages
    day: int
    month: int | None  # None: a day number alone, the month found later (`dated`)
    year: int | None


def _date(text: str) -> tuple[int, int | None, int | None] | None:
    found = DATE_HEADER.match(text)
    if not found:
        return None
    day, month, year = (int(x) if x else None for x in found.groups())
    if not 1 <= day <= 31 or (month is not None and not 1 <= month <= 12):
        return None
    if year is not None and year < 100:
        year += 2000
    return day, month, year


def _month_word(text: str) -> int | None:
    return next((n for stem, n in MONTH_NAMES.items() if text.startswith(stem)), None)


@dataclass
class Grid:
    row: int  # the row of the dates: pupils start below it
    dates: list[DateColumn]

    def school_year(self) -> int | None:
        full = next((d for d in self.dates if d.year is not None and d.month is not None), None)
        if full is None:
            return None
        return full.year if full.month >= 9 else full.year - 1


def find_grid(sheet: Sheet, number: int, name: int) -> Grid | None:
    """Date columns right of the pupil's column in the header row `number`, or in the row below it (under month
    names: «Сентябрь» merged over «1 | 2 | 3…»); None when there are fewer than two. A month name in the row above
    the dates gives the month of the date under it (the columns after it follow, see `dated`)."""
    for row in (number, number + 1):
        texts = [norm(t) for t in sheet.row_texts(row)]
        if row != number and name < len(texts) and texts[name]:
            break  # the row below is a pupil's
        above = [norm(t) for t in sheet.row_texts(row - 1)]
        dates: list[DateColumn] = []
        for col in range(name + 1, len(texts)):
            parsed = _date(texts[col])
            if parsed is None:
                if dates and texts[col]:
                    break  # «Итого» after the dates
                continue
            day, month, year = parsed
            if month is None and col < len(above) and above[col]:
                month = _month_word(above[col])
            dates.append(DateColumn(col, sheet.text(row, col), day, month, year))
        if len(dates) >= MIN_DATES:
            return Grid(row, dates)
    return None


def dated(grid: Grid) -> list[tuple[int, int]]:
    """(month, day) of each date column, to tell the distinct dates: a column without its month takes the month of
    the column before it, the next month when its day is smaller (months unknown are numbered from 100 on)."""
    keys: list[tuple[int, int]] = []
    month, known, last_day = 100, False, 0
    for d in grid.dates:
        if d.month is not None:
            month, known = d.month, True
        elif d.day < last_day:
            month = month % 12 + 1 if known else month + 1
        last_day = d.day
        keys.append((month, d.day))
    return keys


def period_of_dates(grid: Grid) -> tuple[str, int] | None:
    """The period the header's dates cover when the first names its month: a month, else a range of RANGES."""
    from vsoko.attendance.reader import RANGES

    if grid.dates[0].month is None:
        return None
    months = [month for month, _ in dated(grid)]
    if len(set(months)) == 1:
        return PeriodKind.MONTH, months[0]
    return RANGES.get((months[0], months[-1]))


def count_row(sheet: Sheet, number: int, grid: Grid, keys: list[tuple[int, int]], place: str,
              problems: list[str]) -> dict[str, int] | None:
    """The summary's counts of a pupil's row; None (and the problems added) when a cell holds an unknown code."""
    counts = dict.fromkeys(("lessons_missed", "lessons_ill", "lessons_excused", "lessons_unexcused"), 0)
    missed_days: set[tuple[int, int]] = set()
    ill_days: set[tuple[int, int]] = set()
    bad = False
    for column, key in zip(grid.dates, keys, strict=True):
        text = sheet.text(number, column.col)
        code = norm(text).replace(" ", "").rstrip(".")
        if not code:
            continue
        if code not in CODES:
            problems.append(f"{place}, строка {number}, столбец {column_letter(column.col)} «{column.label}», "
                            f"значение «{text}»: {CODES_ADVICE}.")
            bad = True
            continue
        kind = CODES[code]
        if kind is None:
            continue
        counts[kind] += 1
        counts["lessons_missed"] += 1
        missed_days.add(key)
        if kind == "lessons_ill":
            ill_days.add(key)
    if bad:
        return None
    return {**counts, "days_missed": len(missed_days), "days_ill": len(ill_days)}
