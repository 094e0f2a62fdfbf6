"""Which staff record is the user (accounts.StaffAccount, permissions.staff_records_of): link first, then a unique name."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.accounts.personas import make_user
from vsoko.accounts import permissions
from vsoko.accounts.enums import Role
from vsoko.accounts.models import StaffAccount
from vsoko.accounts.roles import RoleError, grant_role, link_staff
from vsoko.records.models import StaffMember

pytestmark = pytest.mark.django_db


def records(user, school) -> list[str]:
    return sorted(permissions.staff_records_of(user, school).values_list("staff_id", flat=True))


def test_a_teacher_of_the_same_name_is_that_staff_member_without_a_link(world):
    user = make_user("smirnova", role=Role.TEACHER, org_unit=world.school, first_name="Мария", last_name="СМИРНОВА")

    assert records(user, world.school) == ["P-001"]  # case folded
    assert records(user, world.other_school) == []  # no role there


def test_a_namesake_is_never_guessed(world):
    StaffMember.objects.create(school=world.school, staff_id="P-009", last_name="Смирнова", first_name="Мария")
    user = make_user("smirnova", role=Role.TEACHER, org_unit=world.school, first_name="Мария", last_name="Смирнова")

    assert records(user, world.school) == []  # two Мария Смирнова: the account must be linked

    link_staff(user, StaffMember.objects.get(staff_id="P-009"))

    assert records(user, world.school) == ["P-009"]


def test_the_link_wins_over_the_name_and_the_observer_is_nobody(world):
    user = make_user("volkov", role=Role.TEACHER, org_unit=world.school, first_name="Мария", last_name="Смирнова")
    link_staff(user, world.staff["volkov"])

    assert records(user, world.school) == ["P-002"]
    assert permissions.is_staff_member(user, world.staff["volkov"])
    assert not permissions.is_staff_member(user, world.staff["smirnova"])
    assert records(world.users["observer"], world.school) == []


def test_a_linked_record_is_nobody_elses_by_name(world):
    linked = make_user("m-smirnova", role=Role.TEACHER, org_unit=world.school)
    link_staff(linked, world.staff["smirnova"])
    namesake = make_user("smirnova2", role=Role.TEACHER, org_unit=world.school, first_name="Мария",
                         last_name="Смирнова")

    assert records(namesake, world.school) == []


def test_grant_role_links_the_staff_record_and_refuses_one_taken(world):
    grant_role(username="smirnova", role=Role.TEACHER, org_code="s1", staff_id="P-001")

    assert StaffAccount.objects.get(staff=world.staff["smirnova"]).user.username == "smirnova"
    with pytest.raises(RoleError, match="уже связан с пользователем «smirnova»"):
        grant_role(username="intruder", role=Role.TEACHER, org_code="s1", staff_id="P-001")
    # All or nothing: the refused user was not created either.
    assert not StaffAccount.objects.filter(user__username="intruder").exists()
    from django.contrib.auth import get_user_model
    assert not get_user_model().objects.filter(username="intruder").exists()
    with pytest.raises(RoleError, match="нет работника с кодом «Z-404»"):
        grant_role(username="x", role=Role.TEACHER, org_code="s1", staff_id="Z-404")


def test_the_command_links_lists_and_unlinks(world):
    from io import StringIO

    out = StringIO()
    call_command("user", "add", "volkov", "--role", "teacher", "--org", "s1", "--staff", "P-002", stdout=out)
    assert "volkov: работник Волков Олег [P-002] — МБОУ «Школа №1»" in out.getvalue()

    out = StringIO()
    call_command("user", "list", stdout=out)
    assert "работник Волков Олег [P-002]" in out.getvalue()

    call_command("user", "unlink", "volkov", "--org", "s1", stdout=StringIO())
    assert not StaffAccount.objects.exists()
    with pytest.raises(CommandError, match="не связан ни с одним работником"):
        call_command("user", "unlink", "volkov", "--org", "s1", stdout=StringIO())
