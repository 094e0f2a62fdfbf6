"""Changes of an approved plan: adding, changing and deleting items need a reason and become amendments with the
old and new values; done marks and result notes are execution and need none.

Personas: the deputy keeps the plan and changes it with a reason after the director approved it; the teacher
reads it only.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.accounts.personas import YEAR
from vsoko.audit.models import AuditEntry
from vsoko.plan.amendments import ReasonRequired, delete_item, save_item
from vsoko.plan.approval import approve_plan
from vsoko.plan.enums import AmendmentKind
from vsoko.plan.models import PlanAmendment, PlanItem

pytestmark = pytest.mark.django_db

REFUSAL = ("План на 2024/2025 учебный год утверждён приказом директора от 01.09.2024 № 123-о: изменения пункта "
           "«Качество знаний» (сроки, ответственный) вносятся с основанием. Укажите «Основание изменения» — "
           "например, приказ о внесении изменений в план.")


@pytest.fixture
def item(world):
    return PlanItem.objects.create(school=world.school, year_id=YEAR, group="Результаты", object="Качество знаний",
                                   indicators=["core.quality"], method="годовые отметки", months=[4, 5],
                                   responsible="заместитель директора по УВР", result_form="справка")


@pytest.fixture
def approval(world, item):
    return approve_plan(school=world.school, year=YEAR, order_date=datetime.date(2024, 9, 1), order_number="123-о",
                        user=world.users["director"])


def login(client, world, persona):
    client.force_login(world.users[persona])
    return client


def form_data(item, **changes):
    """The edit form as the page fills it for the item, with some fields changed."""
    data = {"object": item.object, "group": item.group, "indicator_codes": ", ".join(item.indicators),
            "method": item.method, "periodicity": item.periodicity, "months": [str(m) for m in item.months],
            "responsible": item.responsible, "result_form": item.result_form, "done_on": "", "note": ""}
    return {**data, **changes}


def test_the_deputy_changes_an_approved_item_with_a_reason_and_the_old_and_new_values_are_recorded(
        client, world, item, approval):
    response = login(client, world, "deputy").post(reverse("plan:edit", args=[item.pk]), form_data(
        item, months=["5"], responsible="педагог-психолог", reason="Приказ от 15.01.2025 № 7-о"))

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.months, item.responsible) == ([5], "педагог-психолог")
    amendment = PlanAmendment.objects.get()
    assert (amendment.approval, amendment.item, amendment.item_name, amendment.kind, amendment.reason,
            amendment.made_by) == (approval, item, "Качество знаний", AmendmentKind.CHANGED,
                                   "Приказ от 15.01.2025 № 7-о", world.users["deputy"])
    assert amendment.changes == [{"field": "months", "old": "апрель, май", "new": "май"},
                                 {"field": "responsible", "old": "заместитель директора по УВР",
                                  "new": "педагог-психолог"}]
    assert amendment.lines == ["сроки: апрель, май → май", "ответственный: заместитель директора по УВР → педагог-психолог"]
    entry = AuditEntry.objects.filter(object_type="plan").latest("pk")
    assert entry.details == {"действие": "изменение утверждённого плана: изменён пункт плана", "пункт": "Качество знаний",
                             "изменения": {"сроки": ["апрель, май", "май"],
                                           "ответственный": ["заместитель директора по УВР", "педагог-психолог"]},
                             "основание": "Приказ от 15.01.2025 № 7-о"}
    page = client.get(reverse("plan:index")).content.decode()
    assert "Изменения плана после утверждения" in page and "Приказ от 15.01.2025 № 7-о" in page
    assert "сроки: апрель, май → май" in page


def test_a_change_without_a_reason_is_refused_with_the_order_and_the_fields_and_nothing_changes(
        client, world, item, approval):
    page = login(client, world, "deputy").get(reverse("plan:edit", args=[item.pk])).content.decode()
    assert "Основание изменения" in page

    response = client.post(reverse("plan:edit", args=[item.pk]), form_data(
        item, months=["5"], responsible="педагог-психолог", done_on="2025-05-20", reason="  "))

    assert response.status_code == 200
    assert REFUSAL in response.content.decode()
    item.refresh_from_db()
    assert (item.months, item.responsible, item.done_on) == ([4, 5], "заместитель директора по УВР", None)
    assert not PlanAmendment.objects.exists()
    with pytest.raises(ReasonRequired) as refused:
        item.months = [5]
        save_item(item, user=world.users["deputy"])
    assert str(refused.value) == REFUSAL.replace("сроки, ответственный", "сроки")


def test_marking_done_and_the_result_note_need_no_reason_and_are_no_amendment(client, world, item, approval):
    login(client, world, "deputy").post(reverse("plan:done", args=[item.pk]))
    item.refresh_from_db()
    assert item.done_on == timezone.localdate()

    response = client.post(reverse("plan:edit", args=[item.pk]), form_data(
        item, done_on="2025-05-20", note="Рассмотрено на педсовете 28.05.2025"))

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.done_on, item.note) == (datetime.date(2025, 5, 20), "Рассмотрено на педсовете 28.05.2025")
    assert not PlanAmendment.objects.exists()


def test_an_item_added_to_an_approved_plan_needs_a_reason_and_is_an_amendment(client, world, item, approval):
    login(client, world, "deputy")
    new = {"object": "Адаптация пятиклассников", "group": "Воспитание", "indicator_codes": "", "months": ["10"],
           "responsible": "педагог-психолог", "result_form": "справка"}

    refused = client.post(f"{reverse('plan:new')}", new)
    added = client.post(f"{reverse('plan:new')}", {**new, "reason": "Решение педсовета от 30.09.2024 № 2"})

    assert refused.status_code == 200
    assert ("утверждён приказом директора от 01.09.2024 № 123-о: новый пункт вносится в план с основанием."
            in refused.content.decode())
    assert added.status_code == 302
    amendment = PlanAmendment.objects.get()
    assert (amendment.kind, amendment.item.object, amendment.reason) == (
        AmendmentKind.ADDED, "Адаптация пятиклассников", "Решение педсовета от 30.09.2024 № 2")
    assert amendment.lines == ["объект мониторинга: Адаптация пятиклассников", "направление: Воспитание",
                               "сроки: октябрь", "ответственный: педагог-психолог",
                               "форма представления результатов: справка"]


def test_an_item_deleted_from_an_approved_plan_needs_a_reason(client, world, item, approval):
    login(client, world, "deputy")

    refused = client.post(reverse("plan:delete", args=[item.pk]), follow=True)
    assert "пункт «Качество знаний» удаляется из плана с основанием" in refused.content.decode()
    assert PlanItem.objects.filter(pk=item.pk).exists()

    client.post(reverse("plan:delete", args=[item.pk]), {"delete-reason": "Приказ от 15.01.2025 № 7-о"})

    assert not PlanItem.objects.filter(pk=item.pk).exists()
    amendment = PlanAmendment.objects.get()
    assert (amendment.kind, amendment.item, amendment.item_name, amendment.reason) == (
        AmendmentKind.DELETED, None, "Качество знаний", "Приказ от 15.01.2025 № 7-о")
    assert {"field": "months", "old": "апрель, май", "new": ""} in amendment.changes


def test_a_draft_plan_changes_without_reason_or_amendment(world, item):
    item.months = [9]
    assert save_item(item, user=world.users["deputy"]) is None
    assert delete_item(item, user=world.users["deputy"]) is None
    assert not PlanAmendment.objects.exists()


def test_saving_an_approved_item_unchanged_is_no_amendment(world, item, approval):
    item.months = [5, 4]  # the same months in another order

    assert save_item(item, user=world.users["deputy"]) is None


def test_the_teacher_may_not_change_an_approved_plan(client, world, item, approval):
    login(client, world, "teacher")

    assert client.post(reverse("plan:edit", args=[item.pk]), form_data(item, months=["5"], reason="x")).status_code == 404
    assert client.post(reverse("plan:new"), {"object": "x", "reason": "x"}).status_code == 403
    assert client.post(reverse("plan:delete", args=[item.pk]), {"delete-reason": "x"}).status_code == 404
    item.refresh_from_db()
    assert item.months == [4, 5]
    assert not PlanAmendment.objects.exists()


@pytest.mark.parametrize("amendments", [1, 3])
def test_the_plan_page_asks_the_same_number_of_queries_whatever_the_amendments(
        client, world, item, approval, amendments, django_assert_num_queries):
    for n in range(amendments):
        item.months = [4] if n % 2 == 0 else [4, 5]
        save_item(item, reason=f"изменение {n + 1}", user=world.users["deputy"])
    login(client, world, "teacher")

    # the session, the user, the memberships, the schools, the years with data, the items, the indicators'
    # names, the approval in force, the amendments with who made them, the council's review with who entered it,
    # whether the school has preschool groups (the menu's «Дошкольное образование»)
    with django_assert_num_queries(11):
        page = client.get(reverse("plan:index")).content.decode()

    assert f"изменение {amendments}" in page
