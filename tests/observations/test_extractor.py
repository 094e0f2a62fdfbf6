"""vsoko.datavalues.extractors.observations and the indicators reg000.6.1 / 6.2 on a hand-built journal.

2024/2025, school 1: five visits to three pedagogical teachers —
  Смирнова twice (technologies and ИКТ once, nothing the second time), Волков once (ИКТ only),
  Орлова once (nothing) — and two visits that must not count: to the accountant Белова (not pedagogical)
  and a record of school 1 pointing at Зайцева of school 2, both with technologies and ИКТ.
Teachers observed 3; with technologies 1 (Смирнова) → 33,3 %; with ИКТ 2 (Смирнова, Волков) → 66,7 %.
"""

import datetime

import pytest

from tests.accounts.personas import YEAR
from tests.indicators.conftest import values_by_key
from tests.observations.conftest import visit
from vsoko.datavalues.compute import recompute
from vsoko.datavalues.models import DataValue
from vsoko.indicators.catalogs import CATALOG_DIR, read_catalog
from vsoko.indicators.evaluate import Definition
from vsoko.observations.enums import VisitKind, VisitPurpose

pytestmark = pytest.mark.django_db


@pytest.fixture
def journal(world):
    visit(world, "smirnova", modern_technologies=True, ict=True)
    visit(world, "smirnova", day=datetime.date(2025, 2, 3), points=0, purpose=VisitPurpose.PERSONAL)
    visit(world, "volkov", ict=True, differentiation=True, points=1)
    visit(world, "orlova", kind=VisitKind.EVENT, school_class=None)
    visit(world, "accountant", modern_technologies=True, ict=True, kind=VisitKind.EVENT, school_class=None)
    visit(world, "other", modern_technologies=True, ict=True, school_class=None)
    recompute(world.school, [YEAR])
    return world


def values(school, code: str) -> dict[str, float]:
    return {v.key: float(v.value) for v in DataValue.objects.filter(org_unit=school, year_id=YEAR, code=code)}


def test_teachers_are_counted_once_and_only_the_schools_pedagogical_staff(journal):
    assert values(journal.school, "visits.teachers") == {"": 3}
    assert values(journal.school, "visits.teachers.modern") == {"": 1}
    assert values(journal.school, "visits.teachers.ict") == {"": 2}
    assert values(journal.school, "visits.teachers.differentiation") == {"": 1}


def test_every_visit_is_counted_by_kind_purpose_and_level(journal):
    counts = values(journal.school, "visits.count")

    assert sum(counts.values()) == 6
    assert counts == {
        "lesson_level=high|visit_kind=lesson|visit_purpose=thematic": 2,  # Смирнова 10, Зайцева 10
        "lesson_level=low|visit_kind=lesson|visit_purpose=personal": 1,  # Смирнова 0
        "lesson_level=sufficient|visit_kind=lesson|visit_purpose=thematic": 1,  # Волков 5
        "lesson_level=high|visit_kind=event|visit_purpose=thematic": 2,  # Орлова, Белова
    }


def test_the_two_indicators_are_shares_of_the_teachers_observed(journal):
    errors: list[str] = []
    defs = {e["code"]: Definition.from_entry(e) for e in read_catalog(CATALOG_DIR / "reg000.yaml", errors).indicators}
    assert errors == []

    got = values_by_key(journal.school, YEAR, defs, ["reg000.6.1", "reg000.6.2"])

    modern, ict = got[("reg000.6.1", ())], got[("reg000.6.2", ())]
    assert (modern.numerator, modern.denominator, modern.value) == (1, 3, pytest.approx(100 / 3))
    assert (ict.numerator, ict.denominator, ict.value) == (2, 3, pytest.approx(200 / 3))


def test_a_year_without_visits_has_no_value(world):
    recompute(world.school, [YEAR])

    assert values(world.school, "visits.teachers") == {}
