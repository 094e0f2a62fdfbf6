import datetime

import pytest

from tests.accounts.personas import YEAR
from tests.indicators.conftest import core_definitions, values_by_key
from vsoko.datavalues.compute import recompute, recompute_all, requests_answered
from vsoko.datavalues.models import DataValue, RecomputeRequest
from vsoko.indicators.evaluate import Definition
from vsoko.records.enums import ApprovalStatus, SurveyChannel
from vsoko.records.models import SurveyAnswer, YearApproval
from vsoko.surveys.campaigns import add_class_links, addressed, create_survey
from vsoko.surveys.responses import (
    RESPONDENT_PREFIX,
    ResponseRefused,
    new_submission_key,
    refusal,
    submit,
)

from .conftest import TODAY

pytestmark = pytest.mark.django_db

FULL, RATHER, NOT, UNSURE = "полностью удовлетворен", "скорее удовлетворен", "не удовлетворен", "затрудняюсь ответить"


def general(survey):
    return survey.links.get(grade=None)


def test_a_response_stores_each_answered_question_and_counts_on_its_link(parents_survey):
    link = general(parents_survey)

    respondent = submit(link, grade=5, answers={"overall": FULL, "safety": UNSURE, "staff": ""}, today=TODAY)

    rows = SurveyAnswer.objects.filter(respondent=respondent)
    assert respondent.startswith(RESPONDENT_PREFIX)
    assert sorted(rows.values_list("question", "answer", "grade", "survey", "channel")) == [
        ("overall", FULL, 5, "parents", SurveyChannel.ONLINE),
        ("safety", UNSURE, 5, "parents", SurveyChannel.ONLINE),
    ]  # the skipped question stores nothing
    link.refresh_from_db()
    assert link.responses == 1


def test_two_responses_never_share_a_respondent(parents_survey):
    link = general(parents_survey)

    first = submit(link, grade=1, answers={"overall": FULL}, today=TODAY)
    second = submit(link, grade=1, answers={"overall": FULL}, today=TODAY)

    assert first != second
    assert SurveyAnswer.objects.values("respondent").distinct().count() == 2


def test_the_same_form_sent_twice_is_stored_once(parents_survey):
    # A double tap, or a resubmit after the phone lost the answer to the first send: the form's one
    # submission key makes the second send a no-op that still thanks the respondent.
    link = general(parents_survey)
    key = new_submission_key()

    first = submit(link, grade=3, answers={"overall": FULL, "safety": UNSURE}, submission=key, today=TODAY)
    second = submit(link, grade=3, answers={"overall": FULL, "safety": UNSURE}, submission=key, today=TODAY)

    assert first == second == RESPONDENT_PREFIX + key
    assert SurveyAnswer.objects.count() == 2
    link.refresh_from_db()
    assert link.responses == 1


def test_a_stored_form_resent_without_answers_counts_once_and_is_not_refused(parents_survey):
    # The phone resends the stored form with its answers gone (a page restored without them, a resubmitted
    # empty copy): the response is already stored, so the resend is thanked, and the link still counts one.
    link = general(parents_survey)
    key = new_submission_key()

    first = submit(link, grade=3, answers={"overall": FULL}, submission=key, today=TODAY)
    again = submit(link, grade=3, answers={"overall": "", "safety": ""}, submission=key, today=TODAY)

    assert again == first
    assert list(SurveyAnswer.objects.values_list("question", "answer")) == [("overall", FULL)]
    link.refresh_from_db()
    assert link.responses == 1


def test_an_empty_form_is_still_refused_when_nothing_was_stored_under_its_key(parents_survey):
    link = general(parents_survey)

    with pytest.raises(ResponseRefused, match="Ответьте хотя бы на один вопрос"):
        submit(link, grade=3, answers={"overall": ""}, submission=new_submission_key(), today=TODAY)

    link.refresh_from_db()
    assert link.responses == 0 and not SurveyAnswer.objects.exists()


