"""The teacher's page of a teacher of algebra or geometry: ВПР, ОГЭ and ЕГЭ «математика» are theirs.

From the 7th grade «математика» is taught as алгебра, геометрия, вероятность и статистика: in the demo school
the algebra teacher of 10А had no «ВПР, математика, 10 класс» on the page, and nobody else had it either.
ОГЭ, математика, 9А (tests/analysis/world.py): six works, «5» 1, «4» 3, «3» 1, «2» 1 — quality 4 of 6.
"""

from __future__ import annotations

import pytest

from tests.accounts.personas import YEAR
from tests.analysis.pages import rows
from tests.web.pages import parse
from vsoko.records.models import SchoolClass, StaffMember, StaffYear, Subject
from vsoko.teaching.models import TeachingAssignment

pytestmark = pytest.mark.django_db


def algebra_teacher(aw) -> tuple[StaffMember, Subject]:
    algebra, _ = Subject.objects.get_or_create(name="алгебра")
    member = StaffMember.objects.create(
        school=aw.school, staff_id="P-040", last_name="Балашова", first_name="Мария"
    )
    StaffYear.objects.create(school=aw.school, year_id=YEAR, staff=member).subjects.set([algebra])
    return member, algebra


def page(client, aw, staff):
    client.force_login(aw.users["deputy"])
    return parse(client.get(f"/assessments/teachers/{staff.pk}/?year={YEAR}"))


def test_without_load_the_algebra_teacher_sees_the_mathematics_procedures(client, aw):
    staff, _ = algebra_teacher(aw)

    response = page(client, aw, staff)

    assert [h.text.strip() for h in response.find_all("h2")] == ["ОГЭ, математика, 9 класс"]
    assert [r[:2] for r in rows(response.find_all("table")[0])] == [["9А", "6"]]


def test_with_load_algebra_in_9a_is_mathematics_in_9a(client, aw):
    staff, algebra = algebra_teacher(aw)
    nine_a = SchoolClass.objects.get(school=aw.school, year_id=YEAR, name="9А")
    TeachingAssignment.objects.create(
        school=aw.school, year_id=YEAR, staff=staff, school_class=nine_a, subject=algebra
    )

    response = page(client, aw, staff)

    assert [h.text.strip() for h in response.find_all("h2")] == ["ОГЭ, математика, 9 класс"]
    table = response.find_all("table")[0]
    assert [r[:2] for r in rows(table)] == [["9А", "6"]]
    total = table.find_all("tfoot")[0]
    assert [c.text for c in total.find_all("th") + total.find_all("td")][:3] == [
        "Всего",
        "6",
        "16,7 %",
    ]
