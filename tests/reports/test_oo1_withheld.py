"""«Черновик формы ОО-1» for the municipal observer: small groups of pupils with ОВЗ, disabled or left to repeat
the year are withheld («—*») cell by cell, with the cells that would give them back by subtraction from the
levels' and the school's totals; the school's administration, who files the form, sees every figure.

The world of tests/reports/test_oo1.py (`oo1_world`), plus 6 pupils with ОВЗ in a 6А of s1 — by hand, on 20.09.2024:
    ОВЗ:        5 класс 1, 6 класс 6 → «Итого 5–9» 7, «Всего» 7;
    инвалиды:   10 класс 1 → «Итого 10–11» 1, «Всего» 1;
    повторно:   5 класс 1 → «Итого 5–9» 1, «Всего» 1.
For the observer: 5 класс ОВЗ (1) is small; 6 класс (6) would give it back (7 − 6), so it goes too; «Итого 5–9» and
«Всего» (7) stay. The lone disabled pupil and the lone repeater are withheld with their subtotal and total (1 each).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.accounts.personas import YEAR
from tests.reports.test_oo1 import oo1_world, row, sheets  # noqa: F401 — the fixture
from vsoko.records import enums
from vsoko.records.models import SchoolClass, Student
from vsoko.reports import oo1

pytestmark = pytest.mark.django_db
HIDDEN = "—*"


@pytest.fixture
def ovz_world(oo1_world):  # noqa: F811 — the fixture imported above
    world = oo1_world
    world.classes["6А"] = SchoolClass.objects.create(school=world.school, year_id=YEAR, name="6А", grade=6, letter="А")
    for i in range(6):
        student = Student.objects.create(school=world.school, student_id=f"O-{i}", last_name="Овзова",
                                         first_name="Ия", sex=enums.Sex.FEMALE)
        world.enroll(student, "6А", ovz=True)
    return world


def grades_of(data: bytes) -> list[list]:
    return sheets(data)["По классам"]


def download(client, world, role: str) -> bytes:
    client.force_login(world.users[role])
    response = client.get(reverse("reports:oo1_xlsx"), {"school": "s1", "year": YEAR})
    assert response.status_code == 200
    return response.content


def test_the_observer_gets_small_groups_withheld_with_their_complement(client, ovz_world):
    grades = grades_of(download(client, ovz_world, "observer"))

    # classes, pupils, girls, ОВЗ, disabled, repeating
    assert row(grades, "5 класс")[1:] == [2, 3, 0, HIDDEN, 0, HIDDEN]
    assert row(grades, "6 класс")[1:] == [1, 6, 6, HIDDEN, 0, 0]
    assert row(grades, "Итого 5–9 классы")[1:] == [3, 9, 6, 7, 0, HIDDEN]
    assert row(grades, "10 класс")[1:] == [1, 4, 2, 0, HIDDEN, 0]
    assert row(grades, "Итого 10–11 классы")[1:] == [1, 4, 2, 0, HIDDEN, 0]
    assert row(grades, "Всего 1–11 классы")[1:] == [4, 13, 8, 7, HIDDEN, HIDDEN]
    # The subtraction gives back nothing: 7 − (the shown ОВЗ cells of 5–9 классы) is two cells, not one.
    shown = [row(grades, f"{g} класс")[4] for g in range(5, 10)]
    assert shown.count(HIDDEN) == 2
    assert any("малые группы скрыты" in str(r[0]) for r in sheets(download(client, ovz_world, "observer"))[
        "Как пользоваться"])


@pytest.mark.parametrize("role", ["deputy", "director"])
def test_the_schools_administration_sees_every_figure(client, ovz_world, role):
    grades = grades_of(download(client, ovz_world, role))

    assert row(grades, "5 класс")[1:] == [2, 3, 0, 1, 0, 1]
    assert row(grades, "6 класс")[1:] == [1, 6, 6, 6, 0, 0]
    assert row(grades, "Всего 1–11 классы")[1:] == [4, 13, 8, 7, 1, 1]


def test_the_builder_withholds_only_when_asked(ovz_world):
    full = oo1.workbook(oo1.build(ovz_world.school, YEAR))
    withheld = oo1.workbook(oo1.build(ovz_world.school, YEAR, suppress=True))

    assert row(grades_of(full), "10 класс")[5] == 1
    assert row(grades_of(withheld), "10 класс")[5] == HIDDEN
