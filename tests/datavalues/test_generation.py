"""The data generation of a school (vsoko.datavalues.generation): a new token with every rewrite of its values,
and what is kept under it."""

import pytest
from django.db import transaction

from tests.datavalues.records import Records, make_school
from vsoko.datavalues import generation
from vsoko.datavalues.compute import recompute, recompute_all, refresh_manual_values
from vsoko.records.models import ManualValue

pytestmark = pytest.mark.django_db


def token(school):
    return generation.tokens([school.pk]).get(school.pk)


def test_a_school_without_values_has_no_token(school):
    assert generation.tokens([school.pk]) == {}


def test_every_recomputation_gives_a_new_token_even_when_no_value_changes(school):
    Records(school).student("s1", "5А")
    recompute(school, [2024])
    first = token(school)
    recompute(school, [2024])  # nothing changed in the values: the records behind them may have
    second = token(school)

    assert first and second and first != second


def test_recompute_all_and_manual_values_advance_only_their_schools(school):
    other = make_school("other")
    Records(school).student("s1", "5А")
    recompute_all([2024])
    before = generation.tokens([school.pk, other.pk])
    assert set(before) == {school.pk, other.pk}

    ManualValue.objects.create(school=school, year_id=2024, indicator="reg000.1.1", value=3)
    refresh_manual_values(school, [2024])
    after = generation.tokens([school.pk, other.pk])

    assert after[school.pk] != before[school.pk]
    assert after[other.pk] == before[other.pk]


def test_a_rolled_back_rewrite_leaves_the_old_token(school):
    Records(school).student("s1", "5А")
    recompute(school, [2024])
    before = token(school)

    with pytest.raises(RuntimeError), transaction.atomic():
        recompute(school, [2024])
        raise RuntimeError

    assert token(school) == before


def test_cached_computes_once_per_token_and_again_after_a_rewrite(school):
    other = make_school("other")  # no values: no token, never kept
    Records(school).student("s1", "5А")
    recompute(school, [2024])
    asked = []

    def compute(ids):
        asked.append(list(ids))
        return {pk: f"value of {pk} #{len(asked)}" for pk in ids}

    first = generation.cached("test", [school.pk, other.pk], compute, 2024)
    again = generation.cached("test", [school.pk, other.pk], compute, 2024)
    other_params = generation.cached("test", [school.pk], compute, 2025)
    recompute(school, [2024])
    after = generation.cached("test", [school.pk], compute, 2024)

    assert first == {school.pk: f"value of {school.pk} #1", other.pk: f"value of {other.pk} #1"}
    assert again == {school.pk: f"value of {school.pk} #1", other.pk: f"value of {other.pk} #2"}
    assert other_params == {school.pk: f"value of {school.pk} #3"}
    assert after == {school.pk: f"value of {school.pk} #4"}
    assert asked == [[school.pk, other.pk], [other.pk], [school.pk], [school.pk]]


def test_cached_together_is_kept_until_any_one_school_is_rewritten_even_one_without_values_before(school):
    other = make_school("other")  # no values yet: no token
    Records(school).student("s1", "5А")
    recompute(school, [2024])
    calls = []

    def together() -> int:
        calls.append(1)
        return len(calls)

    first = generation.cached_together("sum", [school.pk, other.pk], together, 2024)
    again = generation.cached_together("sum", [other.pk, school.pk], together, 2024)
    Records(other).student("o1", "5А")
    recompute(other, [2024])  # the school without values gets its first ones
    after_other = generation.cached_together("sum", [school.pk, other.pk], together, 2024)
    recompute(school, [2024])
    after_school = generation.cached_together("sum", [school.pk, other.pk], together, 2024)
    other_year = generation.cached_together("sum", [school.pk, other.pk], together, 2023)

    assert (first, again, after_other, after_school, other_year) == (1, 1, 2, 3, 4)
