"""«Запросы» in a real browser: the municipal specialist sends a request, a director answers it on a phone."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.accounts.personas import YEAR
from tests.e2e.browser import PHONE, open_from_menu
from tests.inquiries.conftest import CONTEXT_ANSWER
from vsoko.inquiries.enums import AnswerStatus
from vsoko.inquiries.models import Inquiry, InquiryAnswer
from vsoko.inquiries.workflow import save_answer, send_inquiry

pytestmark = pytest.mark.e2e

TITLE = "Контекстная информация на 1 октября"


def send_request(observer, deadline: datetime.date) -> None:
    open_from_menu(observer, "Мониторинг", "Запросы")
    observer.get_by_role("link", name="Новый запрос").click()
    observer.get_by_label("Форма").select_option(label="Контекстная информация ОО (п. 7.9; образовательные организации)")
    observer.get_by_label("Название запроса").fill(TITLE)
    observer.get_by_label("Срок ответа").fill(deadline.isoformat())
    observer.get_by_role("button", name="Проверить и отправить").click()

    # Nothing is sent yet: the question names the form, how many schools and the deadline, and lists the schools.
    expect(observer.get_by_role("heading", level=1)).to_have_text("Проверьте запрос")
    expect(observer.locator(".lead")).to_have_text(
        f"Отправить запрос «Контекстная информация ОО» 2 школам со сроком до {deadline:%d.%m.%Y}?")
    expect(observer.get_by_role("list").filter(has_text="МБОУ «Школа №1»").get_by_role("listitem")).to_have_text(
        ["МБОУ «Школа №1»", "МБОУ «Школа №2»"])
    assert not Inquiry.objects.exists()

    # «Изменить»: back to the form as filled in; sent from there it is asked about again.
    observer.get_by_role("button", name="Изменить").click()
    expect(observer.get_by_label("Название запроса")).to_have_value(TITLE)
    observer.get_by_role("button", name="Проверить и отправить").click()
    observer.get_by_role("button", name="Отправить", exact=True).click()
    expect(observer.get_by_role("status").or_(observer.locator(".messages"))).to_contain_text(
        "Запрос направлен: получателей — 2")


def test_the_observer_sends_a_director_answers_on_a_phone_and_the_observer_reads_the_summary(
        logged_in_page, world, live_server):
    deadline = timezone.localdate() + datetime.timedelta(days=10)
    observer = logged_in_page("observer")
    send_request(observer, deadline)
    expect(observer.get_by_role("heading", level=1)).to_have_text(TITLE)
    who = observer.get_by_role("region", name="Кто ответил")
    expect(who.get_by_role("row", name="МБОУ «Школа №1»")).to_contain_text("не начат")

    # The director, on a touch phone: the request waits on the overview.
    phone = logged_in_page("director", viewport=PHONE)
    panel = phone.get_by_role("region", name="Запросы органов управления")
    expect(panel).to_contain_text(f"до {deadline:%d.%m.%Y}")
    panel.get_by_role("link", name=TITLE).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(TITLE)

    # A fraction where a whole number is asked: the field says why, nothing is saved.
    phone.get_by_label("1. Число обучающихся из многодетных семей").fill("2,5")
    phone.get_by_role("button", name="Отправить").click()
    expect(phone.get_by_role("alert")).to_contain_text("«Число обучающихся из многодетных семей»: нужно целое число (введено 2,5)")
    assert InquiryAnswer.objects.get(recipient=world.school).status == AnswerStatus.NEW

    # Every field with a thumb: numbers and percents typed, the choices picked from their lists.
    phone.get_by_label("1. Число обучающихся из многодетных семей").fill("40")
    for field in phone.locator("form.form input[inputmode]").all()[1:]:
        field.fill("12")
    for select in phone.locator("form.form select").all():
        select.select_option(index=1)
    phone.get_by_role("button", name="Отправить").click()
    expect(phone.locator(".facts")).to_contain_text("отправлен")
    expect(phone.get_by_role("button", name="Отправить")).to_have_count(0)  # read-only now
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # The observer: «отправлен» for school 1, «ответили 1 из 2», the first question's sum and mean.
    observer.reload()
    expect(who.get_by_role("row", name="МБОУ «Школа №1»")).to_contain_text("отправлен")
    expect(who.get_by_role("row", name="МБОУ «Школа №2»")).to_contain_text("не начат")
    expect(observer.locator(".facts")).to_contain_text("1 из 2")
    summary = observer.get_by_role("region", name="Сводка по вопросам")
    expect(summary.get_by_role("row", name="Число обучающихся из многодетных семей")).to_contain_text("сумма 40")

    # The Excel is named by the request, not by its number.
    with observer.expect_download() as download:
        observer.get_by_role("link", name="Скачать в Excel").click()
    assert download.value.suggested_filename == f"{TITLE} — ответы.xlsx"

    # Returned with a remark: the director's overview says so, the form opens again with the remark above it.
    who.get_by_role("link", name="МБОУ «Школа №1»").click()
    observer.get_by_label("Что исправить").fill("Проверьте число вакансий.")
    observer.get_by_role("button", name="Вернуть на доработку").click()
    expect(observer.get_by_role("status")).to_contain_text("Ответ возвращён на доработку: МБОУ «Школа №1».")
    phone.goto("/")
    expect(panel).to_contain_text("возвращён на доработку")
    panel.get_by_role("link", name=TITLE).click()
    expect(phone.get_by_role("status")).to_contain_text("Возвращён на доработку: Проверьте число вакансий.")
    expect(phone.get_by_role("button", name="Отправить")).to_be_visible()


def test_a_late_reminded_request_shows_its_deadline_on_a_phone_s_incoming_list(logged_in_page, world):
    # «Входящие» were a table of four columns: on a 390 px phone the badges «не начат», «просрочено» and the
    # reminder filled the screen's width, the deadline and the sender were off it, to the right.
    inquiry = send_inquiry(sender=world.municipality, form="context", year=YEAR, title=TITLE, text="",
                           deadline=timezone.localdate() + datetime.timedelta(days=1), user=world.users["observer"])
    late = timezone.localdate() - datetime.timedelta(days=6)
    Inquiry.objects.filter(pk=inquiry.pk).update(deadline=late)  # it has passed since
    InquiryAnswer.objects.filter(inquiry=inquiry).update(reminded_at=timezone.now())

    phone = logged_in_page("director", viewport=PHONE)
    phone.goto("/inquiries/")

    deadline = phone.get_by_role("region", name="Входящие").get_by_text(f"{late:%d.%m.%Y}")
    box = deadline.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    expect(phone.get_by_role("region", name="Входящие")).not_to_contain_text("{#")  # a template's comment


def test_the_sender_reads_who_answered_and_the_summary_on_a_phone(logged_in_page, world):
    # «Кто ответил» and «Сводка по вопросам» were tables wider than a 390 px phone: «просрочено» and the
    # summary's «сумма …, среднее …» were cut at the screen's edge, the summary squeezed to a word a line.
    inquiry = send_inquiry(sender=world.municipality, form="context", year=YEAR, title=TITLE, text="",
                           deadline=timezone.localdate() + datetime.timedelta(days=1), user=world.users["observer"])
    save_answer(inquiry.answers.get(recipient=world.school), CONTEXT_ANSWER, send=True)
    Inquiry.objects.filter(pk=inquiry.pk).update(deadline=timezone.localdate() - datetime.timedelta(days=2))

    phone = logged_in_page("observer", viewport=PHONE)
    phone.goto(f"/inquiries/{inquiry.pk}/")

    for text in (phone.get_by_role("region", name="Кто ответил").get_by_text("просрочено"),
                 phone.get_by_role("region", name="Сводка по вопросам").get_by_text("сумма 40, среднее 40")):
        box = text.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], text


def test_the_answer_s_buttons_stand_side_by_side_not_as_two_page_wide_bars(logged_in_page, world):
    inquiry = send_inquiry(sender=world.municipality, form="context", year=YEAR, title=TITLE, text="",
                           deadline=timezone.localdate() + datetime.timedelta(days=5), user=world.users["observer"])
    director = logged_in_page("director")
    director.goto(f"/inquiries/answers/{inquiry.answers.get(recipient=world.school).pk}/")

    save, send = (director.get_by_role("button", name=name).bounding_box() for name in ("Сохранить черновик", "Отправить"))

    assert save["y"] == send["y"] and save["x"] + save["width"] < send["x"]  # one line, «Отправить» beside
    assert send["width"] < 300
