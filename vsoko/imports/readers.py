"""Reading the raw tables of a package: one workbook (.xlsx, .xls, .ods), a folder or ZIP of CSV files, one CSV.

A reader only finds the tables and their header row; cells are read lazily,
row by row, so a big sheet is never held twice in memory. Problems with the
file as a whole raise PackageError; a sheet or file that is no table of the
package becomes an ImportIssue beside the others.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import lzma
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import ElementTree
from django.conf import settings
from openpyxl.utils import get_column_letter
from python_calamine import (
    CalamineError,
    CalamineWorkbook,
    PasswordError,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from vsoko.imports.cells import cell_text, is_empty
from vsoko.imports.issues import ImportIssue, file_issue
from vsoko.imports.tables import (
    TABLES,
    Table,
    is_service_sheet,
    table_for_file_name,
    table_for_name,
)
from vsoko.imports.workbooks import (
    FORMULA_ADVICE,
    OLD_SUFFIXES,
    FormulaCell,
    password_problem,
    uncomputed_formulas,
    unreadable_problem,
    workbook_problem,
)

MB = 1024 * 1024
# A ZIP (an XLSX is one too) that unpacks to more than this many times its size is refused.
MAX_ZIP_RATIO = 100
MAX_ZIP_ENTRIES = 10_000
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
WORKBOOK_SUFFIXES = XLSX_SUFFIXES | set(OLD_SUFFIXES)

Row = tuple[int, list]


class PackageError(Exception):
    """The file cannot be read at all; the message says which file and why, in Russian."""


@dataclass
class RawTable:
    """A table as found in the file: its header cells and an iterator over (row number, cells)."""

    table: Table
    source: str
    header: list[str]
    rows: Iterator[Row]


@dataclass
class SourceTables:
    tables: dict[str, RawTable] = field(default_factory=dict)
    issues: list[ImportIssue] = field(default_factory=list)
    corrections: list[ImportIssue] = field(default_factory=list)  # read otherwise than typed (a protocol's)
    # A protocol gives each procedure's whole task list, a package may give a few tasks (imports.task_lists).
    whole_task_lists: bool = False

    def add(self, raw: RawTable) -> None:
        if raw.table.key in self.tables:
            first = self.tables[raw.table.key].source
            self.issues.append(file_issue(
                f"Таблица «{raw.table.title}» встречается дважды: {first} и {raw.source}. Оставьте одну.",
                source=raw.source,
            ))
        else:
            self.tables[raw.table.key] = raw

    def unknown(self, name: str, source: str, kind: str) -> None:
        expected = ", ".join(f"{t.key} / «{t.sheet_title}»" for t in TABLES.values())
        self.issues.append(ImportIssue(
            table=name, row=None, column="", value=name, source=source,
            message=f"{kind} «{name}» не является таблицей пакета; переименуйте или удалите. Таблицы пакета: {expected}.",
        ))


def max_upload_bytes() -> int:
    return settings.VSOKO_MAX_UPLOAD_MB * MB


def check_size(path: Path, *, name: str = "") -> None:
    """Refuse files over VSOKO_MAX_UPLOAD_MB and ZIP bombs, before anything is unpacked.

    `name` is the file's name as the user knows it (an upload is stored under a neutral one); by default its own.
    """
    name = name or path.name
    files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
    total = sum(p.stat().st_size for p in files)
    if total > max_upload_bytes():
        raise PackageError(f"Файл «{name}» больше {settings.VSOKO_MAX_UPLOAD_MB} МБ — это предел загрузки.")
    for file in files:
        if zipfile.is_zipfile(file):
            check_archive(file, name=file.name if path.is_dir() else name)


def check_archive(path: Path, *, name: str = "") -> None:
    name = name or path.name
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise PackageError(f"Файл «{name}» повреждён: не удаётся открыть архив.") from None
    unpacked = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    too_big = unpacked > max_upload_bytes() * 20 or (unpacked > 10 * MB and unpacked > packed * MAX_ZIP_RATIO)
    if too_big or len(infos) > MAX_ZIP_ENTRIES:
        raise PackageError(
            f"Файл «{name}» распаковывается в слишком большой объём ({unpacked // MB} МБ): "
            "такой архив не принимается."
        )


# Workbooks: .xlsx, and .xls or .ods read the same way (calamine gives the same cells, sheet states and
# row numbers; their formulas are stored with values, so only an .xlsx is scanned for uncomputed ones).


def read_workbook(path: Path, *, name: str = "") -> SourceTables:
    name = name or path.name
    problem = workbook_problem(path, name=name)
    if problem:
        raise PackageError(problem)
    workbook = open_workbook(path, name=name)
    found = SourceTables()
    uncomputed: dict[str, list[FormulaCell]] | None = None
    for meta in workbook.sheets_metadata:
        if meta.typ != SheetTypeEnum.WorkSheet or is_service_sheet(meta.name):
            continue
        source = f"лист «{meta.name}»"
        table = table_for_name(meta.name)
        hidden = meta.visible != SheetVisibleEnum.Visible
        if hidden and table is None:
            continue  # a hidden helper sheet (lists for drop-downs) is no table and nobody sees it
        rows, merged = _sheet_rows(workbook, meta.name, name)
        header_row, rows = find_header(rows, table)
        if header_row is None:
            continue  # an empty sheet changes nothing
        if table is None:
            found.unknown(meta.name, source, "Лист")
            continue
        if hidden:
            found.issues.append(file_issue(
                f"Лист «{meta.name}» скрыт, но в нём есть данные таблицы «{table.title}»: покажите его (правой "
                "кнопкой по ярлычку листа → Показать), проверьте данные и загрузите снова — или удалите лист.",
                source=source))
            continue
        header = _header_text(header_row[1])
        rows = _merged_down(rows, merged, header_row[0], header, table, source, found.issues)
        if uncomputed is None:
            uncomputed = uncomputed_formulas(path)
        for cell in uncomputed.get(meta.name, []):
            label = header[cell.col] if cell.col < len(header) and header[cell.col] else f"столбец {cell.col + 1}"
            found.issues.append(ImportIssue(table.key, cell.row, label, cell.formula,
                                            f"Ячейка {cell.reference}. {FORMULA_ADVICE}", source))
        found.add(RawTable(table, source, header, rows))
    if not found.tables and not found.issues:
        raise PackageError(
            f"В книге «{name}» нет ни одной заполненной таблицы пакета. Листы называются по таблицам: "
            + ", ".join(f"«{t.sheet_title}»" for t in TABLES.values()) + "."
        )
    return found


def open_workbook(path: Path, *, name: str = "") -> CalamineWorkbook:
    """The workbook; one saved in another format than its name says (an .xlsx called «.xls») is read by content."""
    name = name or path.name
    try:
        return CalamineWorkbook.from_path(str(path))
    except PasswordError:
        raise PackageError(password_problem(name)) from None
    except (CalamineError, OSError, ValueError):
        pass
    try:
        with path.open("rb") as file:
            return CalamineWorkbook.from_filelike(file)
    except PasswordError:
        raise PackageError(password_problem(name)) from None
    except (CalamineError, OSError, ValueError):
        raise PackageError(unreadable_problem(name)) from None


def workbook_sheet_names(path: Path) -> list[str]:
    """Sheet names of a workbook: from the workbook part of an .xlsx, from calamine for .xls and .ods."""
    if path.suffix.lower() in XLSX_SUFFIXES:
        return xlsx_sheet_names(path)
    if workbook_problem(path):
        return []
    return open_workbook(path).sheet_names


def xlsx_sheet_names(path: Path) -> list[str]:
    """Sheet names from the workbook part only, without loading any sheet."""
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    return [el.get("name", "") for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "sheet"]


Merge = tuple[tuple[int, int], tuple[int, int]]  # ((first row, first column), (last row, last column)), from 0


def _sheet_rows(workbook: CalamineWorkbook, sheet_name: str, file_name: str) -> tuple[Iterator[Row], list[Merge]]:
    try:
        sheet = workbook.get_sheet_by_name(sheet_name)
    except (CalamineError, OSError, ValueError):
        raise PackageError(f"Лист «{sheet_name}» в файле «{file_name}» повреждён и не читается.") from None
    # calamine starts at the first row of the sheet, so the index gives the row number users see.
    return enumerate(sheet.iter_rows(), start=1), list(sheet.merged_cell_ranges or [])


def _merged_down(rows: Iterator[Row], merged: list[Merge], header_number: int, header: list[str], table: Table,
                 source: str, issues: list[ImportIssue]) -> Iterator[Row]:
    """Data rows with a cell merged down a column (the year or the class over a class's pupils) read in every row
    of the merge, as Excel shows it; cells merged across columns in a data row are refused (whose value is it?)."""
    down: dict[int, list[tuple[int, int]]] = {}  # first row number -> (last row number, column)
    for (top, left), (bottom, right) in merged:
        if top + 1 <= header_number:
            continue  # a title or a header merged over two rows: find_header reads those
        if right > left:
            label = header[left] if left < len(header) and header[left] else f"столбец {left + 1}"
            reference = f"{get_column_letter(left + 1)}{top + 1}:{get_column_letter(right + 1)}{bottom + 1}"
            issues.append(ImportIssue(
                table.key, top + 1, label, "", f"Ячейки {reference} объединены, и неясно, к какому столбцу относится "
                "значение. Разъедините их и впишите в каждый столбец своё.", source))
        elif bottom > top:
            down.setdefault(top + 1, []).append((bottom + 1, left))
    return _filled_down(rows, down) if down else rows


def _filled_down(rows: Iterator[Row], down: dict[int, list[tuple[int, int]]]) -> Iterator[Row]:
    active: list[tuple[int, int, object]] = []  # (last row number, column, value)
    for number, cells in rows:
        active = [a for a in active if a[0] >= number]
        for last, column in down.get(number, []):
            if column < len(cells):
                active.append((last, column, cells[column]))
        for _, column, value in active:
            if column < len(cells) and is_empty(cells[column]):
                cells[column] = value
        yield number, cells


def _first_filled(rows: Iterator[Row]) -> Row | None:
    for number, cells in rows:
        if any(not is_empty(c) for c in cells):
            return number, cells
    return None


TITLE_ROWS = 5  # filled rows above the header that may be a title («Отметки 9А за 2024/2025»)


def find_header(rows: Iterator[Row], table: Table | None) -> tuple[Row | None, Iterator[Row]]:
    """The header row and the rows after it.

    The header is the first filled row, unless that row names no column of the
    table and one of the next few does: then the rows above it are a title (often
    merged across the columns) and are skipped.
    """
    first = _first_filled(rows)
    if first is None or table is None or _names_a_column(first[1], table):
        return first, rows
    looked = [first]
    while len(looked) <= TITLE_ROWS:
        row = _first_filled(rows)
        if row is None:
            break
        looked.append(row)
        if _names_a_column(row[1], table):
            return row, rows
    return first, itertools.chain(looked[1:], rows)


def _names_a_column(cells: list, table: Table) -> bool:
    return any(table.knows(cell_text(c)) for c in cells if not is_empty(c))


def _header_text(cells: list) -> list[str]:
    return [cell_text(c) for c in cells]


# CSV


def read_csv_folder(path: Path) -> SourceTables:
    found = SourceTables()
    files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".csv" and not p.name.startswith("."))
    if not files:
        raise PackageError(f"В папке «{path.name}» нет CSV-файлов пакета (students.csv, marks.csv, …).")
    for file in files:
        _add_csv(found, file.name, file.read_bytes)
    return found


def read_csv_file(path: Path, *, name: str = "") -> SourceTables:
    """One CSV file, the table its name (`name`, as the user knows it; by default its own) says."""
    name = name or path.name
    if table_for_file_name(Path(name).stem) is None:
        raise PackageError(
            f"Имя файла «{name}» должно быть названием таблицы пакета: "
            + ", ".join(f"{t.key}.csv" for t in TABLES.values()) + "."
        )
    found = SourceTables()
    _add_csv(found, name, path.read_bytes)
    return found


def read_zip(path: Path, *, name: str = "") -> SourceTables:
    archive_name = name or path.name
    check_archive(path, name=archive_name)
    found = SourceTables()
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            name = _member_name(info)
            if info.is_dir() or name.startswith(("__MACOSX/", ".")) or "/." in name:
                continue
            base = name.rsplit("/", 1)[-1]
            if not base.lower().endswith(".csv") or base.startswith("."):
                continue
            _add_csv(found, base, _member_reader(archive, info, archive_name))
    if not found.tables and not found.issues:
        raise PackageError(f"В архиве «{archive_name}» нет CSV-файлов пакета (students.csv, marks.csv, …).")
    return found


def csv_names_in_zip(path: Path) -> list[str]:
    """Base names of the CSV files in an archive (no data is unpacked)."""
    with zipfile.ZipFile(path) as archive:
        names = [_member_name(i).rsplit("/", 1)[-1] for i in archive.infolist() if not i.is_dir()]
    return [n for n in names if n.lower().endswith(".csv") and not n.startswith(".")]


def _member_name(info: zipfile.ZipInfo) -> str:
    """Windows archivers store Cyrillic names in CP866 without the UTF-8 flag."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("cp866")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _member_reader(archive: zipfile.ZipFile, info: zipfile.ZipInfo, archive_name: str) -> Callable[[], bytes]:
    def read() -> bytes:
        limit = max_upload_bytes() * 20
        parts, size = [], 0
        try:
            with archive.open(info) as member:
                # In steps: one big read would inflate a member whose header lies about its size in one go.
                while size <= limit and (part := member.read(MB)):
                    parts.append(part)
                    size += len(part)
        except (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError, ValueError, NotImplementedError,
                RuntimeError):
            # A wrong checksum or size, a broken stream, an unsupported method or encryption: refused, not a crash.
            raise PackageError(
                f"Файл «{info.filename}» в архиве «{archive_name}» повреждён или зашифрован и не распаковывается "
                "(не совпадает контрольная сумма или размер): упакуйте CSV-файлы в архив заново, без пароля."
            ) from None
        data = b"".join(parts)
        if len(data) > limit:
            raise PackageError(f"Файл «{info.filename}» в архиве «{archive_name}» слишком велик.")
        return data

    return read


def _add_csv(found: SourceTables, name: str, read: Callable[[], bytes]) -> None:
    source = f"файл {name}"
    stem = name.rsplit(".", 1)[0]
    table = table_for_file_name(stem)
    if table is None:
        found.unknown(name, source, "Файл")
        return
    text = decode_csv(read(), name)
    if not text.strip():
        found.issues.append(file_issue(f"Файл «{name}» пуст: в нём нет даже строки заголовков.", source=source))
        return
    rows = csv_rows(text, name)
    header_row, rows = find_header(rows, table)
    if header_row is None:
        found.issues.append(file_issue(f"Файл «{name}» пуст: в нём нет даже строки заголовков.", source=source))
        return
    found.add(RawTable(table, source, _header_text(header_row[1]), rows))


def decode_csv(data: bytes, name: str) -> str:
    """UTF-8 with or without a BOM, UTF-16 with a BOM, else Windows-1251 (Excel in a Russian locale)."""
    if data.startswith(codecs.BOM_UTF8):
        encodings = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8", "cp1251"]
    for encoding in encodings:
        try:
            return data.decode(encoding).replace("\x00", "")
        except UnicodeDecodeError:
            continue
    raise PackageError(f"Файл «{name}»: не удаётся определить кодировку (ожидается UTF-8 или Windows-1251).")


SEP_HINT = re.compile(r"^\ufeff?\"?sep=(.)\"?\r?(?:\n|$)", re.IGNORECASE)


def detect_delimiter(text: str) -> str:
    """`;` (Excel in a Russian locale), `,` or a tab: whichever splits the header line most.

    A first line «sep=;» (Excel writes and reads it) says it outright. A first line
    with no separator at all (a journal's title «Итоговые отметки 5А») says nothing:
    the first of the next lines that has one decides.
    """
    hint = SEP_HINT.match(text)
    if hint:
        return hint.group(1)
    for line in text.lstrip("\ufeff").split("\n", TITLE_ROWS + 1)[:TITLE_ROWS + 1]:
        outside_quotes = line.split('"')[::2]
        counts = {sep: sum(part.count(sep) for part in outside_quotes) for sep in (";", ",", "\t")}
        best = max(counts, key=counts.get)
        if counts[best]:
            return best
    return ","


def csv_rows(text: str, name: str) -> Iterator[Row]:
    """(line number, cells); a «sep=;» line is no row (Excel does not show it either)."""
    delimiter = detect_delimiter(text)
    hint = SEP_HINT.match(text)
    if hint:
        text = text[hint.end():]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    while True:
        start = reader.line_num + 1  # the line the next row begins on
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            raise PackageError(
                f"Файл «{name}», строка {start}: строку CSV не удаётся разобрать — "
                "вероятно, в ней или выше не закрыта кавычка «\"». Откройте файл в Excel, проверьте эту строку "
                "и сохраните его заново."
            ) from None
        number += 1
        yield number, cells
