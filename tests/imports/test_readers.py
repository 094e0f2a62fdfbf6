"""The files a package may come as: XLSX, a folder, a ZIP or one CSV; encodings, separators, broken files."""

from __future__ import annotations

import zipfile

import pytest
import xlsxwriter

from tests.imports.conftest import PACKAGE, write_csv_folder, write_xlsx
from tests.imports.test_service import ALL_ADDED, assert_package_stored
from tests.imports.test_validation import assert_nothing_stored
from vsoko.imports.issues import ImportIssue
from vsoko.imports.service import import_package
from vsoko.records.models import Student

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("delimiter, encoding", [
    (",", "utf-8"), (";", "utf-8"), (";", "utf-8-sig"), (",", "utf-8-sig"), (";", "cp1251"), ("\t", "utf-16"),
], ids=["comma", "semicolon", "semicolon+BOM", "comma+BOM", "windows-1251", "utf-16 tabs"])
def test_csv_encodings_and_separators(tmp_path, school, delimiter, encoding):
    folder = write_csv_folder(tmp_path / "p", PACKAGE, delimiter=delimiter, encoding=encoding)

    report = import_package(folder, school=school)

    assert report.errors == []
    assert report.counts == ALL_ADDED
    assert_package_stored(school)


def test_csv_files_named_by_russian_title(tmp_path, school):
    folder = write_csv_folder(tmp_path / "p", PACKAGE, name="title")

    report = import_package(folder, school=school)

    assert report.errors == []
    assert_package_stored(school)


def test_xlsx_sheets_named_by_key(tmp_path, school):
    report = import_package(write_xlsx(tmp_path / "p.xlsx", PACKAGE, name="key"), school=school)

    assert report.errors == []
    assert_package_stored(school)


def test_zip_of_csv_files(tmp_path, school):
    folder = write_csv_folder(tmp_path / "p", PACKAGE, delimiter=";", encoding="cp1251")
    archive = tmp_path / "package.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for file in folder.iterdir():
            out.write(file, f"выгрузка/{file.name}")
        out.writestr("__MACOSX/._students.csv", b"junk")
        out.writestr("readme.txt", "не таблица")

    report = import_package(archive, school=school)

    assert report.errors == []
    assert_package_stored(school)


class LegacyZipInfo(zipfile.ZipInfo):
    """A member name stored as Windows archivers do: CP866 bytes without the UTF-8 flag."""

    def _encodeFilenameFlags(self):
        return self.filename.encode("cp866"), self.flag_bits & ~0x800


def test_zip_with_cp866_names(tmp_path, school):
    archive = tmp_path / "package.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr(LegacyZipInfo("Обучающиеся.csv"), "Код обучающегося;Фамилия\nS1;Иванов\n".encode("cp1251"))

    report = import_package(archive, school=school)

    assert report.errors == []
    assert report.counts["students"].added == 1


def test_single_csv_file_named_after_a_table(tmp_path, school):
    path = tmp_path / "students.csv"
    path.write_text("student_id,last_name\nS1,Иванов\n", encoding="utf-8")

    report = import_package(path, school=school)

    assert report.errors == []
    assert report.tables == {"students"}
    assert list(Student.objects.values_list("last_name", flat=True)) == ["Иванов"]


def test_single_csv_file_with_another_name(tmp_path, school):
    path = tmp_path / "ученики.csv"
    path.write_text("student_id\nS1\n", encoding="utf-8")

    report = import_package(path, school=school)

    assert [e.message for e in report.errors] == [
        "Имя файла «ученики.csv» должно быть названием таблицы пакета: students.csv, enrollments.csv, social.csv, "
        "staff.csv, staff_events.csv, subjects.csv, marks.csv, assessments.csv, assessment_tasks.csv, results.csv, events.csv, "
        "programs.csv, values.csv, survey_responses.csv. Файл «ученики.csv» не похож ни на пакет данных ВСОКО, ни на "
        "протокол, который система узнаёт сама (Ф1 ФИС ОКО, форма сбора ВПР, ведомость РЦОИ, итоговые отметки "
        "журнала). Если это протокол или выгрузка другого вида, загрузите его на странице «Загрузка протоколов» "
        "(/assessments/import/): там можно указать, что в каком столбце."
    ]


def test_broken_xlsx(tmp_path, school):
    path = tmp_path / "данные.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not really a workbook")

    report = import_package(path, school=school)

    assert report.errors == [ImportIssue(
        "", None, "", "",
        "Файл «данные.xlsx» повреждён (архив книги не открывается): если он есть у вас в другом виде, откройте его "
        "в Excel и сохраните как «Книга Excel (*.xlsx)» (Файл → Сохранить как); иначе выгрузите его заново.",
        "данные.xlsx")]
    assert_nothing_stored()


def test_empty_xlsx(tmp_path, school):
    path = tmp_path / "пусто.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    workbook.add_worksheet("Обучающиеся")
    workbook.close()

    report = import_package(path, school=school)

    assert [e.message for e in report.errors] == [
        "В книге «пусто.xlsx» нет ни одной заполненной таблицы пакета. Листы называются по таблицам: «Обучающиеся», "
        "«Контингент», «Социальный статус», «Педагогические работники», «Развитие педагогов», «Предметы», «Отметки за периоды», "
        "«Оценочные процедуры», «Задания», «Результаты участников», «Олимпиады и конкурсы», "
        "«Доп. образование и занятость», «Показатели, вводимые вручную», «Ответы анкет»."
    ]
    assert_nothing_stored()


