"""Three-year dynamics of a procedure's key figures, drawn with the indicators' chart (trend_svg)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from django.utils.safestring import SafeString

from vsoko.analysis.access import QUALITY, TWOS
from vsoko.analysis.procedure import YearRow
from vsoko.indicators.chart import trend_svg
from vsoko.indicators.enums import Unit
from vsoko.indicators.evaluate import Value


@dataclass(frozen=True)
class TrendChart:
    title: str
    svg: SafeString


def _series(rows: list[YearRow], figure, hidden) -> list[tuple[int, Value]]:
    return [(r.year, Value(None if hidden(r) else figure(r))) for r in rows]


def trend_charts(rows: list[YearRow], is_ege: bool, label: str, privacy=None) -> list[TrendChart]:
    """ЕГЭ: mean test score and the share at or above the minimum; otherwise «4»+«5» and «2»."""
    def hidden(r: YearRow) -> bool:
        return privacy is not None and privacy.too_small(r.figures.results)

    if is_ege:
        specs = [("Средний тестовый балл", Unit.SCORE, lambda r: r.figures.mean_test_score),
                 ("Преодолели минимальный порог, %", Unit.PERCENT, lambda r: r.figures.passed_share)]
    else:
        # As the table under them: a share that, with the count and the other, tells of a small group is left out.
        def share(group: str, value):
            # A year's own privacy holds what that year's table of classes hides (`YearRow.privacy`).
            return lambda r: None if privacy is not None and group in (r.privacy or privacy).hidden_shares(
                r.figures.marks) else value(r)

        specs = [("Качество («4» и «5»), %", Unit.PERCENT, share(QUALITY, lambda r: r.figures.quality)),
                 ("Доля «2», %", Unit.PERCENT, share(TWOS, lambda r: r.figures.twos))]
    charts = []
    for title, unit, figure in specs:
        values = _series(rows, lambda r, f=figure: _fraction(f(r)), hidden)
        if any(v.value is not None for _, v in values):
            charts.append(TrendChart(title, trend_svg(values, unit, title=f"{label}: {title.lower()}")))
    return charts


def _fraction(value) -> Fraction | None:
    return None if value is None else Fraction(value)
