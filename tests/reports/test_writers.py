"""Every writer writes any document: a document made here, read back with real readers."""

import io
from fractions import Fraction

import docx
import openpyxl
import pytest
from pypdf import PdfReader

from tests.reports.readers import html_text
from vsoko.reports.cells import change_cell
from vsoko.reports.document import (
    HIDDEN,
    Document,
    Heading,
    Number,
    Paragraph,
    Share,
    Table,
    cell_text,
)
from vsoko.reports.enums import Format
from vsoko.reports.writers import WRITERS


def sample() -> Document:
    document = Document("Проба", ["Школа № 1"])
    table = Table(["Показатель", "Значение"], notes=["Сноска"])
    table.add("Группа", "", heading=True)
    table.add("Доля", Share(Number(3, 0), Number(37.5, 1, " %")))
    table.add("Изменение", Number(-1.25, 2, " п. п.", signed=True))
    table.add("Скрыто", HIDDEN)
    table.add("=1+1", "@SUM(A1)")  # text that looks like a formula stays text
    section = document.section("Раздел")
    section.blocks += [Heading("Подраздел"), Paragraph("Абзац"), table]
    return document


def test_every_format_has_a_writer():
    assert set(WRITERS) == set(Format)


def test_docx():
    data = WRITERS[Format.DOCX](sample())
    word = docx.Document(io.BytesIO(data))
    rows = [[c.text for c in r.cells] for r in word.tables[0].rows]
    assert rows[2] == ["Доля", "3\u00a0человека\u00a0/ 37,5\u00a0%"]  # a line breaks after the slash only
    assert rows[3] == ["Изменение", "−1,25 п. п."]
    assert rows[4] == ["Скрыто", "—*"]
    assert "Сноска" in [p.text for p in word.paragraphs]


def _trimmed(row: tuple) -> list:
    cells = list(row)
    while cells and cells[-1] is None:
        cells.pop()
    return cells


def test_xlsx_splits_a_share_into_two_number_columns_and_keeps_formulas_out():
    book = openpyxl.load_workbook(io.BytesIO(WRITERS[Format.XLSX](sample())))
    rows = [_trimmed(r) for r in book.active.iter_rows(values_only=True)]
    assert ["Показатель", "Значение", "Значение, %"] in rows
    assert ["Доля", 3, 37.5] in rows
    assert next(r for r in rows if r[:1] == ["Изменение"])[1] == -1.25
    assert next(r for r in rows if r[:1] == ["=1+1"])[1] == "@SUM(A1)"
    assert book.active["A1"].value == "Проба"


def test_html_is_self_contained_and_russian():
    data = WRITERS[Format.HTML](sample())
    text, lang = html_text(data)
    assert lang == "ru"
    assert "<style>" in data.decode() and "<link" not in data.decode() and "<script" not in data.decode()
    assert "Доля 3 человека / 37,5 %" in text


def test_pdf():
    data = WRITERS[Format.PDF](sample())
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) > 0
    assert "37,5" in reader.pages[0].extract_text()


@pytest.mark.parametrize(("number", "text"), [
    (Number(1234.5, 1), "1\u202f234,5"), (Number(50.0, 1, " %"), "50,0 %"), (Number(-3, 0), "−3"),
    (Number(2, 0, signed=True), "+2"),
    # a column keeps its places in every row, as the spreadsheet's '0.0' and '0.00' formats show them
    (Number(4, 2), "4,00"), (Number(3.85, 2), "3,85"), (Number(1, 1, " п. п.", signed=True), "+1,0 п. п."),
    (Number(-0.5, 2), "−0,50"),
])
def test_number_text(number, text):
    assert number.text == text


@pytest.mark.parametrize(("count", "word"), [
    (1, "1 человек"), (2, "2 человека"), (4, "4 человека"), (5, "5 человек"), (11, "11 человек"),
    (14, "14 человек"), (21, "21 человек"), (22, "22 человека"), (112, "112 человек"), (0, "0 человек"),
])
def test_a_share_says_people_as_russian_does_after_the_number(count, word):
    """Order 1324's «человек/%» cell: «2 человека / 3,4 %», not «2 человек»."""
    assert Share(Number(count, 0), Number(3.4, 1, " %")).text == f"{word} / 3,4 %"


