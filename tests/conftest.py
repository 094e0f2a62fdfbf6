import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM must still work there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def school(db):
    from vsoko.records.schools import ensure_school

    return ensure_school(name="МБОУ «Тестовая СОШ»")
