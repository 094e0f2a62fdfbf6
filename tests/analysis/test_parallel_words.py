"""A grade's classes together are «параллель 5-х классов», as a school says, not «Классы 5 параллели»."""

from __future__ import annotations

import pytest

from tests.accounts.personas import YEAR
from tests.analysis.pages import links
from tests.web.pages import parse
from vsoko.records.models import SchoolClass

pytestmark = pytest.mark.django_db


def test_the_procedure_and_the_class_link_to_the_parallel_of_5th_classes(client, aw):
    client.force_login(aw.users["deputy"])
    klass = SchoolClass.objects.get(school=aw.school, year_id=YEAR, name="5А")
    grade_url = f"/assessments/grades/5/?school={aw.school.code}&year={YEAR}"

    procedure = parse(client.get(f"/assessments/{aw.vpr.pk}/"))
    class_page = parse(client.get(f"/assessments/classes/{klass.pk}/"))
    grade = parse(client.get("/assessments/grades/5/"))

    assert ("Параллель 5-х классов", grade_url) in links(procedure)
    assert ("Параллель 5-х классов", grade_url) in links(class_page)
    assert grade.find_all("h1")[0].text == "Параллель 5-х классов: классы рядом"
