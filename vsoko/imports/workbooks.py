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
"""

from __future__ import annotations

import html
import mmap
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree.ElementTree import ParseError

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


def workbook_problem(path: Path, *, old_formats: bool | None = None) -> str | None:
    """Why the file cannot be read as a workbook, in Russian; None when it looks like one.

    An Excel 97–2003 (.xls) or OpenDocument (.ods) file is acceptable when
    `old_formats` (by default: when the file is named .xls or .ods); an .xlsx
    that is really one of them is named as such.
    """
    name = path.name
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
    return _zip_problem(path, old_formats=old_formats)


def password_problem(name: str) -> str:
    return (f"Файл «{name}» защищён паролем, и его содержимое зашифровано: откройте его в Excel, "
            "снимите пароль (Файл → Сведения → Защита книги → Зашифровать с использованием пароля → "
            "очистите поле) и сохраните как «Книга Excel (*.xlsx)».")


def unreadable_problem(name: str) -> str:
    """A file that looks like a workbook but that the reader cannot open."""
    return (f"Файл «{name}» повреждён или не является книгой Excel: откройте его в Excel или LibreOffice Calc и "
            "сохраните заново как «Книга Excel (*.xlsx)».")


def _zip_problem(path: Path, *, old_formats: bool) -> str | None:
    name = path.name
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
    """Sheet name -> (hidden row numbers, hidden 0-based columns) of an .xlsx or .ods; {} for any other file.

    Nobody sees what a hidden row holds, so a reader that would import it asks first.
    (An .xls keeps them in its binary records, which the reader does not give.)
    """
    try:
        with zipfile.ZipFile(path) as archive:
            if "content.xml" in archive.namelist() and "xl/workbook.xml" not in archive.namelist():
                return _ods_hidden(archive)
            found = {}
            for sheet, part in _sheet_parts(archive).items():
                rows, columns = _hidden_in(archive, part)
                if rows or columns:
                    found[sheet] = (frozenset(rows), frozenset(columns))
            return found
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, NotImplementedError, zlib.error, ParseError):
        return {}


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


FORMULA_ADVICE = (
    "Формула без вычисленного значения: файл сохранён программой, которая не вычисляет формулы. "
    "Откройте его в Excel или LibreOffice Calc и сохраните — значения будут вычислены; "
    "или замените формулы значениями (Копировать → Вставить значения)."
)
