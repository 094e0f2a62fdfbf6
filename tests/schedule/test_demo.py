"""The demo's schedule: ВПР on the dates of the loaded protocols with their results linked, the school's works,
the subjects' hours and the deliberate problems; a second run changes nothing."""

import datetime

import pytest
from django.core.management import call_command

from vsoko.demo.model import LAST_YEAR
from vsoko.demo.schedule import schedule_demo_year
from vsoko.demo.service import DEMO_SCHOOL_NAME, run_demo
from vsoko.schedule.enums import Level, ProblemKind, ProcedureKind
from vsoko.schedule.load import problems
from vsoko.schedule.models import Holiday, ScheduledAssessment, SubjectHours
from vsoko.schedule.results import loaded_results

pytestmark = pytest.mark.django_db


def test_the_demo_schedules_its_last_year_with_a_few_deliberate_problems():
    call_command("init", school=DEMO_SCHOOL_NAME, verbosity=0)
    school = run_demo(students=60, years=2, seed=3).schools[0].school
    entries = ScheduledAssessment.objects.filter(school=school, year_id=LAST_YEAR)
    before = sorted(entries.values_list("school_class_id", "date", "subject_id", "kind"))

    schedule_demo_year(school, LAST_YEAR, 3)

    assert sorted(entries.values_list("school_class_id", "date", "subject_id", "kind")) == before
    vpr = list(entries.filter(kind=ProcedureKind.VPR))
    assert vpr and all(e.level == Level.FEDERAL for e in vpr)
    assert len(loaded_results(vpr)) == len(vpr)  # every ВПР of the schedule has its protocol loaded
    assert entries.filter(level=Level.SCHOOL).count() > 100
    assert SubjectHours.objects.filter(school=school, year_id=LAST_YEAR, grade=5, subject__name__in=["Математика", "математика"],
                                       hours=170).exists()
    found = problems(school, LAST_YEAR)
    kinds = {p.kind for p in found}
    assert {ProblemKind.EXTERNAL_DAY, ProblemKind.SHARE, ProblemKind.WEEK, ProblemKind.HOLIDAY} <= kinds
    assert ProblemKind.NO_HOURS not in kinds
    # The school's own works keep clear of days off; a ВПР keeps its protocol's date, which the demo's assessments
    # draw among weekdays only (1 May of seed 3 among them).
    assert all("ВПР" in p.text for p in found if p.kind == ProblemKind.DAY_OFF)
    in_holidays = [p for p in found if p.kind == ProblemKind.HOLIDAY]
    assert [(p.class_name[0], p.date) for p in in_holidays] == [("1", datetime.date(LAST_YEAR + 1, 2, 18))]
    assert len(found) <= 10, [p.text for p in found]


def test_each_demo_year_has_the_typical_holidays():
    call_command("init", school=DEMO_SCHOOL_NAME, verbosity=0)
    school = run_demo(students=60, years=2, seed=3).schools[0].school

    assert sorted(Holiday.objects.filter(school=school).values_list("year_id", "name")) == sorted(
        (year, name) for year in (LAST_YEAR - 1, LAST_YEAR) for name in (
            "осенние каникулы", "зимние каникулы", "дополнительные каникулы для 1 класса", "весенние каникулы"))
