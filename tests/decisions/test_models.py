import datetime

import pytest

from tests.accounts.personas import YEAR
from tests.decisions.conftest import decision
from vsoko.decisions.agenda import decisions_due
from vsoko.decisions.enums import Body, DecisionStatus
from vsoko.records.models import OrgUnit

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 3, 10)


def test_only_an_open_decision_past_its_deadline_is_overdue(world):
    late = decision(world.school, YEAR, [], deadline=datetime.date(2025, 3, 9))
    on_time = decision(world.school, YEAR, [], deadline=TODAY)
    done = decision(world.school, YEAR, [], deadline=datetime.date(2025, 1, 1), status=DecisionStatus.DONE)
    without_deadline = decision(world.school, YEAR, [], status=DecisionStatus.IN_PROGRESS)

    assert [d.is_overdue(TODAY) for d in (late, on_time, done, without_deadline)] == [True, False, False, False]


def test_where_adopted_with_the_document_number(world):
    assert decision(world.school, YEAR, [], body=Body.ORDER, document_number="112-о").adopted == (
        "приказ директора, № 112-о")
    assert decision(world.school, YEAR, [], body=Body.METHODICAL_COUNCIL).adopted == "методический совет"


def test_the_agenda_has_overdue_and_the_next_two_weeks_of_open_decisions(world):
    overdue = decision(world.school, YEAR - 1, [], deadline=datetime.date(2024, 12, 1), title="прошлогоднее")
    soon = decision(world.school, YEAR, [], deadline=datetime.date(2025, 3, 24), title="через 14 дней")
    decision(world.school, YEAR, [], deadline=datetime.date(2025, 3, 25), title="через 15 дней")
    decision(world.school, YEAR, [], deadline=datetime.date(2025, 3, 12), status=DecisionStatus.CANCELLED)
    decision(world.other_school, YEAR, [], deadline=datetime.date(2025, 3, 12))

    due = decisions_due(OrgUnit.objects.filter(pk=world.school.pk), TODAY)

    assert due == [overdue, soon]
