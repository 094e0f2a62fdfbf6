"""The personas' world (tests/accounts/personas.py) with a second teacher of mathematics and last year's load.

School 1, 2024/2025: classes 5А, 5Б, 10А; Смирнова Мария (P-001) mathematics, Волков Олег (P-002) physics,
Белова Нина (P-003) the accountant; added here Козлова Анна (P-010) mathematics and a class 6А. 2023/2024 (fixture
`last_year`): 5А with Смирнова in mathematics, Козлова and Орлова (P-020, no staff row of 2024) in physics; 4В
with Смирнова in mathematics (5В does not exist in 2024).
"""

from __future__ import annotations

import pytest

from tests.accounts.personas import PREVIOUS_YEAR, YEAR, build_world
from vsoko.records.models import SchoolClass, StaffMember, StaffYear
from vsoko.teaching.models import TeachingAssignment


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    world = build_world()
    kozlova = StaffMember.objects.create(school=world.school, staff_id="P-010", last_name="Козлова",
                                         first_name="Анна", middle_name="Петровна")
    StaffYear.objects.create(school=world.school, year_id=YEAR, staff=kozlova).subjects.set([world.subjects["math"]])
    world.staff["kozlova"] = kozlova
    world.classes["4В-2023"] = SchoolClass.objects.create(school=world.school, year_id=PREVIOUS_YEAR, name="4В",
                                                          grade=4, letter="В")
    world.classes["6А"] = SchoolClass.objects.create(school=world.school, year_id=YEAR, name="6А", grade=6,
                                                     letter="А")
    orlova = StaffMember.objects.create(school=world.school, staff_id="P-020", last_name="Орлова", first_name="Ирина")
    StaffYear.objects.create(school=world.school, year_id=PREVIOUS_YEAR, staff=orlova)
    world.staff["orlova"] = orlova
    return world


@pytest.fixture
def last_year(world):
    for staff, class_key, subject in (("smirnova", "5А-2023", "math"), ("kozlova", "5А-2023", "physics"),
                                      ("orlova", "5А-2023", "physics"),
                                      ("smirnova", "4В-2023", "math")):
        TeachingAssignment.objects.create(school=world.school, year_id=PREVIOUS_YEAR, staff=world.staff[staff],
                                          school_class=world.classes[class_key], subject=world.subjects[subject])
