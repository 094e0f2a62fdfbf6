import datetime
import io

import pytest
from django.core.management import call_command

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


@pytest.mark.parametrize(("body", "adopted"), [
    (Body.SCHOOL_COUNCIL, "Совет школы, № 2"),
    (Body.SUBJECT_ASSOCIATION, "заседание методического объединения, № 2"),
    (Body.CONSILIUM, "педагогический консилиум, № 2"),
])
def test_the_council_the_methodical_association_and_the_consilium_are_bodies(world, body, adopted):
    """Regulation 000, п. 3.1 (methodical associations, the pedagogical consilium) and п. 4.11 (Совет школы)."""
    made = decision(world.school, YEAR, [], body=body, document_number="2")

    made.refresh_from_db()
    assert (made.body, made.adopted) == (body, adopted)


def test_the_migrations_store_every_body():
    """The choices are part of the model's state: a body added to the enum without a migration would show here."""
    out = io.StringIO()

    call_command("makemigrations", "decisions", "--check", "--dry-run", stdout=out)

    assert "No changes detected" in out.getvalue()
