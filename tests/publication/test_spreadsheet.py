import csv
import io
import zipfile

import pytest
from python_calamine import CalamineWorkbook

from vsoko.imports.issues import ImportIssue, write_issues
from vsoko.indicators.export import to_csv, to_xlsx
from vsoko.publication.spreadsheet import safe_cell, safe_row, workbook

ATTACKS = ["=1+1", "+7 (900) 000-00-00", "-2+3", "@SUM(A1)", "=HYPERLINK(\"http://x\";\"жми\")", "\t=1", "\r=1"]


@pytest.mark.parametrize("text", ATTACKS)
def test_text_that_looks_like_a_formula_gets_an_apostrophe(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Иванов", "5А", "", "1,5", "a=b", -5, -1.5, 0, None, True])
def test_plain_text_and_numbers_are_left_alone(value):
    assert safe_cell(value) == value


def test_safe_row_neutralises_every_text_cell():
    assert safe_row(["=1", 2, "ok", -3]) == ["'=1", 2, "ok", -3]


def _xlsx_cells(data: bytes) -> tuple[list[list], str]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    rows = book.get_sheet_by_index(0).to_python()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    return rows, sheet_xml


def test_workbook_writes_formula_like_text_as_a_string_and_numbers_as_numbers():
    buffer = io.BytesIO()
    book = workbook(buffer, in_memory=True, strings_to_formulas=True)  # the safe options win
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["=1+1", -5, "-5", "http://example.org"])
    book.close()

    rows, xml = _xlsx_cells(buffer.getvalue())

    assert "<f>" not in xml
    assert "<hyperlink" not in xml
    assert rows[0] == ["=1+1", -5, "-5", "http://example.org"]


def _indicator_record(**over):
    return {"code": "=cmd|' /C calc'!A0", "name": "@x", "year": "2024/2025", "org_unit": "-школа", "breakdown": {},
            "value": -1.5, "numerator": None, "denominator": None, "unit": "%", **over}


def test_indicator_csv_export_neutralises_text_cells():
    rows = list(csv.reader(io.StringIO(to_csv([_indicator_record()], ["code", "name", "org_unit", "value"],
                                              ["Код", "Имя", "Организация", "Значение"]).decode())))

    assert rows[1] == ["'=cmd|' /C calc'!A0", "'@x", "'-школа", "-1.5"]


def test_indicator_xlsx_export_has_no_formulas():
    data = to_xlsx([_indicator_record()], ["code", "value"], ["Код", "Значение"])

    rows, xml = _xlsx_cells(data)

    assert "<f>" not in xml
    assert rows[1] == ["=cmd|' /C calc'!A0", -1.5]


def test_import_error_report_neutralises_values_from_the_uploaded_file(tmp_path):
    issue = ImportIssue(table="students", row=2, column="Фамилия", value="=1+1", message="ошибка")

    csv_text = write_issues([issue], tmp_path / "errors.csv").read_text(encoding="utf-8-sig")
    rows, xml = _xlsx_cells(write_issues([issue], tmp_path / "errors.xlsx").read_bytes())

    assert ";'=1+1;" in csv_text
    assert "<f>" not in xml
    assert "=1+1" in rows[1]
