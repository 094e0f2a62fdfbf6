"""The demo's requests (vsoko.demo.inquiries) on a few bare schools, not a whole demo: the single school's request
waits for its answer; in a municipality of 8 schools the context request is answered by 5 (one of them returned),
the demo school among the 3 that have not; the head's questionnaire answered by 3; a second run sends nothing."""

from decimal import Decimal

import pytest

from tests.demo.test_siteaudit import more_schools
from vsoko.demo.inquiries import inquire_demo_year
from vsoko.indicators.enums import Method, Unit
from vsoko.indicators.models import Catalog, Indicator
from vsoko.inquiries.enums import AnswerStatus
from vsoko.inquiries.models import Inquiry, InquiryAnswer
from vsoko.inquiries.workflow import open_answers
from vsoko.records.enums import ValueScope
from vsoko.records.models import ManualValue, OrgUnit, SchoolYear

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture(autouse=True)
def year(db):
    SchoolYear.objects.get_or_create(start=YEAR)


@pytest.fixture
def posts_indicator(db):
    """The hand-entered share of posts filled the context form's answer fills (the catalog is not loaded here)."""
    catalog = Catalog.objects.create(code="reg004", name="Положение 004")
    return Indicator.objects.create(catalog=catalog, code="reg004.4.2.2", unit=Unit.PERCENT, method=Method.ENTERED,
                                    name="Доля фактически занятых ставок педагогических работников")


def statuses(inquiry):
    return sorted(inquiry.answers.values_list("status", flat=True))


def test_the_single_school_has_a_request_of_its_municipality_to_answer(school):
    inquire_demo_year([school], YEAR, seed=1)

    inquiry = Inquiry.objects.get()
    assert (inquiry.sender, inquiry.form, inquiry.year_id) == (school.parent, "context", YEAR)
    assert statuses(inquiry) == [AnswerStatus.NEW]
    assert [a.inquiry for a in open_answers(OrgUnit.objects.filter(pk=school.pk))] == [inquiry]


def test_a_municipality_of_eight_schools(school, posts_indicator):
    schools = more_schools(school, 8)
    for unit in schools:  # each school entered 57 of 60 posts filled: 95 %
        ManualValue.objects.create(school=unit, year_id=YEAR, indicator="reg004.4.2.2", numerator=57, denominator=60)

    inquire_demo_year(schools, YEAR, seed=1)
    inquire_demo_year(schools, YEAR, seed=2)

    context = Inquiry.objects.get(form="context")
    # round(8 × 2/3) = 5 answered: 4 sent, the last returned; 3 not answered, the demo school among them.
    assert statuses(context) == [AnswerStatus.NEW] * 3 + [AnswerStatus.RETURNED] + [AnswerStatus.SENT] * 4
    assert InquiryAnswer.objects.get(inquiry=context, recipient=school).status == AnswerStatus.NEW
    returned = InquiryAnswer.objects.get(inquiry=context, status=AnswerStatus.RETURNED)
    assert "уточните" in returned.return_comment
    # Sending filled the share of posts: the school's own 95 % for the sent, 100 % for the returned one.
    entered = dict(ManualValue.objects.filter(indicator="reg004.4.2.2", scope=ValueScope.SCHOOL)
                   .values_list("school_id", "value"))
    sent = context.answers.filter(status=AnswerStatus.SENT).values_list("recipient_id", flat=True)
    assert {entered[pk] for pk in sent} == {Decimal(95)}
    assert entered[returned.recipient_id] == Decimal(100)
    assert entered[school.pk] is None  # not answered: the numerator and denominator stay
    head = Inquiry.objects.get(form="school_head")
    assert statuses(head) == [AnswerStatus.NEW] * 5 + [AnswerStatus.SENT] * 3
    assert Inquiry.objects.count() == 2
