"""Import errors as the user sees them, and the error workbook (XLSX or CSV)."""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass
from pathlib import Path

from vsoko.imports.tables import TABLES
from vsoko.publication.spreadsheet import safe_row, workbook


@dataclass(frozen=True)
class ImportIssue:
    """One thing wrong with a package: where it is and why, in Russian.

    `table` is the table's key (`marks`) or, for a sheet or file that is no
    table, its name; `row` is the row number as the user sees it (the header is
    row 1), None for a problem with the whole file; `column` is the Russian label.
    """

    table: str
    row: int | None
    column: str
    value: str
    message: str
    source: str = ""  # the file or sheet: «лист «Отметки»», «файл marks.csv»

    @property
    def table_title(self) -> str:
        return TABLES[self.table].title if self.table in TABLES else self.table

    def as_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        where = [self.table_title or self.source]
        if self.table_title and self.source and self.table_title != self.source:
            where[0] += f" ({self.source})"
        if self.row:
            where.append(f"строка {self.row}")
        if self.column:
            where.append(f"столбец «{self.column}»")
        if self.value:
            where.append(f"значение «{self.value}»")
        return ", ".join(w for w in where if w) + f": {self.message}"


# Two exports or pages pasted one under the other bring their header along: an exact copy is no data row.
HEADER_REPEATED = "Строка повторяет заголовок таблицы — пропущена."


def file_issue(message: str, *, source: str = "") -> ImportIssue:
    """A problem with the whole file rather than a cell."""
    return ImportIssue(table="", row=None, column="", value="", message=message, source=source)


HEADERS = ("Таблица", "Файл или лист", "Строка", "Столбец", "Значение", "Ошибка")


def _rows(issues: list[ImportIssue]):
    for issue in issues:
        yield (issue.table_title, issue.source, issue.row or "", issue.column, issue.value, issue.message)


def write_issues(issues: list[ImportIssue], path: str | Path) -> Path:
    """Write the errors to an .xlsx workbook or, for any other suffix, a CSV Excel opens in Russian."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        _write_xlsx(issues, path)
    else:
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out, delimiter=";")
            writer.writerow(HEADERS)
            writer.writerows(safe_row(row) for row in _rows(issues))
    return path


def _write_xlsx(issues: list[ImportIssue], path: Path) -> None:
    book = workbook(str(path), constant_memory=True)
    sheet = book.add_worksheet("Ошибки")
    bold = book.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1})
    for col, (title, width) in enumerate(zip(HEADERS, (28, 24, 8, 28, 24, 80), strict=True)):
        sheet.set_column(col, col, width)
        sheet.write(0, col, title, bold)
    for row, values in enumerate(_rows(issues), start=1):
        sheet.write_row(row, 0, values)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(issues), 1), len(HEADERS) - 1)
    # Printed to fix the file by: landscape A4, one page wide (in portrait the six columns took three sheets of
    # paper across), the header repeated on every page.
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    book.close()
