"""The journal's Excel export prints as every sheet of the shared writer does (vsoko.reports.writers
`xlsx_print_setup`): A4, landscape (its nine columns are 236 characters wide), one page across, the header row on
every page, «Стр. N из M» at the foot — and its content is what it was: the header, the rows, the widths, the filter."""

import datetime
import io

import openpyxl
from django.utils import timezone

from vsoko.audit.enums import AuditAction
from vsoko.audit.journal import HEADERS, to_xlsx
from vsoko.audit.models import AuditEntry

A4 = 9


def book_of(entries):
    return openpyxl.load_workbook(io.BytesIO(to_xlsx(entries)))


def entry(n: int) -> AuditEntry:
    return AuditEntry(created=timezone.make_aware(datetime.datetime(2024, 10, 1, 9, n)), username=f"user{n}",
                      action=AuditAction.VIEW_PERSON, object_type="student", object_id=f"S-{n}", ip="10.0.0.1", details={})


def test_the_journal_sheet_prints_on_a4_landscape_one_page_across_with_the_header_on_each_page():
    sheet = book_of([entry(1), entry(2)]).active

    assert sheet.page_setup.paperSize == A4
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth or 1, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.oddFooter.center.text == "Стр. &P из &N"
    assert sheet.oddFooter.right.text == "&A"


def test_the_journal_sheet_keeps_its_content():
    sheet = book_of([entry(1), entry(2)]).active

    assert sheet.title == "Журнал доступа"
    assert [c.value for c in sheet[1]] == list(HEADERS)
    assert [c.value for c in sheet[2]][:2] == [datetime.datetime(2024, 10, 1, 9, 1), "user1"]
    assert sheet["F3"].value == "S-2"
    assert sheet.max_row == 3
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:I3"
    # Excel adds a padding of 0,71 to each width written
    assert [round(sheet.column_dimensions[c].width) for c in "ABI"] == [20, 17, 61]
