"""Bar charts of the reports: one layout, drawn as SVG (HTML and PDF) and as PNG (Word).

Word documents take raster pictures only, so the same bars, labels and target line are
drawn twice from one `layout`: the two pictures always agree. Spreadsheets get native
charts instead (vsoko.reports.writers.to_xlsx).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from vsoko.reports.document import Chart

WIDTH, HEIGHT = 640, 260
# The texts' sizes in units of the drawing, and where it is printed: in the PDF two charts stand side by side,
# 48 % of A4's text column (reports/document.html: 210 − 2 × 12 mm, 48 % of it: 241 pt for 640 units, 0,377 pt
# a unit), in Word one chart WORD_CM wide (255 pt, 0,40 pt a unit). So 23 units print at 8,7 pt in the PDF and
# 9,2 pt in Word, the smallest a printed text may be being 8 pt (tests/reports/test_charts_print.py). The title is
# not drawn: the documents print it as their own text above the chart (a 62-character line fitted the width at
# 14 units, 5,3 pt on paper).
LABEL_SIZE, TARGET_SIZE = 24, 23
TEXT_SIZES = (LABEL_SIZE, TARGET_SIZE)
WORD_CM = 9.0
PNG_SCALE = 2  # pixels a unit: a sharp print
# Room above the bars for the target's legend (a line of its own: written beside the dashed line, the words
# crossed a bar as tall) and the value above a full bar; under the baseline, for the year.
TOP, BOTTOM, SIDE = 72, 44, 24
LEGEND_Y, LEGEND_LINE = 28, 40  # the legend's baseline; its dashed sample's length
BAR, CURRENT, TARGET, TEXT, MUTED = "#9DB6CC", "#1B5A80", "#B03A2E", "#1A1A1A", "#555555"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Debian's fonts-dejavu-core, as WeasyPrint uses


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # under the bar: the school year
    value: str  # above the bar; without a bar «нет данных» or «—*» (withheld)
    current: bool


@dataclass(frozen=True)
class Layout:
    bars: list[Bar]
    baseline: float
    target_y: float | None
    target_label: str


def layout(chart: Chart) -> Layout:
    values = [v for _, v, _ in chart.bars if v is not None]
    top = max([*values, chart.target or 0, 100 if chart.suffix == " %" and values else 0, 1])
    plot = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - 2 * SIDE) / max(len(chart.bars), 1)
    width = min(slot * 0.55, 90)
    bars = []
    for i, (label, value, text) in enumerate(chart.bars):
        height = 0 if value is None else plot * value / top
        bars.append(Bar(SIDE + slot * i + (slot - width) / 2, TOP + plot - height, width, height, label, text,
                        i == len(chart.bars) - 1))
    target_y = None if chart.target is None else TOP + plot - plot * chart.target / top
    return Layout(bars, TOP + plot, target_y, chart.target_text)


def chart_svg(chart: Chart) -> str:
    """The chart, without its title (the document's caption), as an inline SVG element with its colours in
    attributes (no stylesheet needed).

    Its texts carry classes (chart__label, chart__target) for a web page's stylesheet: drawn text shrinks with the
    drawing, to half its size on a phone, so a page may draw the labels at its own size."""
    box = layout(chart)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
             f'height="{HEIGHT}" role="img" aria-label="{escape(chart.title)}" font-family="DejaVu Sans, sans-serif">']
    for bar in box.bars:
        middle = bar.x + bar.width / 2
        if bar.height:
            parts.append(f'<rect x="{bar.x:.1f}" y="{bar.y:.1f}" width="{bar.width:.1f}" height="{bar.height:.1f}" '
                         f'fill="{CURRENT if bar.current else BAR}"/>')
        parts.append(f'<text class="chart__label" x="{middle:.1f}" y="{bar.y - 8:.1f}" font-size="{LABEL_SIZE}" '
                     f'text-anchor="middle" fill="{TEXT if bar.height else MUTED}">{escape(bar.value)}</text>')
        parts.append(f'<text class="chart__label" x="{middle:.1f}" y="{box.baseline + 30:.1f}" font-size="{LABEL_SIZE}" '
                     f'text-anchor="middle" fill="{MUTED}">{escape(bar.label)}</text>')
    parts.append(f'<line x1="{SIDE}" y1="{box.baseline}" x2="{WIDTH - SIDE}" y2="{box.baseline}" stroke="{MUTED}"/>')
    if box.target_y is not None:
        parts.append(f'<line x1="{SIDE}" y1="{box.target_y:.1f}" x2="{WIDTH - SIDE}" y2="{box.target_y:.1f}" '
                     f'stroke="{TARGET}" stroke-dasharray="6 4"/>')
        parts.append(f'<line x1="{SIDE}" y1="{LEGEND_Y - 8}" x2="{SIDE + LEGEND_LINE}" y2="{LEGEND_Y - 8}" '
                     f'stroke="{TARGET}" stroke-dasharray="6 4"/>')
        parts.append(f'<text class="chart__target" x="{SIDE + LEGEND_LINE + 10}" y="{LEGEND_Y}" '
                     f'font-size="{TARGET_SIZE}" fill="{TARGET}">{escape(box.target_label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def chart_png(chart: Chart, scale: int = PNG_SCALE) -> bytes:
    """The same chart as a PNG (`scale` pixels a unit), its dots per inch those of WORD_CM: pasted anywhere it keeps
    the size the Word documents print it at."""
    from PIL import Image, ImageDraw, ImageFont

    box = layout(chart)
    image = Image.new("RGB", (WIDTH * scale, HEIGHT * scale), "white")
    draw = ImageDraw.Draw(image)

    def font(size: int):
        return ImageFont.truetype(str(FONT), size * scale) if FONT.exists() else ImageFont.load_default(size * scale)

    def at(x: float, y: float) -> tuple[float, float]:
        return x * scale, y * scale

    for bar in box.bars:
        middle = bar.x + bar.width / 2
        if bar.height:
            draw.rectangle([at(bar.x, bar.y), at(bar.x + bar.width, box.baseline)], fill=CURRENT if bar.current else BAR)
        draw.text(at(middle, bar.y - 8), bar.value, fill=TEXT if bar.height else MUTED, font=font(LABEL_SIZE),
                  anchor="ms")
        draw.text(at(middle, box.baseline + 30), bar.label, fill=MUTED, font=font(LABEL_SIZE), anchor="ms")
    draw.line([at(SIDE, box.baseline), at(WIDTH - SIDE, box.baseline)], fill=MUTED, width=scale)
    if box.target_y is not None:
        for y, end in ((box.target_y, WIDTH - SIDE), (LEGEND_Y - 8, SIDE + LEGEND_LINE)):
            x = SIDE
            while x < end:  # dashed, as in the SVG
                draw.line([at(x, y), at(min(x + 6, end), y)], fill=TARGET, width=scale)
                x += 10
        draw.text(at(SIDE + LEGEND_LINE + 10, LEGEND_Y), box.target_label, fill=TARGET, font=font(TARGET_SIZE),
                  anchor="ls")
    buffer = io.BytesIO()
    dpi = WIDTH * scale / (WORD_CM / 2.54)
    image.save(buffer, "PNG", dpi=(dpi, dpi))
    return buffer.getvalue()
