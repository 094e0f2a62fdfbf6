"""A small builder of school records through the ORM, for hand-computed fixtures.

    b = Records(school, year=2024)
    s = b.student("s1", "9А", outcome=Outcome.PROMOTED)
    b.marks(s, {"математика": "5", "русский язык": "4"})
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from vsoko.records import enums
from vsoko.records.models import (
    Assessment,
    AssessmentTask,
    Enrollment,
    Event,
    ManualValue,
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
    SurveyAnswer,
    TaskScore,
)


def make_school(code: str, parent: OrgUnit | None = None, name: str | None = None) -> OrgUnit:
    return OrgUnit.objects.create(code=code, name=name or code, kind=enums.OrgUnitKind.SCHOOL, parent=parent)


class Records:
    def __init__(self, school: OrgUnit, year: int = 2024):
        self.school = school
        self.year = year
        self._n = 0

    def _year(self, year):
        year = year or self.year
        SchoolYear.objects.get_or_create(start=year)
        return year

    def subject(self, name: str) -> Subject:
        return Subject.objects.get_or_create(name=name)[0]

    def school_class(self, name: str, year: int | None = None) -> SchoolClass:
        year = self._year(year)
        m = re.match(r"(\d+)(.*)", name)
        return SchoolClass.objects.get_or_create(
            school=self.school, year_id=year, name=name,
            defaults={"grade": int(m.group(1)), "letter": m.group(2)},
        )[0]

    def student(self, student_id: str, class_name: str | None = None, *, year: int | None = None,
                birth_date=None, sex: str = "", **enrollment) -> Student:
        student, _ = Student.objects.get_or_create(
            school=self.school, student_id=student_id, defaults={"birth_date": birth_date, "sex": sex}
        )
        if class_name:
            self.enroll(student, class_name, year=year, **enrollment)
        return student

    def enroll(self, student: Student, class_name: str, *, year: int | None = None, **fields) -> Enrollment:
        year = self._year(year)
        return Enrollment.objects.create(
            school=self.school, year_id=year, student=student,
            school_class=self.school_class(class_name, year), **fields,
        )

    def marks(self, student: Student, marks: dict[str, str], *, period: str = enums.Period.YEAR,
              year: int | None = None) -> None:
        year = self._year(year)
        PeriodMark.objects.bulk_create([
            PeriodMark(school=self.school, year_id=year, period=period, student=student,
                       subject=self.subject(subject), mark=mark)
            for subject, mark in marks.items()
        ])

    def assessment(self, kind: str, subject: str, grade: int | None = None, *, year: int | None = None,
                   min_score=None, max_score=None, tasks: list[tuple[str, int, str]] = ()) -> Assessment:
        year = self._year(year)
        self._n += 1
        a = Assessment.objects.create(
            school=self.school, assessment_id=f"a{self._n}", year_id=year, kind=kind,
            subject=self.subject(subject), grade=grade, min_score=min_score, max_score=max_score,
        )
        for pos, (task, max_points, difficulty) in enumerate(tasks, start=1):
            AssessmentTask.objects.create(assessment=a, task=task, position=pos, max_points=max_points,
                                          difficulty=difficulty)
        return a

    def result(self, assessment: Assessment, student: Student, *, primary=None, test=None, mark=None,
               journal=None, absent=False, attempt=enums.Attempt.MAIN, tasks: list | None = None) -> Result:
        r = Result.objects.create(
            school=self.school, assessment=assessment, student=student, attempt=attempt, absent=absent,
            primary_score=None if primary is None else Decimal(str(primary)),
            test_score=None if test is None else Decimal(str(test)), mark=mark, journal_mark=journal,
        )
        if tasks is not None:
            by_pos = list(assessment.tasks.order_by("position"))
            TaskScore.objects.bulk_create([
                TaskScore(result=r, task=t, points=Decimal(str(p))) for t, p in zip(by_pos, tasks, strict=True)
            ])
        return r

    def event(self, student, name, level, *, kind="", result=enums.EventResult.PARTICIPANT, year=None):
        return Event.objects.create(school=self.school, year_id=self._year(year), student=student, event=name,
                                    level=level, kind=kind, result=result)

    def program(self, student, name, kind, *, year=None):
        return Program.objects.create(school=self.school, year_id=self._year(year), student=student,
                                      program=name, kind=kind)

    def social(self, student, category, *, until=None, year=None):
        return SocialStatus.objects.create(school=self.school, year_id=self._year(year), student=student,
                                           category=category, until=until)

    def staff(self, staff_id, *, pedagogical=True, birth_date=None, experience_since=None, category="",
              education="", year=None, **fields) -> StaffMember:
        member, _ = StaffMember.objects.get_or_create(
            school=self.school, staff_id=staff_id, defaults={"birth_date": birth_date}
        )
        StaffYear.objects.create(school=self.school, year_id=self._year(year), staff=member,
                                 pedagogical=pedagogical, experience_since=experience_since,
                                 category=category, education=education, **fields)
        return member

    def staff_event(self, member, kind, title="курс", *, year=None):
        return StaffEvent.objects.create(school=self.school, year_id=self._year(year), staff=member, kind=kind,
                                         title=title)

    def survey(self, survey: str, respondent: str, grade: int | None, answers: dict[str, str], *, year=None):
        year = self._year(year)
        SurveyAnswer.objects.bulk_create([
            SurveyAnswer(school=self.school, year_id=year, survey=survey, respondent=respondent, grade=grade,
                         question=q, answer=a)
            for q, a in answers.items()
        ])

    def manual(self, indicator, *, value=None, numerator=None, denominator=None,
               scope=enums.ValueScope.SCHOOL, year=None, comment="", source=""):
        return ManualValue.objects.create(
            school=self.school, year_id=self._year(year), indicator=indicator, scope=scope, value=value,
            numerator=numerator, denominator=denominator, comment=comment, source=source,
        )


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)
