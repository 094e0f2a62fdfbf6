"""The demo's questionnaire answers: the teachers' questionnaire and `upbringing` come from a stream of their own."""

from __future__ import annotations

import datetime
import random

import pytest

from vsoko.datavalues.refresh import is_pending
from vsoko.demo.model import Calendar, Pupil, SchoolProfile
from vsoko.demo.package import Package
from vsoko.demo.surveys import TEACHERS, add_surveys, open_demo_survey
from vsoko.records.enums import OrgUnitKind
from vsoko.records.models import OrgUnit
from vsoko.surveys.enums import SurveyStatus
from vsoko.surveys.models import Survey
from vsoko.surveys.results import respondents

PROFILE = SchoolProfile("school-1", "Школа", "1")
PUPILS = [Pupil(f"S{n:03d}", "Иванов", "Иван", "Иванович", datetime.date(2010, 1, 1), "М", 0.0, {}, grade=1 + n % 11)
          for n in range(200)]


def answers(teachers: int) -> list[dict]:
    package = Package()
    add_surveys(random.Random(7), package, Calendar(2024), PROFILE, PUPILS, {p.sid for p in PUPILS[:50]},
                teachers=teachers)
    return package.tables["survey_responses"]


def test_teachers_answer_without_a_grade_and_about_four_in_five_of_them():
    rows = [r for r in answers(teachers=40) if r["survey"] == "teachers"]

    respondents = {r["respondent"] for r in rows}
    assert 24 <= len(respondents) <= 40
    assert {r["grade"] for r in rows} == {""}
    assert {r["question"] for r in rows} == set(TEACHERS)


def test_the_added_answers_leave_the_standard_ones_as_they_were():
    standard = ("overall", "facilities", "safety", "staff", "climate", "extracurricular", "information",
                "guidance", "cooperation", "variety")

    with_teachers = answers(teachers=40)
    without = answers(teachers=0)

    assert [r for r in with_teachers if r["survey"] != "teachers" and r["question"] in standard] == [
        r for r in without if r["question"] in standard]
    upbringing = [r for r in without if r["question"] == "upbringing"]
    assert {r["survey"] for r in upbringing} == {"parents", "students"}
    # only respondents who answered a standard question get one: the respondents are not changed
    assert {r["respondent"] for r in upbringing} <= {r["respondent"] for r in without if r["question"] in standard}


# --- the survey open on the answering pages -----------------------------------------------------------------

@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.mark.django_db
def test_the_demo_survey_is_open_now_in_the_current_school_year_and_has_answers(immediate_tasks):
    # Today 6 December 2026 is in 2026/2027, a year after the demo's data (LAST_YEAR 2025/2026): the survey
    # belongs to the year its dates are in, and its answers make that year's values.
    school = OrgUnit.objects.create(code="school-1", name="Школа", kind=OrgUnitKind.SCHOOL)
    today = datetime.date(2026, 12, 6)

    token = open_demo_survey(school, seed=1, today=today).token

    survey = Survey.objects.get()
    assert survey.links.get(grade=None).token == token
    assert survey.year_id == 2026
    assert (survey.opens_on, survey.closes_on) == (datetime.date(2026, 11, 29), datetime.date(2027, 1, 5))
    assert survey.status(today) == SurveyStatus.OPEN
    survey.full_clean()  # the dates lie in the survey's year
    answered = survey.links.get(grade=None).responses
    assert answered == 27
    assert respondents(school, 2026, "do-needs") == answered  # computed: the summary shows them
    assert not is_pending(school, 2026)
    # running the demo again reuses the survey and adds no answers
    open_demo_survey(school, seed=1, today=today)
    assert Survey.objects.count() == 1 and survey.links.get(grade=None).responses == answered


@pytest.mark.django_db
def test_the_demo_survey_of_late_august_ends_with_its_year(immediate_tasks):
    school = OrgUnit.objects.create(code="school-1", name="Школа", kind=OrgUnitKind.SCHOOL)

    open_demo_survey(school, seed=1, today=datetime.date(2027, 8, 20))

    survey = Survey.objects.get()
    assert (survey.year_id, survey.opens_on, survey.closes_on) == (
        2026, datetime.date(2027, 8, 13), datetime.date(2027, 8, 31))
