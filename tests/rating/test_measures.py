"""Each measure by hand on the world of tests/rating/conftest.py."""

from decimal import Decimal

from tests.accounts.personas import YEAR
from vsoko.rating import measures
from vsoko.records import enums
from vsoko.records.models import PeriodMark


def measure(world, name: str, who: str = "smirnova"):
    staff = world.staff[who]
    return measures.MEASURES[name](world.school, YEAR, [world.staff["smirnova"].pk, world.staff["volkov"].pk])[staff.pk]


def test_quality_and_success_are_of_the_year_marks_of_the_teachers_subjects(world):
    quality = measure(world, "marks_quality")
    success = measure(world, "marks_success")

    assert round(quality.value, 4) == Decimal("66.6667")  # «5», «4» of «5», «4», «3»
    assert quality.text == "качество 66,7 % (2 из 3 годовых отметок)"
    assert success.value == 100
    assert measure(world, "marks_quality", "volkov").value == 100  # physics: Сидорова «4»


def test_marks_na_counts_against_success_and_pass_is_outside_both(world):
    s = world.students
    PeriodMark.objects.filter(student=s["sidorova"], subject=world.subjects["math"]).update(mark=enums.Mark.NOT_ASSESSED)
    PeriodMark.objects.create(school=world.school, year_id=YEAR, period=enums.Period.YEAR, student=s["orlov"],
                              subject=world.subjects["math"], mark=enums.Mark.PASS)

    assert round(measure(world, "marks_success").value, 2) == Decimal("66.67")  # «5», «4» of «5», «4», «н/а»
    assert round(measure(world, "marks_quality").value, 2) == Decimal("66.67")


def test_before_the_year_marks_the_last_period_with_marks_is_taken(world):
    PeriodMark.objects.filter(period=enums.Period.YEAR).delete()
    PeriodMark.objects.create(school=world.school, year_id=YEAR, period=enums.Period.Q2,
                              student=world.students["ivanov"], subject=world.subjects["math"], mark="2")

    quality = measure(world, "marks_quality")

    assert measures.marked_period(world.school, YEAR) == enums.Period.Q2
    assert quality.value == 0
    assert quality.text == "качество 0,0 % (0 из 1 отметок за 2 четверть)"


def test_a_teacher_without_marks_has_no_measure(world):
    PeriodMark.objects.all().delete()

    assert measure(world, "marks_quality").value is None
    assert measure(world, "marks_quality").text == "нет отметок по предметам педагога"


def test_exams_count_vpr_oge_ege_with_a_mark_not_the_absent_nor_other_works(world):
    exams = measure(world, "exams_quality")

    # ВПР Иванов «5», Петров «3»; ОГЭ Сидорова «4»; the administrative «2» is not an exam.
    assert round(exams.value, 2) == Decimal("66.67")
    assert exams.text == "«4» и «5» 66,7 % (2 из 3 работ ВПР, ОГЭ, ЕГЭ)"
    assert measure(world, "exams_quality", "volkov").value is None


def test_olympiad_awards_are_diplomas_above_the_school_stage_in_the_subject_however_typed(world):
    # Иванов municipal prize, Петров regional winner; the school-stage win and the participant do not count.
    assert measure(world, "olympiad_awards").value == 2
    assert measure(world, "olympiad_awards", "volkov").value == 1  # Сидорова «Физика»
    # Participants: Иванов, Петров, Сидорова in mathematics.
    assert measure(world, "olympiad_participants").value == 3


def test_courses_are_counted_over_three_school_years(world):
    courses = measure(world, "course_hours")

    assert courses.value == 76  # 36 h in 2024 and 40 h in 2022; 2021 is too old
    assert courses.text == "76 ч за 3 года (курсов: 2)"
    assert measure(world, "course_hours", "volkov").value == 0


def test_category_contests_talks_and_visits(world):
    assert measure(world, "category").value == 1  # первая
    assert measure(world, "category").text == "категория: первая"
    assert measure(world, "contests").value == 1
    assert measure(world, "contests").text == "конкурсов: 1, из них с призовым местом: 1"
    assert measure(world, "talks").value == 3
    visits = measure(world, "visits_score")
    assert visits.value == Decimal("7.5")
    assert visits.text == "средний балл 7,5 из 10 (посещений: 2)"
    assert measure(world, "visits_score", "volkov").value is None
