"""The demo's diagnostics: every procedure of the plan in each year, plausible shares, values computed,
and a second run changes nothing."""

import pytest
from django.core.management import call_command
from django.db.models import Count

from vsoko.datavalues.models import DataValue
from vsoko.demo.diagnostics import hold_demo_diagnostics
from vsoko.demo.model import LAST_YEAR
from vsoko.demo.service import DEMO_SCHOOL_NAME, run_demo
from vsoko.diagnostics.models import Diagnostic, DiagnosticResult
from vsoko.records.models import ManualValue

pytestmark = pytest.mark.django_db


def test_the_demo_holds_the_diagnostics_of_each_year_and_keeps_them_on_a_second_run():
    call_command("init", school=DEMO_SCHOOL_NAME, verbosity=0)
    school = run_demo(students=60, years=2, seed=3).schools[0].school
    held = set(Diagnostic.objects.filter(school=school).values_list("year_id", "procedure",
                                                                    "school_class__grade").distinct())
    results = DiagnosticResult.objects.filter(diagnostic__school=school)
    before = sorted(results.values_list("diagnostic__procedure", "enrollment_id", "level"))

    hold_demo_diagnostics(school, LAST_YEAR, 2, 3)

    for year in (LAST_YEAR - 1, LAST_YEAR):
        assert {(year, "readiness_1", 1), (year, "adaptation_1", 1), (year, "adaptation_5", 5), (year, "anxiety", 1),
                (year, "anxiety", 5), (year, "upbringing", 2), (year, "upbringing", 11), (year, "health", 1),
                (year, "health", 11), (year, "spt", 7), (year, "spt", 11), (year, "career_10_11", 10),
                (year, "career_10_11", 11)} <= held
        assert not {(year, "spt", 6), (year, "career_10_11", 9)} & held
    levels = dict(results.filter(diagnostic__procedure="upbringing").values_list("level").annotate(n=Count("id")))
    assert levels["medium"] > levels["high"] > 0 and levels["low"] > 0
    assert sorted(results.values_list("diagnostic__procedure", "enrollment_id", "level")) == before
    assert DataValue.objects.filter(org_unit=school, code="diagnostics.pupils", year_id=LAST_YEAR).exists()
    # Every reg000 indicator of п. 4.4 has a demo value, the health one (4.4.6.1) included.
    assert DataValue.objects.filter(org_unit=school, code="diagnostics.pupils", year_id=LAST_YEAR,
                                    breakdown__diagnostic="health").exists()
    # reg004.5.3.2 (СПТ) and reg004.3.2.1 (профдиагностика 10–11) are computed from them: the package enters neither.
    assert DataValue.objects.filter(org_unit=school, code="diagnostics.pupils", year_id=LAST_YEAR,
                                    breakdown__diagnostic="spt", breakdown__in_ce="yes").exists()
    assert not ManualValue.objects.filter(school=school, indicator__in=["reg004.5.3.2", "reg004.3.2.1"]).exists()
    assert ManualValue.objects.filter(school=school, indicator="reg004.5.3.7").exists()  # still entered: bullying
