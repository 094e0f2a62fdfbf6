"""The attendance reader and storing (vsoko.attendance.reader, .workbook) on small hand-made workbooks."""

from __future__ import annotations

import pytest

from tests.accounts.personas import YEAR
from tests.attendance.conftest import workbook
from vsoko.attendance.models import AttendanceRecord, PeriodKind
from vsoko.attendance.reader import PeriodRef, period_in, read_file
from vsoko.attendance.workbook import store, write_template
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

Q1 = "Итоги посещаемости класса за период: 5А класс, за I четверть 2024/2025 учебного года"


def read(world, path, **kwargs):
    return read_file(path, school=world.school, year=YEAR, name="посещаемость.xlsx", **kwargs)


def counts(world) -> dict[tuple[str, str, int], tuple[int, ...]]:
    return {(r.student.last_name, r.period_kind, r.period_number): (
        r.lessons_missed, r.lessons_ill, r.lessons_excused, r.lessons_unexcused, r.days_missed, r.days_ill)
        for r in AttendanceRecord.objects.select_related("student")}


def test_merged_two_row_header_class_and_period_from_the_title(world, tmp_path):
    path = workbook(tmp_path / "a.xlsx", {"Лист1": (Q1, [["Иванов Алексей", 30, 24, 2, 4, 5, 4]])})

    result = read(world, path)

    assert result.problems == []
    [table] = result.tables
    assert (table.school_class.name, table.period) == ("5А", PeriodRef(PeriodKind.QUARTER, 1))
    assert table.rows[0].counts == {"lessons_missed": 30, "lessons_ill": 24, "lessons_excused": 2,
                                    "lessons_unexcused": 4, "days_missed": 5, "days_ill": 4}
    store(result, school=world.school, year=YEAR, user=world.users["deputy"])
    assert counts(world) == {("Иванов", "quarter", 1): (30, 24, 2, 4, 5, 4)}
    entry = AuditEntry.objects.get(action=AuditAction.IMPORT, object_type="attendance")
    assert (entry.user, entry.school, entry.details["pupils"]) == (world.users["deputy"], world.school, 1)
    assert entry.details["classes"] == ["5А, I четверть"]
    assert set(entry.details) == {"pupils", "classes"}  # no file name: the user's may name a pupil


def test_class_column_and_the_period_chosen_in_the_form(world, tmp_path):
    path = workbook(tmp_path / "b.xlsx", {"Посещаемость": ("Итоги посещаемости", [
        ["Петров Борис", "5 Б", 10, 6, 0, 4, 2, 1], ["Сидорова Вера", "10А", 0, 0, 0, 0, 0, 0]])}, class_column=True)

    result = read(world, path, period=PeriodRef(PeriodKind.MONTH, 10))

    assert result.problems == []
    assert sorted((t.school_class.name, t.period.label, len(t.rows)) for t in result.tables) == [
        ("10А", "октябрь", 1), ("5Б", "октябрь", 1)]


def test_a_title_without_a_period_asks_for_it(world, tmp_path):
    path = workbook(tmp_path / "c.xlsx", {"5А": ("Итоги посещаемости", [["Иванов Алексей", 1, 1, 0, 0, 0, 0]])})

    result = read(world, path)

    assert not result.ok
    assert result.problems[0].startswith("Файл посещаемость.xlsx, лист «5А»: период не указан")


@pytest.mark.parametrize("text, period, year", [
    ("за I четверть 2024/2025", PeriodRef("quarter", 1), 2024),
    ("Итоги за 2 триместр", PeriodRef("trimester", 2), None),
    ("за сентябрь", PeriodRef("month", 9), None),
    ("за май 2025", PeriodRef("month", 5), None),
    ("Посещаемость с 01.09.2024 по 31.10.2024", PeriodRef("quarter", 1), 2024),
    ("с 01.11.2024 по 30.11.2024", PeriodRef("month", 11), 2024),
    ("за 2024/2025 учебный год", PeriodRef("year", 0), 2024),
    ("Полугодие II", PeriodRef("half", 2), None),
])
def test_period_in_the_title(text, period, year):
    assert period_in([text]) == (period, year)


