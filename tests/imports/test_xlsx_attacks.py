"""Hostile workbooks and archives: refused with a Russian message, quickly, without unpacking, storing nothing.

The files are built by hand (a ZIP writer below), because a normal library will not
write a member whose header lies about its size:
- a zip bomb with honest sizes: a sheet of ~2 GB of XML in a ~2 MB .xlsx;
- a zip bomb that lies: the headers say the sheet is small, the stream inflates to 300 MB;
- the same lie and a wrong checksum inside a ZIP of CSV files;
- «billion laughs»: nested XML entities in the sheet, the shared strings or the workbook part.
"""

from __future__ import annotations

import io
import resource
import struct
import time
import zipfile
import zlib
from pathlib import Path

import pytest
import xlsxwriter
from django.apps import apps

from vsoko.imports.formats import detect_format
from vsoko.imports.readers import PackageError
from vsoko.imports.service import import_package

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
# Peak memory may grow this much while a hostile file is refused (the import itself needs a little).
MEMORY_SLACK_MB = 150


# --- a ZIP writer that puts any raw deflate stream and any declared sizes in the headers ---------------------


def deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def repeated_deflate(head: bytes, chunk: bytes, times: int, tail: bytes) -> tuple[bytes, int, int]:
    """Raw deflate of head + chunk × times + tail without building it: (stream, crc32, size).

    After a full flush the compressor starts afresh, so every later copy of the chunk
    compresses to the same bytes, which are simply repeated.
    """
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    end = packer.compress(tail) + packer.flush()
    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    return start + block * times + end, zlib.crc32(tail, crc), len(head) + len(chunk) * times + len(tail)


def write_zip(path: Path, members: list[tuple[str, bytes, int, int]]) -> Path:
    """members: (name, raw deflate stream, crc32, declared uncompressed size < 4 GB)."""
    out = io.BytesIO()
    central = []
    for name, stream, crc, size in members:
        encoded, offset = name.encode(), out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(stream), size, len(encoded), 0))
        out.write(encoded + stream)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(stream), size,
                                   len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    directory = out.tell()
    for entry in central:
        out.write(entry)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), out.tell() - directory,
                          directory, 0))
    path.write_bytes(out.getvalue())
    return path


