"""Malformed bytes never crash the import and never store part of a package.

test_fuzz.py varies headers and cells of well-formed CSV (`,`/`;`, UTF-8/Windows-1251).
These go below that: random bytes, any encoding (BOMs, UTF-16, KOI8-R, cut multibyte
characters, NULs), any separator, broken quotes and line ends, and ZIP archives that
are truncated or hold random members. Each import must either succeed or return
ImportIssue errors with a message — no exception — and a failed one changes nothing.
"""

from __future__ import annotations

import io
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vsoko.imports.service import import_package
from vsoko.imports.tables import TABLES

FUZZ = settings(max_examples=300, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

TABLE_KEYS = list(TABLES)
LABELS = [c.label for t in TABLES.values() for c in t.columns] + [c.key for t in TABLES.values() for c in t.columns]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1251", "koi8-r", "cp866", "latin-1",
             "utf-32"]
SEPARATORS = [",", ";", "\t", "|", " ", ":", ""]
LINE_ENDS = ["\n", "\r\n", "\r", "\n\n", "\x0b", "\u2028"]
CELLS = st.one_of(
    st.sampled_from(["", "S1", "Иванов", "2024/2025", "9А", "5", "да", "01.09.2024", '"', '""', '"a', 'a"b',
                     "\x00", "\ufeff", "=1+1", "ё", " ", "\\", "\r"]),
    st.text(max_size=8),
)


def record_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in apps.get_app_config("records").get_models()}


def import_and_check(path: Path, school) -> None:
    before = record_counts()

    report = import_package(path, school=school)  # must not raise

    if not report.ok:
        assert record_counts() == before
        assert all(issue.message.strip() for issue in report.errors)


@st.composite
def csv_texts(draw) -> str:
    header = draw(st.lists(st.sampled_from(LABELS) | st.text(max_size=6), min_size=0, max_size=8))
    rows = draw(st.lists(st.lists(CELLS, max_size=9), max_size=5))
    sep, end = draw(st.sampled_from(SEPARATORS)), draw(st.sampled_from(LINE_ENDS))
    quote = draw(st.booleans())
    lines = [sep.join(f'"{c}"' if quote else c for c in row) for row in [header, *rows]]
    return end.join(lines) + draw(st.sampled_from(["", end]))


@pytest.mark.django_db
@FUZZ
@given(data=st.binary(max_size=600), prefix=st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff",
                                                             b"student_id;last_name\n", b"\x00\x00"]),
       table=st.sampled_from(TABLE_KEYS))
def test_random_bytes_in_a_csv_file(school, data, prefix, table):
    folder = Path(tempfile.mkdtemp())
    try:
        path = folder / f"{table}.csv"
        path.write_bytes(prefix + data)
        import_and_check(path, school)
    finally:
        shutil.rmtree(folder)


@pytest.mark.django_db
@FUZZ
@given(files=st.dictionaries(st.sampled_from(TABLE_KEYS), csv_texts(), min_size=1, max_size=3),
       encoding=st.sampled_from(ENCODINGS), cut=st.integers(min_value=0, max_value=3))
def test_csv_text_with_any_separator_quotes_line_ends_and_encoding(school, files, encoding, cut):
    folder = Path(tempfile.mkdtemp())
    try:
        for key, text in files.items():
            data = text.encode(encoding, errors="replace")
            # Sometimes cut the last bytes: a multibyte character broken in half.
            (folder / f"{key}.csv").write_bytes(data[:len(data) - cut] if cut < len(data) else data)
        import_and_check(folder, school)
    finally:
        shutil.rmtree(folder)


def zipped(members: dict[str, bytes], method: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


MEMBER_NAMES = st.one_of(
    st.sampled_from([f"{k}.csv" for k in TABLE_KEYS] + ["папка/students.csv", "__MACOSX/._marks.csv", ".hidden.csv",
                                                         "readme.txt", "students.CSV", "x/", "../students.csv"]),
    st.text(min_size=1, max_size=10).map(lambda s: s + ".csv"),
)


@pytest.mark.django_db
@FUZZ
@given(members=st.dictionaries(MEMBER_NAMES, st.binary(max_size=200) | csv_texts().map(str.encode), max_size=4),
       method=st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]),
       damage=st.one_of(st.none(), st.tuples(st.integers(min_value=0, max_value=10_000), st.binary(min_size=1,
                                                                                                   max_size=4))),
       truncate=st.one_of(st.none(), st.integers(min_value=0, max_value=10_000)))
def test_zip_archives_truncated_damaged_or_with_random_members(school, members, method, damage, truncate):
    data = bytearray(zipped(members, method))
    if damage is not None and data:
        at, junk = damage
        at %= len(data)
        data[at:at + len(junk)] = junk
    if truncate is not None and data:
        del data[truncate % len(data):]
    folder = Path(tempfile.mkdtemp())
    try:
        path = folder / "package.zip"
        path.write_bytes(bytes(data))
        import_and_check(path, school)
    finally:
        shutil.rmtree(folder)
