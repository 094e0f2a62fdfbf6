"""A parent and a pupil on a small phone (360×640, touch), without logging in: the questionnaire, its refusals and
its wrong links. The phone of a parents' meeting may have JavaScript off (a messenger's built-in browser, a data
saver): the questionnaire works without it."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from vsoko.records.models import SurveyAnswer
from vsoko.surveys.campaigns import create_survey, school_year_of, set_closed

pytestmark = pytest.mark.e2e

SMALL_PHONE = {"width": 360, "height": 640}


@pytest.fixture(autouse=True)
def background(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def phone(new_page):
    return lambda javascript=True: new_page(SMALL_PHONE, touch=True, javascript=javascript)


def survey_of(world, questionnaire: str, opens_on: datetime.date, closes_on: datetime.date):
    today = timezone.localdate()
    return create_survey(school=world.school, year=school_year_of(today), questionnaire=questionnaire,
                         title="Опрос", opens_on=opens_on, closes_on=closes_on)


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_a_parent_without_javascript_forgets_the_class_is_told_where_and_sends_once(phone, world):
    today = timezone.localdate()
    survey = survey_of(world, "parents", today, today)
    page = phone(javascript=False)
    page.goto(f"/s/{survey.links.get().token}/")
    overall = page.get_by_role("group", name="Насколько вы удовлетворены школой в целом?")
    overall.get_by_label("скорее удовлетворен").tap()
    page.get_by_role("group", name="Воспитательной работой школы", exact=False).get_by_label(
        "затрудняюсь ответить").tap()

    page.get_by_role("button", name="Отправить ответы").tap()

    # Nothing stored; the top of the page says so, the class says why, and the answers are still there.
    expect(page.get_by_role("alert").first).to_contain_text("Ответы не отправлены")
    expect(page.get_by_label("В каком классе учится ваш ребёнок?")).to_have_accessible_description(
        "Ошибка: Укажите класс.")
    expect(overall.get_by_label("скорее удовлетворен")).to_be_checked()
    assert not SurveyAnswer.objects.exists()
    assert page_width(page) <= SMALL_PHONE["width"]

    page.get_by_label("В каком классе учится ваш ребёнок?").select_option("2")
    page.get_by_role("button", name="Отправить ответы").tap()

    expect(page.get_by_role("heading", level=1)).to_have_text("Спасибо! Ваши ответы сохранены.")
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Спасибо! Ваши ответы сохранены.")
    assert sorted(SurveyAnswer.objects.values_list("question", "answer", "grade")) == [
        ("overall", "скорее удовлетворен", 2), ("upbringing", "затрудняюсь ответить", 2)]


def test_a_pupil_with_last_months_link_sees_when_the_survey_ran(phone, world):
    today = timezone.localdate()
    survey = survey_of(world, "students", today, today + datetime.timedelta(days=7))
    set_closed(survey=survey, closed=True)
    page = phone()

    page.goto(f"/s/{survey.links.get().token}/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Удовлетворённость обучающихся качеством образования")
    expect(page.get_by_text(re.compile(r"^Опрос завершён досрочно"))).to_contain_text(
        f"с {today:%d.%m.%Y} по {today + datetime.timedelta(days=7):%d.%m.%Y}")
    expect(page.get_by_role("button", name="Отправить ответы")).to_have_count(0)
    assert page_width(page) <= SMALL_PHONE["width"]


def test_a_link_typed_with_a_mistake_says_so_without_any_staff_page(phone, db):
    page = phone()

    response = page.goto("/s/Zx1MU9fwly5rxND1/")

    assert response.status == 404
    expect(page).to_have_title(re.compile("^Анкета не найдена"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Анкета по этой ссылке не найдена")
    expect(page.get_by_role("link")).to_have_count(1)  # «Перейти к содержимому» only: no way to the staff login
    assert page_width(page) <= SMALL_PHONE["width"]


def test_the_address_a_parent_copies_after_answering_is_the_questionnaire_not_the_thanks(phone, world):
    # Copied from the address bar after answering and sent to the parents' chat, the thanks page's address
    # greeted every other parent with «Спасибо! Ваши ответы сохранены.» — and no questionnaire.
    today = timezone.localdate()
    survey = survey_of(world, "parents", today, today)
    token = survey.links.get().token
    page = phone()
    page.goto(f"/s/{token}/")
    page.get_by_label("В каком классе учится ваш ребёнок?").select_option("4")
    page.get_by_role("group", name="Насколько вы удовлетворены школой в целом?").get_by_label(
        "полностью удовлетворен").tap()
    page.get_by_role("button", name="Отправить ответы").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Спасибо! Ваши ответы сохранены.")

    expect(page).to_have_url(re.compile(rf"/s/{token}/$"))
    other_parent = phone()
    other_parent.goto(page.url)
    expect(other_parent.get_by_role("button", name="Отправить ответы")).to_be_visible()
    # The parent who answered, reloading, is told so rather than shown an empty questionnaire.
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Вы уже ответили на эту анкету")
    assert SurveyAnswer.objects.count() == 1


def test_every_target_of_the_login_page_is_a_thumbs_on_a_small_phone(phone, db):
    # The logo, a link, was 40 px high: on the login page it is the first thing under a thumb.
    page = phone()

    page.goto("/login/")

    expect(page.get_by_role("button", name="Войти")).to_be_visible()
    low = page.evaluate("""() => [...document.querySelectorAll('a, button, input:not([type=hidden]), select')]
        .filter(el => el.getClientRects().length && !el.classList.contains('skip-link'))
        .map(el => [(el.innerText || el.name).trim().replace(/\\s+/g, ' '), el.getBoundingClientRect().height])
        .filter(([name, height]) => height < 44)""")
    assert low == []
    assert page_width(page) <= SMALL_PHONE["width"]
