from decimal import Decimal

import pytest

from tests.datavalues.records import Records
from vsoko.datavalues.compute import extract
from vsoko.records.enums import AssessmentKind, EventKind, EventLevel, EventResult, Period

pytestmark = pytest.mark.django_db


def rows(school, code, year=2024):
    return {(v.key, v.period): v.value for v in extract([school.pk], [year]) if v.code == code}


def test_base_mathematics_is_recognised_however_spelled(school):
    b = Records(school)
    base = b.assessment(AssessmentKind.EGE, "Математика (база)", 11, min_score=7)
    b.result(base, b.student("s1", "11А"), primary=5, test=40, mark=3)

    assert sum(rows(school, "results.passed").values()) == 1
    assert rows(school, "results.test_score.count") == {("", None): 0}
    assert rows(school, "results.participants.passed_all") == {("kind=ege", None): 1}


def test_federal_level_counts_a_student_once(school):
    b = Records(school)
    s = b.student("s1", "9А")
    b.event(s, "ВСОШ", EventLevel.FINAL, kind=EventKind.VSOSH, result=EventResult.WINNER)
    b.event(s, "Олимпиада", EventLevel.ALL_RUSSIAN, result=EventResult.PRIZE)

    got = rows(school, "students.ce.event_winners.level")

    assert got == {("grade=9|level=final", None): 1, ("grade=9|level=all_russian", None): 1,
                   ("grade=9|level=federal", None): 1}


def test_period_marks_keep_their_period(school):
    b = Records(school)
    s = b.student("s1", "6А")
    b.marks(s, {"математика": "4"}, period=Period.Q1)
    b.marks(s, {"математика": "5"}, period=Period.YEAR)

    assert rows(school, "marks.period") == {
        ("grade=6|mark=4|subject=математика", "q1"): 1, ("grade=6|mark=5|subject=математика", "year"): 1,
    }
    assert rows(school, "marks.year") == {("grade=6|mark=5|subject=математика", None): 1}


def test_task_figures_come_from_one_pass_per_class_per_mark_and_per_flag(school):
    """Two tasks (max 2 «basic», max 1 «advanced», the second metasubject); 8А has two works, 8Б one,
    and one participant has no enrollment this year (no class). Hand-computed sums."""
    b = Records(school)
    vpr = b.assessment(AssessmentKind.VPR, "математика", 8, tasks=[("1", 2, "basic"), ("2", 1, "advanced")])
    vpr.tasks.filter(task="2").update(metasubject=True)
    b.result(vpr, b.student("a", "8А"), mark=5, tasks=[2, 1])
    b.result(vpr, b.student("b", "8А"), mark=3, tasks=[1, 0])
    b.result(vpr, b.student("c", "8Б"), mark=3, tasks=[Decimal("0.5"), 1])
    b.result(vpr, b.student("d"), mark=5, tasks=[2, 0])  # no enrollment: no class dimension
    b.result(vpr, b.student("e", "8Б"), mark=2, absent=True, tasks=[0, 0])  # absent: not a main result
    values = {(v.code, v.key): v.value for v in extract([school.pk], [2024])}

    def task1(**dims):
        breakdown = {"assessment": "a1", "difficulty": "basic", "grade": "8", "kind": "vpr",
                     "subject": "математика", "task": "1", **dims}
        return "|".join(f"{k}={breakdown[k]}" for k in sorted(breakdown))

    assert values["assessment.task.points", task1(**{"class": "8А"})] == 3
    assert values["assessment.task.max", task1(**{"class": "8А"})] == 4  # 2 works × max 2
    assert values["assessment.task.points", task1(**{"class": "8Б"})] == Decimal("0.5")
    assert values["assessment.task.points", task1()] == 2  # the participant without a class
    assert values["assessment.task.points.mark", task1(mark="3")] == Decimal("1.5")
    assert values["assessment.task.max.mark", task1(mark="3")] == 4
    assert values["results.task_points", "difficulty=basic|grade=8|kind=vpr|subject=математика"] == Decimal("5.5")
    assert values["results.task_max", "difficulty=advanced|grade=8|kind=vpr|subject=математика"] == 4
    assert values["results.task_points.meta", "grade=8|kind=vpr|subject=математика"] == 2
    assert values["results.task_max.meta", "grade=8|kind=vpr|subject=математика"] == 4
    # No functional-literacy task: only the zero written where results exist.
    assert {key: value for (code, key), value in values.items() if code == "results.task_points.fl"} == {"": 0}


def test_ege_same_as_oge_counts_the_same_subject_or_mathematics_taken_earlier(school):
    b = Records(school)
    oge_physics = b.assessment(AssessmentKind.OGE, "физика", 9, year=2022)
    oge_math = b.assessment(AssessmentKind.OGE, "математика", 9, year=2022)
    oge_later = b.assessment(AssessmentKind.OGE, "химия", 9, year=2025)
    ege_physics = b.assessment(AssessmentKind.EGE, "физика", 11)
    ege_profile = b.assessment(AssessmentKind.EGE, "математика (профиль)", 11)
    ege_chemistry = b.assessment(AssessmentKind.EGE, "химия", 11)
    ege_history = b.assessment(AssessmentKind.EGE, "история", 11)
    physicist, mathematician, chemist, absentee, historian = (
        b.student(f"s{i}", "11А") for i in range(1, 6))
    b.result(oge_physics, physicist, primary=20)  # the same subject earlier: counts
    b.result(ege_physics, physicist, test=70)
    b.result(oge_math, mathematician, primary=20)  # ОГЭ математика for ЕГЭ математика (профиль): counts
    b.result(ege_profile, mathematician, test=70)
    b.result(ege_history, mathematician, test=60)  # a second ЕГЭ: the participant is counted once
    b.result(oge_later, chemist, primary=20)  # ОГЭ after the ЕГЭ's year: does not count
    b.result(ege_chemistry, chemist, test=70)
    b.result(oge_physics, absentee, absent=True)  # absent from the ОГЭ: does not count
    b.result(ege_physics, absentee, test=70)
    b.result(oge_math, historian, primary=20)  # ОГЭ математика, ЕГЭ история: does not count
    b.result(ege_history, historian, test=60)

    assert rows(school, "results.participants.ege_same_as_oge") == {("", None): 2}
