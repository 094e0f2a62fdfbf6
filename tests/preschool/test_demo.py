"""The demo's preschool monitoring: two groups in each of the last three years, every indicator rated, the mean
level rising from year to year, a conclusion and measures; the same seed gives the same levels and a second run
changes nothing."""

import pytest

from vsoko.demo.preschool import preschool_demo_municipality, preschool_demo_years
from vsoko.preschool.models import Evaluation, PreschoolGroup, YearConclusion
from vsoko.preschool.summary import overview
from vsoko.records.enums import OrgUnitKind
from vsoko.records.models import OrgUnit

pytestmark = pytest.mark.django_db


def levels(school):
    return sorted(Evaluation.objects.filter(group__school=school).values_list(
        "group__year_id", "group__name", "indicator", "level"))


def test_the_demo_rates_two_groups_over_three_years_with_some_improvement(world):
    school = world.school

    preschool_demo_years(school, 2024, 3, seed=1)

    groups = list(PreschoolGroup.objects.filter(school=school).values_list("year_id", "name").order_by("year_id",
                                                                                                      "name"))
    assert groups == [(y, n) for y in (2022, 2023, 2024)
                      for n in ("Младшая разновозрастная группа", "Старшая разновозрастная группа")]
    assert Evaluation.objects.filter(group__school=school).count() == 6 * 29
    means = [overview(school, y).whole.mean for y in (2022, 2023, 2024)]
    assert means[0] < means[1] < means[2]
    assert not Evaluation.objects.filter(level=1, comment="").exists()
    assert YearConclusion.objects.filter(school=school).count() == 3
    assert overview(school, 2024).areas[0].change.delta is not None


def test_the_demo_is_deterministic_and_kept_on_a_second_run(world):
    preschool_demo_years(world.school, 2024, 3, seed=7)
    first = levels(world.school)

    preschool_demo_years(world.school, 2024, 3, seed=7)
    assert levels(world.school) == first

    PreschoolGroup.objects.all().delete()
    YearConclusion.objects.all().delete()
    preschool_demo_years(world.school, 2024, 3, seed=7)
    assert levels(world.school) == first


def test_a_demo_of_fewer_years_rates_only_those(world):
    preschool_demo_years(world.school, 2024, 1, seed=1)

    assert set(PreschoolGroup.objects.values_list("year_id", flat=True)) == {2024}


def test_one_in_four_of_the_other_schools_keeps_a_group_with_levels_of_its_own(world):
    others = [OrgUnit.objects.create(code=f"school-{n}", name=f"МБОУ «СОШ № {n}»", kind=OrgUnitKind.SCHOOL,
                                     parent=world.municipality) for n in range(2, 7)]

    preschool_demo_municipality([world.school, *others], 2024, 3, seed=1)

    kept = set(PreschoolGroup.objects.values_list("school__code", "name"))
    assert kept == {("school-2", "Разновозрастная группа"), ("school-6", "Разновозрастная группа")}
    assert Evaluation.objects.filter(group__school__code="school-2").count() == 3 * 29
    assert levels(others[0]) != levels(others[4])
