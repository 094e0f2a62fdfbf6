"""The personas' world (tests/accounts/personas.py) with a small preschool monitoring of school 1.

2024/2025 — «Младшая» (15 детей, 1 с ОВЗ), «Старшая» (12, 2 с ОВЗ), «Новая» (10, 0) without any level:

    взаимодействие с семьей   Младшая: информирование 3, участие 2, удовлетворённость 4, поддержка «не оценивался»
                              Старшая: информирование 1, участие 2, удовлетворённость 3, поддержка — нет строки
    образовательные условия   Младшая: среда 2;  Старшая: среда 4

    семья:   6 оценок, сумма 15 → средний 2,5; не ниже базового 5 из 6 → 83,3 %
    условия: 2 оценки, сумма 6 → средний 3; 2 из 2 → 100 %
    всего:   8 оценок, сумма 21 → 2,625; 7 из 8 → 87,5 %
    зона роста: информирование (ниже базового в «Старшей»), средний (3 + 1) / 2 = 2

2023/2024 — «Прошлогодняя»: информирование 2, участие 2 (семья 2,0), среда 4 (условия 4,0):
    семья ▲ +0,5, условия ▼ −1.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from tests.accounts.personas import build_world
from vsoko.preschool.models import Evaluation, PreschoolGroup
from vsoko.records.models import SchoolYear

YEAR = 2024
DAY = datetime.date(2025, 4, 20)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    return build_world()


def rate(group: PreschoolGroup, **levels: int) -> None:
    for key, level in levels.items():
        Evaluation.objects.create(group=group, indicator=key, level=level, evaluator="Петрова Н. Н.",
                                  evaluated_on=datetime.date(group.year_id + 1, 4, 20),
                                  comment="не хватает стенда" if level == 1 else "")


@dataclass
class Monitoring:
    world: object
    young: PreschoolGroup
    old: PreschoolGroup
    new: PreschoolGroup
    last_year: PreschoolGroup


@pytest.fixture
def monitoring(world) -> Monitoring:
    school = world.school
    SchoolYear.objects.get_or_create(start=YEAR - 1)
    young = PreschoolGroup.objects.create(school=school, year_id=YEAR, name="Младшая", age_band="3–4 года",
                                          children=15, children_ovz=1)
    old = PreschoolGroup.objects.create(school=school, year_id=YEAR, name="Старшая", age_band="5–7 лет",
                                        children=12, children_ovz=2)
    new = PreschoolGroup.objects.create(school=school, year_id=YEAR, name="Новая", age_band="4–5 лет", children=10)
    last = PreschoolGroup.objects.create(school=school, year_id=YEAR - 1, name="Прошлогодняя", age_band="3–7 лет",
                                         children=20)
    rate(young, family_information=3, family_participation=2, family_satisfaction=4, family_support=0,
         conditions_environment=2)
    rate(old, family_information=1, family_participation=2, family_satisfaction=3, conditions_environment=4)
    rate(last, family_information=2, family_participation=2, conditions_environment=4)
    return Monitoring(world, young, old, new, last)
