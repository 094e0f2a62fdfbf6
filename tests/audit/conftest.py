import pytest

from tests.accounts.personas import build_world, make_user
from vsoko.accounts.enums import Role


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    """The personas of tests/accounts plus an administrator of school 1 and one of the whole municipality."""
    w = build_world()
    w.users["admin"] = make_user("admin", role=Role.ADMIN, org_unit=w.school)
    w.users["mun_admin"] = make_user("mun-admin", role=Role.ADMIN, org_unit=w.municipality)
    return w
