"""The personas' world (tests/accounts/personas.py) with a tiny diagnostic: «адаптация 5 класса» held in 5А
and 5Б on 15.10.2024.

    5А: ivanov high, anna medium, boris low, vera — not assessed
    5Б: petrov medium, orlov low (left on 20.01.2025, after the date), gleb — left on 01.10.2024, not listed

So 6 pupils are listed (4 + 2), 5 assessed: high 1, medium 2, low 2 → favourable 3 of 5 = 60 %.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from tests.plan.conftest import world  # noqa: F401 — the personas' world with the core catalog
from vsoko.diagnostics.models import Diagnostic, DiagnosticResult
from vsoko.records import enums
from vsoko.records.models import Enrollment, Student

DATE = datetime.date(2024, 10, 15)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Tiny:
    world: object
    a: Diagnostic  # 5А
    b: Diagnostic  # 5Б
    pupils: dict[str, Enrollment]


def pupil(of, key: str, class_key: str, **fields) -> Enrollment:
    student = Student.objects.create(school=of.school, student_id=f"D-{key}", last_name=key.capitalize(),
                                     first_name="Тест", sex=enums.Sex.FEMALE)
    of.students[key] = student
    return of.enroll(student, class_key, **fields)


@pytest.fixture
def tiny(world):  # noqa: F811 — the fixture imported above
    enrollments = {}
    for key in ("ivanov", "petrov", "orlov"):
        enrollments[key] = Enrollment.objects.get(student=world.students[key], year_id=2024)
    enrollments["anna"] = pupil(world, "anna", "5А")
    enrollments["boris"] = pupil(world, "boris", "5А")
    enrollments["vera"] = pupil(world, "vera", "5А")
    enrollments["gleb"] = pupil(world, "gleb", "5Б", left_on=datetime.date(2024, 10, 1),
                                outcome=enums.Outcome.LEFT)
    a = Diagnostic.objects.create(school=world.school, year_id=2024, procedure="adaptation_5", date=DATE,
                                  school_class=world.classes["5А"])
    b = Diagnostic.objects.create(school=world.school, year_id=2024, procedure="adaptation_5", date=DATE,
                                  school_class=world.classes["5Б"])
    for diagnostic, key, level in ((a, "ivanov", "high"), (a, "anna", "medium"), (a, "boris", "low"),
                                   (b, "petrov", "medium"), (b, "orlov", "low")):
        DiagnosticResult.objects.create(diagnostic=diagnostic, enrollment=enrollments[key], level=level)
    return Tiny(world, a, b, enrollments)
