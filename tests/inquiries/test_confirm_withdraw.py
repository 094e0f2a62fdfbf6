"""Before a request goes: «Отправить запрос … 2 школам со сроком до …?» with the recipients, «Отправить» and
«Изменить»; a request sent by mistake is withdrawn while nobody has answered it, and the journal keeps it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.inquiries.conftest import CONTEXT_ANSWER, send_from_page
from vsoko.audit.models import AuditEntry
from vsoko.inquiries.models import Inquiry, InquiryAnswer
from vsoko.inquiries.workflow import InquiryError, return_answer, save_answer, withdraw_inquiry
from vsoko.records.enums import OrgUnitKind
from vsoko.records.models import OrgUnit
from vsoko.records.years import school_year_of


def request_data(**changes) -> dict:
    deadline = timezone.localdate() + datetime.timedelta(days=10)
    return {"sender": "mun", "form": "context", "title": "Контекст на 1 октября",
            "year": school_year_of(timezone.localdate()), "deadline": deadline.isoformat(), "text": "", **changes}


def test_the_form_leads_to_a_question_naming_the_form_the_schools_and_the_deadline_and_sends_nothing(client, world):
    client.force_login(world.users["observer"])

    response = client.post(reverse("inquiries:new"), request_data())

    page = response.content.decode()
    deadline = timezone.localdate() + datetime.timedelta(days=10)
    assert response.status_code == 200
    assert f"Отправить запрос «Контекстная информация ОО» 2 школам со сроком до {deadline:%d.%m.%Y}?" in page
    assert "<li>МБОУ «Школа №1»</li>" in page and "<li>МБОУ «Школа №2»</li>" in page
    assert 'value="send">Отправить</button>' in page and 'value="edit">Изменить</button>' in page
    assert not Inquiry.objects.exists()


def test_the_question_lists_only_the_ticked_school_and_sends_to_it(client, world):
    client.force_login(world.users["observer"])

    page = client.post(reverse("inquiries:new"), request_data(recipients=["s2"])).content.decode()
    assert "2 школам" not in page and "1 школе со сроком" in page and "МБОУ «Школа №1»" not in page

    send_from_page(client, request_data(recipients=["s2"]))
    assert list(InquiryAnswer.objects.values_list("recipient__code", flat=True)) == ["s2"]


def test_change_returns_the_form_as_filled_and_sends_nothing(client, world):
    client.force_login(world.users["observer"])

    response = client.post(reverse("inquiries:new"), {**request_data(text="До пятницы"), "action": "edit"})

    assert response.templates[0].name == "inquiries/new.html"
    form = response.context["form"]
    assert (form["title"].value(), form["text"].value()) == ("Контекст на 1 октября", "До пятницы")
    assert not Inquiry.objects.exists()


def test_a_school_added_since_the_question_is_asked_about_again_not_sent_to(client, world):
    client.force_login(world.users["observer"])
    OrgUnit.objects.create(code="s3", name="МБОУ «Школа №3»", kind=OrgUnitKind.SCHOOL, parent=world.municipality)

    response = client.post(reverse("inquiries:new"), {**request_data(), "confirmed": ["s1", "s2"], "action": "send"})

    page = response.content.decode()
    assert "Список получателей изменился" in page and "3 школам" in page
    assert not Inquiry.objects.exists()


def test_send_clicked_twice_sends_the_request_once(client, world):
    client.force_login(world.users["observer"])
    confirmation = client.post(reverse("inquiries:new"), request_data())
    send = {**dict(confirmation.context["hidden"]), "confirmed": ["s1", "s2"], "action": "send",
            "confirmation": confirmation.context["token"]}

    first = client.post(reverse("inquiries:new"), send)
    second = client.post(reverse("inquiries:new"), send, follow=True)

    inquiry = Inquiry.objects.get()
    assert first["Location"] == reverse("inquiries:detail", args=[inquiry.pk])
    assert second.redirect_chain[0][0] == first["Location"]
    assert "Запрос уже направлен — второй раз он не отправлен." in second.content.decode()
    assert InquiryAnswer.objects.count() == 2


def test_the_sender_withdraws_a_request_nobody_answered_a_draft_and_all_and_the_journal_says_so(
        client, world, context_inquiry):
    save_answer(context_inquiry.answers.get(recipient=world.school), {"pupils_transported": "31"}, send=False)
    url = reverse("inquiries:withdraw", args=[context_inquiry.pk])
    detail = reverse("inquiries:detail", args=[context_inquiry.pk])
    client.force_login(world.users["observer"])
    assert "Отозвать запрос</button>" in client.get(detail).content.decode()

    response = client.post(url)

    assert (response.status_code, response["Location"]) == (302, reverse("inquiries:index"))
    assert not Inquiry.objects.exists() and not InquiryAnswer.objects.exists()
    entry = AuditEntry.objects.get(object_type="inquiry", details__действие="запрос отозван")
    assert (entry.user, entry.object_id) == (world.users["observer"], str(context_inquiry.pk))
    assert (entry.details["получателей"], entry.details["черновиков удалено"]) == (2, 1)


def test_a_request_a_school_answered_is_not_withdrawn(client, world, context_inquiry):
    save_answer(context_inquiry.answers.get(recipient=world.school), CONTEXT_ANSWER, send=True)
    client.force_login(world.users["observer"])
    detail = reverse("inquiries:detail", args=[context_inquiry.pk])
    assert "Отозвать запрос</button>" not in client.get(detail).content.decode()

    response = client.post(reverse("inquiries:withdraw", args=[context_inquiry.pk]), follow=True)

    assert "не отозван: ответили уже 1 из 2" in response.content.decode()
    assert Inquiry.objects.filter(pk=context_inquiry.pk).exists()


def test_a_returned_answer_was_sent_so_its_request_is_not_withdrawn_either(world, context_inquiry):
    answer = context_inquiry.answers.get(recipient=world.school)
    save_answer(answer, CONTEXT_ANSWER, send=True)
    return_answer(answer, "Уточните подвоз")

    with pytest.raises(InquiryError, match="ответили уже 1 из 2"):
        withdraw_inquiry(context_inquiry)
    assert Inquiry.objects.filter(pk=context_inquiry.pk).exists()


def test_only_the_sender_withdraws(client, world, context_inquiry):
    url = reverse("inquiries:withdraw", args=[context_inquiry.pk])

    client.force_login(world.users["director"])
    assert client.post(url).status_code == 403
    assert client.get(url).status_code == 405
    assert Inquiry.objects.filter(pk=context_inquiry.pk).exists()


@pytest.fixture
def overdue_inquiry(world, context_inquiry):
    """The context request with school 1's answer sent and its deadline passed: school 2 is late."""
    save_answer(context_inquiry.answers.get(recipient=world.school), CONTEXT_ANSWER, send=True)
    context_inquiry.deadline = timezone.localdate() - datetime.timedelta(days=1)
    context_inquiry.save()
    return context_inquiry


