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
