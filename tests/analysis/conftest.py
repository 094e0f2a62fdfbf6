import pytest

from tests.analysis.world import build_analysis_world


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def aw(db):
    """The personas' school with the hand-computed ВПР, ОГЭ and ЕГЭ of tests/analysis/world.py."""
    return build_analysis_world()
