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
TOP, BOTTOM, SIDE = 64, 36, 24  # room for a title of two lines and the value above a full bar
TITLE_CHARACTERS = 62  # a title line's length at 14 px: longer titles go on a second line
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
    title: list[str]  # one or two lines
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
    return Layout(title_lines(chart.title), bars, TOP + plot, target_y, chart.target_text)


def title_lines(title: str) -> list[str]:
    """The title in at most two lines, broken between words; an overlong second line ends with «…»."""
    lines = [""]
    for word in title.split():
        if lines[-1] and len(lines[-1]) + 1 + len(word) > TITLE_CHARACTERS:
            lines.append("")
        lines[-1] = f"{lines[-1]} {word}".strip()
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
    if len(lines) == 2 and len(lines[1]) > TITLE_CHARACTERS:
        lines[1] = lines[1][:TITLE_CHARACTERS - 1].rstrip() + "…"
    return lines


def chart_svg(chart: Chart) -> str:
    """The chart as an inline SVG element with its colours in attributes (no stylesheet needed).

    Its texts carry classes (chart__title, chart__label, chart__target) for a web page's stylesheet: drawn text
    shrinks with the drawing, to half its size on a phone, so a page may write the title as its own text and
    draw the labels larger."""
    box = layout(chart)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
             f'height="{HEIGHT}" role="img" aria-label="{escape(chart.title)}" font-family="DejaVu Sans, sans-serif">',
             *(f'<text class="chart__title" x="{SIDE}" y="{18 + 17 * i}" font-size="14" font-weight="bold" '
               f'fill="{TEXT}">{escape(line)}</text>' for i, line in enumerate(box.title))]
    for bar in box.bars:
        middle = bar.x + bar.width / 2
        if bar.height:
            parts.append(f'<rect x="{bar.x:.1f}" y="{bar.y:.1f}" width="{bar.width:.1f}" height="{bar.height:.1f}" '
                         f'fill="{CURRENT if bar.current else BAR}"/>')
        parts.append(f'<text class="chart__label" x="{middle:.1f}" y="{bar.y - 6:.1f}" font-size="12" '
                     f'text-anchor="middle" fill="{TEXT if bar.height else MUTED}">{escape(bar.value)}</text>')
        parts.append(f'<text class="chart__label" x="{middle:.1f}" y="{box.baseline + 18:.1f}" font-size="12" '
                     f'text-anchor="middle" fill="{MUTED}">{escape(bar.label)}</text>')
    parts.append(f'<line x1="{SIDE}" y1="{box.baseline}" x2="{WIDTH - SIDE}" y2="{box.baseline}" stroke="{MUTED}"/>')
    if box.target_y is not None:
        parts.append(f'<line x1="{SIDE}" y1="{box.target_y:.1f}" x2="{WIDTH - SIDE}" y2="{box.target_y:.1f}" '
                     f'stroke="{TARGET}" stroke-dasharray="6 4"/>')
        parts.append(f'<text class="chart__target" x="{WIDTH - SIDE}" y="{box.target_y - 5:.1f}" font-size="11" '
                     f'text-anchor="end" fill="{TARGET}">{escape(box.target_label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def chart_png(chart: Chart, scale: int = 2) -> bytes:
    """The same chart as a PNG (twice the size, for a sharp print)."""
    from PIL import Image, ImageDraw, ImageFont

    box = layout(chart)
    image = Image.new("RGB", (WIDTH * scale, HEIGHT * scale), "white")
    draw = ImageDraw.Draw(image)

    def font(size: int, bold: bool = False):
        path = FONT.with_name("DejaVuSans-Bold.ttf") if bold else FONT
        return ImageFont.truetype(str(path), size * scale) if path.exists() else ImageFont.load_default()

    def at(x: float, y: float) -> tuple[float, float]:
        return x * scale, y * scale

    for i, line in enumerate(box.title):
        draw.text(at(SIDE, 18 + 17 * i), line, fill=TEXT, font=font(14, bold=True), anchor="ls")
    for bar in box.bars:
        middle = bar.x + bar.width / 2
        if bar.height:
            draw.rectangle([at(bar.x, bar.y), at(bar.x + bar.width, box.baseline)], fill=CURRENT if bar.current else BAR)
        draw.text(at(middle, bar.y - 6), bar.value, fill=TEXT if bar.height else MUTED, font=font(12), anchor="ms")
        draw.text(at(middle, box.baseline + 18), bar.label, fill=MUTED, font=font(12), anchor="ms")
    draw.line([at(SIDE, box.baseline), at(WIDTH - SIDE, box.baseline)], fill=MUTED, width=scale)
    if box.target_y is not None:
        x = SIDE
        while x < WIDTH - SIDE:  # dashed, as in the SVG
            draw.line([at(x, box.target_y), at(min(x + 6, WIDTH - SIDE), box.target_y)], fill=TARGET, width=scale)
            x += 10
        draw.text(at(WIDTH - SIDE, box.target_y - 5), box.target_label, fill=TARGET, font=font(11), anchor="rs")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
