import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM must still work there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: pages keep values under a school's data generation, and a school of
    the next test may get the same id after a rollback, without a token yet (generation.cached_together)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def school(db):
    from vsoko.records.schools import ensure_school

    return ensure_school(name="МБОУ «Тестовая СОШ»")
