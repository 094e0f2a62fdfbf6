from fractions import Fraction

import pytest

from tests.decisions.conftest import decision
from vsoko.decisions.effect import effects_of, summary, verdict
from vsoko.decisions.enums import Verdict
from vsoko.indicators.enums import Direction, Unit

pytestmark = pytest.mark.django_db

F = Fraction


@pytest.mark.parametrize(("before", "after", "unit", "direction", "expected"), [
    # A percentage: at least 1 percentage point, whatever the value.
    (F(50), F(51), Unit.PERCENT, Direction.UP, Verdict.IMPROVED),
    (F(50), F(509, 10), Unit.PERCENT, Direction.UP, Verdict.UNCHANGED),
    (F(50), F(49), Unit.PERCENT, Direction.UP, Verdict.WORSENED),
    (F(10), F(8), Unit.PERCENT, Direction.DOWN, Verdict.IMPROVED),  # fewer repeaters
    (F(10), F(12), Unit.PERCENT, Direction.DOWN, Verdict.WORSENED),
    # Another unit: at least 1 % of the decision year's value (4,00 → threshold 0,04), as shown — a mark with two
    # places, a score with one.
    (F(4), F(403, 100), Unit.MARK, Direction.UP, Verdict.UNCHANGED),
    (F(4), F(404, 100), Unit.MARK, Direction.UP, Verdict.IMPROVED),
    (F(4), F(395, 100), Unit.MARK, Direction.UP, Verdict.WORSENED),
    (F(60), F(606, 10), Unit.SCORE, Direction.UP, Verdict.IMPROVED),  # 60,0 → 60,6: 0,6 ≥ 0,6
    (F(60), F(605, 10), Unit.SCORE, Direction.UP, Verdict.UNCHANGED),
    # The figures as shown: 3,98 → 4,04 moved by 1,5 %, but a score reads 4,0 → 4,0; 49,96 % → 50,94 % moved by
    # 0,98 п. п., but reads 50,0 → 50,9.
    (F(398, 100), F(404, 100), Unit.SCORE, Direction.UP, Verdict.UNCHANGED),
    (F(4996, 100), F(5094, 100), Unit.PERCENT, Direction.UP, Verdict.UNCHANGED),
    (F(4994, 100), F(5085, 100), Unit.PERCENT, Direction.UP, Verdict.IMPROVED),  # 0,91 exact, reads 49,9 → 50,9
    (F(0), F(0), Unit.COUNT, Direction.UP, Verdict.UNCHANGED),
    (F(0), F(1), Unit.COUNT, Direction.UP, Verdict.IMPROVED),  # from zero any change counts
    # Moved, but the catalog says nothing of which way is better.
    (F(575), F(600), Unit.COUNT, Direction.NONE, Verdict.NOT_JUDGED),
    (F(575), F(577), Unit.COUNT, Direction.NONE, Verdict.UNCHANGED),
    (F(50), None, Unit.PERCENT, Direction.UP, Verdict.NO_DATA),
    (None, F(50), Unit.PERCENT, Direction.UP, Verdict.NO_DATA),
])
def test_the_verdict_by_the_threshold_and_the_direction(before, after, unit, direction, expected):
    assert verdict(before, after, unit, direction) == expected


def test_effects_are_the_indicator_values_of_the_decision_year_and_the_next(known_school):
    improved = decision(known_school, 2023, ["core.quality", "core.success"])
    flat = decision(known_school, 2022, ["core.quality"])
    latest = decision(known_school, 2024, ["core.quality"])

    effects = effects_of([improved, flat, latest])

    quality, success = effects[improved.pk]
    assert (quality.before.value, quality.after.value) == (50, F(500, 7))  # 4 of 8 → 5 of 7
    assert quality.change == F(214, 10)  # 50,0 % → 71,4 % as shown: +21,4 п. п. (exactly 21,43)
    assert quality.verdict == Verdict.IMPROVED
    assert (success.before.value, success.after.value, success.verdict) == (100, 100, Verdict.UNCHANGED)
    assert effects[flat.pk][0].verdict == Verdict.UNCHANGED  # 50 % → 50 %
    assert effects[latest.pk][0].after.value is None  # 2025/2026 has no data yet
    assert effects[latest.pk][0].verdict == Verdict.NO_DATA
    assert summary(effects[improved.pk]) == "улучшение: 1, без изменений: 1"


def test_an_unknown_code_has_no_data_and_no_indicator(known_school):
    stale = decision(known_school, 2023, ["core.retired_long_ago"])

    (effect,) = effects_of([stale])[stale.pk]

    assert (effect.indicator, effect.verdict, effect.change) == (None, Verdict.NO_DATA, None)


def test_the_number_of_queries_does_not_grow_with_the_decisions(known_school, django_assert_max_num_queries):
    one = [decision(known_school, 2023, ["core.quality"])]
    with django_assert_max_num_queries(20) as counted:
        effects_of(one)
    queries_for_one = len(counted.captured_queries)
    many = one + [decision(known_school, 2023, ["core.quality", "core.success"]) for _ in range(5)]

    with django_assert_max_num_queries(queries_for_one):
        effects_of(many)
