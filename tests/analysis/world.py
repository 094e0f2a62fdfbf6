"""Small hand-computed worlds for the analysis, on top of the personas' school (tests/accounts/personas.py).

ВПР, русский язык, 5 класс (2024/2025), code VPR-5-R, max 10, scale 2:0-3;3:4-5;4:6-7;5:8-10;
tasks 1 (Б, 2 points), 2 (Б, 3), 3 (П, 5):

    student  class  tasks   primary  mark  journal
    s1       5А     2 3 4   9        5     4        raised
    s2       5А     2 2 2   6        4     4        confirmed
    s3       5А     1 2 1   4        3     4        lowered
    s4       5Б     1 1 0   2        2     4        lowered (two marks apart)
    s5       5Б     2 2 2   6        4     5        lowered
    s6       5Б     0 1 0   1        2     3        lowered
    s7       5А     absent on the main day; wrote the reserve day (VPR-5-R-r, attempt «пересдача»): 5, «3»

By hand: marks 2/3/4/5 = 2/1/2/1 (33,3 / 16,7 / 33,3 / 16,7 %), quality 50 %, success 66,7 %, mean
mark 20/6, mean primary 28/6; task 1: 8/12 = 66,7 % (освоено), task 2: 11/18 = 61,1 % (освоено,
пограничная зона), task 3: 9/30 = 30 % (освоено, пограничная зона); 5Б: task 1 3/6 = 50 %, task 2
4/9 = 44,4 % (both not mastered); journal: lowered 4 (66,7 %), confirmed 1, raised 1, two apart 1.

ОГЭ, математика, 9 класс (9А), code OGE-9-M, max 31, minimum 8, scale 2:0-7;3:8-14;4:15-21;5:22-31:
primary 25 (5), 15 (4), 15 (4), 15 (4), 10 (3), 6 (2, below the minimum); the last one passes the
reserve day OGE-9-M-r with 9. n = 6, k = ceil(6/4) = 2: the top-quartile boundary is 15 (a tie).

ЕГЭ, русский язык, 11 класс (11А), code EGE-11-R, minimum 24: test scores 85, 81, 80, 20 —
two of 81–100, one below the minimum, mean 66,5.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tests.accounts.personas import YEAR, World, build_world
from vsoko.datavalues.compute import recompute
from vsoko.records import enums
from vsoko.records.models import (
    Assessment,
    AssessmentTask,
    Enrollment,
    Result,
    SchoolClass,
    SchoolYear,
    Student,
    Subject,
    TaskScore,
)

VPR_ROWS = [
    ("s1", "5А", (2, 3, 4), 9, 5, 4),
    ("s2", "5А", (2, 2, 2), 6, 4, 4),
    ("s3", "5А", (1, 2, 1), 4, 3, 4),
    ("s4", "5Б", (1, 1, 0), 2, 2, 4),
    ("s5", "5Б", (2, 2, 2), 6, 4, 5),
    ("s6", "5Б", (0, 1, 0), 1, 2, 3),
]
NAMES = {"s1": "Абрамов", "s2": "Быкова", "s3": "Воронин", "s4": "Гусева", "s5": "Дроздов", "s6": "Ершова",
         "s7": "Жуков"}
OGE_SCORES = [("o1", 25, 5), ("o2", 15, 4), ("o3", 15, 4), ("o4", 15, 4), ("o5", 10, 3), ("o6", 6, 2)]
EGE_SCORES = [("e1", 85), ("e2", 81), ("e3", 80), ("e4", 20)]


@dataclass
class AnalysisWorld:
    world: World
    vpr: Assessment
    vpr_reserve: Assessment
    oge: Assessment
    oge_reserve: Assessment
    ege: Assessment
    students: dict[str, Student]

    @property
    def school(self):
        return self.world.school

    @property
    def users(self):
        return self.world.users


def school_class(world: World, name: str, year: int = YEAR) -> SchoolClass:
    SchoolYear.objects.get_or_create(start=year)
    grade = int("".join(ch for ch in name if ch.isdigit()))
    return SchoolClass.objects.get_or_create(
        school=world.school, year_id=year, name=name, defaults={"grade": grade, "letter": name[-1]})[0]


def pupil(world: World, key: str, class_name: str, last_name: str, year: int = YEAR) -> Student:
    student = Student.objects.create(school=world.school, student_id=key, last_name=last_name, first_name="Тест")
    Enrollment.objects.create(school=world.school, year_id=year, student=student,
                              school_class=school_class(world, class_name, year))
    return student


def procedure(world: World, code: str, kind: str, subject: str, grade: int, *, year: int = YEAR, max_score=None,
              min_score=None, mark_scale="", tasks=()) -> Assessment:
    SchoolYear.objects.get_or_create(start=year)
    a = Assessment.objects.create(
        school=world.school, assessment_id=code, year_id=year, kind=kind,
        subject=Subject.objects.get_or_create(name=subject)[0], grade=grade, max_score=max_score,
        min_score=min_score, mark_scale=mark_scale,
    )
    for position, (task, points, difficulty, skill) in enumerate(tasks, start=1):
        AssessmentTask.objects.create(assessment=a, task=task, position=position, max_points=points,
                                      difficulty=difficulty, skill=skill)
    return a


def result(a: Assessment, student: Student, *, primary=None, mark=None, journal=None, test=None, tasks=None,
           absent=False, attempt=enums.Attempt.MAIN) -> Result:
    r = Result.objects.create(
        school=a.school, assessment=a, student=student, attempt=attempt, absent=absent,
        primary_score=None if primary is None else Decimal(primary), mark=mark, journal_mark=journal,
        test_score=None if test is None else Decimal(test),
    )
    if tasks is not None:
        by_position = list(a.tasks.order_by("position"))
        TaskScore.objects.bulk_create([TaskScore(result=r, task=t, points=Decimal(p))
                                       for t, p in zip(by_position, tasks, strict=True)])
    return r


def build_analysis_world(world: World | None = None) -> AnalysisWorld:
    world = world or build_world()
    basic, advanced = enums.Difficulty.BASIC, enums.Difficulty.ADVANCED
    vpr = procedure(world, "VPR-5-R", enums.AssessmentKind.VPR, "Русский язык", 5, max_score=10, min_score=4,
                    mark_scale="2:0-3;3:4-5;4:6-7;5:8-10",
                    tasks=[("1", 2, basic, "Орфография"), ("2", 3, basic, "Пунктуация"),
                           ("3", 5, advanced, "=Сочинение-рассуждение")])
    students = {}
    for key, class_name, tasks, primary, mark, journal in VPR_ROWS:
        students[key] = pupil(world, key, class_name, NAMES[key])
        result(vpr, students[key], primary=primary, mark=mark, journal=journal, tasks=tasks)
    students["s7"] = pupil(world, "s7", "5А", NAMES["s7"])
    result(vpr, students["s7"], absent=True)
    reserve = procedure(world, "VPR-5-R-r", enums.AssessmentKind.VPR, "Русский язык", 5, max_score=10, min_score=4,
                        mark_scale="2:0-3;3:4-5;4:6-7;5:8-10")
    result(reserve, students["s7"], primary=5, mark=3, attempt=enums.Attempt.RETAKE)

    oge = procedure(world, "OGE-9-M", enums.AssessmentKind.OGE, "Математика", 9, max_score=31, min_score=8,
                    mark_scale="2:0-7;3:8-14;4:15-21;5:22-31")
    oge_reserve = procedure(world, "OGE-9-M-r", enums.AssessmentKind.OGE, "Математика", 9, max_score=31,
                            min_score=8, mark_scale="2:0-7;3:8-14;4:15-21;5:22-31")
    for key, primary, mark in OGE_SCORES:
        students[key] = pupil(world, key, "9А", f"Ученик {key}")
        result(oge, students[key], primary=primary, mark=mark)
    result(oge_reserve, students["o6"], primary=9, mark=3, attempt=enums.Attempt.RETAKE)

    ege = procedure(world, "EGE-11-R", enums.AssessmentKind.EGE, "Русский язык", 11, max_score=50, min_score=24)
    for key, test in EGE_SCORES:
        students[key] = pupil(world, key, "11А", f"Выпускник {key}")
        result(ege, students[key], primary=test // 2, test=test)

    recompute(world.school, [YEAR])
    return AnalysisWorld(world, vpr, reserve, oge, oge_reserve, ege, students)