def test_empty_csv(tmp_path, school):
    folder = write_csv_folder(tmp_path / "p", PACKAGE)
    (folder / "marks.csv").write_bytes(b"")

    report = import_package(folder, school=school)

    assert report.errors == [ImportIssue("", None, "", "", "Файл «marks.csv» пуст: в нём нет даже строки заголовков.",
                                         "файл marks.csv")]
    assert_nothing_stored()


def test_unknown_sheet_is_an_error_but_the_instruction_sheet_is_not(tmp_path, school):
    path = tmp_path / "p.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    workbook.add_worksheet("Инструкция").write(0, 0, "Как заполнять")
    sheet = workbook.add_worksheet("Обучающиеся")
    sheet.write_row(0, 0, ["Код обучающегося"])
    sheet.write_row(1, 0, ["S1"])
    workbook.add_worksheet("Оценки").write(0, 0, "что-то")
    workbook.close()

    report = import_package(path, school=school)

    assert [(e.table, e.source, e.message.split(";")[0]) for e in report.errors] == [
        ("Оценки", "лист «Оценки»", "Лист «Оценки» не является таблицей пакета")]
    assert_nothing_stored()



@pytest.mark.parametrize("name", ["Инструкция по заполнению", "Пояснения", "Как заполнять", "ReadMe"])
def test_a_school_s_own_instruction_sheet_before_the_tables_is_skipped(tmp_path, school, name):
    """A deputy's workbook opens with a sheet of advice for the teachers who fill it: no table, nothing to load."""
    path = tmp_path / "p.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    instructions = workbook.add_worksheet(name)
    instructions.write_column(0, 0, ["Как заполнять пакет", "1. Код обучающегося — из журнала", "2. Даты — дд.мм.гггг"])
    sheet = workbook.add_worksheet("Обучающиеся")
    sheet.write_row(0, 0, ["Код обучающегося", "Фамилия", "Имя"])
    sheet.write_row(1, 0, ["S1", "Ёлкина", "Анна"])
    workbook.close()

    report = import_package(path, school=school)

    assert report.errors == []
    assert list(Student.objects.values_list("student_id", "last_name", "first_name")) == [("S1", "Ёлкина", "Анна")]

def test_same_table_twice(tmp_path, school):
    folder = write_csv_folder(tmp_path / "p", {"students": PACKAGE["students"]})
    write_csv_folder(folder, {"students": PACKAGE["students"]}, name="title")

    report = import_package(folder, school=school)

    assert [e.message for e in report.errors] == [
        "Таблица «Обучающиеся» встречается дважды: файл students.csv и файл Обучающиеся.csv. Оставьте одну."]


def test_row_numbers_are_those_of_the_sheet(tmp_path, school):
    path = tmp_path / "p.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("students")
    sheet.write_row(2, 1, ["Код обучающегося", "Пол"])  # header on row 3, from column B
    sheet.write_row(3, 1, ["S1", "М"])
    sheet.write_row(5, 1, ["S2", "X"])  # row 5 is empty and skipped
    workbook.close()

    report = import_package(path, school=school)

    assert [(e.row, e.column, e.value) for e in report.errors] == [(6, "Пол", "X")]


def test_data_in_a_column_without_header(tmp_path, school):
    path = tmp_path / "students.csv"
    path.write_text("student_id,last_name\nS1,Иванов\nS2,Петров,лишнее\n", encoding="utf-8")

    report = import_package(path, school=school)

    assert [(e.row, e.column, e.value, e.message) for e in report.errors] == [
        (3, "столбец 3", "лишнее", "Данные в столбце без заголовка: впишите заголовок или удалите столбец.")]


def test_file_over_the_size_limit(tmp_path, school, settings):
    settings.VSOKO_MAX_UPLOAD_MB = 1
    path = tmp_path / "students.csv"
    path.write_text("student_id\n" + "S1\n" * 400_000, encoding="utf-8")

    report = import_package(path, school=school)

    assert [e.message for e in report.errors] == ["Файл «students.csv» больше 1 МБ — это предел загрузки."]


def test_zip_bomb_is_refused_before_unpacking(tmp_path, school, settings):
    settings.VSOKO_MAX_UPLOAD_MB = 1
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("students.csv", b"student_id\n" + b"0" * (30 * 1024 * 1024))

    report = import_package(archive, school=school)

    assert [e.message for e in report.errors] == [
        "Файл «bomb.zip» распаковывается в слишком большой объём (30 МБ): такой архив не принимается."]


def test_broken_old_excel_format(tmp_path, school):
    path = tmp_path / "данные.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")

    report = import_package(path, school=school)

    assert [e.message for e in report.errors] == [
        "Файл «данные.xls» повреждён или не является книгой Excel: откройте его в Excel или LibreOffice Calc и "
        "сохраните заново как «Книга Excel (*.xlsx)»."]
