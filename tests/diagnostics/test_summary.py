"""The distribution of a group over a procedure's levels (vsoko.diagnostics.summary.Distribution) as the observer and
the published self-examination get it: small groups hidden, and nothing shown that gives them back."""

from decimal import Decimal

from vsoko.diagnostics.procedures import procedures
from vsoko.diagnostics.summary import Distribution, withheld_in_table
from vsoko.publication.suppression import TOTAL


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


def test_a_class_hidden_alone_in_a_levels_column_is_not_given_back_by_the_total(settings):
    """5А: высокий 10, средний 8, низкий 2; 5Б: 9, 7, 6; 5В: 12, 9, 0; всего 31, 24, 8. 5А's 2 are hidden, and its 8
    (its row adds up to 20). Alone, 5Б would show its 6 and 7, and «всего» 8 − 6 − 0 would give 5А's 2 back (24 − 7 − 9
    its 8): 5Б's «низкий» and «средний» are hidden too; «всего» and 5В keep every figure."""
    settings.VSOKO_MIN_GROUP_SIZE = 5
    spec = procedures()["adaptation_5"]
    per_class = {"5А": {"high": 10, "medium": 8, "low": 2}, "5Б": {"high": 9, "medium": 7, "low": 6},
                 "5В": {"high": 12, "medium": 9, "low": 0}}

    withheld = withheld_in_table(per_class)
    b = Distribution(spec, per_class["5Б"], suppress=True, withheld=withheld["5Б"])

    assert withheld == {"5А": {"medium", "low"}, "5Б": {"medium", "low"}, "5В": set(), TOTAL: set()}
    assert [c.n for c in b.cells] == [9, None, None] and b.total == 22 and b.favourable is None


def test_a_small_class_is_not_given_back_by_the_assessed_total_minus_the_other_class(settings):
    """5А: 3 assessed (1, 1, 1), hidden whole; 5Б: 22 (10, 8, 4); всего 25. The observer's page showed 5Б's
    «Оценено» 22 beside «всего» 25, and 25 − 22 gave 5А's 3 back: 5Б's «Оценено» is hidden as 5А's partner in
    that column, and with it the whole row (its percentages and a shown level would give the 22 back)."""
    settings.VSOKO_MIN_GROUP_SIZE = 5
    spec = procedures()["adaptation_5"]
    per_class = {"5А": {"high": 1, "medium": 1, "low": 1}, "5Б": {"high": 10, "medium": 8, "low": 4}}

    withheld = withheld_in_table(per_class)
    a = Distribution(spec, per_class["5А"], suppress=True, withheld=withheld["5А"])
    b = Distribution(spec, per_class["5Б"], suppress=True, withheld=withheld["5Б"])
    total = Distribution(spec, {"high": 11, "medium": 9, "low": 5}, suppress=True, withheld=withheld[TOTAL])

    assert a.total is None and b.total is None
    assert [c.n for c in b.cells] == [None, None, None] and [c.percent for c in b.cells] == [None, None, None]
    assert b.favourable is None
    assert total.total == 25 and [c.n for c in total.cells] == [11, 9, 5]