@pytest.mark.parametrize(("change", "unit", "text"), [
    (Fraction(1, 100), "percent", "без изменений"), (Fraction(-6, 100), "percent", "−0,1 п. п."),
    (Fraction(0), "count", "без изменений"), (Fraction(-1), "count", "−1"), (None, "percent", "—"),
])
def test_a_change_below_the_shown_precision_is_no_change(change, unit, text):
    assert cell_text(change_cell(change, unit)) == text


@pytest.mark.parametrize(("change", "before", "text"), [
    (Fraction(1), Fraction(0), "было «нет»"), (Fraction(-1), Fraction(1), "было «да»"),
    (Fraction(0), Fraction(1), "без изменений"), (Fraction(2), Fraction(3), "+2"),  # 3 → 5 schools with «да»
])
def test_a_yes_no_change_is_the_pages_words_for_one_school_and_a_number_for_schools_counted(change, before, text):
    assert cell_text(change_cell(change, "bool", before)) == text


def test_every_document_says_a_lines_change_from_the_year_before():
    """The public report, the tree download, the municipal report and the self-examination take a line's change
    through `line_change_cell`: a school's canteen that opened this year is «было «нет»», never «+1»."""
    from types import SimpleNamespace

    from vsoko.indicators.dashboard import Line
    from vsoko.indicators.evaluate import Value
    from vsoko.reports.cells import line_change_cell

    canteen = Line(SimpleNamespace(unit="bool"), [(2023, Value(Fraction(0))), (2024, Value(Fraction(1)))],
                   Fraction(1), None, [], None)
    assert cell_text(line_change_cell(canteen)) == "было «нет»"
    alone = Line(SimpleNamespace(unit="bool"), [(2024, Value(Fraction(1)))], None, None, [], None)
    assert cell_text(line_change_cell(alone)) == "—"


def test_a_chart_is_the_same_bars_in_svg_and_png():
    from PIL import Image

    from vsoko.reports.charts import chart_png, chart_svg, layout
    from vsoko.reports.document import Chart

    chart = Chart("Качество <знаний>", [("2023/2024", 50.0, "50 %"), ("2024/2025", None, "нет данных"),
                                       ("2025/2026", 75.0, "75 %")], " %", 80.0, "цель 80 %")
    box = layout(chart)
    svg = chart_svg(chart)

    assert [bar.height > 0 for bar in box.bars] == [True, False, True]
    assert box.bars[2].height == pytest.approx(box.bars[0].height * 1.5)  # 75 against 50, on a scale to 100
    assert svg.count("<rect") == 2 and "нет данных" in svg and "цель 80 %" in svg
    assert "Качество &lt;знаний&gt;" in svg  # text is escaped
    picture = Image.open(io.BytesIO(chart_png(chart)))
    assert picture.format == "PNG" and picture.size == (1280, 520)


def test_an_xlsx_paragraph_is_one_wrapped_cell_across_the_first_columns_as_tall_as_its_lines():
    document = Document("Проба", [])
    long = "Слово " * 60
    document.section("Раздел").blocks += [Paragraph("Коротко"), Paragraph(long.strip())]
    sheet = openpyxl.load_workbook(io.BytesIO(WRITERS[Format.XLSX](document))).active

    short_row, long_row = (next(c.row for c in sheet["A"] if c.value == text) for text in ("Коротко", long.strip()))
    assert {str(r) for r in sheet.merged_cells.ranges} == {f"A{short_row}:D{short_row}", f"A{long_row}:D{long_row}"}
    assert sheet.cell(long_row, 1).alignment.wrap_text
    # No numbered table: the text column is the first (60), then three of 14 — 102 digits and the paddings between
    # (5/7 each): 104,1 digits a line of Calibri. «Слово» is 5,09 digits (С 1,05, л 1,01, о 1,04, в 0,95, о 1,04),
    # a space 0,45: 18 words a line, 60 → 4 lines, 13,5 points each and 2 — 56, a whole number of pixels: 75,
    # 56,25 points.
    assert sheet.row_dimensions[long_row].height == 56.25
    assert sheet.row_dimensions[short_row].height is None
