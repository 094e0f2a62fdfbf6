import pytest
from django.core.management import call_command

from vsoko.demo.model import LAST_YEAR
from vsoko.demo.support import support_demo_year
from vsoko.records.models import OrgUnit
from vsoko.support.enums import CaseStatus
from vsoko.support.models import SupportCase, SupportMeasure

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_the_demo_opens_cases_with_measures_done_and_overdue_and_keeps_them_on_a_second_run():
    call_command("demo", students=200, years=2, seed=3, force=True, stdout=_Null())
    school = OrgUnit.objects.get(code="school-1")
    cases = SupportCase.objects.filter(school=school, year_id=LAST_YEAR)
    measures = SupportMeasure.objects.filter(case__in=cases)

    assert cases.count() >= 5
    assert set(cases.values_list("opened_period", flat=True)) == {"q1", "q2"}
    assert cases.exclude(status=CaseStatus.OPEN).exists() and cases.filter(status=CaseStatus.OPEN).exists()
    assert measures.filter(done=True).exists() and measures.filter(done=False).exists()
    assert measures.filter(responsible__isnull=False).exists()
    before = sorted(cases.values_list("student_id", "status"))
    assert support_demo_year(school, LAST_YEAR, 3) == 0
    assert sorted(cases.values_list("student_id", "status")) == before


class _Null:
    def write(self, text):
        pass

    def flush(self):
        pass
