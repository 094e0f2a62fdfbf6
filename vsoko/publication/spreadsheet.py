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
through vsoko.web.downloads, a book of several sheets such as the journal of lesson visits or the staff plan).
"""

from __future__ import annotations

from collections.abc import Iterable
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
