import pytest
from django.contrib.auth import get_user_model

from vsoko.accounts import permissions
from vsoko.accounts.enums import Role
from vsoko.accounts.models import Membership
from vsoko.accounts.roles import RoleError, grant_role, revoke_role

pytestmark = pytest.mark.django_db


def test_grant_creates_the_user_with_a_random_password_once(world):
    first = grant_role(username="ivanova", role=Role.CLASS_TEACHER, org_code="s1", class_name="5б",
                       first_name="Ольга", last_name="Иванова")
    again = grant_role(username="ivanova", role=Role.CLASS_TEACHER, org_code="s1", class_name="5Б")

    user = get_user_model().objects.get(username="ivanova")
    assert (first.created_user, again.created_user, again.password) == (True, False, None)
    assert user.check_password(first.password)
    assert [(m.role, m.class_name) for m in user.memberships.all()] == [(Role.CLASS_TEACHER, "5Б")]
    assert sorted(s.last_name for s in permissions.students_visible_to(user, 2024)) == ["Орлов", "Петров"]


def test_grant_finds_the_subject_by_name_in_any_case(world):
    granted = grant_role(username="physicist", role=Role.TEACHER, org_code="s1", subject_name="физика")

    assert granted.membership.subject == world.subjects["physics"]


@pytest.mark.parametrize("kwargs, message", [
    ({"role": Role.CLASS_TEACHER, "org_code": "s1"}, "укажите класс"),
    ({"role": Role.DIRECTOR, "org_code": "s1", "class_name": "5А"}, "Класс указывается только"),
    ({"role": Role.DIRECTOR, "org_code": "s1", "subject_name": "Физика"}, "Предмет указывается только"),
    ({"role": Role.TEACHER, "org_code": "s1", "subject_name": "Астрология"}, "Предмет «Астрология» не найден. Предметы в базе: Математика, Физика."),
    ({"role": Role.OBSERVER, "org_code": "s1"}, "а «МБОУ «Школа №1»» — школа"),
    ({"role": Role.OBSERVER, "org_code": "mun", "sees_sensitive": True}, "нельзя дать доступ"),
    ({"role": Role.TEACHER, "org_code": "mun"}, "назначается в школе"),
    ({"role": Role.DIRECTOR, "org_code": "nope"}, "Организация с кодом «nope» не найдена. Коды: mun (Городской округ), s1"),
])
def test_grant_refuses_inconsistent_roles_and_says_why(world, kwargs, message):
    with pytest.raises(RoleError, match=message.replace("(", r"\(").replace(")", r"\)")):
        grant_role(username="someone", **kwargs)
    assert not get_user_model().objects.filter(username="someone").exists()


def test_revoke_takes_the_role_away(world):
    revoke_role(username="class-teacher", role=Role.CLASS_TEACHER, org_code="s1")

    assert Membership.objects.filter(user__username="class-teacher").count() == 0
    with pytest.raises(RoleError, match="нет роли"):
        revoke_role(username="class-teacher", role=Role.CLASS_TEACHER, org_code="s1")
