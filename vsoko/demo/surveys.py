"""Questionnaire answers (`survey_responses`) of the standard questionnaires of core-indicators.md, and a
survey open on the answering pages."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from vsoko.demo.model import Calendar, Pupil, SchoolProfile
from vsoko.demo.package import Package
from vsoko.surveys.campaigns import GENERAL_LINK, add_class_links, create_survey
from vsoko.surveys.models import Survey

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


def add_surveys(rng: random.Random, package: Package, cal: Calendar, profile: SchoolProfile, pupils: list[Pupil],
                in_additional_education: set[str]) -> None:
    year = f"{cal.year}/{cal.year + 1}"
    samples = {
        "parents": [p for p in pupils if rng.random() < 0.45],
        "students": [p for p in pupils if p.grade >= 9 and rng.random() < 0.7],
        "parents-do": [p for p in pupils if p.sid in in_additional_education and rng.random() < 0.25],
    }
    for survey, respondents in samples.items():
        for n, pupil in enumerate(respondents, start=1):
            mood = 1.2 + profile.satisfaction + rng.gauss(0, 0.7)
            for question, shift in QUESTIONS[survey].items():
                if rng.random() < (0.01 if question == "overall" else 0.03):
                    continue  # the question was skipped
                package.add("survey_responses", year=year, survey=survey, respondent=f"{survey}-{n:04d}",
                            grade=pupil.grade, question=question, answer=answer(rng, mood + shift))


def open_demo_survey(school, year: int):
    """A survey of the demo school open today, with a link per class, to try the answering pages:
    the questionnaire on additional education needs, which the package's answers do not cover.
    Returns its general link; running the demo again reuses the survey."""
    survey = Survey.objects.filter(school=school, year_id=year, questionnaire="do-needs").first()
    if survey is None:
        today = timezone.localdate()
        survey = create_survey(school=school, year=year, questionnaire="do-needs",
                               title="Потребности в дополнительном образовании на следующий год",
                               opens_on=today, closes_on=today + datetime.timedelta(days=30))
        add_class_links(survey=survey)
    return survey.links.get(label=GENERAL_LINK)