def test_the_sender_reminds_the_late_they_are_listed_and_read_it_on_the_overview_and_the_answer(
        client, world, overdue_inquiry):
    detail = reverse("inquiries:detail", args=[overdue_inquiry.pk])
    client.force_login(world.users["observer"])
    assert "Напомнить просрочившим (1)</button>" in client.get(detail).content.decode()

    page = client.post(reverse("inquiries:remind", args=[overdue_inquiry.pk]), follow=True).content.decode()

    today = timezone.localdate()
    assert "Напоминание отмечено — 1: МБОУ «Школа №2»." in page and f"напомнено {today:%d.%m.%Y}" in page
    late = overdue_inquiry.answers.get(recipient=world.other_school)
    assert overdue_inquiry.answers.get(recipient=world.school).reminded_at is None and late.reminded_at is not None
    entry = AuditEntry.objects.get(details__действие="напоминание просрочившим")
    assert (entry.user, entry.details["кому"], entry.details["сколько"]) == (world.users["observer"], "МБОУ «Школа №2»", 1)

    client.force_login(world.users["other_director"])
    assert f"напоминание {today:%d.%m.%Y}" in client.get("/").content.decode()
    answer_page = client.get(reverse("inquiries:answer", args=[late.pk])).content.decode()
    assert f"Напоминание от {today:%d.%m.%Y}:</strong> Городской округ ждёт ответ" in answer_page

    save_answer(late, CONTEXT_ANSWER, send=True)
    late.refresh_from_db()
    assert late.reminded_at is None  # sent: nothing to remind of, should it be returned later


def test_there_is_no_one_to_remind_before_the_deadline(client, world, context_inquiry):
    client.force_login(world.users["observer"])
    assert "Напомнить просрочившим" not in client.get(reverse("inquiries:detail", args=[context_inquiry.pk])).content.decode()

    page = client.post(reverse("inquiries:remind", args=[context_inquiry.pk]), follow=True).content.decode()

    assert "ещё не прошёл: напоминать некому" in page
    assert not context_inquiry.answers.filter(reminded_at__isnull=False).exists()
    assert not AuditEntry.objects.filter(details__действие="напоминание просрочившим").exists()


def test_only_the_sender_reminds(client, world, overdue_inquiry):
    client.force_login(world.users["director"])
    assert client.post(reverse("inquiries:remind", args=[overdue_inquiry.pk])).status_code == 403
    assert not overdue_inquiry.answers.filter(reminded_at__isnull=False).exists()


def test_the_late_are_reminded_once_a_day_the_page_says_they_were_today(client, world, overdue_inquiry):
    # The button stayed «Напомнить просрочившим (1)» after the reminder: a second click marked and journaled the
    # same school again the same day, and the page did not say that it had been reminded already.
    detail = reverse("inquiries:detail", args=[overdue_inquiry.pk])
    client.force_login(world.users["observer"])
    client.post(reverse("inquiries:remind", args=[overdue_inquiry.pk]))
    first = overdue_inquiry.answers.get(recipient=world.other_school).reminded_at

    page = client.get(detail).content.decode()
    again = client.post(reverse("inquiries:remind", args=[overdue_inquiry.pk]), follow=True).content.decode()

    assert "Напомнить просрочившим" not in page
    assert "Просрочившим напомнили сегодня (1); следующее напоминание — не раньше завтрашнего дня." in page
    assert "Сегодня просрочившим уже напомнили: МБОУ «Школа №2»." in again
    assert overdue_inquiry.answers.get(recipient=world.other_school).reminded_at == first
    assert AuditEntry.objects.filter(details__действие="напоминание просрочившим").count() == 1
    # a day later the button is back
    InquiryAnswer.objects.filter(pk=overdue_inquiry.answers.get(recipient=world.other_school).pk).update(
        reminded_at=first - datetime.timedelta(days=1))
    assert "Напомнить просрочившим (1)</button>" in client.get(detail).content.decode()
