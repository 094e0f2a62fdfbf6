"""The list of import errors as a workbook: it is printed to fix the file by, so the six columns (table, sheet,
row, column, value, what is wrong) are on one page across — in portrait they fell on three sheets of paper, the
reason apart from its row."""

import openpyxl

from vsoko.imports.issues import ImportIssue, write_issues


def test_the_error_list_prints_landscape_one_page_wide_with_its_header_on_every_page(tmp_path):
    issue = ImportIssue(table="students", row=15, column="Дата рождения", value="31.02.2015",
                        message="Такой даты нет в календаре.")

    sheet = openpyxl.load_workbook(write_issues([issue], tmp_path / "errors.xlsx"))["Ошибки"]

    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    # fitToWidth absent is 1 (the file format's default); fitToHeight 0 is as many pages down as needed
    assert (sheet.page_setup.fitToWidth or 1, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == "$1:$1"
    assert [c.value for c in sheet[2]] == ["Обучающиеся", None, 15, "Дата рождения", "31.02.2015",
                                           "Такой даты нет в календаре."]
