"""Writing the monitoring (vsoko.preschool.entry) on the world of tests/preschool/conftest.py."""

import pytest

from tests.preschool.conftest import DAY
from vsoko.preschool.areas import indicators
from vsoko.preschool.entry import copy_groups, save_levels
from vsoko.preschool.models import Evaluation, PreschoolGroup

pytestmark = pytest.mark.django_db


def test_a_groups_levels_are_written_in_a_fixed_number_of_queries(monitoring, django_assert_max_num_queries):
    """Thirty-odd indicators: one INSERT for the new levels and one UPDATE for the changed ones, not one each."""
    group, user = monitoring.young, monitoring.world.users["deputy"]
    levels = {ind.key: (3, "") for ind in indicators()}
    levels["family_information"] = (1, "нет стенда для родителей")

    with django_assert_max_num_queries(10):
        saved = save_levels(group, levels, evaluator="Петрова Н. Н.", evaluated_on=DAY, user=user)

    # The fixture rated five of them, each with another level now (information 3 → 1, participation 2 → 3, …).
    assert (saved.created, saved.changed) == (len(levels) - 5, 5)
    stored = {e.indicator: (e.level, e.comment, e.evaluator) for e in Evaluation.objects.filter(group=group)}
    assert stored["family_information"] == (1, "нет стенда для родителей", "Петрова Н. Н.")
    assert len(stored) == len(levels)


def test_levels_unchanged_are_not_counted_as_changed(monitoring):
    group, user = monitoring.new, monitoring.world.users["deputy"]
    levels = {ind.key: (2, "") for ind in indicators()}
    save_levels(group, levels, evaluator="Петрова Н. Н.", evaluated_on=DAY, user=user)

    again = save_levels(group, levels, evaluator="Петрова Н. Н.", evaluated_on=DAY, user=user)

    assert (again.created, again.changed) == (0, 0)


def test_last_years_groups_are_copied_in_one_go(monitoring, django_assert_max_num_queries):
    school, user = monitoring.world.school, monitoring.world.users["deputy"]

    with django_assert_max_num_queries(8):
        made = copy_groups(school, monitoring.young.year_id, user=user)

    assert [(g.name, g.children, g.pk is not None) for g in made] == [("Прошлогодняя", 20, True)]
    assert not Evaluation.objects.filter(group__in=made).exists()
    assert PreschoolGroup.objects.filter(school=school, year_id=monitoring.young.year_id).count() == 4
