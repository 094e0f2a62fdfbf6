"""The page filters of indicator values: the figure and its unit on one line, the change by the one rule."""

from fractions import Fraction
from types import SimpleNamespace

from vsoko.decisions.effect import Effect
from vsoko.decisions.enums import Verdict
from vsoko.indicators.dashboard import Line
from vsoko.indicators.evaluate import Value
from vsoko.indicators.templatetags.indicator_format import indicator_value, line_change


def line(unit: str, before: Fraction | None, now: Fraction | None) -> Line:
    change = None if before is None or now is None else now - before
    return Line(SimpleNamespace(unit=unit), [(2023, Value(before)), (2024, Value(now))], change, None, [], None)


def test_a_figure_and_its_unit_are_one_unbreakable_piece_of_the_line():
    """An ordinary space stays between «95,0» and «%» (a copied page, the tests' page text); the span keeps them on
    one line (vsoko.css: .nowrap)."""
    assert str(indicator_value(Fraction(95), "percent")) == '<span class="nowrap">95,0 %</span>'
    assert str(indicator_value(Value(Fraction(7, 2)), "mark")) == '<span class="nowrap">3,50</span>'
    assert str(line_change(line("percent", Fraction(50), Fraction(95, 2)))) == '<span class="nowrap">−2,5 п. п.</span>'


def test_a_lines_change_says_a_flipped_yes_no_in_words_and_a_share_in_points():
    assert str(line_change(line("bool", Fraction(0), Fraction(1)))) == '<span class="nowrap">было «нет»</span>'
    assert str(line_change(line("bool", Fraction(1), Fraction(0)))) == '<span class="nowrap">было «да»</span>'
    assert str(line_change(line("bool", Fraction(2), Fraction(3)))) == '<span class="nowrap">+1</span>'  # schools
    assert str(line_change(line("percent", Fraction(50), Fraction(500, 7)))) == (
        '<span class="nowrap">+21,4 п. п.</span>')  # 71,43 − 50
    assert str(line_change(line("percent", None, Fraction(50)))) == '<span class="nowrap">—</span>'


def test_a_decisions_effect_says_its_change_by_the_same_rule():
    """The decision page's «Изменение» column: the effect's `before` is a Value of the decision's year."""
    flipped = Effect("order1324.canteen", SimpleNamespace(unit="bool"), Value(Fraction(0)), Value(Fraction(1)),
                     Verdict.IMPROVED)
    assert str(line_change(flipped)) == '<span class="nowrap">было «нет»</span>'
