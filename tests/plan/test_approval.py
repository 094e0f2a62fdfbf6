"""Approving the year's plan by the director's order and lifting the approval: who may, what is stored and logged.

Personas (tests/accounts/personas.py): the director approves and lifts; the administrator enters the director's
order but does not lift it; the deputy keeps the plan but neither approves nor lifts; the teacher only reads.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tests.accounts.personas import YEAR, make_user
from vsoko.accounts.enums import Role
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.plan.amendments import delete_item, save_item
from vsoko.plan.approval import (
    ApprovalRefused,
    approval_in_force,
    approval_sentence,
    approve_plan,
    lift_approval,
)
from vsoko.plan.drafting import PlanExists, draft_plan
from vsoko.plan.models import PlanApproval, PlanItem

pytestmark = pytest.mark.django_db

ORDER = {"year": YEAR, "order_date": "2024-09-01", "order_number": "123-о"}


@pytest.fixture
def item(world):
    return PlanItem.objects.create(school=world.school, year_id=YEAR, object="Качество знаний", months=[4, 5],
                                   responsible="заместитель директора по УВР")


def login(client, world, persona):
    client.force_login(world.users[persona])
    return client


def approve(world, persona="director", **order):
    return approve_plan(school=world.school, year=YEAR, user=world.users[persona],
                        **{"order_date": datetime.date(2024, 9, 1), "order_number": "123-о", **order})


def test_the_director_approves_the_plan_with_the_orders_date_and_number(client, world, item):
    response = login(client, world, "director").post(f"{reverse('plan:approve')}?school=s1", ORDER)

    assert response.status_code == 302
    approval = PlanApproval.objects.get()
    assert (approval.school, approval.year_id, approval.order_date, approval.order_number, approval.approved_by,
            approval.lifted_at) == (world.school, YEAR, datetime.date(2024, 9, 1), "123-о", world.users["director"],
                                    None)
    entry = AuditEntry.objects.get(action=AuditAction.APPROVE)
    assert (entry.object_type, entry.object_id, entry.school, entry.user, entry.details) == (
        "plan", str(YEAR), world.school, world.users["director"],
        {"действие": "утверждён план мониторинга", "приказ": "от 01.09.2024 № 123-о"})
    page = login(client, world, "teacher").get(reverse("plan:index")).content.decode()
    assert "План утверждён приказом директора от 01.09.2024 № 123-о" in page
    assert "Снять утверждение" not in page


def test_the_administrator_enters_the_directors_order(world, item):
    world.users["admin"] = make_user("admin", role=Role.ADMIN, org_unit=world.school)

    approval = approve(world, "admin")

    assert approval.approved_by == world.users["admin"]


@pytest.mark.parametrize("persona", ["deputy", "teacher", "other_director"])
def test_the_deputy_the_teacher_and_another_schools_director_may_not_approve(client, world, item, persona):
    response = login(client, world, persona).post(f"{reverse('plan:approve')}?school=s1", ORDER)

    # Another school's director asking for school 1 gets their own school, which has no plan to approve: its page
    # says so, with the order typed kept in the form.
    assert (response.status_code, response.get("Location")) == (
        (200, None) if persona == "other_director" else (403, None))
    assert not PlanApproval.objects.exists()
    with pytest.raises(PermissionDenied, match="Утверждает план мониторинга директор школы"):
        approve(world, persona)


def test_the_page_offers_the_approval_to_the_director_only(client, world, item):
    director = login(client, world, "director").get(reverse("plan:index")).content.decode()
    deputy = login(client, world, "deputy").get(reverse("plan:index")).content.decode()

    assert "Проект плана" in director and "Утвердить план" in director
    assert "Проект плана" in deputy and "Утвердить план" not in deputy
    assert "Утверждает план директор школы." in deputy


def test_a_year_without_a_plan_is_not_approved(world):
    with pytest.raises(ApprovalRefused, match=r"^Плана мониторинга на 2024/2025 учебный год нет: утверждать нечего\.$"):
        approve(world)
    assert not PlanApproval.objects.exists()


def test_a_second_approval_is_refused_naming_the_order_in_force(client, world, item):
    approve(world)

    response = login(client, world, "director").post(f"{reverse('plan:approve')}?school=s1",
                                                     {**ORDER, "order_number": "200-о"}, follow=True)

    assert ("План мониторинга на 2024/2025 учебный год уже утверждён приказом директора от 01.09.2024 № 123-о."
            in response.content.decode())
    assert PlanApproval.objects.get().order_number == "123-о"


@pytest.mark.parametrize(("order", "message"), [
    ({"order_number": "  "}, "Укажите номер приказа директора, которым утверждён план."),
    ({"order_date": datetime.date(2099, 9, 1)},
     "Дата приказа 01.09.2099 ещё не наступила: внесите приказ, когда он подписан."),
])
def test_an_order_without_a_number_or_not_yet_signed_is_refused(world, item, order, message):
    with pytest.raises(ApprovalRefused) as refused:
        approve(world, **order)

    assert str(refused.value) == message
    assert not PlanApproval.objects.exists()


def test_the_form_names_what_is_missing(client, world, item):
    response = login(client, world, "director").post(f"{reverse('plan:approve')}?school=s1",
                                                     {"year": YEAR, "order_date": "", "order_number": ""}, follow=True)

    assert "План не утверждён: Укажите дату приказа. Укажите номер приказа." in response.content.decode()
    assert not PlanApproval.objects.exists()


@pytest.mark.parametrize("persona", ["deputy", "teacher"])
def test_the_deputy_and_the_teacher_may_not_lift_the_approval(client, world, item, persona):
    approve(world)

    response = login(client, world, persona).post(f"{reverse('plan:lift')}?school=s1", {"year": YEAR})

    assert response.status_code == 403
    assert approval_in_force(world.school, YEAR) is not None


def test_the_administrator_approves_but_does_not_lift(world, item):
    world.users["admin"] = make_user("admin", role=Role.ADMIN, org_unit=world.school)
    approve(world, "admin")

    with pytest.raises(PermissionDenied, match="Снять утверждение плана мониторинга может только директор школы."):
        lift_approval(school=world.school, year=YEAR, user=world.users["admin"])
    assert approval_in_force(world.school, YEAR) is not None


def test_the_director_lifts_the_approval_and_the_plan_changes_freely_again(client, world, item):
    approve(world)
    item.responsible = "педагог-психолог"
    save_item(item, reason="приказ от 10.01.2025 № 5-о", user=world.users["deputy"])

    page = login(client, world, "director").get(reverse("plan:index")).content.decode()
    assert "Снять утверждение" in page
    response = client.post(f"{reverse('plan:lift')}?school=s1",
                           {"year": YEAR, "reason": " Приказ от 15.01.2025\n № 7-о "}, follow=True)

    assert "Утверждение плана на 2024/2025 учебный год (приказ от 01.09.2024 № 123-о) снято" in response.content.decode()
    assert approval_in_force(world.school, YEAR) is None
    lifted = PlanApproval.objects.get()
    assert (lifted.lifted_by, lifted.lift_reason, lifted.amendments.count()) == (
        world.users["director"], "Приказ от 15.01.2025 № 7-о", 1)  # the history is kept
    entry = AuditEntry.objects.get(action=AuditAction.REOPEN)
    assert (entry.object_type, entry.object_id, entry.details) == (
        "plan", str(YEAR), {"действие": "снято утверждение плана мониторинга", "приказ": "от 01.09.2024 № 123-о",
                            "основание": "Приказ от 15.01.2025 № 7-о"})
    item.months = [9]
    assert save_item(item, user=world.users["deputy"]) is None  # a draft again: no reason, no amendment
    assert "План утверждён приказом" not in response.content.decode()


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_lifting_on_the_page_without_a_reason_says_so_and_changes_nothing(client, world, item, reason):
    approve(world)

    response = login(client, world, "director").post(f"{reverse('plan:lift')}?school=s1",
                                                      {"year": YEAR, "reason": reason}, follow=True)

    assert ("Утверждение не снято: укажите основание снятия утверждения — например, «Приказ от 15.01.2025 № 7-о»."
            in response.content.decode())
    assert approval_in_force(world.school, YEAR) is not None
    assert not AuditEntry.objects.filter(action=AuditAction.REOPEN).exists()


def test_the_page_lists_the_lifted_approvals_with_their_reasons(client, world, item):
    approve(world)
    item.months = [5]
    save_item(item, reason="перенос", user=world.users["deputy"])  # an amendment under the first approval
    lift_approval(school=world.school, year=YEAR, user=world.users["director"], reason="Приказ от 15.01.2025 № 7-о")
    approve(world, order_date=datetime.date(2025, 1, 16), order_number="8-о")
    lift_approval(school=world.school, year=YEAR, user=world.users["director"], reason="Решение педсовета № 3")
    director = world.users["director"]
    who = director.get_full_name() or director.username

    page = login(client, world, "teacher").get(reverse("plan:index")).content.decode()

    history = page[page.index("Снятые утверждения плана"):]
    rows = [" ".join(row.split()) for row in history.split("<tr>")[2:]]
    assert [row.split("</td>")[0] for row in rows] == ['<td class="wrap">от 01.09.2024 № 123-о',
                                                       '<td class="wrap">от 16.01.2025 № 8-о']
    assert "Приказ от 15.01.2025 № 7-о" in rows[0] and "<td>1</td>" in rows[0] and who in rows[0]
    assert "Решение педсовета № 3" in rows[1] and "<td>0</td>" in rows[1]


def test_the_history_is_not_shown_before_an_approval_is_lifted(client, world, item):
    approve(world)

    page = login(client, world, "teacher").get(reverse("plan:index")).content.decode()

    assert "План утверждён приказом директора от 01.09.2024 № 123-о" in page
    assert "Снятые утверждения плана" not in page


def test_a_new_approval_after_lifting_starts_its_own_list_of_amendments(world, item):
    approve(world)
    item.months = [5]
    save_item(item, reason="перенос", user=world.users["deputy"])
    lift_approval(school=world.school, year=YEAR, user=world.users["director"])

    approval = approve(world, order_date=datetime.date(2024, 10, 1), order_number="140-о")

    assert approval_in_force(world.school, YEAR) == approval
    assert approval.amendments.count() == 0
    assert PlanApproval.objects.count() == 2


def test_lifting_a_plan_not_approved_is_refused(world, item):
    with pytest.raises(ApprovalRefused, match="План мониторинга на 2024/2025 учебный год не утверждён: снимать нечего."):
        lift_approval(school=world.school, year=YEAR, user=world.users["director"])


def test_the_approval_sentence_for_the_self_examination_report(world, item):
    assert approval_sentence(world.school, YEAR) is None

    approve(world)
    assert approval_sentence(world.school, YEAR) == "План-график утверждён приказом директора от 01.09.2024 № 123-о."

    item.responsible = "педагог-психолог"
    save_item(item, reason="приказ от 10.01.2025 № 5-о", user=world.users["deputy"])
    assert approval_sentence(world.school, YEAR) == (
        "План-график утверждён приказом директора от 01.09.2024 № 123-о; после утверждения в него внесено "
        "изменений: 1.")


def test_an_approved_plan_whose_items_were_all_deleted_is_not_drafted_again(world, item):
    approve(world)
    delete_item(item, reason="пункт перенесён в план ВШК", user=world.users["deputy"])

    with pytest.raises(PlanExists, match="утверждён приказом директора от 01.09.2024 № 123-о: пункты добавляются"):
        draft_plan(school=world.school, year=YEAR)
    assert not PlanItem.objects.exists()
