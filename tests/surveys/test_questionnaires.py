import re

import pytest

from vsoko.indicators.catalogs import CATALOG_DIR
from vsoko.surveys.enums import Respondents
from vsoko.surveys.questionnaires import QuestionnaireError, parse, questionnaires

SPEC_SCALE = ("полностью удовлетворен", "скорее удовлетворен", "скорее не удовлетворен", "не удовлетворен",
              "затрудняюсь ответить")


def test_the_standard_questionnaires_have_the_codes_and_scale_of_the_spec():
    shipped = questionnaires()
    questions = {code: [q.code for q in shipped[code].questions] for code in ("parents", "students", "parents-do")}

    # The spec's questions, and the product's `upbringing` last (000, п. 4.4.4: воспитательная деятельность).
    assert questions == {
        "parents": ["overall", "facilities", "safety", "staff", "climate", "extracurricular", "information",
                    "upbringing"],
        "students": ["overall", "facilities", "safety", "staff", "climate", "extracurricular", "upbringing"],
        "parents-do": ["overall", "facilities", "safety", "staff", "guidance", "cooperation", "information",
                       "variety"],
    }
    assert all(q.options == SPEC_SCALE for code in questions for q in shipped[code].questions)
    assert shipped["parents"].grades == (1, 11)
    assert shipped["students"].grades == (9, 11)


def test_every_questionnaire_and_question_a_catalog_formula_names_can_be_answered_on_the_pages():
    named = set()
    for path in CATALOG_DIR.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        named |= {(survey, question or None) for survey, question in
                  re.findall(r"survey=([a-z-]+)(?:, question=([a-z_]+))?", text)}
    shipped = questionnaires()

    missing = [(s, q) for s, q in named if s not in shipped or (q and shipped[s].question(q) is None)]

    assert named and missing == []


def test_teachers_graduates_and_employers_are_not_asked_a_grade_and_parents_are():
    shipped = questionnaires()

    asked = {code: (q.respondents, q.asks_grade) for code, q in shipped.items()}

    assert asked == {
        "parents": (Respondents.PARENTS, True), "students": (Respondents.STUDENTS, True),
        "parents-do": (Respondents.PARENTS, True), "do-needs": (Respondents.PARENTS, True),
        "info-needs": (Respondents.PARENTS, True), "teachers": (Respondents.STAFF, False),
        "graduates": (Respondents.GRADUATES, False), "employers": (Respondents.EMPLOYERS, False),
    }
    assert shipped["teachers"].grade_range == range(0)


@pytest.mark.parametrize("code", ["teachers", "graduates", "employers", "info-needs"])
def test_the_new_questionnaires_have_five_to_twelve_questions_on_the_spec_scale_or_their_own(code):
    questionnaire = questionnaires()[code]

    assert 5 <= len(questionnaire.questions) <= 12
    assert questionnaire.question("overall" if code != "info-needs" else "completeness").options == SPEC_SCALE
    # «затрудняюсь ответить» is on the scale; a choice question offers it where it is not a yes/no of habit
    assert all(q.is_scale or len(q.options) >= 2 for q in questionnaire.questions)


def test_the_teachers_questionnaire_asks_about_what_the_regulation_names():
    questions = [q.code for q in questionnaires()["teachers"].questions]

    assert questions == ["overall", "conditions", "methodical", "information", "climate", "administration",
                         "training", "facilities", "incentives"]
    assert all(q.is_scale for q in questionnaires()["teachers"].questions)


def test_the_information_needs_questionnaire_offers_the_four_channels():
    channel = questionnaires()["info-needs"].question("channel")

    assert {"официальный сайт школы", "мессенджер (родительский чат, канал школы)", "родительские собрания",
            "электронный дневник", "затрудняюсь ответить"} <= set(channel.options)


BASE = {"respondents": "parents", "title": "T", "audience": "A", "intro": "I", "questions": {"a": "?"}}


@pytest.mark.parametrize(("data", "message"), [
    ({"x": {**BASE, "grades": [1, 11]}}, "анкета x: не хватает или неверно поле"),
    ({"x": {**BASE, "grades": [0, 12], "grade_question": "?"}}, "классы 0–12 вне 1–11"),
    ({"x": {**BASE, "grades": [1, 4], "grade_question": "?", "questions": {"a": {"text": "?", "options": ["да", "да"]}}}},
     "вопрос a: варианты ответа повторяются"),
    ({"x": {**BASE, "respondents": "pupils"}}, "поле respondents .* а не «pupils»"),
    ({"x": {**BASE, "respondents": "staff", "grades": [1, 11], "grade_question": "?"}},
     "класс спрашивают только у обучающихся и родителей, а отвечают педагогические работники"),
])
def test_a_broken_questionnaire_file_is_refused_with_the_place(data, message):
    with pytest.raises(QuestionnaireError, match=message):
        parse(data, "q.yaml")


def test_a_questionnaire_without_grades_is_read_as_asking_none():
    parsed = parse({"x": {**BASE, "respondents": "employers"}}, "q.yaml")["x"]

    assert (parsed.grades, parsed.grade_question, parsed.asks_grade, parsed.respondents) == (
        None, "", False, Respondents.EMPLOYERS)
