"""The indicators' values in Excel (`vsoko indicators --format xlsx`) print as every sheet of the shared writer does
(vsoko.reports.writers `xlsx_print_setup`): A4, one page across, the header row on every page, «Стр. N из M» at the
foot — and the content is what it was."""

import io

import openpyxl

from vsoko.indicators.export import COLUMNS, HEADERS, to_xlsx

A4 = 9
RECORD = {"code": "1.1", "name": "Общая численность учащихся", "year": 2024, "org_unit": "s1",
          "breakdown": {"уровень": "ООО"}, "value": 581, "numerator": None, "denominator": None, "unit": "человек"}


def sheet_of(records):
    return openpyxl.load_workbook(io.BytesIO(to_xlsx(records, COLUMNS, HEADERS))).active


def test_the_values_sheet_prints_on_a4_one_page_across_with_the_header_on_each_page():
    sheet = sheet_of([RECORD])

    assert sheet.page_setup.paperSize == A4
    # 34 + 60 + 7 × 8,43 = 153 characters: wider than a portrait page (93)
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth or 1, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.oddFooter.center.text == "Стр. &P из &N"


def test_the_values_sheet_keeps_its_content():
    sheet = sheet_of([RECORD])

    assert sheet.title == "Показатели"
    assert [c.value for c in sheet[1]] == HEADERS
    assert [c.value for c in sheet[2]] == ["1.1", "Общая численность учащихся", 2024, "s1", "уровень=ООО", 581,
                                           None, None, "человек"]
    assert sheet.freeze_panes == "A2"
    assert [round(sheet.column_dimensions[c].width) for c in "AB"] == [35, 61]
