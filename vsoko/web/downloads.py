"""«Скачать в Excel» of a page's table: one way for every page that shows a table of figures.

The view builds the rows it shows once. Asked `?format=xlsx` (the page's own address and query, so the same
year, school, catalog, period and filter: the template's button is `web/partials/excel_download.html`), it
gives them as a vsoko.reports Document — the title says what, the lines under it where, when and which filter
— and this module writes it with the reports' XLSX writer, the one writer of tables to Excel: numbers stay
numbers with their display format, the header of a one-table sheet is frozen, columns are as wide as their
content and text never turns into a formula. The rows come through the same permission functions as the page,
so the file holds what the page shows to that user and nothing more.

Every such download is recorded in the audit log as an export (with the page's filters and the number of
rows), as the other downloads are: a list of pupils or staff in a file is personal data leaving the system.
The file is named by the page and the school year, never by a person.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.reports.document import Document
from vsoko.reports.enums import Format
from vsoko.reports.views import CONTENT_TYPES
from vsoko.reports.writers import WRITERS


def wants_excel(request) -> bool:
    return request.GET.get("format") == Format.XLSX.value


def excel_response(request, document: Document, *, filename: str, object_type: str, school=None,
                   object_id: str = "", details: dict | None = None) -> HttpResponse:
    """The document as an .xlsx download named `filename` (no extension, no «/»), recorded as an export."""
    data = WRITERS[Format.XLSX](document)
    record(user=request.user, action=AuditAction.EXPORT, object_type=object_type, object_id=str(object_id),
           school=school, details={"формат": Format.XLSX.value, **(details or {})}, request=request)
    response = HttpResponse(data, content_type=CONTENT_TYPES[Format.XLSX])
    response["Content-Disposition"] = content_disposition_header(True, f"{filename.replace('/', '-')}.xlsx")
    return response


def rows_count(document: Document) -> int:
    """Rows in the document's tables, for the audit log («строк»)."""
    return sum(len(table.rows) for table in document.tables)
