import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("user", *args, stdout=out)
    return out.getvalue()


def test_user_add_prints_the_role_and_the_new_password(world):
    output = run("add", "petrova", "--role", "deputy", "--org", "s1", "--sensitive", "--last-name", "Петрова")

    lines = output.splitlines()
    assert lines[0] == "petrova: заместитель директора — МБОУ «Школа №1» [s1] + чувствительные категории"
    assert re.fullmatch(r"Создан пользователь «petrova», пароль: \S{12}", lines[1])


def test_user_list_shows_everyone_with_their_roles(world):
    output = run("list")

    assert output.splitlines()[:3] == [
        "class-teacher: классный руководитель 5А — МБОУ «Школа №1» [s1]",
        "deputy: заместитель директора — МБОУ «Школа №1» [s1] + чувствительные категории",
        "director: директор — МБОУ «Школа №1» [s1]",
    ]


def test_user_errors_are_russian_command_errors(world):
    with pytest.raises(CommandError, match="укажите класс"):
        run("add", "x", "--role", "class_teacher", "--org", "s1")


def test_user_revoke(world):
    assert run("revoke", "teacher", "--role", "teacher", "--org", "s1") == "teacher: роль «учитель» в «s1» снята.\n"
