"""Cells of every CSV and XLSX file the application writes: text never turns into a formula.

A spreadsheet program runs a cell that begins with «=», «+», «-» or «@» as a formula
(CSV/formula injection): a name typed into a package, a value from an uploaded file
or a comment would then execute on the computer of whoever opens the export.

- CSV: every row goes through `safe_row` (or each value through `safe_cell`): a text
  cell beginning with one of those characters gets a leading apostrophe, which Excel
  and LibreOffice read as «this is text» and do not show.
- XLSX: books are made with `workbook()`; its `write()` stores every str as a string
  cell, never as a formula, a number or a link, so no apostrophe is needed.

Numbers stay numbers: -5 written as a number is no formula, only text is neutralised.

Tables of the product are written by the reports' XLSX writer (vsoko.reports.writers: a report, a page's table
through vsoko.web.downloads, a book of several sheets such as the journal of lesson visits); the staff plan's list
still by `list_sheet`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import xlsxwriter

# OWASP adds the tab and the carriage return: some programs drop them and read on.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_OPTIONS = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}


def safe_cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet program will not run: text starting like a formula gets «'»."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in values]


def workbook(target, **options) -> xlsxwriter.Workbook:
    """An xlsxwriter book whose `write()` keeps every str a string (the formula-safe options cannot be overridden)."""
    return xlsxwriter.Workbook(target, {**options, **XLSX_OPTIONS})


# --- a list the user keeps working in ------------------------------------------------------------------------------

DATE_FORMAT = "dd.mm.yyyy"


def list_styles(book: xlsxwriter.Workbook) -> dict:
    """The formats of `list_sheet`, made once a book: a grey bold header, wrapped text, dates, numbers; bordered."""
    return {
        "header": book.add_format({"bold": True, "text_wrap": True, "valign": "top", "border": 1,
                                   "bg_color": "#EEEEEE"}),
        "text": book.add_format({"text_wrap": True, "valign": "top", "border": 1}),
        "date": book.add_format({"num_format": DATE_FORMAT, "valign": "top", "border": 1}),
        "number": book.add_format({"valign": "top", "border": 1}),
    }


def list_sheet(book: xlsxwriter.Workbook, name: str, columns: list[tuple[str, int]], rows: list[list],
               styles: dict) -> None:
    """A sheet of a list (the plan of attestation): the header of `columns` (title,
    width in characters), a row per item — a date a date, a number a number, nothing an empty cell, the rest text —
    the header and the first column frozen, a filter on the header."""
    sheet = book.add_worksheet(name)
    for column, (title, width) in enumerate(columns):
        sheet.write_string(0, column, title, styles["header"])
        sheet.set_column(column, column, width)
    for index, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if isinstance(value, datetime.date):
                sheet.write_datetime(index, column, datetime.datetime.combine(value, datetime.time()), styles["date"])
            elif isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                sheet.write_number(index, column, float(value), styles["number"])
            elif value is None or value == "":
                sheet.write_blank(index, column, None, styles["text"])
            else:
                sheet.write_string(index, column, value, styles["text"])
    sheet.freeze_panes(1, 1)
    sheet.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
