"""Who sees which support cases (vsoko.support.access) at the edges of the one rule of vsoko.accounts.permissions:
a subject teacher's classes are `permissions.classes_taught_by`, the same as on the pupils' pages."""

import pytest

from tests.accounts.personas import PREVIOUS_YEAR, YEAR, make_user
from vsoko.accounts import permissions
from vsoko.accounts.enums import Role
from vsoko.accounts.models import Membership
from vsoko.records import enums
from vsoko.records.models import OrgUnit, Student
from vsoko.support.access import cases_for, scope_for, with_class
from vsoko.support.models import SupportCase

pytestmark = pytest.mark.django_db


def case(world, key, subject=None, year=YEAR):
    return SupportCase.objects.create(school=world.school, year_id=year, student=world.students[key],
                                      subject=world.subjects[subject] if subject else None, opened_period="q1")


def seen(user, world) -> set[str]:
    scope = scope_for(user, world.school, YEAR)
    return {c.student.last_name for c in cases_for(scope, world.school, YEAR).select_related("student")}


def test_a_teacher_without_a_subject_sees_every_case_of_the_school(world):
    case(world, "kozlov", "math")
    case(world, "pavlov", "physics")
    teacher = make_user("any-subject", role=Role.TEACHER, org_unit=world.school)

    scope = scope_for(teacher, world.school, YEAR)

    assert (scope.see_all, scope.whole_school, scope.edit_all, scope.opens) == (True, True, False, False)
    assert seen(teacher, world) == {"Козлов", "Павлов"}


def test_the_physics_teachers_classes_are_those_where_physics_is_marked_as_on_the_pupils_pages(world):
    case(world, "kozlov", "math")
    case(world, "pavlov", "physics")
    case(world, "nikitin", "physics")
    teacher = world.users["teacher"]

    scope = scope_for(teacher, world.school, YEAR)

    assert scope.taught == {world.subjects["physics"].pk: frozenset({world.classes["10А"].pk})}
    assert set(permissions.classes_visible_to(teacher, YEAR)) == {world.classes["10А"]}
    assert seen(teacher, world) == {"Павлов", "Никитин"}


def test_a_teacher_of_two_schools_sees_in_each_only_its_classes(world):
    """Physics is marked in school 2's 5А too: that class is not a class of school 1."""
    case(world, "pavlov", "physics")
    teacher = make_user("two-schools", role=Role.TEACHER, org_unit=world.school, subject=world.subjects["physics"])
    Membership.objects.create(user=teacher, role=Role.TEACHER, org_unit=world.other_school,
                              subject=world.subjects["physics"])

    scope = scope_for(teacher, world.school, YEAR)

    assert scope.taught == {world.subjects["physics"].pk: frozenset({world.classes["10А"].pk})}
    assert seen(teacher, world) == {"Павлов"}


def test_a_teacher_held_above_the_school_sees_what_the_pupils_pages_show(world):
    """A role at the municipality or the region covers its schools, as everywhere in vsoko.accounts.permissions
    (before, the section read only a role at the school or its municipality)."""
    region = OrgUnit.objects.create(code="reg", name="Область", kind=enums.OrgUnitKind.REGION)
    world.municipality.parent = region
    world.municipality.save()
    case(world, "pavlov", "physics")
    case(world, "kozlov", "math")
    for unit in (world.municipality, region):
        teacher = make_user(f"physics-{unit.code}", role=Role.TEACHER, org_unit=unit,
                            subject=world.subjects["physics"])

        assert seen(teacher, world) == {"Павлов"}
        assert permissions.students_visible_to(teacher, YEAR).filter(pk=world.students["pavlov"].pk).exists()


def test_the_class_is_the_pupils_class_of_the_cases_year_and_no_case_is_repeated(world):
    moved = Student.objects.create(school=world.school, student_id="R-moved", last_name="Переходов")
    world.students["moved"] = moved
    world.enroll(moved, "5А-2023")
    world.enroll(moved, "5Б")
    absent = Student.objects.create(school=world.school, student_id="R-absent", last_name="Безклассов")
    world.students["absent"] = absent
    this_year, last_year = case(world, "moved"), case(world, "moved", year=PREVIOUS_YEAR)
    unenrolled = case(world, "absent")

    classes = {c.pk: (c.class_id, c.class_name, c.class_grade, c.class_letter)
               for c in with_class(SupportCase.objects.all())}

    five_b, five_a = world.classes["5Б"], world.classes["5А-2023"]
    assert classes == {this_year.pk: (five_b.pk, "5Б", 5, "Б"), last_year.pk: (five_a.pk, "5А", 5, "А"),
                       unenrolled.pk: (None, None, None, None)}
    assert with_class(SupportCase.objects.all()).count() == 3


def test_the_cases_with_their_classes_are_one_query(world, django_assert_num_queries):
    for key in ("kozlov", "lebedeva", "pavlov"):
        case(world, key)
    scope = scope_for(world.users["class_teacher"], world.school, YEAR)

    with django_assert_num_queries(1):
        rows = list(cases_for(scope, world.school, YEAR).order_by("class_grade", "class_letter", "pk"))

    assert [r.class_name for r in rows] == ["5А", "5А"]  # Козлов and Лебедева; Павлов is in 10А


def test_a_teacher_of_two_subjects_gets_each_subject_s_classes_in_one_statement(world, django_assert_num_queries):
    """Russian is marked in 5А and 5Б, physics in 10А only (tests/support/conftest.py): the classes of both
    subjects are read together: one statement whatever the number of subjects (a teacher leads no class)."""
    teacher = make_user("two-subjects", role=Role.TEACHER, org_unit=world.school, subject=world.subjects["physics"])
    Membership.objects.create(user=teacher, role=Role.TEACHER, org_unit=world.school,
                              subject=world.subjects["russian"])
    permissions.memberships_of(teacher)

    with django_assert_num_queries(1):
        scope = scope_for(teacher, world.school, YEAR)

    assert scope.taught == {world.subjects["physics"].pk: frozenset({world.classes["10А"].pk}),
                            world.subjects["russian"].pk: frozenset({world.classes["5А"].pk, world.classes["5Б"].pk})}