def test_a_stored_form_sent_again_with_other_answers_is_a_new_response_not_lost(parents_survey):
    # «Назад» after «Спасибо» shows the sent form with its key; a parent fills it for a second child (grade 7,
    # another answer) and sends: before, the key matched, the page thanked, and the second child's answers
    # were dropped without a word.
    link = general(parents_survey)
    key = new_submission_key()

    first = submit(link, grade=3, answers={"overall": FULL}, submission=key, today=TODAY)
    second = submit(link, grade=7, answers={"overall": NOT, "safety": FULL}, submission=key, today=TODAY)

    assert second != first
    assert sorted(SurveyAnswer.objects.filter(respondent=second).values_list("question", "answer", "grade")) == [
        ("overall", NOT, 7), ("safety", FULL, 7)]
    assert SurveyAnswer.objects.filter(respondent=first).count() == 1
    link.refresh_from_db()
    assert link.responses == 2


def test_a_submission_key_that_is_not_one_of_ours_gets_a_fresh_respondent(parents_survey):
    link = general(parents_survey)

    respondent = submit(link, grade=3, answers={"overall": FULL}, submission="Иванов Петя", today=TODAY)

    assert respondent.startswith(RESPONDENT_PREFIX) and "Иванов" not in respondent
    assert len(respondent) == len(RESPONDENT_PREFIX) + 16


def test_a_class_link_gives_its_grade_whatever_the_form_says(world, parents_survey):
    links = {link.label: link for link in add_class_links(survey=parents_survey)}

    respondent = submit(links["10А"], grade=None, answers={"overall": RATHER}, today=TODAY)

    assert set(SurveyAnswer.objects.filter(respondent=respondent).values_list("grade", flat=True)) == {10}


def test_class_links_expect_the_pupils_who_have_not_left(world, parents_survey):
    links = add_class_links(survey=parents_survey)

    # 5Б: Петров and Орлов, who left in January; 5А: Иванов; 10А: Сидорова. Added again: nothing new.
    assert [(link.label, link.grade, link.expected) for link in links] == [("5А", 5, 1), ("5Б", 5, 1), ("10А", 10, 1)]
    assert add_class_links(survey=parents_survey) == []


@pytest.mark.parametrize(("answers", "grade", "message"), [
    ({}, 5, "Ответьте хотя бы на один вопрос"),
    ({"overall": ""}, 5, "Ответьте хотя бы на один вопрос"),
    ({"overall": "очень доволен"}, 5, "не из списка вариантов"),
    ({"weather": FULL}, 5, "нет вопроса «weather»"),
    ({"overall": FULL}, None, "Укажите класс: от 1 до 11"),
    ({"overall": FULL}, 12, "Укажите класс: от 1 до 11"),
])
def test_a_wrong_response_is_refused_and_stores_nothing(parents_survey, answers, grade, message):
    with pytest.raises(ResponseRefused, match=message):
        submit(general(parents_survey), grade=grade, answers=answers, today=TODAY)

    assert SurveyAnswer.objects.count() == 0
    assert general(parents_survey).responses == 0


def test_the_students_questionnaire_takes_only_grades_9_to_11(world):
    survey = create_survey(school=world.school, year=YEAR, questionnaire="students", title="9–11",
                           opens_on=TODAY, closes_on=TODAY)

    with pytest.raises(ResponseRefused, match="от 9 до 11"):
        submit(general(survey), grade=8, answers={"overall": FULL}, today=TODAY)
    submit(general(survey), grade=9, answers={"overall": FULL}, today=TODAY)


@pytest.mark.parametrize(("today", "closed", "message"), [
    (datetime.date(2024, 9, 30), False, "Опрос начнётся 01.10.2024"),
    (datetime.date(2024, 10, 15), False, "Опрос завершён"),
    (datetime.date(2024, 10, 14), True, "Опрос завершён"),
])
def test_no_answers_outside_the_dates_or_after_closing(parents_survey, today, closed, message):
    parents_survey.closed = closed
    parents_survey.save()

    with pytest.raises(ResponseRefused, match=message):
        submit(general(parents_survey), grade=5, answers={"overall": FULL}, today=today)
    assert SurveyAnswer.objects.count() == 0


