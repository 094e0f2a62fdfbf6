import pytest

from tests.accounts.personas import build_world
from vsoko.indicators.catalogs import CATALOG_DIR, read_catalog, store_catalog


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    """The personas' world with only the core catalog stored (the school has chosen no other)."""
    errors: list[str] = []
    store_catalog(read_catalog(CATALOG_DIR / "core.yaml", errors))
    assert errors == []
    return build_world()
