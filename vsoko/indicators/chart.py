"""A three-year chart as inline SVG, drawn on the server: no JavaScript, no external files."""

from __future__ import annotations

from fractions import Fraction

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from vsoko.indicators.enums import Unit
from vsoko.indicators.evaluate import Value
from vsoko.indicators.formatting import format_value

WIDTH, HEIGHT = 360, 190
TOP, BOTTOM, LEFT = 24, 30, 8


def trend_svg(values: list[tuple[int, Value]], unit: str, *, title: str, target: Fraction | None = None) -> SafeString:
    """Bars for each year (the last one emphasised), a dashed target line, values written above the bars."""
    numbers = [v.value for _, v in values if v.value is not None]
    top = max([*numbers, target or 0, Fraction(100) if unit == Unit.PERCENT and numbers else 0, Fraction(1)])
    plot = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT * 2) / max(len(values), 1)
    bar = slot * 0.55

    def y_of(v: Fraction) -> float:
        return TOP + plot - float(v / top) * plot

    parts = []
    for i, (year, value) in enumerate(values):
        x = LEFT + slot * i + (slot - bar) / 2
        cls = "chart__bar chart__bar--current" if i == len(values) - 1 else "chart__bar"
        label = f"{year}/{year + 1}"
        # «2021/2022» is «2021/22» where five years' labels would not fit a phone's width (.chart__century)
        drawn = format_html('{}/<tspan class="chart__century">{}</tspan>{}', year, str(year + 1)[:2],
                            str(year + 1)[2:])
        if value.value is None:
            middle = round(x + bar / 2, 1)
            words = _empty(value).split()
            if len(values) > 3 and len(words) == 2:  # «нет данных» on two lines: five of them were on each other
                words = [format_html('<tspan x="{}" dy="{}">{}</tspan>', middle, dy, word)
                         for dy, word in zip(("-1.1em", "1.1em"), words, strict=True)]
            parts.append(format_html(
                '<text class="chart__empty" x="{}" y="{}" text-anchor="middle">{}</text>',
                middle, TOP + plot - 4, format_html_join(" ", "{}", ((w,) for w in words))))
        else:
            y = y_of(value.value)
            parts.append(format_html(
                '<rect class="{}" x="{}" y="{}" width="{}" height="{}"><title>{}: {}</title></rect>'
                '<text class="chart__value" x="{}" y="{}" text-anchor="middle">{}</text>',
                cls, round(x, 1), round(y, 1), round(bar, 1), round(TOP + plot - y, 1), label,
                format_value(value.value, unit), round(x + bar / 2, 1), round(y - 6, 1),
                format_value(value.value, unit)))
        parts.append(format_html('<text class="chart__label" x="{}" y="{}" text-anchor="middle">{}</text>',
                                 round(x + bar / 2, 1), HEIGHT - 10, drawn))
    if target is not None:
        y = round(y_of(target), 1)
        parts.append(format_html(
            '<line class="chart__target" x1="{}" x2="{}" y1="{}" y2="{}"/>'
            '<text class="chart__target-label" x="{}" y="{}" text-anchor="end">цель {}</text>',
            LEFT, WIDTH - LEFT, y, y, WIDTH - LEFT, round(y - 4, 1), format_value(target, unit)))
    description = "; ".join(f"{y}/{y + 1}: {_empty(v) if v.value is None else format_value(v.value, unit)}"
                            for y, v in values)
    return format_html(
        '<svg class="{}" viewBox="0 0 {} {}" role="img" aria-label="{}"><title>{}</title>'
        '<line class="chart__axis" x1="{}" x2="{}" y1="{}" y2="{}"/>{}</svg>',
        "chart chart--many" if len(values) > 3 else "chart", WIDTH, HEIGHT, f"{title}: {description}", f"{title}: {description}",
        LEFT, WIDTH - LEFT, TOP + plot, TOP + plot, format_html_join("", "{}", ((p,) for p in parts)),
    )


def _empty(value: Value) -> str:
    """A bar without a value: withheld from a reader outside the school's staff (dashboard.Hidden), or none."""
    return "скрыто" if getattr(value, "suppressed", False) else "нет данных"
