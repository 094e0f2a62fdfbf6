import datetime

import pytest

from tests.accounts.personas import YEAR, build_world
from vsoko.records.models import SchoolClass, Subject
from vsoko.schedule.enums import Level, ProcedureKind
from vsoko.schedule.models import Holiday, ScheduledAssessment


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    world = build_world()
    world.subjects["history"] = Subject.objects.create(name="История")
    return world


def work(world, class_key: str, date: datetime.date, subject: str = "math", kind=ProcedureKind.TEST,
         level: Level | None = None) -> ScheduledAssessment:
    """A scheduled work of school 1 in the personas' year."""
    school_class = world.classes[class_key]
    return ScheduledAssessment.objects.create(
        school=school_class.school, year_id=YEAR, date=date, school_class=school_class,
        subject=world.subjects[subject], kind=kind, level=level or ProcedureKind(kind).default_level)


def day(month: int, number: int) -> datetime.date:
    """A date of the personas' school year 2024/2025."""
    return datetime.date(YEAR if month >= 9 else YEAR + 1, month, number)


@pytest.fixture
def young(world):
    """The personas' world with 1А and 2А: the first grade has holidays of its own in February."""
    for name, grade in (("1А", 1), ("2А", 2)):
        world.classes[name] = SchoolClass.objects.create(school=world.school, year_id=YEAR, name=name, grade=grade,
                                                         letter="А")
    return world


def holiday(world, name: str, start: datetime.date, end: datetime.date, grades=()) -> Holiday:
    return Holiday.objects.create(school=world.school, year_id=YEAR, name=name, start=start, end=end,
                                  grades=list(grades))
