"""The self-examination's table against Appendix 2 to Order 1324 as the domain reference gives it
(/work/shared/reference/ru-domain.md §1): every row of the appendix — groups and indicators — with its number and
unit of measurement, in the appendix's order; and the НОКО table of «Оценка системы управления» in columns a
spreadsheet can sort: each year's score and its change, numbers both.
"""

import csv
import io
import re
import shutil
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest

from tests.libreoffice import as_csv_lines, as_text
from tests.reports.conftest import YEAR
from tests.reports.readers import docx_rows, xlsx_rows
from vsoko.oversight.models import NokoResult
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.registry import render

pytestmark = pytest.mark.django_db
REFERENCE = Path("/work/shared/reference/ru-domain.md")
HEADER = ["№ п/п", "Показатели", "Единица измерения", "2024/2025"]


def appendix_rows() -> list[tuple[str, str, str]]:
    """(number, words, unit) of each row of §1's table: «1.», «1.1» … «2.6»; a group's unit is empty."""
    text = REFERENCE.read_text(encoding="utf-8")
    part = text[text.index("## 1. "):text.index("## 2. ")]
    rows = []
    for line in part.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and re.fullmatch(r"\**\d+(\.\d+)*\.?\**", cells[0]):
            rows.append((cells[0].strip("*"), cells[1].strip("*"), cells[2]))
    return rows


def unit_words(unit: str) -> str:
    """«человек/%» and «человек / %», «кв. м» and «кв.м»: the same unit."""
    return re.sub(r"\s+", "", unit)


@pytest.mark.skipif(not REFERENCE.exists(), reason="the shared reference is not here")
def test_every_row_of_appendix_2_is_in_the_table_with_its_number_and_unit_in_order(known_school):
    expected = appendix_rows()
    # 2 groups; 1.1–1.34 with 1.19.1–3, 1.29.1–2, 1.30.1–2 (41); 2.1–2.6 with 2.4.1–5 (11): counted by hand
    assert len(expected) == 54
    rows = docx_rows(render(ReportKind.SELF_EXAM, known_school, YEAR, Format.DOCX))
    table = rows[rows.index(HEADER) + 1:]
    table = table[:next((i for i, r in enumerate(table) if len(r) != 4), len(table))]

    assert [(r[0], unit_words(r[2])) for r in table] == [(n, unit_words(u)) for n, _, u in expected]
    assert [(r[0], same_words(r[1])) for r in table] == [(n, same_words(w)) for n, w, _ in expected]
    # The spreadsheet has the same rows.
    sheet = [["" if c is None else str(c) for c in r[:4]] for r in xlsx_rows(
        render(ReportKind.SELF_EXAM, known_school, YEAR, Format.XLSX))]
    start = sheet.index(HEADER) + 1
    assert [(r[0], unit_words(r[2])) for r in sheet[start:start + len(expected)]] == [
        (n, unit_words(u)) for n, _, u in expected]


def same_words(text: str) -> str:
    """The words without what typing varies: quotes ("4" and «4»), «ё», spaces, case."""
    return re.sub(r"\s+", " ", re.sub(r'[«»"]', '"', text).replace("ё", "е").lower()).strip()


def noko(school, year, *scores):
    fields = ("openness", "comfort", "accessibility", "courtesy", "satisfaction")
    return NokoResult.objects.create(school=school, year=year, **dict(zip(fields, map(Decimal, scores),
                                                                             strict=True)))


def test_noko_scores_and_changes_are_columns_of_numbers(known_school):
    # Integral = the mean of the five criteria: 2023 — (90 + 80 + 70 + 95 + 85)/5 = 84; 2024 — (92,4 + 80 +
    # 69,5 + 95 + 86)/5 = 84,58, so +0,58; openness +2,4, accessibility −0,5, comfort and courtesy 0.
    noko(known_school, YEAR - 1, "90", "80", "70", "95", "85")
    noko(known_school, YEAR, "92.4", "80", "69.5", "95", "86")

    data = render(ReportKind.SELF_EXAM, known_school, YEAR, Format.DOCX)
    rows = docx_rows(data)
    assert ["Критерий НОКО", "2023/2024, балл", "2024/2025, балл", "Изменение за год"] in rows
    integral = next(r for r in rows if r[0] == "Интегральный балл")
    assert integral == ["Интегральный балл", "84,00", "84,58", "+0,58"]
    assert not [r for r in rows if any("▲" in c or "▼" in c for c in r)]
    # Word: the numbers stand right in their cells, as numbers do.
    word = docx.Document(io.BytesIO(data))
    cell = next(t for t in word.tables if t.rows[0].cells[0].text == "Критерий НОКО").rows[-1].cells[3]
    assert cell.paragraphs[0].alignment is not None and cell.paragraphs[0].alignment == 2  # right

    sheet = openpyxl.load_workbook(io.BytesIO(render(ReportKind.SELF_EXAM, known_school, YEAR, Format.XLSX))).active
    # The table's names in the sheet's second column, with the Order's indicators' (after «№ п/п»)
    values = [[c.value for c in row][1:] for row in sheet.iter_rows()]
    integral = next(r for r in values if r[0] == "Интегральный балл")
    assert integral[1:4] == [84, pytest.approx(84.58), pytest.approx(0.58)]  # numbers, sortable
    openness = next(r for r in values if r[0] and str(r[0]).startswith("Открытость"))
    assert openness[1:4] == [90, pytest.approx(92.4), pytest.approx(2.4)]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_the_noko_columns_as_numbers(known_school, tmp_path):
    noko(known_school, YEAR - 1, "90", "80", "70", "95", "85")
    noko(known_school, YEAR, "92.4", "80", "69.5", "95", "86")
    (tmp_path / "report.xlsx").write_bytes(render(ReportKind.SELF_EXAM, known_school, YEAR, Format.XLSX))
    (tmp_path / "report.docx").write_bytes(render(ReportKind.SELF_EXAM, known_school, YEAR, Format.DOCX))

    sheet = [r[1:] for r in csv.reader(as_csv_lines(tmp_path / "report.xlsx"))]  # from the names' column
    integral = next(r for r in sheet if r and r[0] == "Интегральный балл")
    # Plain numbers as LibreOffice reads the cells (84 and 84,58 in a Russian locale): not «84,58 (▲ +0,58)».
    assert [float(v.replace(",", ".")) for v in integral[1:4]] == [84, 84.58, 0.58]
    assert "Интегральный балл" in as_text(tmp_path / "report.docx")
