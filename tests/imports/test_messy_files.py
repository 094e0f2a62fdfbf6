"""The files a school really sends: Excel's CSV on Russian Windows, numbers and dates kept as text,
formulas, titles above the header, hidden sheets, old and broken files.

Each case is either imported with the stored values checked, or refused with a Russian message
that says where and why, and nothing stored.
"""

from __future__ import annotations

import csv
import datetime
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from tests.imports.conftest import PACKAGE, write_xlsx
from tests.imports.test_service import ALL_ADDED, assert_package_stored
from tests.imports.test_validation import assert_nothing_stored
from vsoko.imports.issues import ImportIssue
from vsoko.imports.service import import_package
from vsoko.records.models import Enrollment, ManualValue, PeriodMark, Student

pytestmark = pytest.mark.django_db

D = datetime.date
SHEET = "лист «Обучающиеся»"


def book(path: Path, sheets: dict[str, list[list[object]]], *, hidden: tuple[str, ...] = ()) -> Path:
    """A workbook as openpyxl writes it: formulas are kept without computed values."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
        if title in hidden:
            sheet.sheet_state = "hidden"
    workbook.save(path)
    return path


def messages(report) -> list[str]:
    return [str(e) for e in report.errors]


# CSV as Excel saves it


def test_excel_csv_on_russian_windows(tmp_path, school):
    """Windows-1251, `;`, CRLF, a «sep=;» first line, «18,5» with a decimal comma."""
    folder = tmp_path / "выгрузка"
    folder.mkdir()
    for key, rows in PACKAGE.items():
        with (folder / f"{key}.csv").open("w", encoding="cp1251", newline="") as out:
            if key == "students":
                out.write("sep=;\r\n")
            csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)

    report = import_package(folder, school=school)

    assert report.errors == []
    assert report.counts == ALL_ADDED
    assert_package_stored(school)


def test_utf8_csv_with_bom_crlf_and_decimal_commas(tmp_path, school):
    path = tmp_path / "values.csv"
    path.write_bytes(
        "\ufeffУчебный год,Показатель,Значение,Числитель,Знаменатель\r\n"
        '2024/2025,order1324.2.1,"4,5",,\r\n'
        '2024/2025,core.quality,,"1 234,5","2\u00a0469"\r\n'.encode())

    report = import_package(path, school=school)

    assert report.errors == []
    assert sorted(ManualValue.objects.values_list("indicator", "value", "numerator", "denominator")) == [
        ("core.quality", None, Decimal("1234.5"), Decimal("2469")),
        ("order1324.2.1", Decimal("4.5"), None, None),
    ]


def test_csv_with_an_unclosed_quote_is_refused_in_russian(tmp_path, school):
    path = tmp_path / "students.csv"
    path.write_text('student_id;last_name\nS1;"Иванов\nS2;Петров\n' + "x" * 140_000, encoding="utf-8")

    report = import_package(path, school=school)

    assert messages(report) == [
        "файл students.csv: Файл «students.csv», строка 2: строку CSV не удаётся разобрать — вероятно, в ней или "
        "выше не закрыта кавычка «\"». Откройте файл в Excel, проверьте эту строку и сохраните его заново."]
    assert_nothing_stored()


# XLSX cells


def test_numbers_kept_as_text_and_text_kept_as_numbers(tmp_path, school):
    path = book(tmp_path / "p.xlsx", {
        "Обучающиеся": [["Код обучающегося", "Фамилия"], [1001, "Иванов"], ["1002", "Петрова"]],
        "Отметки за периоды": [
            ["Учебный год", "Период", "Код обучающегося", "Предмет", "Отметка"],
            ["2024/2025", "1 четверть", "1001", "Математика", "5"],
            ["2024/2025", "2 четверть", " 1001 ", "Математика", " 5 "],
            ["2024/2025", "3 четверть", 1001, "Математика", "5.0"],
            ["2024/2025", "4 четверть", 1001.0, "Математика", 4],
            ["2024/2025", "год", "1002", "Математика", 3.0],
        ],
    })

    report = import_package(path, school=school)

    assert report.errors == []
    assert sorted(PeriodMark.objects.values_list("student__student_id", "period", "mark")) == [
        ("1001", "q1", "5"), ("1001", "q2", "5"), ("1001", "q3", "5"), ("1001", "q4", "4"), ("1002", "year", "3")]


def test_dates_as_text_as_excel_serial_numbers_and_as_dates(tmp_path, school):
    path = book(tmp_path / "p.xlsx", {"Обучающиеся": [
        ["Код обучающегося", "Дата рождения"],
        ["S1", "01.09.2010"],
        ["S2", 40422],  # the serial number of 01.09.2010: a date cell that lost its format
        ["S3", datetime.datetime(2010, 9, 1)],
        ["S4", "01.09.2010 0:00:00"],  # as 1С exports it
        ["S5", " 2010-09-01 "],
    ]})

    report = import_package(path, school=school)

    assert report.errors == []
    assert set(Student.objects.values_list("birth_date", flat=True)) == {D(2010, 9, 1)}
    assert Student.objects.count() == 5


def test_a_year_in_a_date_column_is_refused_not_read_as_1905(tmp_path, school):
    path = book(tmp_path / "p.xlsx", {"Обучающиеся": [["Код обучающегося", "Дата рождения"], ["S1", 2010]]})

    report = import_package(path, school=school)

    assert report.errors == [ImportIssue(
        "students", 2, "Дата рождения", "2010",
        "Число в столбце даты: запишите дату как 31.05.2025 (или задайте ячейке формат «Дата»).", SHEET)]
    assert_nothing_stored()


def test_booleans_in_every_spelling(tmp_path, school):
    words = ["да", "Да", "ДА", "+", "1", 1, True, "нет", "Нет ", "-", "0", 0, False, None]
    students = [["Код обучающегося"]] + [[f"S{n:02d}"] for n in range(len(words))]
    enrollments = [["Учебный год", "Код обучающегося", "Класс", "ОВЗ"]] + [
        ["2024/2025", f"S{n:02d}", "5А", word] for n, word in enumerate(words)]
    path = book(tmp_path / "p.xlsx", {"Обучающиеся": students, "Контингент": enrollments})

    report = import_package(path, school=school)

    assert report.errors == []
    assert [ovz for _, ovz in sorted(Enrollment.objects.values_list("student__student_id", "ovz"))] == [
        True] * 7 + [False] * 7  # an empty cell is «not given»: the default, no


def test_formulas_with_computed_values_are_read_as_their_values(tmp_path, school):
    path = tmp_path / "p.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Обучающиеся")
    sheet.write_row(0, 0, ["Код обучающегося", "Фамилия", "Дата рождения"])
    sheet.write(1, 0, "S1")
    sheet.write_formula(1, 1, '=PROPER("иванов")', None, "Иванов")
    sheet.write_formula(1, 2, "=DATE(2010,9,1)", workbook.add_format({"num_format": "dd.mm.yyyy"}), 40422)
    workbook.close()

    report = import_package(path, school=school)

    assert report.errors == []
    assert list(Student.objects.values_list("last_name", "birth_date")) == [("Иванов", D(2010, 9, 1))]


def test_formulas_never_computed_are_refused_naming_the_cell(tmp_path, school):
    """openpyxl (and other programs) write formulas without values: read, they would be empty cells."""
    path = book(tmp_path / "p.xlsx", {"Обучающиеся": [
        ["Код обучающегося", "Фамилия", "Имя"],
        ["S1", '=PROPER("иванов")', "Иван"],
        ["S2", "Петрова", "=B2&\"-2\""],
    ]})

    report = import_package(path, school=school)

    advice = ("Формула без вычисленного значения: файл сохранён программой, которая не вычисляет формулы. "
              "Откройте его в Excel или LibreOffice Calc и сохраните — значения будут вычислены; "
              "или замените формулы значениями (Копировать → Вставить значения).")
    assert report.errors == [
        ImportIssue("students", 2, "Фамилия", '=PROPER("иванов")', f"Ячейка B2. {advice}", SHEET),
        ImportIssue("students", 3, "Имя", '=B2&"-2"', f"Ячейка C3. {advice}", SHEET),
    ]
    assert_nothing_stored()


# Sheets and headers


def test_title_merged_above_the_header_and_blank_rows_between_data(tmp_path, school):
    path = tmp_path / "p.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Обучающиеся"
    sheet["A1"] = "Список обучающихся МБОУ «СОШ № 1» на 01.09.2024"
    sheet.merge_cells("A1:C1")
    sheet.append([])
    sheet.append(["Код обучающегося", "Фамилия", "Пол"])
    sheet.append(["S1", "Иванов", "М"])
    sheet.append([])
    sheet.append([None, "   ", None])
    sheet.append(["S2", "Петрова", "Ж"])
    workbook.save(path)

    report = import_package(path, school=school)

    assert report.errors == []
    assert sorted(Student.objects.values_list("student_id", "last_name", "sex")) == [
        ("S1", "Иванов", "m"), ("S2", "Петрова", "f")]


def test_rows_keep_their_sheet_numbers_after_a_title_and_blank_rows(tmp_path, school):
    path = book(tmp_path / "p.xlsx", {"Обучающиеся": [
        ["Обучающиеся 9А"], ["Код обучающегося", "Пол"], ["S1", "М"], [], [], ["S2", "мальчик"]]})

    report = import_package(path, school=school)

    assert report.errors == [ImportIssue("students", 6, "Пол", "мальчик", "Недопустимое значение. Допустимые: М, Ж.",
                                         SHEET)]
    assert_nothing_stored()


def test_header_merged_over_two_rows(tmp_path, school):
    path = tmp_path / "p.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Обучающиеся"
    sheet.append(["Код обучающегося", "Фамилия"])
    sheet.append([None, None])
    sheet.merge_cells("A1:A2")
    sheet.merge_cells("B1:B2")
    sheet.append(["S1", "Иванов"])
    workbook.save(path)

    report = import_package(path, school=school)

    assert report.errors == []
    assert list(Student.objects.values_list("student_id", "last_name")) == [("S1", "Иванов")]


def test_an_unknown_column_is_named_and_nothing_is_stored(tmp_path, school):
    path = book(tmp_path / "p.xlsx", {"Обучающиеся": [["Код обучающегося", "Фамилия", "Телефон"],
                                                       ["S1", "Иванов", "+7 900 000-00-00"]]})

    report = import_package(path, school=school)

    assert report.errors == [ImportIssue(
        "students", 1, "Телефон", "Телефон",
        "Неизвестный столбец. Допустимые столбцы: «Код обучающегося» (student_id), «Фамилия» (last_name), "
        "«Имя» (first_name), «Отчество» (middle_name), «Дата рождения» (birth_date), «Пол» (sex).", SHEET)]
    assert_nothing_stored()


def test_a_missing_required_column_is_named_and_nothing_is_stored(tmp_path, school):
    path = book(tmp_path / "p.xlsx", {
        "Обучающиеся": [["Код обучающегося"], ["S1"]],
        "Отметки за периоды": [["Учебный год", "Период", "Код обучающегося", "Предмет"],
                               ["2024/2025", "год", "S1", "Математика"]],
    })

    report = import_package(path, school=school)

    assert report.errors == [ImportIssue(
        "marks", 1, "Отметка", "", "Нет обязательного столбца «Отметка» (mark).", "лист «Отметки за периоды»")]
    assert_nothing_stored()


def test_spaces_non_breaking_spaces_invisible_characters_and_yo(tmp_path, school):
    path = book(tmp_path / "p.xlsx", {
        "Обучающиеся": [["Код обучающегося ", "\u00a0Фамилия", "Имя"],
                        ["S1\u00a0", " Сидоров ", "Пётр\u200b"], ["\u200bS2", "Ёлкина", "Алёна  Мария"]],
        "Социальный статус": [["Учебный год", "Код обучающегося", "Категория"],
                              ["2024/2025", "S1", "учёт ПДН"], ["2024/2025", "S2 ", "учет пдн"]],
    })

    report = import_package(path, school=school)

    assert report.errors == []
    assert sorted(Student.objects.values_list("student_id", "last_name", "first_name")) == [
        ("S1", "Сидоров", "Пётр"), ("S2", "Ёлкина", "Алёна Мария")]
    assert sorted(Student.objects.filter(social__category="pdn").values_list("student_id", flat=True)) == [
        "S1", "S2"]


def test_sheet_names_in_another_case_and_with_spaces(tmp_path, school):
    path = book(tmp_path / "p.xlsx", {" обучающиеся ": [["student_id"], ["S1"]],
                                      "ОТМЕТКИ  ЗА ПЕРИОДЫ": [["year", "period", "student_id", "subject", "mark"],
                                                               ["2024/2025", "год", "S1", "Математика", "5"]]})

    report = import_package(path, school=school)

    assert report.errors == []
    assert list(PeriodMark.objects.values_list("student__student_id", "mark")) == [("S1", "5")]


def test_a_hidden_sheet_with_data_is_refused_and_a_hidden_helper_sheet_ignored(tmp_path, school):
    path = book(tmp_path / "p.xlsx", {
        "Обучающиеся": [["student_id"], ["S1"]],
        "Отметки за периоды": [["year", "period", "student_id", "subject", "mark"],
                               ["2023/2024", "год", "S1", "Математика", "2"]],
        "списки для выбора": [["М", "Ж"]],
    }, hidden=("Отметки за периоды", "списки для выбора"))

    report = import_package(path, school=school)

    assert report.errors == [ImportIssue(
        "", None, "", "",
        "Лист «Отметки за периоды» скрыт, но в нём есть данные таблицы «Отметки за периоды»: покажите его (правой "
        "кнопкой по ярлычку листа → Показать), проверьте данные и загрузите снова — или удалите лист.",
        "лист «Отметки за периоды»")]
    assert_nothing_stored()


# Files that are no .xlsx workbook


SAVE_AS = "откройте его в Excel и сохраните как «Книга Excel (*.xlsx)» (Файл → Сохранить как)"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _no_sheets(path: Path) -> Path:
    """A workbook whose workbook part lists no sheet (some generators write such files)."""
    source = book(path.with_name("source.xlsx"), {"Обучающиеся": [["student_id"], ["S1"]]})
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w") as out:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "xl/workbook.xml":
                text = data.decode()
                start, end = text.index("<sheets>"), text.index("</sheets>") + len("</sheets>")
                data = (text[:start] + "<sheets/>" + text[end:]).encode()
            out.writestr(item, data)
    return path


FILES = {
    "empty": ("пусто.xlsx", lambda p: p.write_bytes(b""),
              "Файл «пусто.xlsx» пуст (0 байт): вероятно, он не сохранился или загрузка прервалась. Сохраните файл "
              "заново и загрузите ещё раз."),
    "broken xls": ("данные.xls", lambda p: p.write_bytes(OLE2),
                   "Файл «данные.xls» повреждён или не является книгой Excel: откройте его в Excel или LibreOffice Calc "
                   "и сохраните заново как «Книга Excel (*.xlsx)»."),
    "xls renamed": ("данные.xlsx", lambda p: p.write_bytes(OLE2),
                    f"Файл «данные.xlsx» сохранён в старом формате Excel 97–2003 (.xls): {SAVE_AS}."),
    "password": ("данные.xlsx", lambda p: p.write_bytes(OLE2 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 64),
                 "Файл «данные.xlsx» защищён паролем, и его содержимое зашифровано: откройте его в Excel, снимите "
                 "пароль (Файл → Сведения → Защита книги → Зашифровать с использованием пароля → очистите поле) и "
                 "сохраните как «Книга Excel (*.xlsx)»."),
    "html as xls": ("journal.xls", lambda p: p.write_bytes(b"\r\n<html><body><table><tr><td>1</td></tr></table>"),
                    "Файл «journal.xls» — веб-страница (HTML), а не книга Excel, хотя и называется так: так выгружают "
                    "таблицы некоторые электронные журналы. Откройте его в Excel и сохраните как «Книга Excel "
                    "(*.xlsx)» (Файл → Сохранить как)."),
    "xml 2003": ("данные.xls", lambda p: p.write_bytes(b'<?xml version="1.0"?><Workbook/>'),
                 f"Файл «данные.xls» — «Таблица XML 2003», а не книга Excel (.xlsx): {SAVE_AS}."),
    "broken ods": ("данные.ods", lambda p: _zip(p, {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                                                    "content.xml": b"<x/>"}),
                   "Файл «данные.ods» повреждён или не является книгой Excel: откройте его в Excel или LibreOffice Calc "
                   "и сохраните заново как «Книга Excel (*.xlsx)»."),
    "word 97 as xls": ("данные.xls", lambda p: p.write_bytes(OLE2 + "WordDocument".encode("utf-16-le")),
                       "Файл «данные.xls» — документ Word, а не книга Excel: перенесите таблицу в Excel и сохраните "
                       "как .xlsx."),
    "ods renamed": ("данные.xlsx", lambda p: _zip(p, {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
                    "Файл «данные.xlsx» в формате OpenDocument (.ods): в LibreOffice Calc выберите Файл → Сохранить "
                    "как → «Книга Excel 2007-365 (.xlsx)»."),
    "word": ("данные.xlsx", lambda p: _zip(p, {"word/document.xml": b"<w/>"}),
             "Файл «данные.xlsx» — документ Word, а не книга Excel: перенесите таблицу в Excel и сохраните как .xlsx."),
    "csv zip renamed": ("данные.xlsx", lambda p: _zip(p, {"students.csv": b"student_id\nS1\n"}),
                        "Файл «данные.xlsx» — ZIP-архив с CSV-файлами, а не книга Excel: переименуйте его, чтобы имя "
                        "оканчивалось на .zip, и загрузите снова."),
    "other zip": ("данные.xlsx", lambda p: _zip(p, {"photo.jpg": b"\xff\xd8"}),
                  f"Файл «данные.xlsx» — ZIP-архив, но не книга Excel (в нём нет листов): {SAVE_AS}."),
    "truncated": ("данные.xlsx", lambda p: p.write_bytes(b"PK\x03\x04" + b"\x00" * 100),
                  "Файл «данные.xlsx» повреждён (архив книги не открывается): если он есть у вас в другом виде, "
                  f"{SAVE_AS}; иначе выгрузите его заново."),
    "text": ("данные.xlsx", lambda p: p.write_text("Код обучающегося;Фамилия\n", encoding="utf-8"),
             f"Файл «данные.xlsx» не является книгой Excel: {SAVE_AS}."),
    "no sheets": ("данные.xlsx", _no_sheets,
                  "В книге «данные.xlsx» нет ни одной заполненной таблицы пакета. Листы называются по таблицам: "
                  "«Обучающиеся», «Контингент», «Социальный статус», «Педагогические работники», «Развитие педагогов», "
                  "«Предметы», «Отметки за периоды», «Оценочные процедуры», «Задания», «Результаты участников», "
                  "«Олимпиады и конкурсы», «Доп. образование и занятость», «Показатели, вводимые вручную», "
                  "«Ответы анкет»."),
}


@pytest.mark.parametrize("case", list(FILES))
def test_a_file_that_is_no_xlsx_workbook_is_refused_saying_what_it_is(tmp_path, school, case):
    name, make, message = FILES[case]
    path = tmp_path / name
    make(path)

    report = import_package(path, school=school)

    assert report.errors == [ImportIssue("", None, "", "", message, name)]
    assert_nothing_stored()


# Old formats: Excel 97–2003 (.xls) and OpenDocument (.ods), saved by LibreOffice as schools' programs save them

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")


def converted(path: Path, suffix: str) -> Path:
    """The workbook saved by LibreOffice as .xls («MS Excel 97») or .ods; LibreOffice computes the formulas."""
    out = path.parent / "converted"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{path.parent}/profile", "--convert-to",
                    suffix, "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=180)
    return out / f"{path.stem}.{suffix}"


@needs_soffice
@pytest.mark.parametrize("suffix", ["xls", "ods"])
def test_the_whole_package_saved_as_xls_or_ods_imports_like_the_xlsx(tmp_path, school, suffix):
    path = converted(write_xlsx(tmp_path / "пакет.xlsx", PACKAGE), suffix)

    report = import_package(path, school=school)

    assert (report.errors, report.format) == ([], "package")
    assert report.counts == ALL_ADDED
    assert_package_stored(school)


@needs_soffice
@pytest.mark.parametrize("suffix", ["xls", "ods"])
def test_xls_and_ods_keep_formula_values_dates_and_row_numbers(tmp_path, school, suffix):
    source = book(tmp_path / "пакет.xlsx", {"Обучающиеся": [
        ["Список обучающихся"],
        [],
        ["Код обучающегося", "Фамилия", "Имя", "Дата рождения"],
        ["S1", '=UPPER("и")&"ванов"', "Иван", D(2010, 2, 1)],
        ["S2", "Петрова", "Анна", "31.02.2010"],
    ]})

    report = import_package(converted(source, suffix), school=school)

    assert report.errors == [ImportIssue("students", 5, "Дата рождения", "31.02.2010", "Такой даты нет в календаре.",
                                         SHEET)]
    report = import_package(converted(book(tmp_path / "пакет.xlsx", {"Обучающиеся": [
        ["Код обучающегося", "Фамилия", "Имя", "Дата рождения"],
        ["S1", '=UPPER("и")&"ванов"', "Иван", D(2010, 2, 1)]]}), suffix), school=school)
    assert report.errors == []
    assert list(Student.objects.values_list("student_id", "last_name", "birth_date")) == [("S1", "Иванов", D(2010, 2, 1))]


@needs_soffice
@pytest.mark.parametrize("suffix", ["xls", "ods"])
def test_a_hidden_sheet_with_data_in_xls_or_ods_is_refused(tmp_path, school, suffix):
    source = book(tmp_path / "p.xlsx", {
        "Обучающиеся": [["student_id"], ["S1"]],
        "Отметки за периоды": [["year", "period", "student_id", "subject", "mark"],
                               ["2023/2024", "год", "S1", "Математика", "2"]],
    }, hidden=("Отметки за периоды",))

    report = import_package(converted(source, suffix), school=school)

    assert [e.message for e in report.errors] == [
        "Лист «Отметки за периоды» скрыт, но в нём есть данные таблицы «Отметки за периоды»: покажите его (правой "
        "кнопкой по ярлычку листа → Показать), проверьте данные и загрузите снова — или удалите лист."]
    assert_nothing_stored()


@needs_soffice
def test_a_word_document_called_xls_is_refused_as_word(tmp_path, school):
    text = tmp_path / "отметки.txt"
    text.write_text("Отметки 5А за год\n", encoding="utf-8")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "doc",
                    "--outdir", str(tmp_path), str(text)], check=True, capture_output=True, timeout=180)
    path = (tmp_path / "отметки.doc").rename(tmp_path / "отметки.xls")

    report = import_package(path, school=school)

    assert [e.message for e in report.errors] == [
        "Файл «отметки.xls» — документ Word, а не книга Excel: перенесите таблицу в Excel и сохраните как .xlsx."]


# LibreOffice saves with a password only through its UNO interface (the Python bundled with it).
UNO_PYTHON = next((p for p in ("/usr/bin/python3", "/usr/lib/libreoffice/program/python")
                   if Path(p).exists() and subprocess.run([p, "-c", "import uno"], capture_output=True).returncode == 0),
                  None)
ENCRYPT = """
import subprocess, sys, time, uno
from com.sun.star.beans import PropertyValue
source, target, filter_name, profile, pipe = sys.argv[1:]
def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p
office = subprocess.Popen(["soffice", "--headless", "--norestore", "-env:UserInstallation=file://" + profile,
                           "--accept=pipe,name=" + pipe + ";urp;"])
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
for _ in range(120):
    try:
        context = resolver.resolve("uno:pipe,name=" + pipe + ";urp;StarOffice.ComponentContext")
        break
    except Exception:
        time.sleep(0.5)
desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0, (prop("Hidden", True),))
document.storeToURL(uno.systemPathToFileUrl(target), (prop("FilterName", filter_name), prop("Password", "secret")))
document.close(True)
try:
    desktop.terminate()
except Exception:
    pass
office.wait(timeout=60)
"""


@needs_soffice
@pytest.mark.skipif(UNO_PYTHON is None, reason="LibreOffice's Python (uno) is not installed")
@pytest.mark.parametrize(("suffix", "filter_name"), [("xls", "MS Excel 97"), ("ods", "calc8")])
def test_a_password_protected_xls_or_ods_is_refused(tmp_path, school, suffix, filter_name):
    source = write_xlsx(tmp_path / "пакет.xlsx", {"students": PACKAGE["students"]})
    path = tmp_path / f"пакет.{suffix}"
    subprocess.run([UNO_PYTHON, "-c", ENCRYPT, str(source), str(path), filter_name, str(tmp_path / "profile"),
                    f"vsoko_{tmp_path.name}"], check=True, capture_output=True, timeout=240)

    report = import_package(path, school=school)

    assert [e.message for e in report.errors] == [
        f"Файл «пакет.{suffix}» защищён паролем, и его содержимое зашифровано: откройте его в Excel, снимите пароль "
        "(Файл → Сведения → Защита книги → Зашифровать с использованием пароля → очистите поле) и сохраните как "
        "«Книга Excel (*.xlsx)»."]
    assert_nothing_stored()


def test_an_xlsx_called_xls_is_read_by_its_content(tmp_path, school):
    path = write_xlsx(tmp_path / "пакет.xlsx", PACKAGE).rename(tmp_path / "пакет.xls")

    report = import_package(path, school=school)

    assert (report.errors, report.counts) == ([], ALL_ADDED)
    assert_package_stored(school)
