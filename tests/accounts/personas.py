"""Named people and a small school world for access tests, built with the plain ORM.

School «Школа №1» (ours) has classes 5А, 5Б and 10А in 2024/2025 (and 5А in 2023/2024);
«Школа №2» (another school of the same municipality) has its own 5А. Each persona
is a user with one membership; the password of each equals its login, as in the demo.

Who is who:
- director — директор of school 1, no permission for sensitive categories;
- deputy — заместитель of school 1 with sees_sensitive;
- class_teacher — классный руководитель 5А of school 1;
- teacher — учитель физики of school 1 (physics is marked only in 10А);
- mo_head — руководитель МО математики of school 1;
- observer — наблюдатель of the municipality (aggregates of both schools only);
- other_director — директор of school 2: must see nothing of school 1.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from vsoko.accounts.enums import Role
from vsoko.accounts.models import Membership
from vsoko.records import enums
from vsoko.records.models import (
    Assessment,
    Enrollment,
    Event,
    OrgUnit,
    PeriodMark,
    Program,
    Result,
    SchoolClass,
    SchoolYear,
    SocialStatus,
    StaffEvent,
    StaffMember,
    StaffYear,
    Student,
    Subject,
)

YEAR = 2024
PREVIOUS_YEAR = 2023


def make_user(username: str, *, role: Role, org_unit: OrgUnit, password: str | None = None,
              first_name: str = "", last_name: str = "", **membership):
    """A user with one membership; the password equals the login unless given."""
    user = get_user_model().objects.create_user(
        username, password=password or username, first_name=first_name, last_name=last_name
    )
    Membership.objects.create(user=user, role=role, org_unit=org_unit, **membership)
    return user


@dataclass
class World:
    municipality: OrgUnit
    school: OrgUnit
    other_school: OrgUnit
    classes: dict[str, SchoolClass]
    students: dict[str, Student]
    staff: dict[str, StaffMember]
    users: dict[str, object] = field(default_factory=dict)
    subjects: dict[str, Subject] = field(default_factory=dict)

    def enroll(self, student: Student, class_key: str, **fields) -> Enrollment:
        school_class = self.classes[class_key]
        return Enrollment.objects.create(
            school=school_class.school, year=school_class.year, student=student, school_class=school_class, **fields
        )


def build_world() -> World:
    municipality = OrgUnit.objects.create(code="mun", name="Городской округ", kind=enums.OrgUnitKind.MUNICIPALITY)
    school = OrgUnit.objects.create(code="s1", name="МБОУ «Школа №1»", kind=enums.OrgUnitKind.SCHOOL, parent=municipality)
    other = OrgUnit.objects.create(code="s2", name="МБОУ «Школа №2»", kind=enums.OrgUnitKind.SCHOOL, parent=municipality)
    year, _ = SchoolYear.objects.get_or_create(start=YEAR)
    previous, _ = SchoolYear.objects.get_or_create(start=PREVIOUS_YEAR)
    math = Subject.objects.create(name="Математика")
    physics = Subject.objects.create(name="Физика")

    def school_class(owner, y, name, grade, letter):
        return SchoolClass.objects.create(school=owner, year=y, name=name, grade=grade, letter=letter)

    classes = {
        "5А": school_class(school, year, "5А", 5, "А"),
        "5Б": school_class(school, year, "5Б", 5, "Б"),
        "10А": school_class(school, year, "10А", 10, "А"),
        "5А-2023": school_class(school, previous, "5А", 5, "А"),
        "other-5А": school_class(other, year, "5А", 5, "А"),
    }

    def student(owner, sid, last, first):
        return Student.objects.create(school=owner, student_id=sid, last_name=last, first_name=first,
                                      birth_date=datetime.date(2013, 3, 1), sex=enums.Sex.MALE)

    students = {
        "ivanov": student(school, "S-001", "Иванов", "Алексей"),
        "petrov": student(school, "S-002", "Петров", "Борис"),
        "sidorova": student(school, "S-003", "Сидорова", "Вера"),
        "orlov": student(school, "S-004", "Орлов", "Денис"),  # in 5А a year ago, in 5Б now (repeated the year elsewhere)
        "kuznetsov": student(other, "T-001", "Кузнецов", "Глеб"),
    }
    world = World(municipality, school, other, classes, students, staff={}, subjects={"math": math, "physics": physics})
    world.enroll(students["ivanov"], "5А", ovz=True, health_group=3, pe_group=enums.PeGroup.PREPARATORY)
    world.enroll(students["petrov"], "5Б")
    world.enroll(students["sidorova"], "10А")
    world.enroll(students["orlov"], "5А-2023", outcome=enums.Outcome.REPEATING)
    world.enroll(students["orlov"], "5Б", left_on=datetime.date(2025, 1, 20), outcome=enums.Outcome.LEFT)
    world.enroll(students["kuznetsov"], "other-5А")
    SocialStatus.objects.create(school=school, year=year, student=students["ivanov"], category=enums.SocialCategory.PDN)

    for key, subject, mark in (("ivanov", math, "5"), ("petrov", math, "4"), ("sidorova", math, "3"), ("sidorova", physics, "4")):
        for period in (enums.Period.Q1, enums.Period.YEAR):
            PeriodMark.objects.create(school=school, year=year, period=period, student=students[key], subject=subject, mark=mark)
    PeriodMark.objects.create(school=other, year=year, period=enums.Period.Q1, student=students["kuznetsov"], subject=physics, mark="5")

    vpr = Assessment.objects.create(school=school, assessment_id="VPR-5-M", year=year, kind=enums.AssessmentKind.VPR,
                                    subject=math, grade=5, max_score=20)
    Result.objects.create(school=school, assessment=vpr, student=students["ivanov"], primary_score=17, mark=5)
    Event.objects.create(school=school, year=year, student=students["ivanov"], event="Олимпиада по математике",
                         level=enums.EventLevel.MUNICIPAL, result=enums.EventResult.PRIZE)
    Program.objects.create(school=school, year=year, student=students["ivanov"], program="Шахматы",
                           kind=enums.ProgramKind.ADDITIONAL)

    def staff_member(owner, sid, last, first, subjects, pedagogical=True):
        member = StaffMember.objects.create(school=owner, staff_id=sid, last_name=last, first_name=first)
        row = StaffYear.objects.create(school=owner, year=year, staff=member, position="учитель",
                                       pedagogical=pedagogical, category=enums.QualificationCategory.FIRST)
        row.subjects.set(subjects)
        return member

    world.staff = {
        "smirnova": staff_member(school, "P-001", "Смирнова", "Мария", [math]),
        "volkov": staff_member(school, "P-002", "Волков", "Олег", [physics]),
        "accountant": staff_member(school, "P-003", "Белова", "Нина", [], pedagogical=False),
        "other": staff_member(other, "Q-001", "Зайцева", "Ольга", [math]),
    }
    StaffEvent.objects.create(school=school, year=year, staff=world.staff["smirnova"], kind=enums.StaffEventKind.COURSES,
                              title="Курсы «Функциональная грамотность»", hours=36)

    world.users = {
        "director": make_user("director", role=Role.DIRECTOR, org_unit=school, first_name="Анна", last_name="Директорова"),
        "deputy": make_user("deputy", role=Role.DEPUTY, org_unit=school, sees_sensitive=True),
        "class_teacher": make_user("class-teacher", role=Role.CLASS_TEACHER, org_unit=school, class_name="5А",
                                   first_name="Ирина", last_name="Классная"),
        "teacher": make_user("teacher", role=Role.TEACHER, org_unit=school, subject=physics),
        "mo_head": make_user("mo-head", role=Role.MO_HEAD, org_unit=school, subject=math),
        "observer": make_user("observer", role=Role.OBSERVER, org_unit=municipality),
        "other_director": make_user("other-director", role=Role.DIRECTOR, org_unit=other),
    }
    return world
