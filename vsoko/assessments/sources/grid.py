"""A sheet as a grid of cells, numbered as the user sees them (row 1, column A).

Protocols are small (a class, a parallel, a school's ГИА), so a whole sheet is
read at once; calamine reads .xlsx, .xlsm, .xls and .ods alike, CSV goes through
the package reader's decoding (UTF-8 or Windows-1251, `;` or `,`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from openpyxl.utils import get_column_letter
from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from vsoko.imports.cells import cell_text
from vsoko.imports.readers import PackageError, csv_rows, decode_csv, open_workbook
from vsoko.imports.workbooks import (
    FORMULA_ADVICE,
    FormulaCell,
    hidden_rows_and_columns,
    uncomputed_formulas,
    unreadable_problem,
    workbook_problem,
)

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
SUFFIXES = WORKBOOK_SUFFIXES | {".csv"}


@dataclass
class Sheet:
    file: str
    name: str
    rows: list[list]
    # Formula cells the file holds without a computed value: read as empty, so the file is refused.
    uncomputed: tuple[FormulaCell, ...] = ()
    # What the user does not see (the sheet itself, rows, 0-based columns): a reader must not import it unasked.
    hidden: bool = False
    hidden_rows: frozenset[int] = frozenset()
    hidden_columns: frozenset[int] = frozenset()

    @property
    def source(self) -> str:
        """How issues name the place: «файл f1.xlsx, лист «Индивидуальные результаты»»."""
        return f"файл {self.file}" if self.name == "" else f"файл {self.file}, лист «{self.name}»"

    def text(self, row: int, col: int) -> str:
        """The cell at (1-based row, 0-based column) as text, '' outside the grid."""
        if 1 <= row <= len(self.rows) and 0 <= col < len(self.rows[row - 1]):
            return cell_text(self.rows[row - 1][col])
        return ""

    def cell(self, row: int, col: int) -> object:
        if 1 <= row <= len(self.rows) and 0 <= col < len(self.rows[row - 1]):
            return self.rows[row - 1][col]
        return None

    def row_texts(self, row: int) -> list[str]:
        return [cell_text(c) for c in self.rows[row - 1]] if 1 <= row <= len(self.rows) else []

    def filled_rows(self, start: int = 1):
        """(row number, cells) of every row from `start` with something in it."""
        for number in range(start, len(self.rows) + 1):
            cells = self.rows[number - 1]
            if any(cell_text(c) for c in cells):
                yield number, cells

    def repeats_row(self, number: int, other: int) -> bool:
        """Row `number` says what row `other` (a header of at least two cells) says, spaces and case aside."""
        this, that = ([norm(c) for c in self.rows[n - 1]] if 1 <= n <= len(self.rows) else [] for n in (number, other))
        while this and not this[-1]:
            this.pop()
        while that and not that[-1]:
            that.pop()
        return sum(1 for t in that if t) >= 2 and this == that

    def top_texts(self, limit: int = 15) -> list[str]:
        """Every filled cell of the first rows, for titles such as «ВПР 2026 Русский язык 4 класс»."""
        return [t for r in range(1, min(limit, len(self.rows)) + 1) for t in self.row_texts(r) if t]


def column_letter(col: int) -> str:
    return get_column_letter(col + 1)


def read_sheets(path: Path, name: str = "") -> list[Sheet]:
    """Every worksheet of a workbook (or the one table of a CSV file).

    `name` is the file's name as the user knows it (an upload is stored under a neutral one; by default its own):
    the sheets' `file`, which the messages quote and the readers look for the procedure in.
    """
    name = name or path.name
    suffix = path.suffix.lower()
    if suffix == ".csv":
        text = decode_csv(path.read_bytes(), name)
        return [Sheet(name, "", [cells for _, cells in csv_rows(text, name)])]
    if suffix not in WORKBOOK_SUFFIXES:
        raise PackageError(f"Файл «{name}»: ожидается книга Excel (.xlsx, .xls), .ods или .csv.")
    problem = workbook_problem(path, old_formats=True, name=name)
    if problem:
        raise PackageError(problem)
    # Formulas without values are looked for in an .xlsx only (.xls and .ods keep the values); hidden rows and
    # columns in an .xlsx, .ods and .xls alike.
    uncomputed = uncomputed_formulas(path)
    hidden = hidden_rows_and_columns(path)
    workbook = open_workbook(path, name=name)
    try:
        sheets = []
        for meta in workbook.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            grid = workbook.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
            rows, columns = hidden.get(meta.name, (frozenset(), frozenset()))
            sheets.append(Sheet(name, meta.name, [list(r) for r in grid], tuple(uncomputed.get(meta.name, ())),
                                meta.visible != SheetVisibleEnum.Visible, rows, columns))
        return sheets
    except (CalamineError, OSError, ValueError):
        raise PackageError(unreadable_problem(name)) from None


def refuse_uncomputed(sheets: list[Sheet]) -> None:
    """A protocol with formulas Excel never computed would lose those points: refuse it, naming the cells."""
    for sheet in sheets:
        if sheet.uncomputed:
            cells = ", ".join(f"{c.reference} ({c.formula})" for c in sheet.uncomputed[:5])
            more = f" и ещё {len(sheet.uncomputed) - 5}" if len(sheet.uncomputed) > 5 else ""
            raise PackageError(f"{sheet.source[0].upper()}{sheet.source[1:]}, ячейки {cells}{more}: {FORMULA_ADVICE}")


@lru_cache(maxsize=4)
def _cached(path: str, mtime: float, size: int, name: str) -> tuple[Sheet, ...]:
    return tuple(read_sheets(Path(path), name))


def read_sheets_once(path: Path, name: str = "") -> list[Sheet]:
    """read_sheets, remembered for the same unchanged file: every format's `detect` looks at it."""
    stat = path.stat()
    return list(_cached(str(path.resolve()), stat.st_mtime, stat.st_size, name or path.name))


def sheet_names(path: Path) -> list[str]:
    """Sheet names without reading the cells (for cheap `detect`); [] when unreadable."""
    if path.suffix.lower() not in WORKBOOK_SUFFIXES or not path.is_file():
        return []
    try:
        return [m.name for m in CalamineWorkbook.from_path(str(path)).sheets_metadata]
    except (CalamineError, OSError, ValueError):
        return []


def norm(text: object) -> str:
    """Header form: lower case, ё = е, one space, no trailing colon or dot."""
    value = cell_text(text).lower().replace("ё", "е")
    value = re.sub(r"\s+", " ", value).strip()
    return value.rstrip(":").strip()
