"""Results in their social context (vsoko.analysis.context) on a hand-counted school."""

from fractions import Fraction

import pytest
from django.urls import reverse

from tests.accounts.personas import make_user
from tests.datavalues.records import Records
from vsoko.accounts.enums import Role
from vsoko.analysis.access import Privacy
from vsoko.analysis.context import context_table
from vsoko.datavalues.compute import recompute
from vsoko.records.enums import AssessmentKind, Outcome, SocialCategory

pytestmark = pytest.mark.django_db

LOW, ORPHAN = SocialCategory.LOW_INCOME, SocialCategory.ORPHAN


@pytest.fixture
def world(school):
    """2024/25: six pupils of low-income families in 5А — «5 5» excellent, «4 5» good, «3 4», «2 4» failing,
    «5 4» good, «3 3»: quality 3 of 6, success 5 of 6; two orphans in 6А — «5», «3»: quality 1 of 2, success 2 of 2;
    four pupils without a category — «5», «5», «4», «2». The school: quality 7 of 12, success 10 of 12.
    ВПР (порог 5 баллов): a1 «5» (10), a4 «2» (2), n1 «4» (8).
    2023/24: a1 alone, low-income, in 4А, «4»: quality 100 % both for the category and the school."""
    b = Records(school)
    vpr = b.assessment(AssessmentKind.VPR, "математика", 5, min_score=5)
    pupils = {}
    for sid, cls, category, marks in [
        ("a1", "5А", LOW, "55"), ("a2", "5А", LOW, "45"), ("a3", "5А", LOW, "34"), ("a4", "5А", LOW, "24"),
        ("a5", "5А", LOW, "54"), ("a6", "5А", LOW, "33"), ("o1", "6А", ORPHAN, "5"), ("o2", "6А", ORPHAN, "3"),
        ("n1", "5А", None, "5"), ("n2", "5А", None, "5"), ("n3", "5А", None, "4"), ("n4", "5А", None, "2"),
    ]:
        pupil = pupils[sid] = b.student(sid, cls, outcome=Outcome.PROMOTED)
        if category:
            b.social(pupil, category)
        b.marks(pupil, dict(zip(["математика", "русский язык"], marks, strict=False)))
    b.result(vpr, pupils["a1"], primary=10, mark=5)
    b.result(vpr, pupils["a4"], primary=2, mark=2)
    b.result(vpr, pupils["n1"], primary=8, mark=4)
    b.enroll(pupils["a1"], "4А", year=2023, outcome=Outcome.PROMOTED)
    b.social(pupils["a1"], LOW, year=2023)
    b.marks(pupils["a1"], {"математика": "4"}, year=2023)
    recompute(school, [2023, 2024])
    return school


def test_each_category_beside_the_school(world):
    table = context_table(world, 2024, Privacy(on=False))

    school = table.school_row.figures
    assert school["students"] == 12
    assert school["quality"] == Fraction(700, 12)
    assert school["success"] == Fraction(1000, 12)
    assert school["results"] == 3
    assert school["twos"] == Fraction(100, 3)
    assert school["passed"] == Fraction(200, 3)

    orphans, low = table.rows  # in the order of the categories' list
    assert (orphans.population.category, low.population.category) == (ORPHAN, LOW)
    assert low.figures["students"] == 6
    assert low.figures["quality"] == 50
    assert low.figures["success"] == Fraction(500, 6)
    assert low.figures["results"] == 2
    assert low.figures["twos"] == 50
    assert low.figures["passed"] == 50
    assert low.versus_school["quality"] == 50 - Fraction(700, 12)
    assert low.versus_school["success"] == 0
    assert low.changes["quality"] == -50
    assert orphans.figures["quality"] == 50
    assert orphans.figures["success"] == 100
    assert orphans.figures["results"] == 0
    assert orphans.figures["twos"] is None
    assert orphans.changes["quality"] is None  # no orphans last year
    assert table.school_row.changes["quality"] == Fraction(700, 12) - 100


def test_the_observer_sees_no_small_group(world):
    orphans, low = context_table(world, 2024, Privacy(on=True, minimum=5)).rows

    assert orphans.hidden  # two pupils
    assert not low.hidden
    # 3 of 6 and 5 of 6 tell of fewer than five pupils (in the part or the rest); 1 of 2 results likewise.
    assert low.hidden_shares == {"quality", "success", "twos", "passed"}


def test_categories_without_pupils_are_left_out(school):
    b = Records(school)
    b.marks(b.student("n1", "5А", outcome=Outcome.PROMOTED), {"математика": "5"})
    recompute(school, [2024])

    table = context_table(school, 2024, Privacy(on=False))

    assert table.rows == []
    assert table.school_row.figures["quality"] == 100


def test_page_for_the_deputy_and_not_for_a_teacher(world, client):
    deputy = make_user("deputy", role=Role.DEPUTY, org_unit=world, sees_sensitive=True)
    client.force_login(deputy)
    page = client.get(reverse("analysis:context"), {"year": 2024})
    assert page.status_code == 200
    text = page.content.decode()
    assert "малообеспеченная семья" in text and "сирота" in text
    assert "▼ −8,3 п. п." in text  # low-income quality against the school's 58,3 %

    workbook = client.get(reverse("analysis:context"), {"year": 2024, "format": "xlsx"})
    assert workbook.status_code == 200 and workbook.content[:2] == b"PK"

    teacher = make_user("teacher", role=Role.TEACHER, org_unit=world)
    client.force_login(teacher)
    assert client.get(reverse("analysis:context"), {"year": 2024}).status_code == 403
