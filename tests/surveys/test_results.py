from decimal import Decimal

import pytest

from tests.accounts.personas import YEAR
from vsoko.datavalues.compute import recompute
from vsoko.records.models import SurveyAnswer
from vsoko.surveys.questionnaires import questionnaires
from vsoko.surveys.results import survey_results

pytestmark = pytest.mark.django_db

FULL, RATHER, NOT, UNSURE = "полностью удовлетворен", "скорее удовлетворен", "не удовлетворен", "затрудняюсь ответить"


def answer(school, respondent, grade, **answers):
    for question, text in answers.items():
        SurveyAnswer.objects.create(school=school, year_id=YEAR, survey="parents", respondent=respondent,
                                    grade=grade, question=question, answer=text)


def results(world):
    recompute(world.school, [YEAR])
    return survey_results(world.school, YEAR, questionnaires()["parents"])


def test_shares_are_of_all_respondents_and_bands_of_five_or_more_are_shown(world):
    # 1-4: five respondents, three satisfied with the school; 5-9: six, one satisfied, one skipping «overall».
    for i, text in enumerate([FULL, RATHER, RATHER, NOT, UNSURE]):
        answer(world.school, f"a{i}", 2, overall=text)
    for i, text in enumerate([FULL, NOT, NOT, UNSURE, UNSURE]):
        answer(world.school, f"b{i}", 7, overall=text)
    answer(world.school, "b5", 7, safety=FULL)

    got = results(world)

    assert got.respondents == 11
    overall = got.questions[0]
    assert overall.question.code == "overall"
    assert [(o.text, o.count, o.share) for o in overall.options] == [
        (FULL, 2, Decimal("18.2")), (RATHER, 2, Decimal("18.2")), ("скорее не удовлетворен", 0, Decimal("0.0")),
        (NOT, 3, Decimal("27.3")), (UNSURE, 3, Decimal("27.3")),
    ]
    assert overall.skipped == 1
    assert overall.satisfied == Decimal("36.4")  # 4 of 11
    assert [(b.label, b.respondents, b.satisfied, b.hidden) for b in overall.bands] == [
        ("1–4 классы", 5, Decimal("60.0"), False), ("5–9 классы", 6, Decimal("16.7"), False),
    ]


def test_a_band_below_five_is_hidden_and_so_is_the_band_that_would_give_it_away(world):
    for i in range(6):
        answer(world.school, f"b{i}", 7, overall=FULL)
    answer(world.school, "a0", 3, overall=NOT)

    got = results(world)

    assert [(b.band, b.hidden, b.satisfied) for b in got.questions[0].bands] == [("1-4", True, None),
                                                                                ("5-9", True, None)]
    assert got.questions[0].satisfied == Decimal("85.7")  # the whole school is still shown: 6 of 7


def test_choice_questions_count_their_own_options(world):
    SurveyAnswer.objects.create(school=world.school, year_id=YEAR, survey="do-needs", respondent="x", grade=4,
                                question="attends", answer="да, в школе")
    SurveyAnswer.objects.create(school=world.school, year_id=YEAR, survey="do-needs", respondent="y", grade=4,
                                question="attends", answer="Да, в школе")
    recompute(world.school, [YEAR])

    got = survey_results(world.school, YEAR, questionnaires()["do-needs"])

    attends = got.questions[0]
    assert [(o.text, o.count) for o in attends.options] == [("да, в школе", 2), ("да, в другой организации", 0),
                                                            ("нет", 0)]
    assert attends.satisfied is None
    assert got.questions[1].skipped == 2
