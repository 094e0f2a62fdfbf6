"""«Пользователи»: roles given and taken in the interface by the school's administrator and director."""

import re

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.urls import reverse

from tests.accounts.personas import build_world, make_user
from vsoko.accounts.enums import Role
from vsoko.accounts.models import Membership, StaffAccount
from vsoko.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_world()


def as_user(client, world, persona):
    client.force_login(world.users[persona])
    return client


def shown_password(response) -> str:
    return re.search(r"<code data-password>([^<]+)</code>", response.content.decode()).group(1)


def test_the_director_creates_a_class_teacher_who_can_log_in_with_the_password_shown_once(client, world):
    response = as_user(client, world, "director").post(reverse("web:user_grant"), {
        "username": "ivanova", "last_name": "Иванова", "first_name": "Ольга", "role": "class_teacher",
        "class_name": "5Б"})

    password = shown_password(response)
    assert response["Cache-Control"].startswith("max-age=0")  # never cached
    user = authenticate(username="ivanova", password=password)
    assert user is not None and user.get_full_name() == "Ольга Иванова"
    assert list(Membership.objects.filter(user=user).values_list("role", "class_name", "org_unit")) == [
        (Role.CLASS_TEACHER, "5Б", world.school.pk)]
    entry = AuditEntry.objects.get(object_type="user", object_id="ivanova")
    assert password not in str(entry.details)


def test_only_the_administrator_gives_the_administrators_role(client, world):
    world.users["admin"] = make_user("admin", role=Role.ADMIN, org_unit=world.school)
    data = {"username": "newadmin", "role": "admin"}

    refused = as_user(client, world, "director").post(reverse("web:user_grant"), data)
    given = as_user(client, world, "admin").post(reverse("web:user_grant"), data)

    assert refused.status_code == 200 and "Выберите корректный вариант" in refused.content.decode()
    assert given.status_code == 200 and shown_password(given)
    assert Membership.objects.filter(user__username="newadmin", role=Role.ADMIN).count() == 1


def test_a_class_teacher_without_a_class_is_refused_with_the_reason(client, world):
    response = as_user(client, world, "director").post(reverse("web:user_grant"), {
        "username": "nobody", "role": "class_teacher"})

    assert "укажите класс" in response.content.decode()
    assert not get_user_model().objects.filter(username="nobody").exists()


def test_a_role_is_taken_but_never_ones_own(client, world):
    teacher_role = Membership.objects.get(user=world.users["teacher"])
    own = Membership.objects.get(user=world.users["director"])
    as_user(client, world, "director")

    assert client.post(reverse("web:membership_revoke", args=[teacher_role.pk])).status_code == 302
    assert client.post(reverse("web:membership_revoke", args=[own.pk])).status_code == 403
    assert not Membership.objects.filter(pk=teacher_role.pk).exists()
    assert Membership.objects.filter(pk=own.pk).exists()


def test_a_new_password_replaces_the_old_one(client, world):
    response = as_user(client, world, "director").post(
        reverse("web:user_password", args=[world.users["teacher"].pk]), {"school": world.school.code})

    assert authenticate(username="teacher", password="teacher") is None
    assert authenticate(username="teacher", password=shown_password(response)) is not None


def test_an_account_is_switched_off_and_on(client, world):
    teacher = world.users["teacher"]
    url = reverse("web:user_active", args=[teacher.pk])

    as_user(client, world, "director").post(url, {"action": "disable", "school": world.school.code})
    teacher.refresh_from_db()
    assert not teacher.is_active
    client.post(url, {"action": "enable", "school": world.school.code})
    teacher.refresh_from_db()
    assert teacher.is_active


def test_a_user_with_roles_elsewhere_is_not_the_schools_to_change(client, world):
    both = make_user("both", role=Role.TEACHER, org_unit=world.school)
    Membership.objects.create(user=both, role=Role.TEACHER, org_unit=world.other_school)

    as_user(client, world, "director")

    assert client.post(reverse("web:user_password", args=[both.pk])).status_code == 403
    assert client.post(reverse("web:user_active", args=[both.pk]), {"action": "disable"}).status_code == 403