@pytest.mark.parametrize(("today", "closed", "approved", "message"), [
    (datetime.date(2024, 9, 30), False, False,
     "Опрос начнётся 01.10.2024 и продлится по 14.10.2024 включительно. Откройте эту ссылку в эти дни."),
    (datetime.date(2024, 10, 15), False, False,
     "Опрос завершён 14.10.2024: ответы принимались с 01.10.2024 по 14.10.2024 включительно. Спасибо за интерес!"),
    (datetime.date(2024, 10, 7), True, False,
     "Опрос завершён досрочно: школа прекратила приём ответов раньше назначенного срока (с 01.10.2024 по "
     "14.10.2024). Спасибо за интерес!"),
    (datetime.date(2024, 10, 7), False, True,
     "Опрос завершён: школа утвердила данные 2024/2025 учебного года, ответы больше не принимаются. "
     "Спасибо за интерес!"),
])
def test_a_link_that_takes_no_answers_says_why_with_the_survey_dates(world, parents_survey, today, closed, approved,
                                                                      message):
    # A parent with a flyer from last month's meeting needs the dates to tell «too late» from «too early».
    parents_survey.closed = closed
    parents_survey.save()
    if approved:
        YearApproval.objects.create(school=world.school, year_id=YEAR, status=ApprovalStatus.APPROVED)

    assert refusal(parents_survey, today) == message


def test_the_last_day_still_takes_answers(parents_survey):
    submit(general(parents_survey), grade=5, answers={"overall": FULL}, today=datetime.date(2024, 10, 14))

    assert SurveyAnswer.objects.count() == 1


def test_an_approved_year_takes_no_answers(world, parents_survey):
    YearApproval.objects.create(school=world.school, year_id=YEAR, status=ApprovalStatus.APPROVED)

    with pytest.raises(ResponseRefused, match="Опрос завершён"):
        submit(general(parents_survey), grade=5, answers={"overall": FULL}, today=TODAY)


def test_responses_reach_the_indicators_through_the_requested_recomputation(world, parents_survey,
                                                                           django_capture_on_commit_callbacks):
    link = general(parents_survey)
    with django_capture_on_commit_callbacks(execute=True):
        submit(link, grade=3, answers={"overall": FULL, "safety": NOT}, today=TODAY)     # 1-4, satisfied
        submit(link, grade=6, answers={"overall": UNSURE, "safety": RATHER}, today=TODAY)  # 5-9, unsure
        submit(link, grade=10, answers={"safety": FULL}, today=TODAY)                   # 10-11, skipped overall
        submit(link, grade=7, answers={"overall": RATHER}, today=TODAY)                 # 5-9, satisfied

    values = values_by_key(world.school, YEAR, core_definitions(),
                           ["core.parents_satisfied", "core.parents_satisfied.safety"])

    # Satisfied with the school: 2 of all 4 respondents (the unsure and the skipping one count below the line).
    whole = values[("core.parents_satisfied", ())]
    assert (whole.numerator, whole.denominator, whole.value) == (2, 4, 50)
    band = values[("core.parents_satisfied", (("grade_band", "5-9"),))]
    assert (band.numerator, band.denominator) == (1, 2)
    safety = values[("core.parents_satisfied.safety", ())]
    assert (safety.numerator, safety.denominator) == (2, 4)
    assert not RecomputeRequest.objects.exists()  # done: nothing waits


