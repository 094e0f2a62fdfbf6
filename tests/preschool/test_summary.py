"""The year's figures against the hand-computed values of the fixture (tests/preschool/conftest.py)."""

from fractions import Fraction

import pytest

from tests.preschool.conftest import YEAR, rate
from vsoko.preschool.areas import indicators
from vsoko.preschool.summary import Change, overview

pytestmark = pytest.mark.django_db


def area(page, key):
    return next(row for row in page.areas if row.area.key == key)


def test_area_means_and_shares_leave_out_not_rated_and_missing_levels(monitoring):
    page = overview(monitoring.world.school, YEAR)

    family, conditions = area(page, "family").current, area(page, "conditions").current
    assert (family.rated, family.total, family.mean, family.share_at_base) == (6, 15, Fraction(5, 2), Fraction(250, 3))
    assert (conditions.mean, conditions.share_at_base) == (3, 100)
    # A mean level keeps two places and a share one, as on the indicator pages: 15/6 = «2,50», 5 of 6 = «83,3 %»;
    # the conditions, every rating 3: «3,00» and «100,0 %», not «3» and «100 %» beside them.
    assert (family.mean_text, family.share_text) == ("2,50", "83,3 %")
    assert (conditions.mean_text, conditions.share_text) == ("3,00", "100,0 %")
    assert area(page, "care").current.mean is None and area(page, "care").current.share_text == "—"
    assert (page.whole.mean, page.whole.share_at_base) == (Fraction(21, 8), Fraction(175, 2))


def test_groups_count_their_ratings_and_a_group_without_levels_has_no_mean(monitoring):
    page = overview(monitoring.world.school, YEAR)

    rows = {row.group.name: row for row in page.groups}
    assert list(rows) == ["Младшая", "Новая", "Старшая"]
    assert (rows["Младшая"].rated, rows["Младшая"].not_rated, rows["Младшая"].mean) == (4, 1, Fraction(11, 4))
    assert (rows["Старшая"].rated, rows["Старшая"].mean_text) == (4, "2,50")
    assert (rows["Новая"].rated, rows["Новая"].mean, rows["Новая"].mean_text) == (0, None, "—")
    assert rows["Новая"].unrecorded == len(indicators()) == 29
    assert (page.children, page.children_ovz) == (37, 3)


def test_dynamics_compare_each_area_with_the_year_before(monitoring):
    page = overview(monitoring.world.school, YEAR)

    assert page.years == [2022, 2023, 2024]
    assert area(page, "family").means_shown == ["—", "2,00", "2,50"]
    assert area(page, "family").change.text == "▲ выше на 0,50"
    assert area(page, "conditions").change.text == "▼ ниже на 1,00"
    assert area(page, "care").change.text == "нет данных для сравнения"
    assert Change(Fraction(0)).text == "= без изменений"
    assert Change(Fraction(1, 300)).text == "= без изменений"  # 0,0033 shows as 0: no «▲ выше на 0»
    assert Change(Fraction(-1, 8)).text == "▼ ниже на 0,13"  # a half away from zero, as Excel and the means


def test_growth_zones_are_the_indicators_below_base_with_their_groups(monitoring):
    page = overview(monitoring.world.school, YEAR)

    assert [(z.indicator.key, z.mean, z.reason) for z in page.growth] == [
        ("family_information", 2, "ниже базового уровня в группах: Старшая")]


def test_without_levels_below_base_the_growth_zones_are_the_lowest_means(world):
    from vsoko.preschool.models import PreschoolGroup

    group = PreschoolGroup.objects.create(school=world.school, year_id=YEAR, name="Единственная", age_band="3–7 лет",
                                          children=8)
    rate(group, programs_oop=2, care_food=2, care_safety=4, content_speech=3)

    growth = overview(world.school, YEAR).growth

    assert [(z.indicator.key, z.reason) for z in growth] == [
        ("programs_oop", "самый низкий средний уровень по группам (2,00)"),
        ("care_food", "самый низкий средний уровень по группам (2,00)")]


def test_all_excellent_or_nothing_rated_leaves_no_growth_zone(world):
    from vsoko.preschool.models import PreschoolGroup

    group = PreschoolGroup.objects.create(school=world.school, year_id=YEAR, name="Лучшая", age_band="3–7 лет",
                                          children=8)
    assert overview(world.school, YEAR).growth == []
    rate(group, programs_oop=4, care_food=4, family_support=0)

    page = overview(world.school, YEAR)
    assert page.growth == []
    assert page.whole.rated == 2


def test_a_level_of_an_indicator_taken_out_of_areas_yaml_counts_nowhere(monitoring):
    """A school may drop an indicator from the file; its stored levels stay in the database but leave the group's
    counts and mean as they leave the areas' means (docs/preschool.md: the keys are the file's)."""
    rate(monitoring.new, dropped_indicator=1)

    page = overview(monitoring.world.school, YEAR)

    row = {row.group.name: row for row in page.groups}["Новая"]
    assert (row.rated, row.mean, row.unrecorded) == (0, None, 29)
    assert page.whole.rated == 8
    assert [zone.indicator.key for zone in page.growth] == ["family_information"]


def test_a_dropped_indicator_below_base_does_not_hide_the_lowest_means(world):
    from vsoko.preschool.models import PreschoolGroup

    group = PreschoolGroup.objects.create(school=world.school, year_id=YEAR, name="Единственная", age_band="3–7 лет",
                                          children=8)
    rate(group, programs_oop=3, care_food=2, dropped_indicator=1)

    growth = overview(world.school, YEAR).growth

    assert [(z.indicator.key, z.reason) for z in growth] == [
        ("care_food", "самый низкий средний уровень по группам (2,00)")]
