import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import connection

from tests.accounts.personas import PREVIOUS_YEAR, YEAR, make_user
from vsoko.accounts import permissions
from vsoko.accounts.enums import Role
from vsoko.accounts.models import Membership
from vsoko.records.enums import Period
from vsoko.records.models import PeriodMark, Subject

pytestmark = pytest.mark.django_db


def student_names(user, year=YEAR):
    return sorted(s.last_name for s in permissions.students_visible_to(user, year))


def class_names(user, year=YEAR):
    return sorted(f"{c.school.code}:{c.name}" for c in permissions.classes_visible_to(user, year))


def staff_names(user, year=YEAR):
    return sorted(s.last_name for s in permissions.staff_visible_to(user, year))


def test_director_sees_every_student_of_the_school_and_none_of_the_other(world):
    assert student_names(world.users["director"]) == ["Иванов", "Орлов", "Петров", "Сидорова"]


def test_school_wide_roles_see_graduates_whatever_the_year(world):
    assert student_names(world.users["director"], year=2019) == ["Иванов", "Орлов", "Петров", "Сидорова"]


def test_class_teacher_sees_only_the_pupils_of_their_class_that_year(world):
    teacher = world.users["class_teacher"]

    assert student_names(teacher) == ["Иванов"]
    # A year earlier «5А» held other children: the scope follows the class name.
    assert student_names(teacher, year=PREVIOUS_YEAR) == ["Орлов"]
    assert class_names(teacher) == ["s1:5А"]


def test_class_teacher_scope_stays_in_their_own_school(world):
    # School 2 also has a 5А; its pupil must not show up.
    assert "Кузнецов" not in student_names(world.users["class_teacher"])


def test_subject_teacher_sees_classes_where_the_subject_is_marked(world):
    assert class_names(world.users["teacher"]) == ["s1:10А"]
    assert student_names(world.users["teacher"]) == ["Сидорова"]


def test_mo_head_sees_classes_of_the_subject_and_its_teachers(world):
    assert class_names(world.users["mo_head"]) == ["s1:10А", "s1:5А", "s1:5Б"]
    assert staff_names(world.users["mo_head"]) == ["Смирнова"]


def test_subject_membership_without_subject_covers_the_school(world):
    generalist = make_user("generalist", role=Role.TEACHER, org_unit=world.school)

    assert student_names(generalist) == ["Иванов", "Орлов", "Петров", "Сидорова"]


def test_enrollments_follow_the_same_rules_as_students(world):
    by_user = {
        key: sorted(e.student.last_name for e in permissions.enrollments_visible_to(world.users[key], YEAR))
        for key in ("director", "class_teacher", "teacher", "observer", "other_director")
    }

    assert by_user == {
        "director": ["Иванов", "Орлов", "Петров", "Сидорова"],
        "class_teacher": ["Иванов"],
        "teacher": ["Сидорова"],
        "observer": [],
        "other_director": ["Кузнецов"],
    }


def test_observer_sees_no_people_but_the_aggregates_of_both_schools(world):
    observer = world.users["observer"]

    assert student_names(observer) == []
    assert class_names(observer) == []
    assert staff_names(observer) == []
    assert sorted(s.code for s in permissions.schools_for(observer)) == ["s1", "s2"]
    assert permissions.can_see_personal_data(observer) is False
    with pytest.raises(PermissionDenied):
        permissions.require_personal_data(observer)


def test_other_school_director_sees_only_their_school(world):
    other = world.users["other_director"]

    assert student_names(other) == ["Кузнецов"]
    assert staff_names(other) == ["Зайцева"]
    assert [s.code for s in permissions.schools_for(other)] == ["s2"]
    assert permissions.can_see_personal_data(other, world.school) is False


def test_staff_is_visible_to_school_wide_roles_only_and_the_mo_head(world):
    visible = {key: permissions.can_see_staff(user) for key, user in world.users.items()}

    assert visible == {
        "director": True, "deputy": True, "class_teacher": False, "teacher": False,
        "mo_head": True, "observer": False, "other_director": True,
    }
    assert staff_names(world.users["director"]) == ["Белова", "Волков", "Смирнова"]
    assert staff_names(world.users["teacher"]) == []


def test_sensitive_categories_need_the_explicit_permission_in_that_school(world):
    deputy, director = world.users["deputy"], world.users["director"]

    assert permissions.can_see_sensitive(deputy, world.school) is True
    assert permissions.can_see_sensitive(deputy, world.other_school) is False
    assert permissions.can_see_sensitive(director, world.school) is False


def test_observer_with_sensitive_flag_still_sees_no_sensitive_data(world):
    observer = world.users["observer"]
    observer.memberships.update(sees_sensitive=True)
    observer._vsoko_memberships = None

    assert permissions.can_see_sensitive(observer, world.school) is False


def test_data_management_is_for_school_wide_roles(world):
    managers = sorted(key for key, user in world.users.items() if permissions.can_manage_data(user))

    assert managers == ["deputy", "director", "other_director"]
    assert [s.code for s in permissions.schools_managed_by(world.users["deputy"])] == ["s1"]


def test_superuser_is_administrator_of_every_school(world):
    root = get_user_model().objects.create_superuser("root", password="root-password-1")

    assert student_names(root) == ["Иванов", "Кузнецов", "Орлов", "Петров", "Сидорова"]
    assert permissions.can_see_sensitive(root, world.other_school) is True


def test_anonymous_and_role_less_users_see_nothing(world):
    nobody = get_user_model().objects.create_user("nobody")

    for user in (AnonymousUser(), nobody):
        assert student_names(user) == []
        assert list(permissions.schools_for(user)) == []
        assert permissions.can_see_personal_data(user) is False


