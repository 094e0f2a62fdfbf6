import datetime

import pytest
from django.utils import timezone

from tests.accounts.personas import YEAR, build_world
from vsoko.surveys.campaigns import create_survey, school_year_of

TODAY = datetime.date(2024, 10, 7)


@pytest.fixture(autouse=True)
def background(settings):
    # The recomputation a response requests runs at once, as the task worker would run it.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def parents_survey(world):
    """The parents' questionnaire of school 1, open 1–14 October 2024 (2024/2025)."""
    return create_survey(school=world.school, year=YEAR, questionnaire="parents", title="Родители, осень",
                         opens_on=datetime.date(2024, 10, 1), closes_on=datetime.date(2024, 10, 14))


@pytest.fixture
def open_survey(world):
    """The parents' questionnaire of school 1 open from today for a week: the page takes answers by the real date.
    Also the phone's questionnaire in tests/e2e/test_mobile_survey.py (imported there, with the browser's world)."""
    today = timezone.localdate()
    return create_survey(school=world.school, year=school_year_of(today), questionnaire="parents", title="Родители",
                         opens_on=today, closes_on=today + datetime.timedelta(days=7))
