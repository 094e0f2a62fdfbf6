"""The per-lesson report (vsoko.attendance.lessons): a pupil × date grid of «Н», «Б», «У», «О» read into the
summary's counts, on small workbooks of 5А (Иванов and two pupils added here) and 6 dates, counted by hand."""

from __future__ import annotations

import datetime

import pytest
from openpyxl import Workbook

from tests.accounts.personas import YEAR
from tests.attendance.test_reader import counts, read
from vsoko.attendance.models import AttendanceRecord, PeriodKind
from vsoko.attendance.reader import PeriodRef
from vsoko.attendance.workbook import store
from vsoko.records import enums
from vsoko.records.models import Student

pytestmark = pytest.mark.django_db

# Seven lessons on six dates: two lessons on 01.09.
DATES = ["01.09", "01.09", "02.09", "03.09", "04.09", "05.09", "08.09"]
ROWS = [
    ["Иванов Алексей", "Н", "н", "Б", "О", None, None, "УП"],
    ["Кузнецова Дарья", "Б", "Б", "Б", "Б", None, None, None],
    ["Смирнов Глеб", None, None, None, "ОП", None, None, None],
]


@pytest.fixture
def class_5a(world):
    for sid, last, first in (("S-010", "Кузнецова", "Дарья"), ("S-011", "Смирнов", "Глеб")):
        pupil = Student.objects.create(school=world.school, student_id=sid, last_name=last, first_name=first,
                                       birth_date=datetime.date(2013, 5, 1), sex=enums.Sex.FEMALE)
        world.enroll(pupil, "5А")
    return world


def grid(path, title: str, dates: list, rows: list[list], *, totals: bool = True, above: list | None = None):
    book = Workbook()
    sheet = book.active
    sheet.title = "Посещаемость"
    sheet.append([title])
    if above is None:
        sheet.append(["№", "Ученик", *dates] + (["Итого"] if totals else []))
    else:  # months over the day numbers, «№» and «Ученик» merged over both rows
        sheet.append(["№", "Ученик", *above])
        sheet.append([None, None, *dates])
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row] + ([sum(1 for c in row[1:] if c)] if totals else []))
    book.save(path)
    return path


def test_codes_are_counted_by_kind_and_days_are_distinct_dates(class_5a, tmp_path):
    path = grid(tmp_path / "a.xlsx", "Отчёт о посещаемости: 5А класс за сентябрь 2024", DATES, ROWS)

    result = read(class_5a, path)

    assert result.problems == []
    [table] = result.tables
    assert (table.school_class.name, table.period) == ("5А", PeriodRef(PeriodKind.MONTH, 9))
    by_name = {r.name: r.counts for r in table.rows}
    # Иванов: Н Н on 01.09, Б on 02.09, late on 03.09, УП on 08.09 — 4 lessons on 3 dates, 1 of them ill.
    assert by_name["Иванов Алексей"] == {"lessons_missed": 4, "lessons_ill": 1, "lessons_excused": 1,
                                        "lessons_unexcused": 2, "days_missed": 3, "days_ill": 1}
    # Кузнецова: Б in the 4 lessons of 01.09 (two), 02.09, 03.09 — 4 lessons, 3 days, all ill.
    assert by_name["Кузнецова Дарья"] == {"lessons_missed": 4, "lessons_ill": 4, "lessons_excused": 0,
                                         "lessons_unexcused": 0, "days_missed": 3, "days_ill": 3}
    # Смирнов: only late — no miss.
    assert set(by_name["Смирнов Глеб"].values()) == {0}
    store(result, school=class_5a.school, year=YEAR, user=class_5a.users["deputy"])
    assert counts(class_5a)[("Иванов", "month", 9)] == (4, 1, 1, 2, 3, 1)


def test_the_period_from_the_full_dates_and_day_numbers_under_a_month(class_5a, tmp_path):
    full = grid(tmp_path / "b.xlsx", "Отчёт о посещаемости 5А класса",
                [f"{d}.2024" for d in DATES[:-1]] + [datetime.datetime(2024, 10, 31)], ROWS)
    days = grid(tmp_path / "c.xlsx", "Отчёт о посещаемости 5А класса за I четверть",
                ["пн 30", "пн 30", "вт 1", "ср 2", "30", "31", "1"], ROWS, totals=False,
                above=["Сентябрь", None, "Октябрь"])

    by_dates = read(class_5a, full)
    by_numbers = read(class_5a, days)

    assert by_dates.problems == [] and by_dates.tables[0].period == PeriodRef(PeriodKind.QUARTER, 1)
    assert by_numbers.problems == [] and by_numbers.tables[0].period == PeriodRef(PeriodKind.QUARTER, 1)
    # 30.09 twice (one day), 1.10, 2.10 under «Октябрь», then 30.10, 31.10 and 1.11 after them: 6 dates as before.
    assert {r.name: r.counts["days_missed"] for r in by_numbers.tables[0].rows} == {
        "Иванов Алексей": 3, "Кузнецова Дарья": 3, "Смирнов Глеб": 0}


