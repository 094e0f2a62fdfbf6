"""The Word tables of every document the product writes: no word of a header is broken across lines and the table
fits the page's text width; the header row repeats on each page. Widths are checked against the real glyph widths of
Liberation Serif (metric-compatible with Times New Roman, the documents' font), not against the writer's estimate."""

import io
import string
from functools import cache
from pathlib import Path

import docx
import pytest
from django.core.management import call_command
from docx.oxml.ns import qn

from vsoko.records.enums import OrgUnitKind
from vsoko.records.models import OrgUnit, SchoolClass
from vsoko.reports.document import Document, Number, Table
from vsoko.reports.enums import Format
from vsoko.reports.registry import REPORTS, ReportError, render
from vsoko.reports.writers import text_ems, to_docx

FONTS = Path("/usr/share/fonts/truetype/liberation")
CELL_MARGINS = 2 * 108  # twips: Word's default left and right cell margins of «Table Grid»
NORMAL_SIZE = 11  # points: the documents' Normal style

pytestmark = pytest.mark.skipif(not (FONTS / "LiberationSerif-Bold.ttf").exists(),
                                reason="Liberation Serif fonts are not installed")


@cache
def advances(bold: bool) -> tuple[dict[int, int], int]:
    from fontTools.ttLib import TTFont

    font = TTFont(FONTS / f"LiberationSerif-{'Bold' if bold else 'Regular'}.ttf")
    metrics = font["hmtx"]
    return {code: metrics[glyph][0] for code, glyph in font.getBestCmap().items()}, font["head"].unitsPerEm


def needed(word: str, points: float, *, bold: bool) -> float:
    """Twips the word takes on one line, with the cell's margins."""
    widths, em = advances(bold)
    return sum(widths.get(ord(c), em) for c in word) / em * points * 20 + CELL_MARGINS


def tables_with_sections(word) -> list[tuple]:
    """Each table with the Word section it is printed in: a section ends at the paragraph that holds its
    properties (w:sectPr), the last one at the body's own."""
    found, ended = [], 0
    for child in word.element.body.iterchildren():
        if child.tag == qn("w:tbl"):
            found.append((docx.table.Table(child, word), ended))
        elif child.tag == qn("w:p") and child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            ended += 1
    return [(table, word.sections[index]) for table, index in found]


def check_tables(data: bytes, where: str) -> int:
    """Asserts every table of the Word file is laid out right; returns the number of tables."""
    word = docx.Document(io.BytesIO(data))
    for n, (table, section) in enumerate(tables_with_sections(word), 1):
        text_width = (section.page_width - section.left_margin - section.right_margin) / 635  # EMU → twips
        grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        name = f"{where}, таблица {n} ({[c.text for c in table.rows[0].cells]})"
        assert sum(grid) <= text_width + 1, f"{name}: {sum(grid)} twips > {text_width}"
        layout = table._tbl.tblPr.find(qn("w:tblLayout"))
        assert layout is not None and layout.get(qn("w:type")) == "fixed", name  # Word keeps the widths given
        header = table.rows[0]
        assert header._tr.trPr is not None and header._tr.trPr.find(qn("w:tblHeader")) is not None, name
        for row in table.rows:
            for i, cell in enumerate(row.cells):
                assert cell.width is not None and round(cell.width / 635) == grid[i], name
        for row in table.rows:  # the header's words, and those of the cells: none broken
            for i, cell in enumerate(row.cells):
                for run in cell.paragraphs[0].runs:
                    points = run.font.size.pt if run.font.size else NORMAL_SIZE
                    for w in run.text.split():
                        need = needed(w, points, bold=bool(run.bold))
                        assert grid[i] >= need, (f"{name}: столбец {i + 1} шириной {grid[i]} twips разрывает слово "
                                                 f"«{w}» ({need:.0f} twips при {points} пт)")
    return len(word.tables)


def test_the_estimate_of_a_word_is_never_narrower_than_the_font():
    letters = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
    characters = letters + letters.upper() + string.ascii_letters + string.digits + string.punctuation + "№«»–—−"
    for bold in (True, False):
        for c in characters:
            assert text_ems(c, bold) * 20 * 20 >= needed(c, 20, bold=bold) - CELL_MARGINS, (c, bold)


def test_the_header_words_of_a_results_table_are_not_broken():
    # The period results' class table: fourteen columns, each header a word or two of up to 12 letters.
    header = ["Класс", "По списку", "Аттестовано", "Успеваемость, %", "Качество, %", "СОУ, %", "Средний балл",
              "Отличники", "Хорошисты", "в т. ч. с одной «4»", "С одной «3»", "Неуспевающие", "в т. ч. н/а",
              "Примечание"]
    table = Table(header)
    table.add("5А", *(Number(i, 0) for i in range(12)), "переведены условно")
    document = Document("Справка")
    document.section("Итоги").blocks.append(table)

    assert check_tables(to_docx(document), "справка") == 1


def test_a_narrow_table_stays_in_the_page_and_its_label_column_is_the_widest():
    table = Table(["Показатель", "2023/2024", "2024/2025"])
    table.add("Доля обучающихся, успевающих на «4» и «5» по результатам промежуточной аттестации",
              Number(54.8, 1, " %"), Number(56.1, 1, " %"))
    document = Document("Справка")
    document.section("Итоги").blocks.append(table)
    data = to_docx(document)

    assert check_tables(data, "справка") == 1
    grid = [int(c.get(qn("w:w"))) for c in docx.Document(io.BytesIO(data)).tables[0]._tbl.tblGrid.findall(
        qn("w:gridCol"))]
    assert grid[0] > grid[1] and grid[0] > grid[2]


