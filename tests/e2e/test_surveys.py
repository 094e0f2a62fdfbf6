import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.accounts.personas import YEAR
from tests.e2e.browser import PHONE, open_from_menu
from vsoko.datavalues.compute import recompute
from vsoko.datavalues.models import RecomputeRequest
from vsoko.records.models import SurveyAnswer
from vsoko.surveys.campaigns import create_survey
from vsoko.surveys.models import Survey

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def background(settings):
    # The recomputation an answer requests runs at once, as the task worker would run it.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def autumn_2024(monkeypatch):
    """Today inside the personas' year 2024/2025: a survey open today lies in that year (create_survey refuses
    dates outside the survey's year), and a survey ending in the past is refused."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: datetime.date(2024, 9, 20))


def test_the_deputy_creates_a_survey_from_the_menu(logged_in_page, world):
    page = logged_in_page("deputy")

    open_from_menu(page, "Мониторинг", "Анкеты")
    page.get_by_role("link", name="Новый опрос").click()
    page.get_by_label("Анкета").select_option("students")
    page.get_by_label("Начало").fill("2024-10-01")
    page.get_by_label("Окончание (включительно)").fill("2024-10-21")
    page.get_by_role("button", name="Создать опрос").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Удовлетворённость обучающихся качеством образования")
    survey = Survey.objects.get()
    general = page.get_by_role("region", name="Общая ссылка")
    expect(general.get_by_role("link", name=f"/s/{survey.links.get().token}/")).to_be_visible()


def test_a_parent_answers_on_a_phone_and_the_deputy_sees_the_summary(new_page, logged_in_page, world):
    today = timezone.localdate()
    survey = create_survey(school=world.school, year=YEAR, questionnaire="parents", title="Родители",
                           opens_on=today, closes_on=today + datetime.timedelta(days=7))
    phone = new_page(PHONE)

    phone.goto(f"/s/{survey.links.get().token}/")
    phone.get_by_label("В каком классе учится ваш ребёнок?").select_option("7")
    overall = phone.get_by_role("group", name="Насколько вы удовлетворены школой в целом?")
    overall.get_by_label("скорее удовлетворен").check()
    phone.get_by_role("group", name="Безопасностью пребывания ребёнка в школе?").get_by_label(
        "затрудняюсь ответить").check()
    # Nothing is wider than the phone: no sideways scrolling on the questionnaire.
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.get_by_role("button", name="Отправить ответы").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Спасибо! Ваши ответы сохранены.")
    assert sorted(SurveyAnswer.objects.values_list("question", "answer", "grade")) == [
        ("overall", "скорее удовлетворен", 7), ("safety", "затрудняюсь ответить", 7)]

    page = logged_in_page("deputy")
    page.goto(f"/surveys/{survey.pk}/")
    expect(page.get_by_text("Удовлетворены: 100,0 %").first).to_be_visible()


def test_a_teacher_answers_on_a_phone_without_being_asked_a_class(new_page, logged_in_page, world):
    today = timezone.localdate()
    survey = create_survey(school=world.school, year=YEAR, questionnaire="teachers", title="Педагоги",
                           opens_on=today, closes_on=today + datetime.timedelta(days=7))
    phone = new_page(PHONE)

    phone.goto(f"/s/{survey.links.get().token}/")
    expect(phone.get_by_label("В каком классе", exact=False)).to_have_count(0)
    phone.get_by_role("group", name="Насколько вы удовлетворены работой в школе в целом?").get_by_label(
        "полностью удовлетворен").check()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.get_by_role("button", name="Отправить ответы").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Спасибо! Ваши ответы сохранены.")
    assert list(SurveyAnswer.objects.values_list("question", "grade")) == [("overall", None)]

    page = logged_in_page("deputy")
    page.goto(f"/surveys/{survey.pk}/")
    expect(page.get_by_text("50,0 % от 2 педагогических работников школы")).to_be_visible()
    expect(page.get_by_role("button", name="Добавить ссылки по классам")).to_have_count(0)


def test_a_parent_without_network_keeps_the_answers_and_sends_them_once_online(new_page, world):
    today = timezone.localdate()
    survey = create_survey(school=world.school, year=YEAR, questionnaire="parents", title="Родители",
                           opens_on=today, closes_on=today + datetime.timedelta(days=7))
    phone = new_page(PHONE)
    phone.goto(f"/s/{survey.links.get().token}/")
    phone.get_by_label("В каком классе учится ваш ребёнок?").select_option("3")
    overall = phone.get_by_role("group", name="Насколько вы удовлетворены школой в целом?")
    overall.get_by_label("полностью удовлетворен").check()
    expect(phone.get_by_role("alert")).to_be_hidden()

    phone.context.set_offline(True)
    phone.get_by_role("button", name="Отправить ответы").click()

    # No browser error page: the questionnaire stays, with its answers, and says what to do.
    expect(phone.get_by_role("alert")).to_contain_text("Нет связи с интернетом")
    expect(overall.get_by_label("полностью удовлетворен")).to_be_checked()
    assert not SurveyAnswer.objects.exists()

    phone.context.set_offline(False)
    phone.get_by_role("button", name="Отправить ответы").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Спасибо! Ваши ответы сохранены.")
    assert list(SurveyAnswer.objects.values_list("question", "answer", "grade")) == [
        ("overall", "полностью удовлетворен", 3)]


def test_every_control_of_the_questionnaire_is_a_finger_wide_on_a_small_phone(new_page, world):
    # 44 px: the smallest target a thumb hits reliably (the class was a 40 px select).
    today = timezone.localdate()
    survey = create_survey(school=world.school, year=YEAR, questionnaire="parents", title="Родители",
                           opens_on=today, closes_on=today + datetime.timedelta(days=7))
    phone = new_page({"width": 375, "height": 667})
    phone.goto(f"/s/{survey.links.get().token}/")
    expect(phone.get_by_role("button", name="Отправить ответы")).to_be_visible()

    # Shown controls: «Убрать ответ» is hidden until an answer is chosen.
    heights = phone.locator(".questionnaire select, .question label, .questionnaire button").evaluate_all(
        "controls => controls.filter(c => c.getClientRects().length)"
        ".map(c => [c.textContent.trim().slice(0, 20), c.getBoundingClientRect().height])")

    assert len(heights) > 40
    assert [(name, height) for name, height in heights if height < 44] == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375


def test_the_survey_page_shows_the_recomputation_and_reloads_when_it_is_done(logged_in_page, world, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}  # no worker yet
    today = timezone.localdate()
    survey = create_survey(school=world.school, year=YEAR, questionnaire="parents", title="Родители",
                           opens_on=today, closes_on=today + datetime.timedelta(days=7))
    SurveyAnswer.objects.create(school=world.school, year_id=YEAR, survey="parents", respondent="онлайн-1",
                                grade=7, question="overall", answer="полностью удовлетворен")
    RecomputeRequest.objects.create(school=world.school, year_id=YEAR)  # as a response leaves it
    page = logged_in_page("deputy")

    page.goto(f"/surveys/{survey.pk}/")
    expect(page.get_by_role("heading", name="Сводка обновляется")).to_be_visible()
    expect(page.get_by_text("Ответов пока нет")).to_be_visible()

    recompute(world.school, [YEAR])  # the worker's turn: it answers the request

    # the page reloads by itself: the summary has the answer, the progress is gone
    expect(page.get_by_text("Удовлетворены: 100,0 %").first).to_be_visible()
    expect(page.get_by_role("heading", name="Сводка обновляется")).to_have_count(0)
