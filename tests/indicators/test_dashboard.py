from fractions import Fraction

import pytest

from vsoko.indicators.chart import trend_svg
from vsoko.indicators.dashboard import compare, target_for
from vsoko.indicators.enums import Status
from vsoko.indicators.evaluate import Value
from vsoko.indicators.models import Indicator


@pytest.mark.parametrize(("value", "reference", "direction", "target", "status"), [
    (80, 75, "up", True, Status.MET),
    (75, 75, "up", True, Status.MET),
    (70, 75, "up", True, Status.NOT_MET),
    (5, 10, "down", True, Status.MET),
    (80, 75, "up", False, Status.BETTER),
    (80, 75, "down", False, Status.WORSE),
    (75, 75, "down", False, Status.EQUAL),
    (80, 75, "none", False, Status.NOT_JUDGED),
    (None, 75, "up", False, Status.UNKNOWN),
])
def test_value_against_target_and_benchmark(value, reference, direction, target, status):
    value = None if value is None else Fraction(value)

    assert compare(value, Fraction(reference), direction, target=target) == status


def test_school_target_overrides_the_catalog_target():
    indicator = Indicator(pk=7, targets={"2024": 60, "default": 55})

    assert target_for(indicator, 2024, {}) == 60
    assert target_for(indicator, 2025, {}) == 55
    assert target_for(indicator, 2024, {(7, 2024): 70}) == 70


def test_chart_is_inline_svg_with_words_for_every_year():
    svg = trend_svg([(2022, Value(None)), (2023, Value(Fraction(40))), (2024, Value(Fraction(50)))], "percent",
                    title="Качество <знаний>", target=Fraction(60))

    assert svg.startswith('<svg class="chart"')
    assert 'aria-label="Качество &lt;знаний&gt;: 2022/2023: нет данных; 2023/2024: 40 %; 2024/2025: 50 %"' in svg
    assert svg.count("<rect") == 2
    assert "цель 60 %" in svg
    assert "<script" not in svg


def test_breakdowns_hide_small_groups_and_their_complement_per_year():
    from vsoko.indicators.dashboard import Hidden, suppress_breakdowns

    def v(n, d):
        return Value(Fraction(n, d), Fraction(n), Fraction(d))

    rows = {(("grade", "5"),): [v(1, 7), v(5, 7)], (("grade", "9"),): [v(1, 8), v(6, 8)],
            (("grade", "10"),): [v(1, 8), v(2, 3)]}
    totals = [v(3, 23), v(13, 18)]

    hidden = suppress_breakdowns(rows, totals, "percent", minimum=5)

    assert hidden == 2  # 2025: grade 10 (3 pupils) and the smallest other, grade 5 (7)
    assert isinstance(rows[(("grade", "10"),)][1], Hidden) and isinstance(rows[(("grade", "5"),)][1], Hidden)
    assert not any(isinstance(x, Hidden) for x in rows[(("grade", "9"),)])
    assert rows[(("grade", "10"),)][0] == v(1, 8)  # the other year stays


def test_people_outside_every_row_count_as_a_row_of_their_own():
    from vsoko.indicators.dashboard import suppress_breakdowns

    rows = {(("grade", "5"),): [Value(Fraction(1, 2), Fraction(10), Fraction(20))]}
    totals = [Value(Fraction(1, 2), Fraction(11), Fraction(22))]

    suppress_breakdowns(rows, totals, "percent", minimum=5)

    # 2 pupils outside grade 5 are a small group; grade 5 would give them away as total − grade 5.
    assert rows == {}
