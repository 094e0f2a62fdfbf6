"""What a file that should be a workbook really is, and formulas that were never computed.

Schools send what their programs save: an old .xls renamed to .xlsx, a workbook
under a password, an electronic journal's HTML page called «.xls», a Word file,
an empty file from a broken download. `workbook_problem` names each of these in
Russian with what to do, before any reader tries the file. Excel 97–2003 (.xls)
and OpenDocument (.ods) workbooks are read (calamine reads them with the values
of their formulas); only under their own names, so an .xlsx is what it says.

A workbook written by a program rather than saved by Excel may hold formulas
without their computed values; a reader then sees an empty cell and the data
would silently go missing. `uncomputed_formulas` finds such cells by scanning the
sheets' XML in steps (a big sheet is never held whole).

Nobody sees what a hidden row or column holds; `hidden_rows_and_columns` finds them
in an .xlsx, an .ods and an .xls (in its BIFF8 records) alike.
"""

from __future__ import annotations

import html
import mmap
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree.ElementTree import ParseError

import olefile
from defusedxml import ElementTree
from openpyxl.utils.cell import column_index_from_string

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted .xlsx is an OLE2 container with these streams (names in UTF-16).
ENCRYPTED_STREAMS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
# A Word 97–2003 document is an OLE2 container too, with this stream.
WORD_STREAM = "WordDocument".encode("utf-16-le")
OLD_SUFFIXES = (".xls", ".ods")
SAVE_AS_XLSX = "откройте его в Excel и сохраните как «Книга Excel (*.xlsx)» (Файл → Сохранить как)"
CHUNK = 1024 * 1024


def workbook_problem(path: Path, *, old_formats: bool | None = None, name: str = "") -> str | None:
    """Why the file cannot be read as a workbook, in Russian; None when it looks like one.

    An Excel 97–2003 (.xls) or OpenDocument (.ods) file is acceptable when
    `old_formats` (by default: when the file is named .xls or .ods); an .xlsx
    that is really one of them is named as such. `name` is the file's name as the user knows it (an upload is
    stored under a neutral one); by default its own.
    """
    name = name or path.name
    if old_formats is None:
        old_formats = path.suffix.lower() in OLD_SUFFIXES
    size = path.stat().st_size
    if size == 0:
        return (f"Файл «{name}» пуст (0 байт): вероятно, он не сохранился или загрузка прервалась. "
                "Сохраните файл заново и загрузите ещё раз.")
    with path.open("rb") as file:
        head = file.read(4096)
    if head.startswith(OLE2_MAGIC[:4]):  # a truncated one too: it is no other format
        if _contains(path, ENCRYPTED_STREAMS):
            return password_problem(name)
        if _contains(path, (WORD_STREAM,)):
            return f"Файл «{name}» — документ Word, а не книга Excel: перенесите таблицу в Excel и сохраните как .xlsx."
        if old_formats:
            return None
        return f"Файл «{name}» сохранён в старом формате Excel 97–2003 (.xls): {SAVE_AS_XLSX}."
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html", b"<table", b"<meta", b"<head", b"<body", b"<style")):
        return (f"Файл «{name}» — веб-страница (HTML), а не книга Excel, хотя и называется так: так выгружают "
                f"таблицы некоторые электронные журналы. {SAVE_AS_XLSX[0].upper()}{SAVE_AS_XLSX[1:]}.")
    if text.startswith(b"<?xml"):
        return f"Файл «{name}» — «Таблица XML 2003», а не книга Excel (.xlsx): {SAVE_AS_XLSX}."
    if not head.startswith(b"PK"):
        return f"Файл «{name}» не является книгой Excel: {SAVE_AS_XLSX}."
    return _zip_problem(path, old_formats=old_formats, name=name)


def password_problem(name: str) -> str:
    return (f"Файл «{name}» защищён паролем, и его содержимое зашифровано: откройте его в Excel, "
            "снимите пароль (Файл → Сведения → Защита книги → Зашифровать с использованием пароля → "
            "очистите поле) и сохраните как «Книга Excel (*.xlsx)».")


def unreadable_problem(name: str) -> str:
    """A file that looks like a workbook but that the reader cannot open."""
    return (f"Файл «{name}» повреждён или не является книгой Excel: откройте его в Excel или LibreOffice Calc и "
            "сохраните заново как «Книга Excel (*.xlsx)».")


