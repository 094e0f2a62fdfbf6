"""The primary-score histogram as inline SVG, drawn on the server (no JavaScript, strict CSP).

Bars are the share of participants with each primary score (ФИС ОКО «Распределение
первичных баллов»); dashed lines mark the lowest score of each mark, so a peak right at
a boundary — a possible sign of «дотягивание» — is seen at once. Three-year dynamics use
the indicators' chart (vsoko.indicators.chart.trend_svg).
"""

from __future__ import annotations

import math
from collections import Counter
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from vsoko.indicators.formatting import number

WIDTH, HEIGHT = 640, 220
TOP, BOTTOM, LEFT, RIGHT = 28, 34, 50, 8  # room left of the plot for «30 %» at a phone's 16 units


def histogram_svg(scores: Counter, *, max_score: int | None, boundaries: list[tuple[int, Decimal]],
                  spikes: set[Decimal] = frozenset(), title: str) -> SafeString:
    """% of participants per primary score 0…max, boundary lines with the mark they open."""
    n = sum(scores.values())
    bins: Counter = Counter()
    for score, count in scores.items():
        bins[int(math.floor(score))] += count
    top_score = max([max_score or 0, *bins]) if bins else (max_score or 0)
    shares = {s: bins[s] * 100 / n for s in bins} if n else {}
    ceiling = max([*shares.values(), 10])
    ceiling = math.ceil(ceiling / 5) * 5
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / (top_score + 1)
    bar = max(slot * 0.8, 1)

    def x_of(score: float) -> float:
        return LEFT + slot * score

    def y_of(share: float) -> float:
        return TOP + plot_h - share / ceiling * plot_h

    parts = []
    for tick in range(0, int(ceiling) + 1, 5 if ceiling <= 30 else 10):
        y = round(y_of(tick), 1)
        parts.append(format_html(
            '<line class="chart__grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
            '<text class="chart__label" x="{}" y="{}" text-anchor="end">{}</text>',
            LEFT, WIDTH - RIGHT, y, y, LEFT - 4, y + 4, f"{tick} %"))
    spike_bins = {int(math.floor(s)) for s in spikes}
    for score in range(top_score + 1):
        share = shares.get(score, 0)
        x = round(x_of(score) + (slot - bar) / 2, 1)
        if share:
            y = round(y_of(share), 1)
            cls = "chart__bar chart__bar--spike" if score in spike_bins else "chart__bar"
            parts.append(format_html(
                '<rect class="{}" x="{}" y="{}" width="{}" height="{}"><title>{} б.: {} ({})</title></rect>',
                cls, x, y, round(bar, 1), round(TOP + plot_h - y, 1), score, bins[score],
                f"{number(share, 1)} %"))
        if top_score <= 40 or score % 5 == 0:
            # a phone's larger labels need 24 units a label: there only every fifth score is written
            minor = " chart__label--minor" if slot < 24 and score % 5 else ""
            parts.append(format_html('<text class="chart__label{}" x="{}" y="{}" text-anchor="middle">{}</text>',
                                     minor, round(x_of(score) + slot / 2, 1), HEIGHT - BOTTOM + 14, score))
    for mark, low in boundaries:
        x = round(x_of(float(low)), 1)
        parts.append(format_html(
            '<line class="chart__boundary" x1="{}" x2="{}" y1="{}" y2="{}"/>'
            '<text class="chart__boundary-label" x="{}" y="{}" text-anchor="start">«{}»</text>',
            x, x, TOP - 6, TOP + plot_h, x + 2, TOP - 10, mark))
    described = ", ".join(f"{s} б. — {bins[s]}" for s in sorted(bins)) or "нет результатов"
    marks = "; ".join(f"«{m}» с {number(low, 1)} б." for m, low in boundaries)
    label = f"{title}: {described}." + (f" Границы отметок: {marks}" if marks else "")  # «б.» ends the sentence
    return format_html(
        '<svg class="chart chart--wide" viewBox="0 0 {} {}" role="img" aria-label="{}"><title>{}</title>'
        '<line class="chart__axis" x1="{}" x2="{}" y1="{}" y2="{}"/>{}'
        '<text class="chart__label" x="{}" y="{}" text-anchor="end">первичный балл</text></svg>',
        WIDTH, HEIGHT, label, label, LEFT, WIDTH - RIGHT, TOP + plot_h, TOP + plot_h,
        format_html_join("", "{}", ((p,) for p in parts)), WIDTH - RIGHT, HEIGHT - 4,
    )
