"""The personas' world (tests/accounts/personas.py) with what the rating measures, hand-countable.

School 1, 2024/2025: Смирнова Мария teaches mathematics, Волков Олег physics; Белова Нина is the accountant
(not pedagogical); Зайцева Ольга teaches in school 2. Accounts added here:
- `smirnova` — a teacher of mathematics linked to Смирнова's staff record (her own sheet);
- `volkov` — a teacher of physics linked to Волков, and also the class teacher of 10А (his sheet has
  «Классное руководство»).

Mathematics, year marks of the world: Иванов «5», Петров «4», Сидорова «3» → качество 2 of 3 (66,7 %),
успеваемость 3 of 3. Physics: Сидорова «4» → 1 of 1.
"""

from __future__ import annotations

import datetime

import pytest

from tests.accounts.personas import YEAR, build_world, make_user
from vsoko.accounts.enums import Role
from vsoko.accounts.models import Membership, StaffAccount
from vsoko.observations.models import LessonVisit
from vsoko.records import enums
from vsoko.records.models import Assessment, Event, Result, SchoolYear, StaffEvent


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def add_records(world) -> None:
    """Exams, olympiads, staff events and visits of the measures' tests (see each test for the counts)."""
    school, s = world.school, world.students
    smirnova, volkov = world.staff["smirnova"], world.staff["volkov"]
    math = world.subjects["math"]
    # ВПР: the world's Иванов «5»; Петров «3», Сидорова absent, an ОГЭ «4» by Сидорова → 2 of 3 with «4» and «5».
    vpr = Assessment.objects.get(school=school, assessment_id="VPR-5-M")
    Result.objects.create(school=school, assessment=vpr, student=s["petrov"], primary_score=8, mark=3)
    oge = Assessment.objects.create(school=school, assessment_id="OGE-M", year_id=YEAR, kind=enums.AssessmentKind.OGE,
                                    subject=math, grade=9, max_score=31)
    Result.objects.create(school=school, assessment=oge, student=s["sidorova"], primary_score=20, mark=4)
    admin_work = Assessment.objects.create(school=school, assessment_id="ADM-M", year_id=YEAR, subject=math, grade=5,
                                           kind=enums.AssessmentKind.ADMINISTRATIVE, max_score=10)
    Result.objects.create(school=school, assessment=admin_work, student=s["petrov"], primary_score=2, mark=2)
    # Olympiads in mathematics, the subject typed two ways; the world's own event has no subject.
    for student, level, result, subject in (
            ("ivanov", enums.EventLevel.MUNICIPAL, enums.EventResult.PRIZE, "Математика"),
            ("ivanov", enums.EventLevel.SCHOOL, enums.EventResult.WINNER, "математика"),
            ("petrov", enums.EventLevel.REGIONAL, enums.EventResult.WINNER, "математика"),
            ("sidorova", enums.EventLevel.MUNICIPAL, enums.EventResult.PARTICIPANT, "Математика"),
            ("sidorova", enums.EventLevel.MUNICIPAL, enums.EventResult.WINNER, "Физика")):
        Event.objects.create(school=school, year_id=YEAR, student=s[student], event=f"Олимпиада по предмету «{subject}»",
                             level=level, result=result, subject=subject)
    for start in (2021, 2022):
        SchoolYear.objects.get_or_create(start=start)
    # Courses: the world's 36 h in 2024, 40 h in 2022, 100 h in 2021 (older than three years) → 76 h.
    for year, hours in ((2022, 40), (2021, 100)):
        StaffEvent.objects.create(school=school, year_id=year, staff=smirnova, kind=enums.StaffEventKind.COURSES,
                                  title=f"Курсы {year}", hours=hours)
    StaffEvent.objects.create(school=school, year_id=YEAR, staff=smirnova, kind=enums.StaffEventKind.CONTEST,
                              title="Учитель года", result=enums.AwardResult.PRIZE)
    for kind, title in ((enums.StaffEventKind.TALK, "Доклад"), (enums.StaffEventKind.EXPERT, "Эксперт ОГЭ"),
                        (enums.StaffEventKind.MENTORING, "Наставник")):
        StaffEvent.objects.create(school=school, year_id=YEAR, staff=smirnova, kind=kind, title=title)
    # Visits to Смирнова: 8 and 7 points → mean 7,5.
    for day, scores in ((12, {"goals": 2, "standards": 2, "methods": 2, "activity": 1, "results": 1}),
                        (19, {"goals": 2, "standards": 1, "methods": 2, "activity": 1, "results": 1})):
        LessonVisit.objects.create(school=school, year_id=YEAR, date=datetime.date(2024, 11, day), teacher=smirnova,
                                   observer=volkov, scores=scores)


@pytest.fixture
def world(db):
    world = build_world()
    add_records(world)
    math, physics = world.subjects["math"], world.subjects["physics"]
    world.users["smirnova"] = make_user("smirnova", role=Role.TEACHER, org_unit=world.school, subject=math)
    StaffAccount.objects.create(user=world.users["smirnova"], staff=world.staff["smirnova"])
    world.users["volkov"] = make_user("volkov", role=Role.TEACHER, org_unit=world.school, subject=physics)
    Membership.objects.create(user=world.users["volkov"], role=Role.CLASS_TEACHER, org_unit=world.school,
                              class_name="10А")
    StaffAccount.objects.create(user=world.users["volkov"], staff=world.staff["volkov"])
    world.users["admin"] = make_user("admin", role=Role.ADMIN, org_unit=world.school)
    return world