def _zip_problem(path: Path, *, old_formats: bool, name: str) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            members = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in members else b""
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, zlib.error):
        return (f"Файл «{name}» повреждён (архив книги не открывается): если он есть у вас в другом виде, "
                f"{SAVE_AS_XLSX}; иначе выгрузите его заново.")
    if "xl/workbook.xml" in members:
        return None
    if b"opendocument.spreadsheet" in mimetype:
        return None if old_formats else (
            f"Файл «{name}» в формате OpenDocument (.ods): в LibreOffice Calc выберите Файл → Сохранить как → "
            "«Книга Excel 2007-365 (.xlsx)».")
    if "xl/workbook.bin" in members:
        return f"Файл «{name}» — двоичная книга Excel (.xlsb): {SAVE_AS_XLSX}."
    if "word/document.xml" in members:
        return f"Файл «{name}» — документ Word, а не книга Excel: перенесите таблицу в Excel и сохраните как .xlsx."
    if any(m.lower().endswith(".csv") for m in members):
        return (f"Файл «{name}» — ZIP-архив с CSV-файлами, а не книга Excel: переименуйте его, "
                "чтобы имя оканчивалось на .zip, и загрузите снова.")
    return f"Файл «{name}» — ZIP-архив, но не книга Excel (в нём нет листов): {SAVE_AS_XLSX}."


def csv_problem(path: Path, *, name: str = "") -> str | None:
    """Why a file named .csv is no CSV: a workbook renamed («сохранить как CSV» done by renaming it); else None."""
    with path.open("rb") as file:
        head = file.read(len(OLE2_MAGIC))
    if head == OLE2_MAGIC:
        kind, suffix = "книга Excel 97–2003 (.xls)", ".xls"
    elif head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(path) as archive:
                members = set(archive.namelist())
                mimetype = archive.read("mimetype")[:100] if "mimetype" in members else b""
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, zlib.error):
            return None
        if "xl/workbook.xml" in members:
            kind, suffix = "книга Excel (.xlsx)", ".xlsx"
        elif b"opendocument.spreadsheet" in mimetype:
            kind, suffix = "таблица OpenDocument (.ods)", ".ods"
        else:
            return None
    else:
        return None
    return (f"Файл «{name or path.name}» — {kind}, а не CSV, хотя и называется так: переименуйте его, чтобы имя оканчивалось "
            f"на {suffix}, или откройте в Excel и сохраните как «CSV (разделители — запятые)».")


def _contains(path: Path, needles: tuple[bytes, ...]) -> bool:
    with path.open("rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
        return any(data.find(needle) >= 0 for needle in needles)


# Formulas without a computed value


@dataclass(frozen=True)
class FormulaCell:
    row: int  # as the user sees it (1-based)
    col: int  # 0-based
    reference: str  # «B7»
    formula: str  # «=B5*2»


# A cell whose formula is followed by no value or an empty one: <c r="B2"><f>A1*2</f><v></v></c>.
UNCOMPUTED = re.compile(
    rb'<c\s+r="([A-Z]{1,3})(\d+)"[^>]*>\s*<f\b[^>]*?(?:/>|>([^<]*)</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>')
ROW_END = b"</row>"


def uncomputed_formulas(path: Path, *, limit: int = 20) -> dict[str, list[FormulaCell]]:
    """Sheet name -> the first `limit` formula cells without a computed value (an .xlsx only; else {})."""
    try:
        with zipfile.ZipFile(path) as archive:
            found = {}
            for sheet, part in _sheet_parts(archive).items():
                cells = _scan(archive, part, limit)
                if cells:
                    found[sheet] = cells
            return found
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, NotImplementedError, zlib.error, ParseError):
        return {}  # unreadable: the reader itself explains what is wrong with the file


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part in the archive (xl/worksheets/sheet1.xml), from the workbook and its relations."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {el.get("Id"): el.get("Target", "") for el in relations.iter() if _local(el.tag) == "Relationship"}
    parts = {}
    for el in workbook.iter():
        if _local(el.tag) != "sheet":
            continue
        rel = next((v for k, v in el.attrib.items() if _local(k) == "id"), None)
        target = targets.get(rel, "")
        if target:
            part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
            parts[el.get("name", "")] = part
    return parts


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _scan(archive: zipfile.ZipFile, part: str, limit: int) -> list[FormulaCell]:
    cells: list[FormulaCell] = []
    if part not in archive.namelist():
        return cells
    with archive.open(part) as stream:
        rest = b""
        while len(cells) < limit:
            chunk = stream.read(CHUNK)
            data = rest + chunk
            cut = len(data) if not chunk else data.rfind(ROW_END) + len(ROW_END)
            if cut < len(ROW_END) and chunk:
                rest = data  # no complete row yet
                continue
            block, rest = data[:cut], data[cut:]
            if b"<f" in block:
                for letters, row, formula in UNCOMPUTED.findall(block):
                    reference = letters.decode() + row.decode()
                    text = html.unescape((formula or b"").decode("utf-8", "replace"))
                    cells.append(FormulaCell(int(row), column_index_from_string(letters.decode()) - 1, reference,
                                             f"={text}" if text else "=…"))
            if not chunk:
                break
    return cells[:limit]


