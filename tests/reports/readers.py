"""Reading produced files back with real readers, as a user's program would."""

import io
import re
from html.parser import HTMLParser

import docx
import openpyxl


def spaced(text: str) -> str:
    """No-break spaces as spaces: the Word writer puts them before «%» and inside «п. п.» in sentences
    (checked in tests/reports/test_writers_docx.py); the tests of what a document says compare its words."""
    return text.replace("\u00a0", " ")


def docx_rows(data: bytes) -> list[list[str]]:
    """Every row of every table of a Word file, as cell texts."""
    document = docx.Document(io.BytesIO(data))
    return [[spaced(cell.text) for cell in row.cells] for table in document.tables for row in table.rows]


def docx_paragraphs(data: bytes) -> list[str]:
    return [spaced(p.text) for p in docx.Document(io.BytesIO(data)).paragraphs]


def row_of(rows: list[list], first: str) -> list:
    """The row whose first or second cell is `first` (a name, or an item number of Order 1324)."""
    return next(r for r in rows if first in (r[0], r[1]))


def xlsx_rows(data: bytes) -> list[list]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert len(book.worksheets) == 1
    return [list(row) for row in book.active.iter_rows(values_only=True)]


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.lang = None

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.lang = dict(attrs).get("lang")

    def handle_data(self, data):
        self.parts.append(data)


def html_text(data: bytes) -> tuple[str, str | None]:
    """The visible text of an HTML page (whitespace collapsed) and its lang attribute."""
    parser = _Text()
    parser.feed(data.decode())
    parser.close()
    return re.sub(r"\s+", " ", " ".join(parser.parts)), parser.lang
