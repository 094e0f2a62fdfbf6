"""Questionnaire answers (`survey_responses`) of the standard questionnaires of core-indicators.md and of the
teachers' questionnaire, and a survey open on the answering pages."""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from vsoko.datavalues.compute import recompute
from vsoko.demo.model import Calendar, Pupil, SchoolProfile
from vsoko.demo.package import Package
from vsoko.records.years import school_year_days, school_year_of
from vsoko.surveys.campaigns import GENERAL_LINK, add_class_links, create_survey
from vsoko.surveys.models import Survey
from vsoko.surveys.questionnaires import questionnaires
from vsoko.surveys.responses import submit

SCALE = ("полностью удовлетворен", "скорее удовлетворен", "скорее не удовлетворен", "не удовлетворен")
UNSURE = "затрудняюсь ответить"

# Questions of the standard questionnaires (core-indicators.md) and how they tend to be answered
# compared with `overall`: buildings and equipment get the most complaints.
QUESTIONS: dict[str, dict[str, float]] = {
    "parents": {"overall": 0.0, "facilities": -0.45, "safety": 0.2, "staff": 0.15, "climate": 0.0,
                "extracurricular": -0.2, "information": 0.2},
    "students": {"overall": -0.25, "facilities": -0.5, "safety": 0.0, "staff": 0.0, "climate": -0.3,
                 "extracurricular": -0.2},
    "parents-do": {"overall": 0.2, "facilities": -0.2, "safety": 0.3, "staff": 0.35, "guidance": 0.1,
                   "cooperation": 0.0, "information": 0.0, "variety": -0.3},
}


def answer(rng: random.Random, level: float) -> str:
    if rng.random() < 0.06:
        return UNSURE
    score = level + rng.gauss(0, 0.6)
    return SCALE[0] if score > 1.0 else SCALE[1] if score > -0.1 else SCALE[2] if score > -0.9 else SCALE[3]


# The questions the product added to the standard questionnaires, and the teachers' questionnaire:
# drawn from a random stream of their own, so the answers to the standard questions stay what they were.
UPBRINGING_SHIFT = {"parents": 0.1, "students": -0.15}
TEACHERS: dict[str, float] = {"overall": 0.1, "conditions": -0.3, "methodical": 0.2, "information": 0.0,
                              "climate": 0.15, "administration": 0.05, "training": 0.1, "facilities": -0.5,
                              "incentives": -0.6}


def add_surveys(rng: random.Random, package: Package, cal: Calendar, profile: SchoolProfile, pupils: list[Pupil],
                in_additional_education: set[str], teachers: int = 0) -> None:
    year = f"{cal.year}/{cal.year + 1}"
    samples = {
        "parents": [p for p in pupils if rng.random() < 0.45],
        "students": [p for p in pupils if p.grade >= 9 and rng.random() < 0.7],
        "parents-do": [p for p in pupils if p.sid in in_additional_education and rng.random() < 0.25],
    }
    answered: list[tuple[str, str, int, float]] = []  # (survey, respondent, grade, mood) of who answered anything
    for survey, respondents in samples.items():
        for n, pupil in enumerate(respondents, start=1):
            mood = 1.2 + profile.satisfaction + rng.gauss(0, 0.7)
            respondent = f"{survey}-{n:04d}"
            given = False
            for question, shift in QUESTIONS[survey].items():
                if rng.random() < (0.01 if question == "overall" else 0.03):
                    continue  # the question was skipped
                given = True
                package.add("survey_responses", year=year, survey=survey, respondent=respondent,
                            grade=pupil.grade, question=question, answer=answer(rng, mood + shift))
            if given and survey in UPBRINGING_SHIFT:
                answered.append((survey, respondent, pupil.grade, mood))
    own = random.Random(f"{profile.seed}-surveys-{cal.year}")
    for survey, respondent, grade, mood in answered:
        if own.random() >= 0.03:
            package.add("survey_responses", year=year, survey=survey, respondent=respondent, grade=grade,
                        question="upbringing", answer=answer(own, mood + UPBRINGING_SHIFT[survey]))
    add_teachers_answers(own, package, year, profile, teachers)


def add_teachers_answers(rng: random.Random, package: Package, year: str, profile: SchoolProfile, teachers: int) -> None:
    """About four teachers in five answer the teachers' questionnaire; no grade, as on the survey pages."""
    for n in range(1, teachers + 1):
        if rng.random() >= 0.8:
            continue
        mood = 1.0 + profile.satisfaction + rng.gauss(0, 0.6)
        answers = {q: answer(rng, mood + shift) for q, shift in TEACHERS.items() if rng.random() >= 0.03}
        for question, text in (answers or {"overall": answer(rng, mood)}).items():
            package.add("survey_responses", year=year, survey="teachers", respondent=f"teachers-{n:04d}", grade="",
                        question=question, answer=text)


# The demo survey ran from a week ago and runs for a month more, inside its school year.
DEMO_SURVEY_BEFORE = datetime.timedelta(days=7)
DEMO_SURVEY_AFTER = datetime.timedelta(days=30)
DEMO_SURVEY_ANSWERS = 27


def open_demo_survey(school, seed: int = 1, today: datetime.date | None = None):
    """A survey of the demo school open today, to try the answering pages: the questionnaire on additional
    education needs, which the package's answers do not cover. It belongs to the school year of today (the
    current one, whatever the demo's last year of data): its dates lie in that year, and so do its answers —
    a few already given through its general link, computed into the year's values so its page has a summary.
    Class links only if the year's classes are loaded (the demo's data end with LAST_YEAR, so usually none).
    Returns its general link; running the demo again reuses the survey."""
    today = today or timezone.localdate()
    year = school_year_of(today)
    survey = Survey.objects.filter(school=school, year_id=year, questionnaire="do-needs").first()
    if survey is None:
        first, last = school_year_days(year)
        survey = create_survey(school=school, year=year, questionnaire="do-needs",
                               title="Потребности в дополнительном образовании на следующий год",
                               opens_on=max(today - DEMO_SURVEY_BEFORE, first),
                               closes_on=min(today + DEMO_SURVEY_AFTER, last))
        survey.full_clean()
        add_class_links(survey=survey)
        _answer_demo_survey(survey, seed, today)
    return survey.links.get(label=GENERAL_LINK)


def _answer_demo_survey(survey: Survey, seed: int, today: datetime.date) -> None:
    """Responses through the general link, as parents would give them (some questions skipped), then the year
    recomputed at once: the demo has no task worker running yet."""
    rng = random.Random(f"{seed}-demo-survey-{survey.year_id}")
    link = survey.links.get(label=GENERAL_LINK)
    questionnaire = questionnaires()[survey.questionnaire]
    with transaction.atomic():
        for _ in range(DEMO_SURVEY_ANSWERS):
            answers = {q.code: rng.choice(q.options) for q in questionnaire.questions if rng.random() >= 0.05}
            submit(link, grade=rng.choice(questionnaire.grade_range), today=today,
                   answers=answers or {questionnaire.questions[0].code: questionnaire.questions[0].options[0]},
                   submission=f"{rng.getrandbits(64):016x}")
    recompute(survey.school, [survey.year_id])
