"""The inspections' orders on the overview's agenda (vsoko.oversight.agenda)."""

import datetime

import pytest
from django.utils import timezone

from tests.oversight.conftest import finding, inspection
from vsoko.oversight.agenda import findings_due

pytestmark = pytest.mark.django_db


def test_orders_overdue_or_due_within_two_weeks_and_not_put_right(world):
    today = datetime.date(2025, 3, 10)
    checked = inspection(world.school, datetime.date(2024, 11, 5))
    overdue = finding(checked, today - datetime.timedelta(days=1), text="освещённость")
    due = finding(checked, today + datetime.timedelta(days=14), text="аптечки")
    finding(checked, today + datetime.timedelta(days=15), text="ещё не скоро")
    finding(checked, today - datetime.timedelta(days=30), fixed_on=today - datetime.timedelta(days=31))
    finding(inspection(world.other_school, datetime.date(2024, 11, 5)), today - datetime.timedelta(days=1))

    assert findings_due([world.school], today) == [overdue, due]


def test_the_overview_shows_them_to_the_administration(client, world):
    today = timezone.localdate()
    finding(inspection(world.school, today - datetime.timedelta(days=90)), today - datetime.timedelta(days=1),
            text="Не заменены светильники в кабинете химии")
    client.force_login(world.users["deputy"])

    page = client.get("/").content.decode()

    assert "Предписания проверок" in page
    assert "срок прошёл</span> Не заменены светильники в кабинете химии" in page