def test_a_failed_response_requests_no_recomputation(parents_survey, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(ResponseRefused):
        submit(general(parents_survey), grade=5, answers={}, today=TODAY)

    assert callbacks == []
    assert not DataValue.objects.filter(code="survey.respondents").exists()


def test_any_recomputation_answers_the_waiting_requests_but_not_one_made_meanwhile(world):
    RecomputeRequest.objects.create(school=world.school, year_id=YEAR, version=1)
    recompute(world.school, [YEAR])
    assert not RecomputeRequest.objects.exists()

    RecomputeRequest.objects.create(school=world.school, year_id=YEAR, version=1)
    with requests_answered(RecomputeRequest.objects.all()):
        RecomputeRequest.objects.update(version=2)  # an answer arrived while it ran
    assert RecomputeRequest.objects.get().version == 2

    recompute_all([YEAR])  # `vsoko compute`
    assert not RecomputeRequest.objects.exists()


@pytest.fixture
def teachers_survey(world):
    """The teachers' questionnaire of school 1, open 1–14 October 2024 (2024/2025)."""
    return create_survey(school=world.school, year=YEAR, questionnaire="teachers", title="Педагоги, осень",
                         opens_on=datetime.date(2024, 10, 1), closes_on=datetime.date(2024, 10, 14))


def test_a_teachers_response_needs_no_grade_and_stores_none_whatever_is_sent(teachers_survey):
    link = general(teachers_survey)

    first = submit(link, grade=None, answers={"overall": FULL, "training": UNSURE}, today=TODAY)
    second = submit(link, grade=7, answers={"climate": RATHER}, today=TODAY)  # a forged grade is dropped

    assert sorted(SurveyAnswer.objects.filter(respondent=first).values_list("question", "answer", "grade")) == [
        ("overall", FULL, None), ("training", UNSURE, None)]
    assert list(SurveyAnswer.objects.filter(respondent=second).values_list("grade", flat=True)) == [None]
    link.refresh_from_db()
    assert link.responses == 2


def test_a_questionnaire_without_grades_gets_no_class_links(teachers_survey):
    assert add_class_links(survey=teachers_survey) == []
    assert teachers_survey.links.count() == 1


def test_the_teachers_response_rate_counts_the_pedagogical_staff_of_the_year(world, teachers_survey):
    graduates = create_survey(school=world.school, year=YEAR, questionnaire="graduates", title="Выпускники",
                              opens_on=TODAY, closes_on=TODAY)

    # School 1 has Смирнова and Волков, teachers, and Белова, an accountant (not pedagogical staff).
    assert addressed(teachers_survey) == 2
    assert addressed(graduates) is None  # past graduates are not in the records


def test_teachers_answers_give_an_indicator_of_a_school_catalog_without_any_grade(world, teachers_survey):
    # No shipped catalog has a teachers' satisfaction indicator (docs/surveys.md); a school adds one to its own.
    link = general(teachers_survey)
    submit(link, grade=None, answers={"overall": FULL, "methodical": FULL}, today=TODAY)      # satisfied
    submit(link, grade=None, answers={"overall": RATHER, "methodical": UNSURE}, today=TODAY)  # satisfied, unsure
    submit(link, grade=None, answers={"overall": UNSURE}, today=TODAY)                      # skips methodical
    submit(link, grade=None, answers={"overall": NOT, "methodical": NOT}, today=TODAY)
    submit(link, grade=None, answers={"climate": RATHER}, today=TODAY)                      # skips both
    recompute(world.school, [YEAR])
    formula = ("percent(survey.answers[survey=teachers, question={q}, answer=satisfied_full|satisfied_rather], "
               "survey.respondents[survey=teachers])")
    definitions = {code: Definition(code, code, "percent", "computed", formula.format(q=question), (), True)
                   for code, question in [("school.teachers_satisfied", "overall"),
                                          ("school.teachers_methodical", "methodical")]}

    values = values_by_key(world.school, YEAR, definitions)

    overall = values[("school.teachers_satisfied", ())]
    assert (overall.numerator, overall.denominator, overall.value) == (2, 5, 40)  # FULL, RATHER of all five
    methodical = values[("school.teachers_methodical", ())]
    assert (methodical.numerator, methodical.denominator, methodical.value) == (1, 5, 20)  # unsure, skips count below
    assert not DataValue.objects.filter(code="survey.respondents", breakdown__survey="teachers",
                                        breakdown__grade__isnull=False).exists()
