"""The distribution of a group over a procedure's levels (vsoko.diagnostics.summary.Distribution) as the observer and
the published self-examination get it: small groups hidden, and nothing shown that gives them back."""

from decimal import Decimal

from vsoko.diagnostics.procedures import procedures
from vsoko.diagnostics.summary import Distribution


def test_the_favourable_share_is_withheld_when_it_would_give_a_hidden_level_back(settings):
    """5А of the demo: высокий 7, средний 10, низкий 2 of 19. The 2 are hidden, and 7 with them (the row adds up to
    19); «Благоприятный уровень» 17 из 19 = 89,5 % would give both back (19 − 17 = 2, 17 − 10 = 7): withheld too."""
    settings.VSOKO_MIN_GROUP_SIZE = 5
    spec = procedures()["adaptation_5"]
    counts = {"high": 7, "medium": 10, "low": 2}

    hidden = Distribution(spec, counts, suppress=True)
    shown = Distribution(spec, counts, suppress=False)

    assert [c.n for c in hidden.cells] == [None, 10, None] and hidden.total == 19
    assert hidden.favourable is None
    assert shown.favourable == Decimal("89.5")


def test_the_favourable_share_stays_when_nothing_is_hidden(settings):
    settings.VSOKO_MIN_GROUP_SIZE = 5
    spec = procedures()["adaptation_5"]

    assert Distribution(spec, {"high": 12, "medium": 9, "low": 0}, suppress=True).favourable == Decimal("100.0")