def test_an_unknown_pupil_is_named_with_file_sheet_row_and_nothing_is_stored(world, tmp_path):
    path = workbook(tmp_path / "d.xlsx", {"5А": (Q1, [["Иванов Алексей", 2, 2, 0, 0, 0, 0],
                                                      ["Незнакомов Пётр", 3, 0, 0, 3, 0, 0]])})

    result = read(world, path)

    assert not result.ok
    assert result.problems == [
        "Файл посещаемость.xlsx, лист «5А», строка 5 (Незнакомов Пётр, 5А): обучающийся не найден в классе 5А среди "
        "обучающихся школы — исправьте ФИО или класс в файле."]
    assert not AttendanceRecord.objects.exists()


@pytest.mark.parametrize("value", [-2, "много", 2.5])
def test_a_negative_or_non_number_cell_is_named(world, tmp_path, value):
    path = workbook(tmp_path / "e.xlsx", {"5А": (Q1, [["Иванов Алексей", 10, value, 0, 0, 0, 0]])})

    result = read(world, path)

    shown = str(value)
    assert result.problems == [
        f"Файл посещаемость.xlsx, лист «5А», строка 4, столбец D «Пропущено уроков: по болезни», значение «{shown}»: "
        "нужно целое число от 0 до 10000 (пусто или «-» — 0)."]


def test_a_part_larger_than_the_total_is_refused(world, tmp_path):
    path = workbook(tmp_path / "f.xlsx", {"5А": (Q1, [["Иванов Алексей", 3, 0, 0, 0, 1, 2]])})

    assert read(world, path).problems == [
        "Файл посещаемость.xlsx, лист «5А», строка 4, столбец H «Пропущено дней: по болезни», значение «2»: больше, "
        "чем пропущено дней всего (1)."]


def test_reloading_a_class_and_period_replaces_it_and_leaves_other_periods(world, tmp_path):
    first = workbook(tmp_path / "g.xlsx", {"5Б": (Q1.replace("5А", "5Б"), [["Петров Борис", 10, 6, 0, 4, 2, 1],
                                                                          ["Орлов Денис", 8, 8, 0, 0, 2, 2]])})
    store(read(world, first), school=world.school, year=YEAR, user=world.users["deputy"])
    october = workbook(tmp_path / "h.xlsx", {"5Б": ("5Б класс за октябрь", [["Петров Борис", 1, 1, 0, 0, 0, 0]])})
    store(read(world, october), school=world.school, year=YEAR, user=world.users["deputy"])
    again = workbook(tmp_path / "i.xlsx", {"5Б": (Q1.replace("5А", "5Б"), [["Петров Борис", 12, 6, 0, 6, 2, 1]])})

    store(read(world, again), school=world.school, year=YEAR, user=world.users["deputy"])

    assert counts(world) == {("Петров", "quarter", 1): (12, 6, 0, 6, 2, 1), ("Петров", "month", 10): (1, 1, 0, 0, 0, 0)}


def test_the_template_is_read_back_as_it_is_written(world, tmp_path):
    path = tmp_path / "template.xlsx"
    write_template(path, school=world.school, year=YEAR, period=PeriodRef(PeriodKind.QUARTER, 2))
    import openpyxl

    book = openpyxl.load_workbook(path)
    for name in ("5А", "5Б", "10А"):
        book[name]["C4"] = 0  # a count filled: a sheet left blank is skipped
    book.save(path)

    result = read(world, path)

    assert result.problems == []
    assert sorted((t.school_class.name, t.period.label, [r.name for r in t.rows]) for t in result.tables) == [
        ("10А", "II четверть", ["Сидорова Вера"]), ("5А", "II четверть", ["Иванов Алексей"]),
        ("5Б", "II четверть", ["Петров Борис"])]


