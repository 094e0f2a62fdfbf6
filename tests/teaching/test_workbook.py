"""The load from an Excel file: all-or-nothing, each problem with file, sheet, row, column, value and why
(tests/teaching/conftest.py: Смирнова Мария P-001, Козлова Анна Петровна P-010, both mathematics)."""

from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from tests.accounts.personas import YEAR
from vsoko.imports.readers import PackageError
from vsoko.records.models import StaffMember, StaffYear
from vsoko.teaching.models import TeachingAssignment
from vsoko.teaching.workbook import read_upload, write_template


def workbook(tmp_path, rows, header=("Класс", "Предмет", "Учитель", "Код работника", "Часов"), name="load.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.title = "Нагрузка"
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    path = tmp_path / name
    book.save(path)
    return path


def stored(world) -> set[tuple]:
    return set(TeachingAssignment.objects.filter(school=world.school, year_id=YEAR)
               .values_list("school_class__name", "subject__name", "staff__staff_id", "weekly_hours"))


def test_rows_by_name_initials_and_code_are_stored(world, tmp_path):
    path = workbook(tmp_path, [("5А", "Математика", "Смирнова Мария", "", 5),
                               ("5 «б»", "математика", "Козлова А.П.", "", "4,5"),
                               ("10А", "Физика", "", "P-002", None)])

    result = read_upload(path, school=world.school, year=YEAR, user=world.users["deputy"])

    assert result.problems == []
    assert stored(world) == {("5А", "Математика", "P-001", Decimal(5)), ("5Б", "Математика", "P-010", Decimal("4.5")),
                             ("10А", "Физика", "P-002", None)}
    assert result.change.summary == "назначено: 3"


def test_a_file_with_one_bad_row_stores_nothing_and_says_where_and_why(world, tmp_path):
    path = workbook(tmp_path, [("5А", "Математика", "Смирнова Мария", "", 5),
                               ("5Г", "Математика", "Смирнова Мария", "", 5),
                               ("5Б", "Математика", "Петрова Ольга", "", ""),
                               ("5Б", "Математика", "", "X-9", "")])

    result = read_upload(path, school=world.school, year=YEAR, user=world.users["deputy"])

    assert result.problems == [
        "Файл load.xlsx, лист «Нагрузка», строка 3, столбец A «Класс», значение «5Г»: такого класса в школе "
        "в 2024/2025 учебном году нет.",
        "Файл load.xlsx, лист «Нагрузка», строка 4, столбец C «Учитель», значение «Петрова Ольга»: учителя с такой "
        "фамилией и именем нет в кадровых данных этого года.",
        "Файл load.xlsx, лист «Нагрузка», строка 5, столбец D «Код работника», значение «X-9»: работника с таким "
        "кодом нет в кадровых данных этого года.",
    ]
    assert stored(world) == set()


def test_an_ambiguous_name_asks_for_the_code(world, tmp_path):
    twin = StaffMember.objects.create(school=world.school, staff_id="P-011", last_name="Козлова", first_name="Алла",
                                      middle_name="Павловна")
    StaffYear.objects.create(school=world.school, year_id=YEAR, staff=twin)
    path = workbook(tmp_path, [("5Б", "Математика", "Козлова А. П.", "", 4)])

    result = read_upload(path, school=world.school, year=YEAR, user=world.users["deputy"])

    assert result.problems == [
        "Файл load.xlsx, лист «Нагрузка», строка 2, столбец C «Учитель», значение «Козлова А. П.»: так записаны "
        "несколько работников: Козлова Анна Петровна (код P-010), Козлова Алла Павловна (код P-011) — укажите код "
        "работника."]
    assert stored(world) == set()


def test_hours_out_of_range_and_an_unknown_subject_are_refused(world, tmp_path):
    path = workbook(tmp_path, [("5А", "Алгебра", "Смирнова Мария", "", 5), ("5А", "Математика", "Смирнова Мария", "", 50)])

    result = read_upload(path, school=world.school, year=YEAR, user=world.users["deputy"])

    assert [p.split(": ")[0] for p in result.problems] == [
        "Файл load.xlsx, лист «Нагрузка», строка 2, столбец B «Предмет», значение «Алгебра»",
        "Файл load.xlsx, лист «Нагрузка», строка 3, столбец E «Часов», значение «50»"]


def test_a_file_without_the_table_is_named(world, tmp_path):
    path = workbook(tmp_path, [("5А", "Математика")], header=("Класс", "Предмет"))

    result = read_upload(path, school=world.school, year=YEAR, user=world.users["deputy"])

    assert result.problems == ["Файл «load.xlsx»: не найдена таблица со столбцами «Класс», «Предмет» и «Учитель» "
                               "(или «Код работника») — скачайте шаблон на этой странице."]


def test_not_a_workbook_is_refused_by_the_shared_reader(world, tmp_path):
    path = tmp_path / "load.txt"
    path.write_text("Класс;Предмет")

    with pytest.raises(PackageError, match="ожидается книга Excel"):
        read_upload(path, school=world.school, year=YEAR, user=world.users["deputy"])


def test_the_template_holds_the_entered_load_and_reads_back_unchanged(world, tmp_path):
    TeachingAssignment.objects.create(school=world.school, year_id=YEAR, staff=world.staff["kozlova"],
                                      school_class=world.classes["5Б"], subject=world.subjects["math"],
                                      weekly_hours=Decimal(5))
    out = BytesIO()
    write_template(out, school=world.school, year=YEAR)
    book = load_workbook(BytesIO(out.getvalue()))
    assert [list(r) for r in book["Нагрузка"].iter_rows(values_only=True)] == [
        ["Класс", "Предмет", "Учитель", "Код работника", "Часов"], ["5Б", "Математика", "Козлова Анна Петровна", "P-010", 5]]
    assert book.sheetnames == ["Нагрузка", "Учителя", "Как заполнить"]
    path = tmp_path / "back.xlsx"
    path.write_bytes(out.getvalue())

    result = read_upload(path, school=world.school, year=YEAR, user=world.users["deputy"])

    assert (result.problems, result.change.summary) == ([], "изменений нет")


def test_a_row_naming_a_worker_who_is_not_a_teacher_says_where_and_stores_nothing(world, tmp_path):
    # Белова Нина (P-003) is the accountant: a staff row of the year, not pedagogical.
    path = workbook(tmp_path, [("5А", "Математика", "Смирнова Мария", "", 5),
                               ("5Б", "Математика", "Белова Нина", "", 4),
                               ("5Б", "Физика", "", "P-003", 2)])

    result = read_upload(path, school=world.school, year=YEAR, user=world.users["deputy"])

    assert result.problems == [
        "Файл load.xlsx, лист «Нагрузка», строка 3, столбец C «Учитель», значение «Белова Нина»: работник не "
        "педагог по кадровым данным этого года.",
        "Файл load.xlsx, лист «Нагрузка», строка 4, столбец D «Код работника», значение «P-003»: работник не "
        "педагог по кадровым данным этого года.",
    ]
    assert stored(world) == set()


def test_a_repeated_row_names_the_row_and_the_sheet_it_repeats(world, tmp_path):
    # A load kept on a sheet per grade: 5А's mathematics with Смирнова is on both sheets, and twice on the first.
    book = Workbook()
    first = book.active
    first.title = "5 классы"
    second = book.create_sheet("Все классы")
    for sheet in (first, second):
        sheet.append(["Класс", "Предмет", "Учитель", "Код работника", "Часов"])
        sheet.append(["5А", "Математика", "Смирнова Мария", "", 5])
    first.append(["5 А", "математика", "", "P-001", 5])
    path = tmp_path / "load.xlsx"
    book.save(path)

    result = read_upload(path, school=world.school, year=YEAR, user=world.users["deputy"])

    assert result.problems == [
        "Файл load.xlsx, лист «5 классы», строка 3: 5А, Математика, Смирнова Мария — повторяет строку 2.",
        "Файл load.xlsx, лист «Все классы», строка 2: 5А, Математика, Смирнова Мария — повторяет строку 2 листа "
        "«5 классы».",
    ]
    assert stored(world) == set()


def test_a_hidden_column_or_a_hidden_sheet_of_the_table_is_refused_not_read_unseen(world, tmp_path):
    book = Workbook()
    shown = book.active
    shown.title = "Нагрузка"
    shown.append(["Класс", "Предмет", "Учитель", "Код работника", "Часов"])
    shown.append(["5А", "Математика", "Смирнова Мария", "", 5])
    shown.column_dimensions["E"].hidden = True  # the hours nobody sees
    unseen = book.create_sheet("Старая нагрузка")
    unseen.append(["Класс", "Предмет", "Учитель"])
    unseen.append(["5Б", "Математика", "Козлова Анна"])
    unseen.sheet_state = "hidden"
    path = tmp_path / "load.xlsx"
    book.save(path)

    result = read_upload(path, school=world.school, year=YEAR, user=world.users["deputy"])

    assert result.problems == [
        "Файл load.xlsx, лист «Нагрузка», столбец E «Часов»: столбец скрыт в Excel — покажите его или удалите, "
        "скрытые столбцы не загружаются.",
        "Файл load.xlsx, лист «Старая нагрузка»: лист скрыт, а в нём таблица нагрузки — покажите его (правой кнопкой "
        "по ярлычку листа → Показать) или удалите лист.",
    ]
    assert stored(world) == set()
