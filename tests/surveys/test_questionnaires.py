import re

import pytest

from vsoko.indicators.catalogs import CATALOG_DIR
from vsoko.surveys.questionnaires import QuestionnaireError, parse, questionnaires

SPEC_SCALE = ("полностью удовлетворен", "скорее удовлетворен", "скорее не удовлетворен", "не удовлетворен",
              "затрудняюсь ответить")


def test_the_standard_questionnaires_have_the_codes_and_scale_of_the_spec():
    shipped = questionnaires()
    questions = {code: [q.code for q in shipped[code].questions] for code in ("parents", "students", "parents-do")}

    assert questions == {
        "parents": ["overall", "facilities", "safety", "staff", "climate", "extracurricular", "information"],
        "students": ["overall", "facilities", "safety", "staff", "climate", "extracurricular"],
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


@pytest.mark.parametrize(("data", "message"), [
    ({"x": {"title": "T", "audience": "A", "grades": [1, 11], "intro": "I", "questions": {"a": "?"}}},
     "анкета x: не хватает или неверно поле"),
    ({"x": {"title": "T", "audience": "A", "grades": [0, 12], "grade_question": "?", "intro": "I",
            "questions": {"a": "?"}}}, "классы 0–12 вне 1–11"),
    ({"x": {"title": "T", "audience": "A", "grades": [1, 4], "grade_question": "?", "intro": "I",
            "questions": {"a": {"text": "?", "options": ["да", "да"]}}}}, "вопрос a: варианты ответа повторяются"),
])
def test_a_broken_questionnaire_file_is_refused_with_the_place(data, message):
    with pytest.raises(QuestionnaireError, match=message):
        parse(data, "q.yaml")
