"""A parent on a 390×844 touch phone with the open questionnaire: a refused send, the thanks page, «Назад»."""

import pytest
from playwright.sync_api import expect

from tests.surveys.conftest import open_survey  # noqa: F401 — the fixture, shared with tests/surveys
from vsoko.records.models import SurveyAnswer

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
GRADE = "В каком классе учится ваш ребёнок?"
OVERALL = "Насколько вы удовлетворены школой в целом?"


@pytest.fixture(autouse=True)
def background(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def phone(new_page):
    return new_page(PHONE, touch=True)


def send(page):
    page.get_by_role("button", name="Отправить ответы").tap()


def test_back_after_a_refused_send_and_thanks_opens_a_page_not_the_browsers_resend_error(phone, open_survey):  # noqa: F811
    # The refused send's page is a POST's answer: «Назад» from «Спасибо» to it gave the browser's
    # «Подтвердите повторную отправку формы» (ERR_CACHE_MISS) instead of a page of the school.
    phone.goto(f"/s/{open_survey.links.get().token}/")
    phone.get_by_role("group", name=OVERALL).get_by_label("скорее удовлетворен").tap()
    send(phone)
    expect(phone.get_by_role("alert").first).to_contain_text("Ответы не отправлены")
    phone.get_by_label(GRADE).select_option("7")
    send(phone)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Спасибо! Ваши ответы сохранены.")
    # Stored by the time the thanks page shows, the skipped questions not at all.
    assert list(SurveyAnswer.objects.values_list("question", "answer", "grade")) == [
        ("overall", "скорее удовлетворен", 7)]

    phone.go_back()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Вы уже ответили на эту анкету")
    assert SurveyAnswer.objects.count() == 1


def test_the_refused_class_is_marked_on_its_field_and_the_answers_stay(phone, open_survey):  # noqa: F811
    phone.goto(f"/s/{open_survey.links.get().token}/")
    overall = phone.get_by_role("group", name=OVERALL)
    overall.get_by_label("затрудняюсь ответить").tap()

    send(phone)

    grade = phone.get_by_label(GRADE)
    expect(grade).to_have_accessible_description("Ошибка: Укажите класс.")
    expect(grade).to_have_attribute("aria-invalid", "true")
    # The field itself is marked, as a question's card is: a thick border of the error's colour.
    border = grade.evaluate("s => [getComputedStyle(s).borderTopWidth, getComputedStyle(s).borderTopColor]")
    error = phone.locator(".field__error").evaluate("p => getComputedStyle(p).color")
    assert border == ["2px", error]
    expect(overall.get_by_label("затрудняюсь ответить")).to_be_checked()
    assert not SurveyAnswer.objects.exists()


def test_a_parent_takes_back_an_answer_tapped_by_mistake_and_the_question_is_skipped(phone, open_survey):  # noqa: F811
    # A chosen answer could only be changed for another: «затрудняюсь ответить» is an answer too, counted.
    phone.goto(f"/s/{open_survey.links.get().token}/")
    phone.get_by_label(GRADE).select_option("3")
    overall = phone.get_by_role("group", name=OVERALL)
    safety = phone.get_by_role("group", name="Безопасностью", exact=False)
    expect(overall.get_by_role("button", name="Убрать ответ")).to_be_hidden()  # nothing to take back yet
    overall.get_by_label("полностью удовлетворен").tap()
    safety.get_by_label("не удовлетворен", exact=True).tap()

    safety.get_by_role("button", name="Убрать ответ").tap()

    expect(safety.get_by_role("radio", checked=True)).to_have_count(0)
    expect(safety.get_by_role("button", name="Убрать ответ")).to_be_hidden()
    expect(safety.get_by_role("radio").first).to_be_focused()
    # Each answer still a whole line of its card, 44 px high: a thumb's target.
    height, width, line = safety.get_by_role("radio").first.evaluate(
        "r => [r.closest('label').offsetHeight, r.closest('label').offsetWidth, r.closest('ul').offsetWidth]")
    assert height >= 44 and width == line
    send(phone)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Спасибо! Ваши ответы сохранены.")
    assert list(SurveyAnswer.objects.values_list("question", "answer")) == [("overall", "полностью удовлетворен")]


def test_on_a_slow_network_the_button_says_the_answers_are_being_sent(phone, open_survey):  # noqa: F811
    # Seconds of a page that did not change after the tap: a parent tapped again or closed the page.
    phone.goto(f"/s/{open_survey.links.get().token}/")
    phone.get_by_label(GRADE).select_option("5")
    phone.get_by_role("group", name=OVERALL).get_by_label("скорее удовлетворен").tap()
    # Offline the form is not sent (vsoko.js): the button keeps its words, the message says what to do.
    phone.context.set_offline(True)
    send(phone)
    expect(phone.get_by_role("alert")).to_contain_text("Нет связи с интернетом")
    expect(phone.get_by_role("button", name="Отправить ответы")).to_be_visible()
    phone.context.set_offline(False)
    # The network that has not answered yet: the page stays, sending.
    phone.evaluate("document.querySelector('form').addEventListener('submit', event => event.preventDefault())")

    send(phone)

    expect(phone.get_by_role("button", name="Отправляем ответы…")).to_be_visible()
    assert not SurveyAnswer.objects.exists()
