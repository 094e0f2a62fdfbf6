"""The demo's questionnaire answers: the teachers' questionnaire and `upbringing` come from a stream of their own."""

from __future__ import annotations

import datetime
import random

from vsoko.demo.model import Calendar, Pupil, SchoolProfile
from vsoko.demo.package import Package
from vsoko.demo.surveys import TEACHERS, add_surveys

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