def test_municipal_director_role_covers_the_schools_under_it(world):
    head = make_user("head", role=Role.ADMIN, org_unit=world.municipality)

    assert student_names(head) == ["Иванов", "Кузнецов", "Орлов", "Петров", "Сидорова"]
    assert permissions.can_see_staff(head, world.other_school) is True


def test_memberships_are_fetched_once_per_user_object(world, django_assert_num_queries):
    user = get_user_model().objects.get(username="director")

    with django_assert_num_queries(1):
        permissions.memberships_of(user)
        permissions.can_see_personal_data(user)
        permissions.can_see_staff(user)
        permissions.can_manage_data(user)


def add_membership(user, **fields):
    """A second membership of the same user; the user object is fetched anew (memberships are kept per object)."""
    Membership.objects.create(user=user, **fields)
    return get_user_model().objects.get(pk=user.pk)


def test_teacher_of_two_subjects_sees_the_classes_where_either_is_marked_that_year(world):
    history = Subject.objects.create(name="История")
    PeriodMark.objects.create(school=world.school, year_id=YEAR, period=Period.YEAR, student=world.students["petrov"],
                              subject=history, mark="4")
    # Иванов's history mark of a year earlier does not make his 5А of this year a history class.
    PeriodMark.objects.create(school=world.school, year_id=PREVIOUS_YEAR, period=Period.YEAR,
                              student=world.students["ivanov"], subject=history, mark="5")
    teacher = add_membership(world.users["teacher"], role=Role.TEACHER, org_unit=world.school, subject=history)

    assert class_names(teacher) == ["s1:10А", "s1:5Б"]
    assert student_names(teacher) == ["Орлов", "Петров", "Сидорова"]
    taught = {subject: sorted(c.name for c in classes)
              for subject, classes in permissions.classes_taught_by(teacher, YEAR).items()}
    assert taught == {world.subjects["physics"].pk: ["10А"], history.pk: ["5Б"]}


def test_teacher_of_a_municipality_sees_the_classes_of_the_subject_in_each_of_its_schools(world):
    teacher = make_user("municipal-physics", role=Role.TEACHER, org_unit=world.municipality,
                        subject=world.subjects["physics"])

    assert class_names(teacher) == ["s1:10А", "s2:5А"]


def test_a_mark_given_by_a_school_outside_the_membership_does_not_make_a_class_taught(world):
    # Петров (5Б of school 1) has a physics mark from school 2: a physics teacher of school 1 does not see 5Б.
    PeriodMark.objects.create(school=world.other_school, year_id=YEAR, period=Period.Q2,
                              student=world.students["petrov"], subject=world.subjects["physics"], mark="3")

    assert class_names(world.users["teacher"]) == ["s1:10А"]


def test_the_subjects_of_one_school_are_looked_up_in_one_read_of_the_marks(world, django_assert_num_queries):
    # One condition for all of a teacher's subjects in a school: the marks table appears once in the query
    # (a read of the marks per subject made the «Успеваемость» of a teacher of three subjects slow).
    teacher = add_membership(world.users["teacher"], role=Role.TEACHER, org_unit=world.school,
                             subject=world.subjects["math"])
    permissions.memberships_of(teacher)
    classes = permissions.classes_visible_to(teacher, YEAR)

    assert str(classes.query).count('"records_periodmark"') == 1
    with django_assert_num_queries(1):
        assert sorted(c.name for c in classes) == ["10А", "5А", "5Б"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="a SQLite query plan")
def test_a_teacher_of_one_subject_finds_a_pupils_marks_by_pupil_not_by_every_mark_of_the_subject(world):
    # With `subject_id = ?` SQLite chose the subject's index: every mark of the subject in every year, read for
    # each pupil of each class (the teacher's «Сопровождение» took a second on the demo school).
    (classes,) = permissions.classes_taught_by(world.users["teacher"], YEAR).values()
    sql, params = classes.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " | ".join(row[-1] for row in cursor.fetchall())
    assert "records_periodmark_subject_id" not in plan
    assert "records_periodmark_1 (student_id=? AND year_id=?)" in plan


def test_a_teacher_the_schools_load_names_sees_the_pupils_of_their_own_classes_only(world):
    """Physics is marked in 10А and (another teacher's group) in 5Б; the load gives Волков 10А only."""
    from vsoko.accounts.models import StaffAccount
    from vsoko.teaching.models import TeachingAssignment

    physics = world.subjects["physics"]
    PeriodMark.objects.create(school=world.school, year_id=YEAR, period=Period.YEAR, student=world.students["petrov"],
                              subject=physics, mark="4")
    teacher = world.users["teacher"]
    assert class_names(teacher) == ["s1:10А", "s1:5Б"]  # no load yet: the classes of the subject's marks

    StaffAccount.objects.create(user=teacher, staff=world.staff["volkov"])
    TeachingAssignment.objects.create(school=world.school, year_id=YEAR, staff=world.staff["volkov"],
                                      school_class=world.classes["10А"], subject=physics)

    assert class_names(teacher) == ["s1:10А"]
    assert student_names(teacher) == ["Сидорова"]
    # The head of the МО still sees every class of the subject; a teacher the load does not name, the marks' rule.
    assert class_names(world.users["mo_head"]) == ["s1:10А", "s1:5А", "s1:5Б"]
    other = make_user("physics-2", role=Role.TEACHER, org_unit=world.school, subject=physics)
    assert class_names(other) == ["s1:10А", "s1:5Б"]
