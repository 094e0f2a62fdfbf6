"""Nobody assesses themselves (regulation 000, п. 2.2: the commission's collegial evaluation).

Волков Олег (login `volkov`, tests/rating/conftest.py) teaches physics and is also a заместитель директора here —
a member of the commission with a sheet of his own. He fills his sheet as a teacher; the commission's points,
the confirmation and the return of it are another member's (the persona `deputy`), and he still checks the
sheets of the others.
"""

import pytest
from django.urls import reverse

from tests.accounts.personas import YEAR
from vsoko.accounts.enums import Role
from vsoko.accounts.models import Membership
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.rating import workflow
from vsoko.rating.enums import SheetStatus
from vsoko.rating.models import RatingSheet

pytestmark = pytest.mark.django_db

OWN = "Свой лист подтверждает другой член комиссии"
VOLKOV_DECLARED = {"2.3": (2, "кружок «Юный физик»"), "3.6": (1, "открытый урок"), "4.1": (3, "10А: собрания")}


@pytest.fixture
def period(world):
    Membership.objects.create(user=world.users["volkov"], role=Role.DEPUTY, org_unit=world.school)
    return workflow.open_period(world.school, YEAR)


@pytest.fixture
def submitted(world, period):
    """Волков's own sheet, filled and submitted: the commission's turn."""
    sheet = RatingSheet.objects.get(period=period, staff=world.staff["volkov"])
    workflow.save_self(sheet, VOLKOV_DECLARED)
    workflow.submit(sheet)
    return sheet


def commission_form(sheet, action: str, **changed) -> dict:
    data = {f"c-points-{line.code}": line.confirmed_points for line in sheet.lines.all()}
    return data | {"class_teacher": "on", "action": action} | changed


def changes_of(sheet) -> list:
    return list(AuditEntry.objects.filter(action=AuditAction.CHANGE, object_type="rating_sheet",
                                          object_id=str(sheet.pk)).values_list("username", "details__действие"))


def test_the_member_sees_why_the_commissions_buttons_are_missing_on_their_own_sheet(client, world, submitted):
    client.force_login(world.users["volkov"])

    page = client.get(reverse("rating:sheet", args=[submitted.pk])).content.decode()

    assert OWN in page
    assert 'name="c-points-2.3"' not in page and 'value="confirm"' not in page and 'value="review"' not in page
    assert 'value="return"' not in page and "Вернуть на доработку" not in page


def test_the_member_confirming_their_own_sheet_is_refused_and_nothing_changes(client, world, submitted):
    client.force_login(world.users["volkov"])
    url = reverse("rating:sheet", args=[submitted.pk])

    confirmed = client.post(url, commission_form(submitted, "confirm", **{"c-points-2.3": "3", "c-comment-2.3": "ок"}))
    reviewed = client.post(url, commission_form(submitted, "review", **{"c-points-3.6": "3", "c-comment-3.6": "ок"}))
    returned = client.post(url, {"action": "return", "return_comment": "Переписать"})

    assert (confirmed.status_code, reviewed.status_code, returned.status_code) == (403, 403, 403)
    assert OWN in confirmed.content.decode()
    submitted.refresh_from_db()
    assert (submitted.status, submitted.confirmed_by, submitted.return_comment) == (SheetStatus.SUBMITTED, None, "")
    points = dict(submitted.lines.values_list("code", "confirmed_points"))
    assert (points["2.3"], points["3.6"], points["4.1"]) == (2, 1, 3)  # the self-assessment, as submitted
    assert changes_of(submitted) == []


def test_another_member_confirms_the_sheet(client, world, submitted):
    client.force_login(world.users["deputy"])
    url = reverse("rating:sheet", args=[submitted.pk])

    page = client.get(url).content.decode()
    response = client.post(url, commission_form(submitted, "confirm"))

    assert OWN not in page and 'value="confirm"' in page
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert (submitted.status, submitted.confirmed_by) == (SheetStatus.CONFIRMED, world.users["deputy"])
    assert changes_of(submitted) == [("deputy", "Лист подтверждён.")]


def test_the_member_fills_and_submits_their_own_sheet_as_a_teacher(client, world, period):
    sheet = RatingSheet.objects.get(period=period, staff=world.staff["volkov"])
    client.force_login(world.users["volkov"])
    url = reverse("rating:sheet", args=[sheet.pk])

    draft = client.get(url).content.decode()
    client.post(url, {"action": "submit", "points-2.3": "2", "comment-2.3": "кружок", "points-3.6": "0",
                      "points-4.1": "1"})

    assert 'name="points-2.3"' in draft and OWN not in draft  # a draft: nothing of the commission's to miss
    sheet.refresh_from_db()
    assert (sheet.status, sheet.lines.get(code="2.3").self_points, sheet.lines.get(code="2.3").self_comment) == \
        (SheetStatus.SUBMITTED, 2, "кружок")


def test_the_member_still_confirms_and_returns_the_sheets_of_others(client, world, period):
    sheet = RatingSheet.objects.get(period=period, staff=world.staff["smirnova"])
    workflow.save_self(sheet, {"2.3": (2, ""), "3.6": (1, "")})
    workflow.submit(sheet)
    client.force_login(world.users["volkov"])
    url = reverse("rating:sheet", args=[sheet.pk])

    client.post(url, commission_form(sheet, "confirm"))
    sheet.refresh_from_db()
    assert (sheet.status, sheet.confirmed_by) == (SheetStatus.CONFIRMED, world.users["volkov"])
    client.post(url, {"action": "return", "return_comment": "Нет приказа"})
    sheet.refresh_from_db()
    assert (sheet.status, sheet.return_comment) == (SheetStatus.RETURNED, "Нет приказа")


def test_a_confirmed_own_sheet_cannot_be_returned_by_its_teacher(client, world, submitted):
    workflow.confirm(submitted, world.users["deputy"])
    client.force_login(world.users["volkov"])

    page = client.get(reverse("rating:sheet", args=[submitted.pk])).content.decode()
    response = client.post(reverse("rating:sheet", args=[submitted.pk]), {"action": "return",
                                                                           "return_comment": "Хочу исправить"})

    assert OWN in page and 'value="return"' not in page
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert (submitted.status, submitted.confirmed_by) == (SheetStatus.CONFIRMED, world.users["deputy"])
