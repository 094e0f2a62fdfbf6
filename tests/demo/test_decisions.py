"""The demo's management decisions: those of the year before the last and of the last year, only for years the
demo made (`vsoko demo --years 1` has no year before the last)."""

import pytest

from vsoko.decisions.models import Decision
from vsoko.demo.decisions import decide_demo_years
from vsoko.records.models import SchoolYear

pytestmark = pytest.mark.django_db
YEAR = 2025


def test_two_years_get_three_decisions_each(school):
    SchoolYear.objects.create(pk=YEAR - 1)
    SchoolYear.objects.create(pk=YEAR)

    decide_demo_years(school, YEAR)

    assert sorted(Decision.objects.filter(school=school).values_list("year_id", flat=True)) == [YEAR - 1] * 3 + [YEAR] * 3


def test_one_year_gets_only_its_own_decisions(school):
    SchoolYear.objects.create(pk=YEAR)

    decide_demo_years(school, YEAR)

    assert list(Decision.objects.filter(school=school).values_list("year_id", flat=True)) == [YEAR] * 3
