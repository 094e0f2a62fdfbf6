"""The named lists of «Итоги периода» (vsoko.progress.lists): whose names, and only the scope's."""

import pytest

from tests.accounts.personas import make_user
from tests.progress.school import YEAR, build_school
from vsoko.accounts.enums import Role
from vsoko.analysis.access import Privacy
from vsoko.progress.access import Scope, scope_for
from vsoko.progress.enums import Category
from vsoko.progress.figures import period_results
from vsoko.progress.lists import named_lists
from vsoko.records.models import SchoolClass

pytestmark = pytest.mark.django_db


def names(lists):
    return {x.category: [p.name.split()[0] for p in x.pupils] for x in lists}


def test_the_school_wide_scope_names_every_pupil_of_a_list():
    world = build_school()
    deputy = make_user("zam", role=Role.DEPUTY, org_unit=world.school)
    results = period_results(world.school, YEAR, "q1")

    lists = named_lists(deputy, results, {world.cls.pk: "7А"}, scope_for(deputy, world.school, YEAR))

    assert names(lists) == {Category.ONE_FOUR: ["Борисов"], Category.ONE_THREE: ["Власова"],  # Зайцев has three «3»
                            Category.FAILING: ["Григорьев"], Category.NOT_ASSESSED: ["Данилова"]}


def test_pupils_of_classes_outside_the_scope_are_never_named():
    world = build_school()
    other = SchoolClass.objects.create(school=world.school, year_id=YEAR, name="7Б", grade=7, letter="Б")
    teacher = make_user("kl", role=Role.CLASS_TEACHER, org_unit=world.school, class_name="7Б")
    results = period_results(world.school, YEAR, "q1")  # the whole school's, 7А included

    lists = named_lists(teacher, results, {world.cls.pk: "7А"}, scope_for(teacher, world.school, YEAR))

    assert scope_for(teacher, world.school, YEAR).class_ids == {other.pk}
    assert names(lists) == {c: [] for c in (Category.ONE_FOUR, Category.ONE_THREE, Category.FAILING,
                                            Category.NOT_ASSESSED)}


def test_a_scope_without_names_gets_no_lists():
    world = build_school()
    observer = make_user("obs", role=Role.OBSERVER, org_unit=world.school.parent)
    results = period_results(world.school, YEAR, "q1")

    assert named_lists(observer, results, {}, Scope(None, False, Privacy(on=True))) is None