def workbook_parts() -> dict[str, bytes]:
    """The parts of a small valid package workbook: sheet «students» with a header and one pupil."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("students")
    sheet.write_row(0, 0, ["student_id", "last_name", "first_name"])
    sheet.write_row(1, 0, ["S1", "Иванов", "Иван"])
    book.close()
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def xlsx(path: Path, parts: dict[str, bytes], raw: dict[str, tuple[bytes, int, int]] | None = None) -> Path:
    """A workbook of these parts; `raw` replaces a part by (stream, crc, declared size)."""
    raw = raw or {}
    members = [(name, *raw[name]) if name in raw else (name, deflate(data), zlib.crc32(data), len(data))
               for name, data in parts.items()]
    return write_zip(path, members)


SHEET = "xl/worksheets/sheet1.xml"
ROW = b'<row><c t="inlineStr"><is><t>S1</t></is></c><c t="inlineStr"><is><t>x</t></is></c></row>'


def sheet_bomb(parts: dict[str, bytes], *, megabytes: int, chunk: bytes) -> tuple[bytes, bytes, int, int]:
    """(head, stream, crc, size) of the sheet part grown by `megabytes` MB of `chunk` inside <sheetData>."""
    sheet = parts[SHEET]
    cut = sheet.index(b"<sheetData>") + len(b"<sheetData>")
    copies = chunk * (MB // len(chunk))
    stream, crc, size = repeated_deflate(sheet[:cut], copies, megabytes, b"</sheetData></worksheet>")
    return sheet[:cut], stream, crc, size


def record_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in apps.get_app_config("records").get_models()}


def peak_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def refused(path: Path, school) -> str:
    """Import the file; assert it is refused quickly, storing nothing; return the message."""
    before, memory, started = record_counts(), peak_mb(), time.monotonic()

    report = import_package(path, school=school)

    assert not report.ok
    assert time.monotonic() - started < 10
    assert peak_mb() - memory < MEMORY_SLACK_MB
    assert record_counts() == before
    assert len(report.errors) == 1, report.errors
    message = report.errors[0].message
    assert any("а" <= ch <= "я" for ch in message.lower()), message
    return message


def test_the_hand_built_workbook_itself_imports(tmp_path, school):
    """The builder is sound: the same parts without an attack import."""
    report = import_package(xlsx(tmp_path / "ok.xlsx", workbook_parts()), school=school)

    assert report.errors == []
    assert report.counts["students"].added == 1


def test_a_zip_bomb_with_honest_sizes_is_refused_before_unpacking(tmp_path, school):
    parts = workbook_parts()
    # 2 GB of spaces between the rows (whitespace is valid XML there): about a thousand times smaller packed.
    _, stream, crc, size = sheet_bomb(parts, megabytes=2047, chunk=b" " * 1024)
    path = xlsx(tmp_path / "bomb.xlsx", parts, raw={SHEET: (stream, crc, size)})
    assert path.stat().st_size < 3 * MB
    assert size > 2 * 1000 * MB

    message = refused(path, school)

    assert message == "Файл «bomb.xlsx» распаковывается в слишком большой объём (2047 МБ): такой архив не принимается."


def test_a_zip_bomb_lying_about_its_size_is_refused_without_inflating_it(tmp_path, school):
    parts = workbook_parts()
    head, stream, _, size = sheet_bomb(parts, megabytes=300, chunk=ROW)
    # The headers claim the sheet is as small as the real one, with the checksum of that many bytes.
    declared = len(parts[SHEET])
    prefix = (head + ROW * (declared // len(ROW) + 1))[:declared]
    path = xlsx(tmp_path / "liar.xlsx", parts, raw={SHEET: (stream, zlib.crc32(prefix), declared)})
    assert size > 280 * MB

    message = refused(path, school)

    assert "повреждён" in message


def test_a_csv_archive_lying_about_a_members_size_is_refused(tmp_path, school):
    header = b"student_id;last_name;first_name\n"
    stream, crc, size = repeated_deflate(header, "S1;Иванов;Иван\n".encode() * 40_000, 300, b"")
    path = write_zip(tmp_path / "package.zip", [("students.csv", stream, crc, 1000)])
    assert size > 280 * MB

    message = refused(path, school)

    assert message.startswith("Файл «students.csv» в архиве «package.zip» повреждён или зашифрован")


def test_a_csv_archive_with_a_wrong_checksum_is_refused_not_crashed(tmp_path, school):
    data = "student_id;last_name;first_name\nS1;Иванов;Иван\n".encode()
    path = write_zip(tmp_path / "package.zip", [("students.csv", deflate(data), zlib.crc32(data) ^ 1, len(data))])

    message = refused(path, school)

    assert "повреждён или зашифрован" in message


def lol_prolog(depth: int = 9) -> bytes:
    """The classic: lol9 expands to 10⁹ «lol»s (3 GB) if a parser expands entities."""
    entities = b"".join(
        b'  <!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1)) * 10) for i in range(1, depth + 1)
    )
    return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!DOCTYPE lolz [\n  <!ENTITY lol0 "lol">\n'
            + entities + b"]>\n")


def with_laughs(part: bytes, old: bytes, new: bytes) -> bytes:
    body = part.split(b"?>", 1)[1].lstrip()
    assert old in body
    return lol_prolog() + body.replace(old, new, 1)


@pytest.mark.parametrize("part, old, new", [
    (SHEET, b"</sheetData>", b'<row r="3"><c r="A3" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData>'),
    ("xl/sharedStrings.xml", b"<t>S1</t>", b"<t>&lol9;</t>"),
    ("xl/workbook.xml", b'name="students"', b'name="&lol9;"'),
])
def test_billion_laughs_is_refused_and_never_expanded(tmp_path, school, part, old, new):
    parts = workbook_parts()
    parts[part] = with_laughs(parts[part], old, new)
    path = xlsx(tmp_path / "laughs.xlsx", parts)

    message = refused(path, school)

    assert "повреждён" in message
    assert "lol" not in message


def test_the_readers_raise_package_error_not_anything_else(tmp_path):
    """Below import_package too: detect and read give a PackageError (the command line prints it)."""
    parts = workbook_parts()
    parts["xl/sharedStrings.xml"] = with_laughs(parts["xl/sharedStrings.xml"], b"<t>S1</t>", b"<t>&lol9;</t>")
    path = xlsx(tmp_path / "laughs.xlsx", parts)

    with pytest.raises(PackageError, match="повреждён"):
        detect_format(path).read(path)
