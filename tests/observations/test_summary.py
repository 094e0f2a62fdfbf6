import datetime
from decimal import Decimal

import pytest

from tests.accounts.personas import YEAR
from tests.observations.conftest import visit
from vsoko.observations.criteria import level_of
from vsoko.observations.enums import LessonLevel, VisitPurpose
from vsoko.observations.models import LessonVisit
from vsoko.observations.summary import (
    filter_visits,
    level_counts,
    month_rows,
    purpose_rows,
    teacher_rows,
    totals,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("total", "level"), [
    (10, LessonLevel.HIGH), (8, LessonLevel.HIGH), (7, LessonLevel.SUFFICIENT), (5, LessonLevel.SUFFICIENT),
    (4, LessonLevel.LOW), (0, LessonLevel.LOW),
])
def test_levels_follow_the_documented_thresholds(total, level):
    assert level_of(total) == level


def test_the_summary_per_teacher_purpose_and_month(world):
    visit(world, "smirnova", modern_technologies=True, ict=True, points=2, recommendations="старая")
    visit(world, "smirnova", day=datetime.date(2025, 2, 3), points=1, recommendations="новая",
          purpose=VisitPurpose.PERSONAL)
    visit(world, "smirnova", day=datetime.date(2025, 3, 3), points=1, recommendations="")
    visit(world, "volkov", ict=True, points=0)
    visits = LessonVisit.objects.filter(school=world.school, year_id=YEAR)

    rows = teacher_rows(visits)
    purposes = purpose_rows(visits)
    months = month_rows(visits)

    assert [(r.teacher.last_name, r.visits, r.modern, r.ict, r.mean_score, r.last_visit, r.recommendations)
            for r in rows] == [
        ("Волков", 1, 0, 1, Decimal("0.0"), datetime.date(2024, 10, 15), ""),
        ("Смирнова", 3, 1, 1, Decimal("6.7"), datetime.date(2025, 3, 3), "новая"),
    ]
    assert rows[1].modern_share == Decimal("33.3")
    assert [(p.label, p.visits, p.teachers) for p in purposes] == [
        ("тематический контроль", 3, 2), ("персональный контроль", 1, 1)]
    assert [(m.label, m.visits) for m in months] == [("октябрь", 2), ("февраль", 1), ("март", 1)]
    assert level_counts(visits) == {"high": 1, "sufficient": 2, "low": 1}
    t = totals(visits)
    assert (t.visits, t.teachers, t.modern, t.ict, t.ict_share) == (4, 2, 1, 2, Decimal("100.0"))
    assert filter_visits(visits, month=2).count() == 1