def test_the_other_schools_director_neither_sees_nor_changes_our_users(client, world):
    ours = Membership.objects.get(user=world.users["teacher"])
    as_user(client, world, "other_director")

    listing = client.get(reverse("web:user_list")).content.decode()

    assert "teacher" not in re.sub(r"<[^>]+>", " ", listing).split()
    assert client.post(reverse("web:membership_revoke", args=[ours.pk])).status_code == 404
    assert client.post(reverse("web:user_password", args=[world.users["teacher"].pk])).status_code == 404


def test_anyone_signed_in_changes_their_own_password_and_stays_signed_in(client, world):
    teacher = world.users["teacher"]
    teacher.set_password("старый-пароль-1")
    teacher.save()
    client.force_login(teacher)
    url = reverse("web:password_change")

    wrong = client.post(url, {"old_password": "не тот", "new_password1": "Зелёный-чайник-42", "new_password2": "Зелёный-чайник-42"})
    weak = client.post(url, {"old_password": "старый-пароль-1", "new_password1": "12345678901", "new_password2": "12345678901"})
    done = client.post(url, {"old_password": "старый-пароль-1", "new_password1": "Зелёный-чайник-42",
                             "new_password2": "Зелёный-чайник-42"})

    assert wrong.status_code == weak.status_code == 200
    assert "Ваш старый пароль введен неправильно" in wrong.content.decode()
    assert "Введённый пароль состоит только из цифр" in weak.content.decode()
    assert done.status_code == 302
    assert authenticate(username=teacher.username, password="Зелёный-чайник-42") is not None
    assert client.get("/").status_code == 200  # the session survived the change
    entry = AuditEntry.objects.get(object_type="user", object_id=teacher.username)
    assert entry.details == {"действие": "пароль изменён самим пользователем"}
    assert "Зелёный" not in str(entry.details)


def test_the_director_links_a_teacher_to_the_staff_record_and_the_list_shows_it(client, world):
    director = as_user(client, world, "director")
    offered = director.get(reverse("web:user_grant")).context["form"].fields["staff"].choices

    assert ("Q-001", "Зайцева Ольга (Q-001)") not in offered  # another school's staff
    response = director.post(reverse("web:user_grant"), {"username": "volkov", "role": "teacher", "staff": "P-002"})

    assert response.status_code == 200 and shown_password(response)
    assert StaffAccount.objects.get(user__username="volkov").staff == world.staff["volkov"]
    assert "работник: Волков Олег (P-002)" in director.get(reverse("web:user_list")).content.decode()
    assert AuditEntry.objects.get(object_type="user", object_id="volkov").details["работник"] == "P-002"


def test_the_director_neither_resets_switches_off_nor_takes_the_role_of_the_administrator(client, world):
    """Only the administrator gives the administrator's role; a director who could set the administrator's password
    would sign in as the administrator and give it anyway (or lock the administrator out): 403, nothing changed.
    The administrator does all three to the director."""
    admin = make_user("admin", role=Role.ADMIN, org_unit=world.school)
    admin_role = Membership.objects.get(user=admin)
    as_user(client, world, "director")

    password = client.post(reverse("web:user_password", args=[admin.pk]), {"school": world.school.code})
    off = client.post(reverse("web:user_active", args=[admin.pk]), {"action": "disable", "school": world.school.code})
    revoke = client.post(reverse("web:membership_revoke", args=[admin_role.pk]))

    assert (password.status_code, off.status_code, revoke.status_code) == (403, 403, 403)
    admin.refresh_from_db()
    assert admin.is_active and Membership.objects.filter(pk=admin_role.pk).exists()
    assert authenticate(username="admin", password="admin") is not None
    client.force_login(admin)
    assert client.post(reverse("web:user_password", args=[world.users["director"].pk]),
                       {"school": world.school.code}).status_code == 200
