"""A deputy and the respondents in a real browser: the flows that broke when walked through by hand."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from vsoko.records.models import SurveyAnswer
from vsoko.records.years import school_year_of
from vsoko.surveys.campaigns import create_survey
from vsoko.surveys.models import Survey

pytestmark = pytest.mark.e2e

SMALL_PHONE = {"width": 375, "height": 667}


@pytest.fixture(autouse=True)
def background(settings):
    # The recomputation an answer requests runs at once, as the task worker would run it.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def open_today(world, questionnaire):
    today = timezone.localdate()
    # The survey is of today's school year: a survey's dates lie in its year.
    return create_survey(school=world.school, year=school_year_of(today), questionnaire=questionnaire, title=questionnaire,
                         opens_on=today, closes_on=today + datetime.timedelta(days=7))


def small_controls(page):
    return page.locator("main a.button, main button, main select, .question label").evaluate_all(
        "els => els.filter(e => e.getClientRects().length)"  # shown: «Убрать ответ» waits for an answer
        ".map(e => [e.textContent.trim().slice(0, 30), e.getBoundingClientRect().height])"
        ".filter(([name, height]) => height < 44)")


def test_a_parent_goes_back_after_thanks_and_answers_for_a_second_child(new_page, world):
    survey = open_today(world, "parents")
    phone = new_page(SMALL_PHONE)
    # The form as «Заполнить анкету ещё раз» opens it: «Назад» after «Спасибо» shows it again, and the
    # browser restores its fields — the hidden code of the sent form too.
    phone.goto(f"/s/{survey.links.get().token}/?again=1")
    phone.get_by_label("В каком классе учится ваш ребёнок?").select_option("3")
    overall = phone.get_by_role("group", name="Насколько вы удовлетворены школой в целом?")
    overall.get_by_label("полностью удовлетворен").check()
    phone.get_by_role("button", name="Отправить ответы").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Спасибо! Ваши ответы сохранены.")
    assert small_controls(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]

    # «Назад»: the sent form again, filled in for the second child.
    phone.go_back()
    expect(phone.get_by_role("button", name="Отправить ответы")).to_be_visible()
    expect(overall.get_by_label("полностью удовлетворен")).to_be_checked()
    phone.get_by_label("В каком классе учится ваш ребёнок?").select_option("8")
    overall.get_by_label("скорее не удовлетворен").check()
    phone.get_by_role("button", name="Отправить ответы").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Спасибо! Ваши ответы сохранены.")
    assert sorted(SurveyAnswer.objects.values_list("grade", "answer")) == [
        (3, "полностью удовлетворен"), (8, "скорее не удовлетворен")]
    assert survey.links.get().responses == 2


def test_the_next_pupil_at_the_same_computer_answers_too(new_page, world):
    survey = open_today(world, "students")
    screen = new_page()
    screen.goto(f"/s/{survey.links.get().token}/")
    screen.get_by_label("В каком классе ты учишься?").select_option("9")
    screen.get_by_role("group", name="Насколько ты удовлетворён школой в целом?").get_by_label(
        "полностью удовлетворен").check()
    screen.get_by_role("button", name="Отправить ответы").click()
    expect(screen.get_by_role("heading", level=1)).to_have_text("Спасибо! Ваши ответы сохранены.")

    screen.goto(f"/s/{survey.links.get().token}/")
    expect(screen.get_by_role("heading", level=1)).to_have_text("Вы уже ответили на эту анкету")
    screen.get_by_role("link", name="Заполнить анкету — отвечает другой человек").click()

    expect(screen.get_by_role("button", name="Отправить ответы")).to_be_visible()


def test_closing_early_asks_first_and_a_dismissed_question_keeps_the_survey_open(logged_in_page, world):
    survey = open_today(world, "parents")
    page = logged_in_page("deputy")
    page.goto(f"/surveys/{survey.pk}/")

    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Завершить досрочно").click()
    expect(page.get_by_role("button", name="Завершить досрочно")).to_be_visible()
    assert not Survey.objects.get().closed

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Завершить досрочно").click()
    expect(page.get_by_role("button", name="Открыть опрос снова")).to_be_visible()
    assert Survey.objects.get().closed


def test_the_deputy_runs_a_survey_in_a_year_just_begun_without_its_data(logged_in_page, new_page, world,
                                                                         monkeypatch):
    # 22 September 2025: the personas' data end with 2024/2025, the header offers nothing newer.
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: datetime.date(2025, 9, 22))
    page = logged_in_page("deputy")
    page.goto("/surveys/")
    page.get_by_role("link", name="Новый опрос").click()

    expect(page.get_by_label("Учебный год опроса")).to_have_value("2025")
    page.get_by_label("Название опроса").fill("Родители, сентябрь 2025")
    page.get_by_role("button", name="Создать опрос").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Родители, сентябрь 2025")
    expect(page.get_by_text("2025/2026 учебный год").first).to_be_visible()
    survey = Survey.objects.get()
    assert (survey.year_id, survey.opens_on) == (2025, datetime.date(2025, 9, 22))

    phone = new_page(SMALL_PHONE)
    phone.goto(f"/s/{survey.links.get().token}/")
    phone.get_by_label("В каком классе учится ваш ребёнок?").select_option("5")
    phone.get_by_role("group", name="Насколько вы удовлетворены школой в целом?").get_by_label(
        "скорее удовлетворен").check()
    phone.get_by_role("button", name="Отправить ответы").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Спасибо! Ваши ответы сохранены.")

    page.goto("/surveys/")
    page.get_by_role("link", name="Родители, сентябрь 2025").click()
    expect(page.get_by_text("Удовлетворены: 100,0 %").first).to_be_visible()


def test_the_deputy_copies_a_link_for_the_parents_chat(logged_in_page, world, live_server):
    # Google Forms has «Копировать ссылку»; here the link had to be selected by hand in a table row, which on
    # a phone scrolls sideways under the finger.
    survey = open_today(world, "parents")
    page = logged_in_page("deputy", viewport=SMALL_PHONE)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(f"/surveys/{survey.pk}/")

    row = page.get_by_role("row", name="все респонденты")
    row.get_by_role("button", name="Копировать ссылку").click()

    expect(row.get_by_role("button", name="Скопировано")).to_be_visible()
    expect(row.get_by_role("status")).to_have_text("Ссылка скопирована: вставьте её в чат или письмо.")
    assert page.evaluate("navigator.clipboard.readText()") == f"{live_server.url}/s/{survey.links.get().token}/"
    box = row.get_by_role("button", name="Скопировано").bounding_box()
    assert box["height"] >= 44

    # On the phone the table scrolls sideways: the general link — the one for the chat — has its own panel
    # above it, copied and printed without scrolling.
    general = page.get_by_role("region", name="Общая ссылка")
    general.get_by_role("button", name="Копировать ссылку").click()
    expect(general.get_by_role("status")).to_have_text("Ссылка скопирована: вставьте её в чат или письмо.")
    for control in (general.get_by_role("button", name="Скопировано"), general.get_by_role("link", name="QR-код для печати")):
        box = control.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= SMALL_PHONE["width"] and box["height"] >= 44
    assert page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]


@pytest.mark.parametrize("code", ["students", "parents-do", "do-needs", "info-needs", "teachers", "graduates",
                                  "employers"])
def test_every_questionnaire_fits_a_small_phone_with_finger_wide_controls(new_page, world, code):
    survey = open_today(world, code)
    phone = new_page(SMALL_PHONE)
    phone.goto(f"/s/{survey.links.get().token}/")
    expect(phone.get_by_role("button", name="Отправить ответы")).to_be_visible()

    assert small_controls(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]
