"""The registry of source formats: a file that is no table at all is named before any format is tried."""

from __future__ import annotations

import codecs
import html
import zipfile
from decimal import Decimal
from io import BytesIO

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.assessments.builders import EGE_HEADER, EGE_ROWS, f1_rows, oge_rows, write_workbook
from tests.assessments.conftest import roster  # noqa: F401 (fixture)
from tests.assessments.test_views import deputy, uploads_in_tmp  # noqa: F401 (fixtures)
from tests.imports.test_messy_files import OLE2, converted, needs_soffice
from vsoko.assessments.models import ResultsUpload
from vsoko.imports.formats import detect_format
from vsoko.imports.readers import PackageError
from vsoko.imports.service import import_package
from vsoko.records.models import Assessment, Result, Student

pytestmark = pytest.mark.django_db


def word_document() -> bytes:
    """A .docx: a ZIP like an .xlsx, with a document instead of sheets."""
    data = BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return data.getvalue()


SAVE_AS = "откройте его в Excel и сохраните как «Книга Excel (*.xlsx)» (Файл → Сохранить как)"
NOT_TABLES = {
    "word": (word_document(),
             "Файл «ведомость.xlsx» — документ Word, а не книга Excel: перенесите таблицу в Excel и сохраните как .xlsx."),
    "password": (OLE2 + "EncryptedPackage".encode("utf-16-le"),
                 "Файл «ведомость.xlsx» защищён паролем, и его содержимое зашифровано: откройте его в Excel, снимите "
                 "пароль (Файл → Сведения → Защита книги → Зашифровать с использованием пароля → очистите поле) и "
                 "сохраните как «Книга Excel (*.xlsx)»."),
    "text": ("Ведомость ОГЭ пришлём позже".encode(), f"Файл «ведомость.xlsx» не является книгой Excel: {SAVE_AS}."),
}


@pytest.mark.parametrize("case", list(NOT_TABLES))
def test_a_workbook_that_is_no_table_at_all_is_named_by_the_registry(tmp_path, case):
    data, message = NOT_TABLES[case]
    path = tmp_path / "ведомость.xlsx"
    path.write_bytes(data)

    with pytest.raises(PackageError) as refused:
        detect_format(path)

    assert str(refused.value) == message


@pytest.mark.parametrize("case", list(NOT_TABLES))
def test_the_protocols_page_says_what_the_file_is_instead_of_offering_to_map_its_columns(client, deputy, school,  # noqa: F811
                                                                                         case):
    data, message = NOT_TABLES[case]

    response = client.post("/assessments/import/", {"file": SimpleUploadedFile("ведомость.xlsx", data)}, follow=True)

    page = html.unescape(response.content.decode())
    assert response.redirect_chain[-1][0] == f"/assessments/import/{ResultsUpload.objects.get().pk}/"
    assert "Файл нельзя загрузить: ошибок 1. Ничего не сохранено." in page
    assert message in page
    assert "Файл пуст или не читается" not in page
    assert (Assessment.objects.count(), Result.objects.count()) == (0, 0)


# Protocols as they come: the registry recognises them in every shape a school gets them in


def oge_results() -> list[tuple]:
    return sorted(Result.objects.values_list("student__student_id", "primary_score", "mark"))


OGE_STORED = [("S11", Decimal(20), 4), ("S12", Decimal(10), 3), ("S13", Decimal(1), 2)]


def test_an_oge_sheet_in_windows_1251_csv_with_decimal_commas_and_trailing_empty_cells(school, roster, tmp_path):  # noqa: F811
    rows = oge_rows()
    rows[4][11] = "20,0"  # Volkov's primary score, as a Russian Excel writes it
    text = "\r\n".join(";".join(str(c) for c in row) + ";;" for row in rows) + "\r\n;;;;;;\r\n;;;;\r\n"
    path = tmp_path / "ОГЭ_математика.csv"
    path.write_bytes(text.encode("cp1251"))

    report = import_package(path, school=school)

    assert (report.errors, report.format) == ([], "rcoi")
    assert oge_results() == OGE_STORED


def test_an_oge_sheet_in_utf8_csv_with_a_bom(school, roster, tmp_path):  # noqa: F811
    path = tmp_path / "ОГЭ_математика.csv"
    path.write_bytes(codecs.BOM_UTF8 + "\r\n".join(";".join(str(c) for c in row) for row in oge_rows()).encode())

    assert import_package(path, school=school).errors == []
    assert oge_results() == OGE_STORED


@needs_soffice
def test_an_oge_sheet_the_rcoi_sends_as_old_excel_xls_after_an_instructions_sheet(school, roster, tmp_path):  # noqa: F811
    source = write_workbook(tmp_path / "ОГЭ.xlsx", {"Пояснения": [["Коды ответов: + верно, - неверно"]],
                                                     "Ведомость": oge_rows()})
    path = converted(source, "xls")

    report = import_package(path, school=school)

    assert (report.errors, report.format) == ([], "rcoi")
    assert oge_results() == OGE_STORED


