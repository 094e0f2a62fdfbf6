"""The questionnaire page a parent or pupil answers on a phone: what it says when something is wrong."""

import re

import pytest
from django.urls import reverse

from vsoko.records.models import SurveyAnswer

pytestmark = pytest.mark.django_db

FULL = "полностью удовлетворен"


def respond_url(survey):
    return reverse("survey_form:respond", args=[survey.links.get().token])


def test_an_answer_no_longer_in_the_questionnaire_is_named_next_to_its_question_and_the_rest_is_kept(client,
                                                                                                      open_survey):
    # A form kept open in a phone's tab across an update of the questionnaire's options: the question was only
    # framed in red, with no word of what was wrong.
    response = client.post(respond_url(open_survey), {"grade": "4", "q_overall": "очень доволен", "q_safety": FULL})

    assert response.status_code == 400
    html = response.content.decode()
    # The page opens at its top: it says there that nothing was sent and where to look.
    assert re.search(r'role="alert">\s*<p class="alert__title">Ответы не отправлены</p>\s*<p>Исправьте отмеченное ниже',
                     html)
    # Nothing is stored: «сохранены на странице» read to a parent as if the answers were saved.
    assert "Выбранные ответы остались на странице — отмечать их заново не нужно." in html
    assert "сохранены" not in html
    question = re.search(r'<fieldset class="question question--error"[^>]*>.*?</fieldset>', html, re.S).group(0)
    assert "Насколько вы удовлетворены школой в целом?" in question
    assert "Ошибка: Выберите корректный вариант. очень доволен нет среди допустимых значений." in question
    assert 'aria-describedby="id_q_overall_error"' in question and 'id="id_q_overall_error"' in question
    # What was filled in stays: the class and the other answer.
    assert re.search(r'<option value="4" selected>', html)
    assert re.search(r'value="полностью удовлетворен" id="id_q_safety_0" checked|checked[^>]*id="id_q_safety_0"', html)
    assert not SurveyAnswer.objects.exists()


@pytest.mark.parametrize("page", ["survey_form:respond", "survey_form:thanks"])
def test_a_mistyped_link_says_so_in_the_respondents_words_and_leads_nowhere_near_the_staff_pages(client, db, page):
    # Typed from a printed sheet, one character wrong: the staff's 404 spoke of «the chosen school year», led
    # «back to the overview» (the staff login) and warned that viewing is logged.
    response = client.get(reverse(page, args=["Zx1MU9fwly5rxND1"]))

    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Анкета по этой ссылке не найдена</h1>" in html
    assert "Проверьте адрес: его удобнее не набирать, а открыть QR-код с листка" in html
    assert 'href="/"' not in html and "записывается в журнал" not in html and "учебном году" not in html


def test_the_questionnaire_is_never_kept_by_the_browser_for_the_next_person_on_the_device(client, open_survey):
    """A class computer or a parent's phone passed on: «Назад» after «Спасибо» must not bring back the previous
    respondent's answers from the browser's cache — the page is sent with no-store, the form as the answers."""
    shown = client.get(respond_url(open_survey))
    refused = client.post(respond_url(open_survey), {"grade": "4", "q_overall": "очень доволен", "q_safety": FULL})

    for response in (shown, refused):
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