# Hidden rows and columns


# <row r="4" hidden="1">, <col min="5" max="7" hidden="1"/> (LibreOffice may write hidden="true").
ROW_OR_COL = re.compile(rb"<(row|col)\s([^>]*)>")
ATTRIBUTE = re.compile(rb'\b(r|min|max|hidden)="([^"]*)"')


def hidden_rows_and_columns(path: Path) -> dict[str, tuple[frozenset[int], frozenset[int]]]:
    """Sheet name -> (hidden 1-based row numbers, hidden 0-based columns) of an .xlsx, .ods or .xls; else {}.

    Nobody sees what a hidden row holds, so a reader that would import it asks first.
    """
    try:
        if path.suffix.lower() == ".xls" and olefile.isOleFile(str(path)):
            return _xls_hidden(path)
        with zipfile.ZipFile(path) as archive:
            if "content.xml" in archive.namelist() and "xl/workbook.xml" not in archive.namelist():
                return _ods_hidden(archive)
            found = {}
            for sheet, part in _sheet_parts(archive).items():
                rows, columns = _hidden_in(archive, part)
                if rows or columns:
                    found[sheet] = (frozenset(rows), frozenset(columns))
            return found
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, NotImplementedError, zlib.error, ParseError,
            struct.error, IndexError):
        return {}  # unreadable: the reader itself explains what is wrong with the file


ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
MAX_HIDDEN = 100_000  # a hidden run of empty rows to the end of the sheet is counted no further


def _ods_hidden(archive: zipfile.ZipFile) -> dict[str, tuple[frozenset[int], frozenset[int]]]:
    """Rows and columns with table:visibility «collapsed» or «filter», counted with their repeats."""
    found = {}
    name, row, col, rows, columns = "", 0, 0, set(), set()
    with archive.open("content.xml") as stream:
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):
            tag = _local(element.tag)
            if event == "end":
                if tag == "table" and (rows or columns):
                    found[name] = (frozenset(rows), frozenset(columns))
                if tag in ("table-row", "table"):
                    element.clear()
                continue
            if tag == "table":
                name, row, col, rows, columns = element.get(f"{ODS_TABLE}name", ""), 0, 0, set(), set()
            elif tag in ("table-row", "table-column"):
                repeated = int(element.get(f"{ODS_TABLE}number-{tag[6:]}s-repeated", "1") or 1)
                hidden = element.get(f"{ODS_TABLE}visibility", "visible") != "visible"
                if tag == "table-row":
                    if hidden:
                        rows.update(range(row + 1, min(row + repeated, MAX_HIDDEN) + 1))
                    row += repeated
                else:
                    if hidden:
                        columns.update(range(col, min(col + repeated, 16384)))
                    col += repeated
    return found


def _hidden_in(archive: zipfile.ZipFile, part: str) -> tuple[set[int], set[int]]:
    rows: set[int] = set()
    columns: set[int] = set()
    if part not in archive.namelist():
        return rows, columns
    with archive.open(part) as stream:
        rest = b""
        while chunk := stream.read(CHUNK):
            data = rest + chunk
            cut = data.rfind(b">") + 1
            block, rest = data[:cut], data[cut:]
            if b"hidden=" not in block:
                continue
            for tag, attributes in ROW_OR_COL.findall(block):
                values = dict(ATTRIBUTE.findall(attributes))
                if values.get(b"hidden") not in (b"1", b"true"):
                    continue
                if tag == b"row" and values.get(b"r", b"").isdigit():
                    rows.add(int(values[b"r"]))
                elif tag == b"col" and values.get(b"min", b"").isdigit():
                    first = int(values[b"min"])
                    last = int(values[b"max"]) if values.get(b"max", b"").isdigit() else first
                    columns.update(range(first - 1, min(last, 16384)))
    return rows, columns