def wide_table() -> Table:
    """Fourteen columns of long words: too wide for a portrait page at 9 pt and more."""
    header = ["Класс", "По списку", "Аттестовано", "Успеваемость, %", "Качество, %", "СОУ, %", "Средний балл",
              "Отличники", "Хорошисты", "в т. ч. с одной «4»", "С одной «3»", "Неуспевающие", "в т. ч. н/а",
              "Примечание"]
    table = Table(header)
    table.add("5А", *(Number(i, 0) for i in range(12)), "переведены условно")
    return table


def narrow_table() -> Table:
    table = Table(["Показатель", "2024/2025"])
    table.add("Численность обучающихся", Number(581, 0, " человек"))
    return table


def orientations(data: bytes) -> list[str]:
    return ["альбомная" if s.page_width > s.page_height else "книжная" for s in docx.Document(io.BytesIO(data)).sections]


def test_only_the_section_of_a_wide_table_turns_landscape_and_the_text_after_it_is_upright_again():
    document = Document("Отчёт о самообследовании")
    document.section("Образовательная деятельность").blocks.append(narrow_table())
    document.section("Итоги периода").blocks.append(wide_table())
    document.section("Кадровое обеспечение").blocks.append(narrow_table())
    data = to_docx(document)

    assert orientations(data) == ["книжная", "альбомная", "книжная"]
    assert check_tables(data, "отчёт") == 3  # each table fits its own section's page
    word = docx.Document(io.BytesIO(data))
    assert [t.rows[0].cells[0].text for t, _ in tables_with_sections(word)] == ["Показатель", "Класс", "Показатель"]
    assert [round(s.page_width.cm, 1) for s in word.sections] == [21.0, 29.7, 21.0]


def test_a_document_of_wide_tables_only_is_landscape_from_its_title_on_without_an_empty_page():
    document = Document("Справка")
    document.section("Итоги").blocks.append(wide_table())
    document.section("Ещё итоги").blocks.append(wide_table())
    assert orientations(to_docx(document)) == ["альбомная"]


def test_a_title_page_stays_upright_when_the_first_section_is_wide():
    document = Document("Отчёт", approval=["УТВЕРЖДАЮ", "Директор"])
    document.section("Итоги").blocks.append(wide_table())
    assert orientations(to_docx(document)) == ["книжная", "альбомная"]


@pytest.fixture
def demo_school(settings):
    call_command("demo", students=60, years=2, seed=3, force=True, stdout=io.StringIO())
    return OrgUnit.objects.filter(kind=OrgUnitKind.SCHOOL).first()


@pytest.mark.django_db
def test_every_word_document_of_the_demo_school(demo_school):
    year = SchoolClass.objects.filter(school=demo_school).order_by("-year").values_list("year", flat=True).first()
    written = []
    for kind, report in REPORTS.items():
        if Format.DOCX not in report.formats or report.unit != OrgUnitKind.SCHOOL:
            continue
        try:
            data = render(kind, demo_school, year, Format.DOCX)
        except ReportError:
            continue  # nothing to report in the demo (no schedule of assessments): no tables to check
        check_tables(data, kind.label)
        written.append(kind)
    assert len(written) >= 5, written


def test_the_column_of_names_gets_the_most_of_a_full_table():
    # The analytic справка's indicator table: a long comparison text beside the names would take their width.
    table = Table(["Показатель", "2023/2024", "2024/2025", "Изменение за год", "Цель", "Оценка", "Сравнение"])
    for _ in range(3):
        table.add("Доля получивших аттестат с отличием, 9 класс", Number(1.6, 1, " %"), Number(3.1, 1, " %"),
                  Number(1.5, 1, " п. п.", signed=True), "—", "цель не задана",
                  "муниципалитет 48,3 % — лучше; регион 46,3 % — лучше; область 45,1 % — лучше")
    document = Document("Справка")
    document.section("Показатели").blocks.append(table)
    data = to_docx(document)

    assert check_tables(data, "справка") == 1
    grid = [int(c.get(qn("w:w"))) for c in docx.Document(io.BytesIO(data)).tables[0]._tbl.tblGrid.findall(
        qn("w:gridCol"))]
    assert grid[0] >= 0.4 * sum(grid) - 1  # 40 % of the width for the names


def test_a_table_keeps_the_texts_size_rather_than_shrink_for_a_wider_column_of_names():
    # The analytic справка's «Другие процедуры» on a landscape page: at 11 pt every word fits if the long names
    # take two or three lines; set at 8 pt only to give them 40 % of the width, it was smaller than the tables
    # around it.
    from vsoko.reports.writers import table_layout

    table = Table(["Процедура", "Участников", "Средний балл", "Успеваемость", "Качество", "Подтвердили отметку",
                   "Повысили", "Понизили"])
    table.add("региональная оценка ФГ, естественнонаучная грамотность, 8 класс", Number(63), "—", "—", "—", "—",
              "—", "—")
    landscape = round((29.7 - 4.5) / 2.54 * 1440)

    assert table_layout(table, landscape).points == 11
