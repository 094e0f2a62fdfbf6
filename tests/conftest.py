import os

import pytest
from hypothesis import HealthCheck, settings

# Property tests check values, never time: Hypothesis's per-example deadline and its «input generation is slow»
# health check failed on a loaded CI machine (the generation of three plain numbers was judged too slow).
settings.register_profile("vsoko", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("vsoko")

# Playwright's sync API runs an event loop in the test thread; the ORM must still work there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    """Users are made with a cheap hash in every test, module fixtures included: Django's default PBKDF2 costs
    about a second per password on a CI machine, and the worlds of the tests make a dozen users each. PBKDF2
    stays second so that the hashes made by a subprocess (`vsoko demo`) still verify."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher",
                                             "django.contrib.auth.hashers.PBKDF2PasswordHasher"]):
        yield


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
