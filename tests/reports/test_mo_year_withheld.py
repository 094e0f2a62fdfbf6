"""«Анализ работы МО за учебный год»: in a row of the year marks whose total («Отметок») is shown, a share that
tells of a small group of pupils (fewer than VSOKO_MIN_GROUP_SIZE = 5) is withheld, and so is the share that would
give it back by subtraction (vsoko.publication.suppression via Privacy.hidden_groups); the same for ВПР and ОГЭ
rows (participants shown). Computed by hand, математика, 2024/2025, on the personas' world (5А «5», 5Б «4», 10А «3»):

- 5 класс, plus 6 «5», 5 «3», 2 «2»: 15 marks — 7 «5», 1 «4», 5 «3», 2 «2»: успеваемость 13/15 = 86,7 % gives
  away the 2 failing (15 − 13); withheld. Its partner is the 5 «3», which the table does not show anyway, so
  качество 8/15 = 53,3 % stays: 15 − 8 = 7 is the failing and the «3» together, not the 2.
- 7 класс: 8 «5», 2 «2»: 10 marks. Успеваемость 80 % gives away the 2; with no «3», качество 80 % would too
  (10 − 8 = 2): both withheld.
- 6 класс: 5 «5», 5 «3»: 10 marks, no small group: 100,0 % and 50,0 % shown.
- ВПР, математика, 7 класс: 8 «4», 2 «2»: 10 participants — «2» 20 % and «4» и «5» 80 % withheld, and the mean
  (3,60) with them: with the total it would give the 2 back.
"""

import pytest

from tests.accounts.personas import build_world
from tests.reports.readers import docx_paragraphs, docx_rows, row_of
from vsoko.datavalues.compute import recompute
from vsoko.records import enums
from vsoko.records.models import Assessment, PeriodMark, Result, SchoolClass, Student
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.registry import render

pytestmark = pytest.mark.django_db
YEAR = 2024
HIDDEN = "—*"


@pytest.fixture
def world():
    w = build_world()
    math = w.subjects["math"]
    for grade in (6, 7):
        w.classes[f"{grade}А"] = SchoolClass.objects.create(school=w.school, year_id=YEAR, name=f"{grade}А",
                                                             grade=grade, letter="А")
    vpr = Assessment.objects.create(school=w.school, assessment_id="VPR-7-M", year_id=YEAR,
                                    kind=enums.AssessmentKind.VPR, subject=math, grade=7, max_score=20)
    n = 0
    for class_key, marks in (("5А", "555555333332" + "2"), ("7А", "5555555522"), ("6А", "5555533333")):
        for mark in marks:
            n += 1
            pupil = Student.objects.create(school=w.school, student_id=f"M-{n}", last_name="Учащийся",
                                           first_name=str(n), sex=enums.Sex.MALE)
            w.enroll(pupil, class_key)
            PeriodMark.objects.create(school=w.school, year_id=YEAR, period=enums.Period.YEAR, student=pupil,
                                      subject=math, mark=mark)
            if class_key == "7А":
                Result.objects.create(school=w.school, assessment=vpr, student=pupil, primary_score=10,
                                      mark=4 if mark == "5" else 2)
    recompute(w.school, [YEAR])
    return w


def document(w) -> tuple[list[list[str]], str]:
    data = render(ReportKind.MO_YEAR, w.school, YEAR, Format.DOCX, mo=str(w.subjects["math"].pk))
    return docx_rows(data), " ".join(docx_paragraphs(data))


def grade_row(rows, grade: int) -> list[str]:
    return next(r for r in rows if r[:2] == ["Математика", f"{grade} класс"])


def recovered(row: list[str]) -> set[int]:
    """What the reader gets by subtraction from a row: the total minus the part of each shown share."""
    total = int(row[2])
    return {total - round(total * float(cell.rstrip(" %").replace(",", ".")) / 100)
            for cell in (row[3], row[5]) if cell != HIDDEN}


def test_a_share_telling_of_a_small_group_is_withheld_where_the_total_is_shown(world):
    rows, _ = document(world)

    fifth = grade_row(rows, 5)
    assert fifth[2:4] == ["15", HIDDEN] and fifth[5] == "53,3 %"
    assert 2 not in recovered(fifth)  # 15 − 8 = 7: the failing and the «3» together
    seventh = grade_row(rows, 7)
    assert seventh[2:] == ["10", HIDDEN, "—", HIDDEN, "—"]  # no year before: «—» in the changes
    assert recovered(seventh) == set()


def test_the_subtraction_gave_the_group_back_before(world, settings):
    settings.VSOKO_MIN_GROUP_SIZE = 2  # a group of 2 is big enough now: the figures are shown, and they tell it
    rows, _ = document(world)

    assert grade_row(rows, 5)[3] == "86,7 %" and 2 in recovered(grade_row(rows, 5))
    assert grade_row(rows, 7)[3] == "80,0 %" and 2 in recovered(grade_row(rows, 7))


def test_rows_without_a_small_group_keep_their_figures(world):
    rows, _ = document(world)

    assert grade_row(rows, 6)[2:] == ["10", "100,0 %", "—", "50,0 %", "—"]


def test_the_procedure_row_withholds_its_small_group_and_the_mean(world):
    rows, _ = document(world)

    assert row_of(rows, "ВПР, математика, 7 класс")[2:6] == ["10", HIDDEN, HIDDEN, HIDDEN]


def test_the_conclusions_do_not_repeat_a_withheld_share(world):
    _, text = document(world)

    assert "86,7" not in text and "80,0" not in text
    assert "Успеваемость ниже 100 %" not in text  # the only grades below 100 % have it withheld
    assert "Успеваемость по предметам МО — 100 % во всех параллелях, где её можно указать." in text
