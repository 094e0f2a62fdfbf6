"""The personas' world (tests/plan: core catalog only) and the known school of the report tests, whose
knowledge quality is 50 % in 2022/2023 and 2023/2024 and 5/7 = 71,43 % in 2024/2025; success 100 % each year."""

import datetime

import pytest

from tests.plan.conftest import falling_school, world  # noqa: F401 — fixtures of the view and order tests
from tests.reports.conftest import known_school  # noqa: F401 — a fixture used by the effect and report tests
from vsoko.decisions.models import Decision


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def decision(school, year: int, indicators: list[str], **fields) -> Decision:
    defaults = {"date": datetime.date(year + 1, 5, 30), "title": f"Решение {year}", "text": "Провести ВШК"}
    return Decision.objects.create(school=school, year_id=year, indicators=indicators, **defaults | fields)
