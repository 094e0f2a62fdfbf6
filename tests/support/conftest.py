"""The personas' world (tests/accounts/personas.py) with pupils at risk after the 1st quarter of 2024/2025.

1 четверть (математика, русский язык; физика only in 10А, as the physics teacher's world has it):
- Козлов    5А  математика «2», русский 4          → at risk (неуспеваемость); 2 четверть: «3» → исправил
- Лебедева  5А  математика «н/а», русский 5        → at risk (не аттестована); 2 четверть: «2» → не исправила
- Морозова  5Б  математика «3», русский 5          → exactly one «3»: not at risk
- Никитин   10А математика 4, физика 4; ВПР «2»    → at risk («2» за ВПР)
- Павлов    10А математика 4, физика «2»           → at risk (неуспеваемость, физика)
- Орлова    5Б  no marks; условно переведена в 2023/2024 → at risk (условный перевод)
The personas' own pupils are not at risk (Иванов, Петров, Сидорова) or left the school (Орлов, repeating).
"""

from __future__ import annotations

import pytest

from tests.accounts.personas import PREVIOUS_YEAR, YEAR, build_world
from vsoko.records import enums
from vsoko.records.models import Assessment, PeriodMark, Result, Student, Subject

Q1 = {
    "kozlov": ("5А", {"math": "2", "russian": "4"}),
    "lebedeva": ("5А", {"math": "na", "russian": "5"}),
    "morozova": ("5Б", {"math": "3", "russian": "5"}),
    "nikitin": ("10А", {"math": "4", "physics": "4"}),
    "pavlov": ("10А", {"math": "4", "physics": "2"}),
    "orlova": ("5Б", {}),
}
Q2 = {"kozlov": {"math": "3", "russian": "4"}, "lebedeva": {"math": "2", "russian": "5"}}
NAMES = {"kozlov": "Козлов", "lebedeva": "Лебедева", "morozova": "Морозова", "nikitin": "Никитин",
         "pavlov": "Павлов", "orlova": "Орлова"}


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    world = build_world()
    world.subjects["russian"] = Subject.objects.create(name="Русский язык")
    for key, (class_key, marks) in Q1.items():
        student = Student.objects.create(school=world.school, student_id=f"R-{key}", last_name=NAMES[key],
                                         first_name="Имя")
        world.students[key] = student
        world.enroll(student, class_key)
        for period, table in ((enums.Period.Q1, marks), (enums.Period.Q2, Q2.get(key, {}))):
            for subject, mark in table.items():
                PeriodMark.objects.create(school=world.school, year_id=YEAR, period=period, student=student,
                                          subject=world.subjects[subject], mark=mark)
    world.enroll(world.students["orlova"], "5А-2023", outcome=enums.Outcome.CONDITIONALLY_PROMOTED)
    vpr = Assessment.objects.create(school=world.school, assessment_id="VPR-10-M", year_id=YEAR,
                                    kind=enums.AssessmentKind.VPR, subject=world.subjects["math"], grade=10)
    Result.objects.create(school=world.school, assessment=vpr, student=world.students["nikitin"], primary_score=3,
                          mark=2)
    Result.objects.create(school=world.school, assessment=vpr, student=world.students["pavlov"], absent=True)
    assert PREVIOUS_YEAR == YEAR - 1
    return world