def test_a_one_row_header_in_the_diary_wording_and_late_columns_skipped(world, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "10А"
    sheet.append(["Посещаемость: Классы, за сентябрь"])
    sheet.append(["Ученик", "Пропущено полных дней", "Полных дней по болезни", "Пропущено уроков",
                  "Уроков по болезни", "Опоздания"])
    sheet.append(["Сидорова Вера", 2, 2, 14, 12, 3])
    path = tmp_path / "diary.xlsx"
    book.save(path)

    result = read(world, path)

    assert result.problems == []
    [table] = result.tables
    assert (table.school_class.name, table.period.label) == ("10А", "сентябрь")
    assert table.rows[0].counts == {"days_missed": 2, "days_ill": 2, "lessons_missed": 14, "lessons_ill": 12}


def test_a_csv_export_with_a_two_row_header(world, tmp_path):
    path = tmp_path / "journal.csv"
    path.write_text("Итоги посещаемости 5Б класса с 01.11.2024 по 27.12.2024\n"
                    "ФИО;Пропущено уроков;;;;Пропущено дней;\n"
                    ";всего;по болезни;по уважительной;без уважительной;всего;по болезни\n"
                    "Петров Борис;9;6;0;3;1;1\n", encoding="cp1251")

    result = read(world, path)

    assert result.problems == []
    [table] = result.tables
    assert (table.school_class.name, table.period) == ("5Б", PeriodRef(PeriodKind.QUARTER, 2))
    assert table.rows[0].counts["lessons_unexcused"] == 3


def test_a_sheet_without_one_count_is_skipped_and_keeps_the_stored_class(world, tmp_path):
    stored = workbook(tmp_path / "q.xlsx", {"5Б": (Q1.replace("5А", "5Б"), [["Петров Борис", 10, 6, 0, 4, 2, 1]])})
    store(read(world, stored), school=world.school, year=YEAR, user=world.users["deputy"])
    # The whole template downloaded, 5А filled, 5Б left as it came: names and blank counts.
    both = workbook(tmp_path / "r.xlsx", {"5А": (Q1, [["Иванов Алексей", 3, 3, 0, 0, 1, 1]]),
                                          "5Б": (Q1.replace("5А", "5Б"), [["Петров Борис"] + [None] * 6])})

    result = read(world, both)
    store(result, school=world.school, year=YEAR, user=world.users["deputy"])

    assert result.skipped == ["5Б"]
    assert counts(world) == {("Иванов", "quarter", 1): (3, 3, 0, 0, 1, 1), ("Петров", "quarter", 1): (10, 6, 0, 4, 2, 1)}


def test_a_file_without_one_count_is_refused_saying_so(world, tmp_path):
    blank = workbook(tmp_path / "s.xlsx", {"5А": (Q1, [["Иванов Алексей"] + [None] * 6])})

    result = read(world, blank)

    assert not result.ok
    assert result.problems == [
        "Файл «посещаемость.xlsx»: в таблицах нет ни одного числа пропусков (классы: 5А) — заполните "
        "столбцы «Пропущено уроков» и «Пропущено дней» (0 или «-» — нет пропусков)."]


def test_a_bad_cell_and_an_unknown_pupil_are_named_together(world, tmp_path):
    path = workbook(tmp_path / "t.xlsx", {"5Б": (Q1.replace("5А", "5Б"), [["Петров Борис", 10, "две", 0, 4, 2, 1],
                                                                        ["Незнакомов Пётр", 1, 1, 0, 0, 1, 1]])})

    result = read(world, path)

    assert [p.split(":")[0] for p in result.problems] == [
        "Файл посещаемость.xlsx, лист «5Б», строка 4, столбец D «Пропущено уроков",
        "Файл посещаемость.xlsx, лист «5Б», строка 5 (Незнакомов Пётр, 5Б)"]
