"""The Word writer builds each table's rows as XML at once (vsoko.reports.writers._docx_table): what python-docx
wrote row by row before — bold header and heading rows, numbers aligned right, notes in small type — read back
with python-docx and with LibreOffice."""

import io
import shutil

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from tests.libreoffice import as_text
from vsoko.reports.document import HIDDEN, Document, Number, Paragraph, Share, Table
from vsoko.reports.writers import to_docx


def sample() -> Document:
    document = Document("Проба", ["Школа № 1"])
    table = Table(["Показатель", "Значение", "Изменение"], notes=["* — скрыто"])
    table.add("1. Образовательная деятельность", "", None, heading=True)
    table.add("Доля", Share(Number(3, 0), Number(37.5, 1, " %")), Number(-1.25, 2, " п. п.", signed=True))
    table.add("Скрыто", HIDDEN, "—")
    table.add("<&> «текст»", "  с пробелами ", "строка\tпосле табуляции\nвторая строка")
    section = document.section("Раздел")
    section.blocks += [Paragraph("Абзац"), table]
    return document


def read(document: Document):
    return docx.Document(io.BytesIO(to_docx(document)))


def runs(cell) -> list:
    return [run for paragraph in cell.paragraphs for run in paragraph.runs]


def test_the_table_reads_back_as_written():
    word = read(sample())
    table = word.tables[0]

    assert table.style.name == "Table Grid"
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Показатель", "Значение", "Изменение"],
        ["1. Образовательная деятельность", "", ""],
        ["Доля", "3\u00a0человека\u00a0/ 37,5\u00a0%", "−1,25 п. п."],  # breaks after the slash only
        ["Скрыто", "—*", "—"],
        ["<&> «текст»", "  с пробелами ", "строка\tпосле табуляции\nвторая строка"],
    ]
    widths = {tuple(cell.width for cell in row.cells) for row in table.rows}
    assert len(widths) == 1  # every row has the columns' widths
    # The columns share the text width of an A4 page with margins of 3 and 1,5 cm: 16,5 cm.
    assert abs(sum(widths.pop()) - Cm(16.5)) < Cm(0.01)


def test_bold_header_and_heading_rows_numbers_right_and_notes_small():
    word = read(sample())
    rows = word.tables[0].rows

    assert all(run.bold is True for cell in rows[0].cells for run in runs(cell))
    assert all(run.bold is True for cell in rows[1].cells for run in runs(cell))
    assert all(run.bold is False for row in rows[2:] for cell in row.cells for run in runs(cell))
    alignments = [[cell.paragraphs[0].alignment for cell in row.cells] for row in rows]
    assert alignments[2] == [None, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.RIGHT]  # a share, a number
    # A withheld value stands where the numbers of its column stand (as on the page and in PDF); text stays left.
    assert alignments[3] == [None, WD_ALIGN_PARAGRAPH.RIGHT, None]
    note = next(p for p in word.paragraphs if p.text == "* — скрыто")
    assert note.runs[0].font.size == Pt(9)
    assert [p.style.name for p in word.paragraphs[:4]] == ["Title", "Normal", "Heading 1", "Normal"]


def test_a_long_table_keeps_every_row_and_cell():
    document = Document("Много строк")
    table = Table(["Школа", *(f"Показатель {i}" for i in range(7))])
    for n in range(600):
        table.add(f"Школа № {n}", *(Number(i, 0) for i in range(7)))
    document.section("Школы").blocks.append(table)
    rows = read(document).tables[0].rows

    assert len(rows) == 601
    assert [c.text for c in rows[600].cells] == ["Школа № 599", "0", "1", "2", "3", "4", "5", "6"]


def test_a_row_of_another_width_than_the_header_is_an_error():
    document = Document("Проба")
    table = Table(["А", "Б"])
    table.add("только одна")
    document.section("Раздел").blocks.append(table)
    with pytest.raises(ValueError):
        to_docx(document)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_file(tmp_path):
    (tmp_path / "report.docx").write_bytes(to_docx(sample()))

    text = as_text(tmp_path / "report.docx")
    assert "3\u00a0человека\u00a0/ 37,5\u00a0%" in text and "<&> «текст»" in text and "−1,25 п. п." in text
    assert "* — скрыто" in text


def test_a_control_character_in_a_cell_is_dropped_not_a_failed_export():
    # XML 1.0 has no place for \x01 (a stray one pasted into a name or a comment): the rest of the text stays.
    document = Document("Проба", [])
    table = Table(["Фамилия", "Комментарий"])
    table.add("Иванов\x01", "до\x0bпосле")
    document.section("Раздел").blocks.append(table)

    assert [c.text for c in read(document).tables[0].rows[1].cells] == ["Иванов", "допосле"]


def test_headings_are_set_in_the_text_typeface_in_black_the_title_centred():
    # Word's template gives headings another typeface (a theme's sans serif) in blue and a blue rule under the
    # title: a school's справка is set in one typeface, headings bold and black.
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    word = read(sample())
    for name in ("Title", "Heading 1", "Heading 2"):
        style = word.styles[name]
        fonts = style.element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:hAnsi")) == "Times New Roman", name
        assert fonts.get(qn("w:asciiTheme")) is None and fonts.get(qn("w:hAnsiTheme")) is None, name
        assert style.font.bold is True and style.font.color.rgb == RGBColor(0, 0, 0), name
        assert style.font.color.theme_color is None, name
        assert style.paragraph_format.keep_with_next is True, name
    assert word.styles["Title"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert word.styles["Title"].element.pPr.find(qn("w:pBdr")) is None
    assert [word.styles[n].font.size.pt for n in ("Title", "Heading 1", "Heading 2")] == [14, 13, 12]


def test_a_number_keeps_its_unit_on_its_line_in_sentences():
    # «84,7» at a line's end and «% против…» on the next: the space before «%» and inside «п. п.» does not break.
    document = Document("Проба", ["Качество 54,8 % за год"])
    table = Table(["Проблема", "Значение"])
    table.add("хуже, чем по муниципалитету: 84,7 % против 92,6 %", Number(37.5, 1, " %"))
    section = document.section("Раздел")
    section.blocks += [Paragraph("Изменение −1,2 п. п. за год, 12 % класса, 2021 год"), table]
    word = read(document)
    texts = [p.text for p in word.paragraphs]

    assert "Качество 54,8\u00a0% за год" in texts
    assert "Изменение −1,2\u00a0п.\u00a0п. за год, 12\u00a0% класса, 2021 год" in texts
    cells = [c.text for c in word.tables[0].rows[1].cells]
    # A number cell is never narrower than its text (test_docx_layout), its text stays as it is.
    assert cells == ["хуже, чем по муниципалитету: 84,7\u00a0% против 92,6\u00a0%", "37,5 %"]