def test_dates_of_another_school_year_are_refused(class_5a, tmp_path):
    path = grid(tmp_path / "d.xlsx", "5А класс", [f"{d}.2023" for d in DATES], ROWS)

    assert read(class_5a, path).problems == [
        "Файл посещаемость.xlsx, лист «Посещаемость»: даты таблицы — 2023/2024 учебного года, а загружается "
        "2024/2025 — выберите на странице нужный учебный год."]


def test_unknown_codes_and_pupils_are_named_together_and_nothing_is_stored(class_5a, tmp_path):
    rows = [["Иванов Алексей", "Н", "Х", None, None, None, None, "5"], *ROWS[1:],
            ["Незнакомов Пётр", None, None, None, None, None, None, None]]
    path = grid(tmp_path / "e.xlsx", "5А класс за сентябрь", DATES, rows)

    result = read(class_5a, path, period=PeriodRef(PeriodKind.MONTH, 9))

    advice = ("неизвестный код: допустимы «Н» (не был), «Б» (болел), «У» или «УП» (уважительная причина), «О» или "
              "«ОП» (опоздал); пустая ячейка — был на уроке.")
    assert result.problems == [
        f"Файл посещаемость.xlsx, лист «Посещаемость», строка 3, столбец D «01.09», значение «Х»: {advice}",
        f"Файл посещаемость.xlsx, лист «Посещаемость», строка 3, столбец I «08.09», значение «5»: {advice}",
        "Файл посещаемость.xlsx, лист «Посещаемость», строка 6 (Незнакомов Пётр, 5А): обучающийся не найден в "
        "классе 5А среди обучающихся школы — исправьте ФИО или класс в файле."]
    assert not result.ok and not AttendanceRecord.objects.exists()


def test_a_grid_without_a_period_asks_for_it(class_5a, tmp_path):
    path = grid(tmp_path / "f.xlsx", "5А класс", ["пн 2", "вт 3", "ср 4", "чт 5", "пт 6", "сб 7", "пн 9"], ROWS)

    result = read(class_5a, path)

    assert result.problems[0].startswith(
        "Файл посещаемость.xlsx, лист «Посещаемость»: период не указан")


def test_a_month_over_day_numbers_names_the_dates_period(class_5a, tmp_path):
    path = grid(tmp_path / "g.xlsx", "5А класс", ["2", "3", "4", "5", "6", "9", "10"], ROWS, totals=False,
                above=["Сентябрь"])

    result = read(class_5a, path)

    assert result.problems == [] and result.tables[0].period == PeriodRef(PeriodKind.MONTH, 9)


@pytest.mark.parametrize("totals", [
    # The journal's totals after the dates, «Пропущено уроков» merged over its kinds (two header rows) …
    (["Пропущено уроков", None, None, None], ["всего", "по болезни", "по уважительной", "без уважительной"]),
    # … or in one row.
    (["Пропущено уроков всего", "Пропущено уроков по болезни"], None),
])
def test_the_codes_are_read_not_the_totals_after_the_dates(class_5a, tmp_path, totals):
    """A per-lesson report with its own totals of lessons after the dates (no days): the codes are counted, as the
    docs say of the columns after the dates — read as a summary, its days were 0 (the indicator's numerator lost)
    and its totals, here 99, were taken whatever the codes said."""
    upper, lower = totals
    book = Workbook()
    sheet = book.active
    sheet.title = "Посещаемость"
    sheet.append(["Отчёт о посещаемости: 5А класс за сентябрь 2024"])
    sheet.append(["№", "Ученик", *DATES, *upper])
    if lower is not None:
        sheet.append([None, None, *([None] * len(DATES)), *lower])
    for number, row in enumerate(ROWS, start=1):
        sheet.append([number, *row, *([99] * len(upper))])
    book.save(tmp_path / "h.xlsx")

    result = read(class_5a, tmp_path / "h.xlsx")

    assert result.problems == []
    by_name = {r.name: r.counts for r in result.tables[0].rows}
    # Иванов, as in the first test: 4 lessons on 3 dates, 1 of them ill.
    assert by_name["Иванов Алексей"] == {"lessons_missed": 4, "lessons_ill": 1, "lessons_excused": 1,
                                        "lessons_unexcused": 2, "days_missed": 3, "days_ill": 1}
