"""vsoko.demo.observations: the demo school's journal, through `vsoko demo` as a user runs it."""

import pytest
from django.core.management import call_command

from vsoko.datavalues.models import DataValue
from vsoko.demo.generator import generate_school
from vsoko.demo.model import LAST_YEAR, SchoolProfile
from vsoko.observations.enums import VisitKind
from vsoko.observations.models import LessonVisit
from vsoko.records.models import OrgUnit

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def share(school, year: int, code: str) -> float:
    value = {v.code: float(v.value) for v in DataValue.objects.filter(
        org_unit=school, year_id=year, code__in=[code, "visits.teachers"], key="")}
    return value[code] / value["visits.teachers"]


def test_the_demo_visits_lessons_of_its_last_three_years_and_ict_grows(capsys):
    call_command("demo", students=60, years=3, seed=3, force=True)
    school = OrgUnit.objects.get(code="school-1")
    visits = LessonVisit.objects.filter(school=school).select_related("observer", "teacher")
    per_year = {year: visits.filter(year_id=year).count() for year in range(LAST_YEAR - 2, LAST_YEAR + 1)}

    assert all(40 <= n <= 80 for n in per_year.values()), per_year
    assert share(school, LAST_YEAR - 2, "visits.teachers.ict") < share(school, LAST_YEAR, "visits.teachers.ict")
    assert not visits.filter(kind=VisitKind.EVENT, school_class__isnull=False).exists()
    assert all(v.teacher_id != v.observer_id and v.teacher.school_id == school.pk for v in visits)
    before = sorted(visits.values_list("date", "teacher__staff_id", "total"))

    call_command("demo", students=60, years=3, seed=3, force=True)

    assert sorted(LessonVisit.objects.filter(school=school).values_list("date", "teacher__staff_id", "total")) == before


def test_the_package_no_longer_enters_the_two_shares_the_journal_computes():
    package = generate_school(SchoolProfile("school-1", "Школа", "7", students=60), 2)

    given = {r["indicator"] for r in package.tables["values"]}
    assert "reg000.5.1" in given
    assert not given & {"reg000.6.1", "reg000.6.2"}