# An Excel 97–2003 workbook is a sequence of BIFF8 records (type, length, body) in the «Workbook» stream of an
# OLE2 container: the workbook's own records first, with a BOUNDSHEET per sheet giving its name and where its records
# begin (a BOF), then each sheet's records up to its EOF. Only ROW and COLINFO records are looked into.
BIFF_HEADER = struct.Struct("<HH")
BOF, EOF, FILEPASS, BOUNDSHEET, ROW, COLINFO = 0x0809, 0x000A, 0x002F, 0x0085, 0x0208, 0x007D
ROW_BODY = struct.Struct("<H10xH")  # row (0-based), …, option flags
ROW_HIDDEN = 0x0020  # fDyZero: the row is hidden
COLINFO_BODY = struct.Struct("<HH4xH")  # first and last column (0-based), …, option flags
COLINFO_HIDDEN = 0x0001
BIFF_COLUMNS = 256
WORKBOOK_RECORDS, SHEET_RECORDS = frozenset((FILEPASS, BOUNDSHEET)), frozenset((ROW, COLINFO))


def _xls_hidden(path: Path) -> dict[str, tuple[frozenset[int], frozenset[int]]]:
    """ROW records with the hidden flag and COLINFO records with theirs, per sheet.

    An Excel 5.0/95 workbook (a «Book» stream) and an encrypted one (a FILEPASS record: the records after it are
    ciphered) give {}.
    """
    with olefile.OleFileIO(str(path)) as container:
        if not container.exists("Workbook"):
            return {}
        data = container.openstream("Workbook").read()
    sheets = []
    for kind, start, size in _records(data, 0, WORKBOOK_RECORDS):
        if kind == FILEPASS:
            return {}
        if size >= 8:
            sheets.append((_sheet_name(data, start, size), struct.unpack_from("<I", data, start)[0]))
    found = {}
    for name, offset in sheets:
        rows: set[int] = set()
        columns: set[int] = set()
        for kind, start, size in _records(data, offset, SHEET_RECORDS):
            if kind == ROW and size >= ROW_BODY.size:
                row, flags = ROW_BODY.unpack_from(data, start)
                if flags & ROW_HIDDEN:
                    rows.add(row + 1)
            elif kind == COLINFO and size >= COLINFO_BODY.size:
                first, last, flags = COLINFO_BODY.unpack_from(data, start)
                if flags & COLINFO_HIDDEN:
                    columns.update(range(first, min(last + 1, BIFF_COLUMNS)))
        if rows or columns:
            found[name] = (frozenset(rows), frozenset(columns))
    return found


def _records(data: bytes, offset: int, kinds: frozenset[int]) -> list[tuple[int, int, int]]:
    """(type, body offset, body length) of the records of these types in the substream from the BOF at `offset` to
    its EOF; [] when no BOF is there.

    A chart inside a sheet is a substream of its own (BOF … EOF) within the sheet's; it is walked through. A sheet has
    a record or two for each row, so the loop does as little as it can for a record of no interest.
    """
    end = len(data)
    if offset + 4 > end or BIFF_HEADER.unpack_from(data, offset)[0] != BOF:
        return []
    found, depth, unpack, marks = [], 0, BIFF_HEADER.unpack_from, kinds | {BOF, EOF}
    while offset + 4 <= end:
        kind, size = unpack(data, offset)
        offset += 4
        if kind in marks:
            if kind == BOF:
                depth += 1
            elif kind == EOF:
                depth -= 1
                if depth == 0:
                    break
            else:
                found.append((kind, offset, size))
        offset += size
    return found


def _sheet_name(data: bytes, start: int, size: int) -> str:
    """The name in a BOUNDSHEET record: a length, then 8-bit (Latin-1) or UTF-16 characters."""
    length, wide = data[start + 6], data[start + 7] & 0x01
    text = data[start + 8:start + min(size, 8 + length * (2 if wide else 1))]
    return text.decode("utf-16-le" if wide else "latin-1", "replace")


FORMULA_ADVICE = (
    "Формула без вычисленного значения: файл сохранён программой, которая не вычисляет формулы. "
    "Откройте его в Excel или LibreOffice Calc и сохраните — значения будут вычислены; "
    "или замените формулы значениями (Копировать → Вставить значения)."
)