def test_an_ege_sheet_with_its_header_merged_over_two_rows(school, roster, tmp_path):  # noqa: F811
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in (["ЕГЭ-2026. Математика (профильный уровень). 29.05.2026"], [],
                ["ФИО участника", "Документ", "ОО", "Класс", "Результаты", None, "Баллы", None],
                [None, None, None, None, *EGE_HEADER[4:]], *EGE_ROWS):
        sheet.append(list(row))
    for cells in ("A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:F3", "G3:H3"):
        sheet.merge_cells(cells)
    workbook.save(tmp_path / "ЕГЭ.xlsx")

    assert import_package(tmp_path / "ЕГЭ.xlsx", school=school).errors == []
    assert sorted(Result.objects.values_list("student__student_id", "primary_score", "test_score")) == [
        ("S21", Decimal(18), Decimal(82)), ("S22", Decimal(4), Decimal(22))]


def test_an_f1_with_an_empty_column_inserted_and_its_numbers_kept_as_text(school, roster, tmp_path):  # noqa: F811
    rows = f1_rows()
    # an empty column after «Класс», as after a careless copy; the participants' numbers typed as text
    rows = [row if n < 6 else row[:5] + [None] + [str(v) if n > 7 and isinstance(v, int) else v for v in row[5:]]
            for n, row in enumerate(rows)]

    assert import_package(write_workbook(tmp_path / "f1.xlsx", {"Индивидуальные результаты": rows}),
                          school=school).errors == []
    assert sorted(Result.objects.values_list("student__student_id", "primary_score", "mark")) == [
        ("S01", Decimal(24), 5), ("S02", Decimal(14), 3), ("S03", Decimal(7), 2), ("S04", Decimal(19), 4)]


def test_a_workbook_renamed_to_csv_is_named_as_a_workbook(tmp_path, school):
    """«Сохранить как CSV» done by renaming: an .xlsx called «students.csv» is no text at all."""
    workbook = openpyxl.Workbook()
    workbook.active.append(["Код обучающегося", "Фамилия", "Имя"])
    workbook.save(tmp_path / "students.csv")

    report = import_package(tmp_path / "students.csv", school=school)

    assert [e.message for e in report.errors] == [
        "Файл «students.csv» — книга Excel (.xlsx), а не CSV, хотя и называется так: переименуйте его, чтобы имя "
        "оканчивалось на .xlsx, или откройте в Excel и сохраните как «CSV (разделители — запятые)»."]
    assert Student.objects.count() == 0


def test_an_old_excel_protocol_renamed_to_csv_is_named_as_a_workbook(tmp_path):
    path = tmp_path / "ОГЭ.csv"
    path.write_bytes(OLE2)

    with pytest.raises(PackageError) as refused:
        detect_format(path)

    assert str(refused.value) == (
        "Файл «ОГЭ.csv» — книга Excel 97–2003 (.xls), а не CSV, хотя и называется так: переименуйте его, чтобы имя "
        "оканчивалось на .xls, или откройте в Excel и сохраните как «CSV (разделители — запятые)».")


def unrecognised(name: str) -> str:
    return (f"Файл «{name}» не похож ни на пакет данных ВСОКО, ни на протокол, который система узнаёт сама (Ф1 ФИС "
            "ОКО, форма сбора ВПР, ведомость РЦОИ, итоговые отметки журнала). Если это протокол или выгрузка другого "
            "вида, загрузите его на странице «Загрузка протоколов» (/assessments/import/): там можно указать, что в "
            "каком столбце.")


def test_a_protocol_csv_nobody_recognises_is_sent_to_the_protocols_page(tmp_path, school):
    path = tmp_path / "Ведомость.csv"
    path.write_bytes("Участник;Итог\r\nИванов Иван;5\r\n".encode("cp1251"))

    report = import_package(path, school=school)

    [error] = [e.message for e in report.errors]
    assert error.startswith("Имя файла «Ведомость.csv» должно быть названием таблицы пакета: students.csv, ")
    assert error.endswith(f"survey_responses.csv. {unrecognised('Ведомость.csv')}")
    assert Student.objects.count() == 0


def test_a_protocol_workbook_nobody_recognises_is_sent_to_the_protocols_page(tmp_path, school):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Лист1"
    workbook.active.append(["Участник", "Итог"])
    workbook.active.append(["Иванов Иван", 5])
    workbook.save(tmp_path / "Ведомость.xlsx")

    report = import_package(tmp_path / "Ведомость.xlsx", school=school)

    assert [e.message.split(";")[0] for e in report.errors] == [
        "Лист «Лист1» не является таблицей пакета", unrecognised("Ведомость.xlsx")]
    assert Student.objects.count() == 0


def test_a_package_with_one_table_and_a_misnamed_sheet_is_not_sent_to_the_protocols_page(tmp_path, school):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Обучающиеся"
    workbook.active.append(["Код обучающегося", "Фамилия", "Имя"])
    workbook.create_sheet("Отметки 1 четв").append(["Код обучающегося"])
    workbook.save(tmp_path / "пакет.xlsx")

    report = import_package(tmp_path / "пакет.xlsx", school=school)

    assert [e.message.split(";")[0] for e in report.errors] == ["Лист «Отметки 1 четв» не является таблицей пакета"]


@pytest.mark.parametrize("case", list(NOT_TABLES))
def test_mapping_the_columns_of_a_file_that_is_no_table_says_what_the_file_is(client, deputy, school, case):  # noqa: F811
    data, message = NOT_TABLES[case]
    client.post("/assessments/import/", {"file": SimpleUploadedFile("ведомость.xlsx", data)})

    response = client.get(f"/assessments/import/{ResultsUpload.objects.get().pk}/columns/", follow=True)

    page = html.unescape(response.content.decode())
    assert f"Сопоставить столбцы нельзя. {message}" in page
    assert "Файл пуст или не читается" not in page
