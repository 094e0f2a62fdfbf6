"""Hidden rows and columns of an Excel 97–2003 workbook (.xls), found as in an .xlsx and refused the same way.

fixtures/journal-hidden.xls is a journal of final marks (sheet «Отметки»: a title row, a header, two pupils) whose
row 4 and column C are hidden. It was made as schools' programs make such files: written with openpyxl
(`row_dimensions[4].hidden = True`, `column_dimensions["C"].hidden = True`) and saved by LibreOffice as «MS Excel 97»
(`soffice --headless --convert-to xls journal-hidden.xlsx`); the same workbook is written again here as .xlsx.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import olefile
import openpyxl
import pytest

from tests.assessments.conftest import roster  # noqa: F401 (fixture)
from vsoko.imports.service import import_package
from vsoko.imports.workbooks import hidden_rows_and_columns
from vsoko.records.models import PeriodMark

FIXTURE = Path(__file__).parent / "fixtures" / "journal-hidden.xls"
ROWS = [["Учебный год: 2025/2026"], ["ФИО", "Класс", "Предмет", "I", "II", "III", "IV", "Год"],
        ["Иванов Иван Ильич", "4А", "Математика", 5, 5, 5, 5, 5],
        ["Петрова Алёна Сергеевна", "4А", "Математика", 4, 4, 4, 4, 4]]
# Row 4 (the 1-based number Excel shows), column C (0-based 2).
HIDDEN = {"Отметки": (frozenset({4}), frozenset({2}))}
# The BIFF8 records of the fixture that hide them: ROW of row index 3 (flags at body offset 12, fDyZero 0x20),
# COLINFO of columns 2..2 (flags at body offset 8, hidden 0x01).
ROW_4 = b"\x08\x02\x10\x00" + struct.pack("<H", 3)
COLUMN_C = b"\x7d\x00\x0c\x00" + struct.pack("<HH", 2, 2)
INTERFACEHDR = b"\xe1\x00\x02\x00"
FILEPASS = b"\x2f\x00"

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")


def write_xlsx(path: Path, sheets: dict[str, list[list]], hide: dict[str, tuple[tuple[int, ...], tuple[str, ...]]]):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        numbers, letters = hide.get(title, ((), ()))
        for number in numbers:
            sheet.row_dimensions[number].hidden = True
        for letter in letters:
            sheet.column_dimensions[letter].hidden = True
    book.save(path)
    return path


def patched(tmp_path: Path, *changes: tuple[bytes, int, bytes]) -> Path:
    """A copy of the fixture where, for each (find, at, value), `value` is written `at` bytes after the one place
    `find` is in its Workbook stream."""
    path = shutil.copy(FIXTURE, tmp_path / "journal.xls")
    with olefile.OleFileIO(str(path), write_mode=True) as container:
        data = bytearray(container.openstream("Workbook").read())
        for find, at, value in changes:
            assert data.count(find) == 1
            start = data.find(find) + at
            data[start:start + len(value)] = value
        container.write_stream("Workbook", bytes(data))
    return path


ROW_4_SHOWN = (ROW_4, 4 + 12, b"\x00\x01")  # flags 0x0120 -> 0x0100
COLUMN_C_SHOWN = (COLUMN_C, 4 + 8, b"\x00\x00")


def test_an_xls_gives_its_hidden_rows_and_columns_numbered_as_its_xlsx(tmp_path):
    xlsx = write_xlsx(tmp_path / "journal.xlsx", {"Отметки": ROWS}, {"Отметки": ((4,), ("C",))})

    assert hidden_rows_and_columns(FIXTURE) == HIDDEN
    assert hidden_rows_and_columns(xlsx) == HIDDEN


def test_the_hidden_flags_are_what_is_read(tmp_path):
    assert hidden_rows_and_columns(patched(tmp_path, ROW_4_SHOWN)) == {"Отметки": (frozenset(), frozenset({2}))}
    assert hidden_rows_and_columns(patched(tmp_path, COLUMN_C_SHOWN)) == {"Отметки": (frozenset({4}), frozenset())}
    assert hidden_rows_and_columns(patched(tmp_path, ROW_4_SHOWN, COLUMN_C_SHOWN)) == {}


def test_an_encrypted_xls_gives_nothing_rather_than_ciphered_flags(tmp_path):
    # INTERFACEHDR, the record after BOF, made a FILEPASS: whatever follows is ciphered.
    path = patched(tmp_path, (INTERFACEHDR, 0, FILEPASS))

    assert hidden_rows_and_columns(path) == {}


@pytest.mark.parametrize("cut", [0, 512, 1536, 3000, 4100])
def test_a_cut_short_xls_gives_nothing_and_no_exception(tmp_path, cut):
    path = tmp_path / "journal.xls"
    path.write_bytes(FIXTURE.read_bytes()[:cut])

    assert hidden_rows_and_columns(path) == {}


def test_an_xlsx_named_xls_is_read_as_what_it_is(tmp_path):
    path = write_xlsx(tmp_path / "journal.xlsx", {"Отметки": ROWS}, {"Отметки": ((4,), ("C",))})

    assert hidden_rows_and_columns(path.rename(tmp_path / "journal.xls")) == HIDDEN


def test_only_a_file_named_xls_is_read_as_one(tmp_path):
    html = tmp_path / "journal.xls"
    html.write_text("<html><table><tr><td>Иванов</td></tr></table></html>", encoding="utf-8")

    assert hidden_rows_and_columns(html) == {}
    assert hidden_rows_and_columns(shutil.copy(FIXTURE, tmp_path / "journal.xlsx")) == {}


@needs_soffice
def test_an_xls_saved_by_libreoffice_gives_every_sheet_as_its_xlsx(tmp_path):
    sheets = {"Отметки": ROWS, "Лист 2": [[1, 2, 3, 4, 5, 6, 7]] * 8, "Summary": [["a", "b"]]}
    hide = {"Лист 2": ((2, 3, 8), ("D", "E", "F")), "Summary": ((), ("A",))}
    xlsx = write_xlsx(tmp_path / "book.xlsx", sheets, hide)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "xls",
                    "--outdir", str(tmp_path / "converted"), str(xlsx)], check=True, capture_output=True, timeout=180)
    expected = {"Лист 2": (frozenset({2, 3, 8}), frozenset({3, 4, 5})), "Summary": (frozenset(), frozenset({0}))}

    assert hidden_rows_and_columns(xlsx) == expected
    assert hidden_rows_and_columns(tmp_path / "converted" / "book.xls") == expected


# The import as `vsoko import` and the upload page run it: the .xls is refused with the .xlsx's message
# (tests/assessments/test_journal_messy.py, test_hidden_rows_and_columns_with_marks_are_refused).


@pytest.mark.django_db
def test_a_journal_xls_with_a_hidden_row_and_column_is_refused_as_its_xlsx(school, roster, tmp_path):  # noqa: F811
    path = shutil.copy(FIXTURE, tmp_path / "journal.xls")

    report = import_package(path, school=school)

    assert [str(e) for e in report.errors] == [
        "Отметки за периоды (файл journal.xls, лист «Отметки»): Скрыты строки 4 и столбцы C, а в них есть данные: "
        "покажите их (выделите лист, правой кнопкой по заголовкам строк и столбцов → Показать), проверьте и "
        "загрузите снова — или удалите лишнее."]
    assert PeriodMark.objects.count() == 0


@pytest.mark.django_db
def test_the_same_journal_xls_with_nothing_hidden_imports(school, roster, tmp_path):  # noqa: F811
    path = patched(tmp_path, ROW_4_SHOWN, COLUMN_C_SHOWN)

    report = import_package(path, school=school)

    assert [str(e) for e in report.errors] == []
    assert sorted(PeriodMark.objects.values_list("student__student_id", "period", "mark")) == sorted(
        [("S01", p, "5") for p in ("q1", "q2", "q3", "q4", "year")]
        + [("S02", p, "4") for p in ("q1", "q2", "q3", "q4", "year")])
