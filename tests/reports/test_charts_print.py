"""Every text on a chart is at least 8 pt on paper — in the Word documents (a PNG picture) and in the PDF (an SVG
drawing) — and the chart's title is text of the document, not drawn.

The printed size of a text drawn at `s` units of a drawing `w` units wide, printed `W` points wide, is s · W / w.
The sizes are taken from what is really there: the picture's width in the Word file (its extent) and its pixels,
the SVG's width as WeasyPrint lays out the public report's page (CSS px, 0,75 pt each) and the font sizes written
in the SVG itself.
"""

import io
import re

import docx
import pytest
from PIL import Image

from tests.reports.conftest import YEAR
from vsoko.reports import charts
from vsoko.reports.document import Chart, Document
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.registry import render
from vsoko.reports.writers import WRITERS, to_html

MIN_POINTS = 8
POINTS_PER_CSS_PX = 0.75  # 96 px to the inch, 72 pt
CHART = Chart("Доля участников ОГЭ, преодолевших минимальный порог по всем предметам (без учёта пересдачи)",
              [("2022/2023", 50.0, "50 %"), ("2023/2024", None, "нет данных"), ("2024/2025", 75.0, "75 %")],
              " %", 80.0, "цель 80 %")


def word_pictures(data: bytes) -> list[tuple[float, Image.Image]]:
    """(printed width in points, the picture) of every picture of a Word file."""
    document = docx.Document(io.BytesIO(data))
    out = []
    for shape in document.inline_shapes:
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        out.append((shape.width.pt, Image.open(io.BytesIO(document.part.related_parts[blip.embed].blob))))
    return out


def test_a_word_chart_prints_its_texts_at_8_points_at_least():
    document = Document("Проба", [])
    document.section("Показатели").blocks.append(CHART)
    data = WRITERS[Format.DOCX](document)

    [(width, picture)] = word_pictures(data)
    smallest_px = min(charts.TEXT_SIZES) * picture.width / charts.WIDTH  # the picture is the drawing scaled
    assert smallest_px * width / picture.width >= MIN_POINTS
    # The picture says its own size: its dots per inch make it as wide as it is printed (a copy pasted elsewhere).
    dpi = picture.info["dpi"][0]
    assert picture.width / dpi * 72 == pytest.approx(width, rel=0.01)
    # The title is a paragraph of the document (Word's own 11 pt text), not drawn small into the picture.
    paragraphs = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert CHART.title in paragraphs


def test_the_analytic_reports_charts_print_at_8_points_at_least(known_school):
    pictures = word_pictures(render(ReportKind.ANALYTIC, known_school, YEAR, Format.DOCX))

    assert len(pictures) >= 2
    for width, picture in pictures:
        assert min(charts.TEXT_SIZES) * picture.width / charts.WIDTH * width / picture.width >= MIN_POINTS


def svg_widths(html: str) -> list[float]:
    """The laid-out width (CSS px) of each SVG drawing of the HTML on WeasyPrint's A4 pages, as the PDF has it."""
    import weasyprint

    def boxes(box):
        yield box
        for child in getattr(box, "children", None) or []:
            yield from boxes(child)

    pages = weasyprint.HTML(string=html).render().pages
    return [b.width for page in pages for b in boxes(page._page_box)
            if (getattr(b, "element_tag", None) or "").endswith("svg")]


def test_a_pdf_chart_prints_its_texts_at_8_points_at_least():
    document = Document("Проба", [])
    document.section("Показатели").blocks += [CHART, CHART]  # side by side, as the public report has them
    html = to_html(document).decode()

    widths = svg_widths(html)
    sizes = [float(s) for s in re.findall(r'<text[^>]*font-size="([\d.]+)"', html)]
    viewbox = float(re.search(r'viewBox="0 0 ([\d.]+) ', html).group(1))
    assert len(widths) == 2 and sizes
    for width in widths:
        assert min(sizes) * width / viewbox * POINTS_PER_CSS_PX >= MIN_POINTS
    # The title is the figure's caption, printed as text of the page, not drawn.
    assert f"<figcaption>{CHART.title}</figcaption>" in html
    assert not re.search(r"@media print \{[^}]*figcaption", html)
    assert "chart__title" not in html


def test_the_public_reports_pdf_charts_print_at_8_points_at_least(known_school):
    html = render(ReportKind.PUBLIC, known_school, YEAR, Format.HTML).decode()

    widths = svg_widths(html)
    sizes = [float(s) for s in re.findall(r'<text[^>]*font-size="([\d.]+)"', html)]
    assert len(widths) >= 2
    assert min(sizes) * min(widths) / charts.WIDTH * POINTS_PER_CSS_PX >= MIN_POINTS
