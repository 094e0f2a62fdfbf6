"""The measures by marks, exams and olympiads with the school's load entered (vsoko.teaching), by hand on the
world of tests/rating/conftest.py plus a second teacher of mathematics, Козлова.

Year marks in mathematics: Иванов (5А) «5», Петров (5Б) «4», Сидорова (10А) «3»; physics: Сидорова «4».
Exams in mathematics: ВПР Иванов «5», Петров «3»; ОГЭ Сидорова «4». Olympiads in mathematics: Иванов a
municipal prize, Петров a regional win (and a school-stage win of Иванов); Сидорова took part.
Load: Смирнова mathematics in 5А; Козлова mathematics in 5Б and 10А; Волков physics in 10А.
"""

from decimal import Decimal

import pytest

from tests.accounts.personas import YEAR
from vsoko.rating import measures
from vsoko.records.models import StaffMember, StaffYear
from vsoko.teaching.models import TeachingAssignment


@pytest.fixture
def kozlova(world):
    member = StaffMember.objects.create(school=world.school, staff_id="P-010", last_name="Козлова", first_name="Анна")
    StaffYear.objects.create(school=world.school, year_id=YEAR, staff=member).subjects.set([world.subjects["math"]])
    return member


def assign(world, staff, class_key: str, subject: str) -> None:
    TeachingAssignment.objects.create(school=world.school, year_id=YEAR, staff=staff,
                                      school_class=world.classes[class_key], subject=world.subjects[subject])


@pytest.fixture
def load(world, kozlova):
    assign(world, world.staff["smirnova"], "5А", "math")
    assign(world, kozlova, "5Б", "math")
    assign(world, kozlova, "10А", "math")
    assign(world, world.staff["volkov"], "10А", "physics")


def measured(world, name: str, kozlova) -> tuple:
    staff = [world.staff["smirnova"].pk, kozlova.pk, world.staff["volkov"].pk]
    got = measures.MEASURES[name](world.school, YEAR, staff)
    return tuple(got[s] for s in staff)


def test_without_load_two_teachers_of_one_subject_get_the_same_measures(world, kozlova):
    for name in ("marks_quality", "marks_success", "exams_quality", "olympiad_awards", "olympiad_participants"):
        smirnova, other, _ = measured(world, name, kozlova)
        assert (smirnova.value, smirnova.text) == (other.value, other.text), name
    smirnova, _, _ = measured(world, "marks_quality", kozlova)
    assert smirnova.text == "качество 66,7 % (2 из 3 годовых отметок)"


@pytest.mark.usefixtures("load")
def test_with_load_marks_are_those_of_the_teachers_own_classes(world, kozlova):
    smirnova, other, volkov = measured(world, "marks_quality", kozlova)

    assert (smirnova.value, smirnova.text) == (100, "качество 100 % (1 из 1 годовых отметок в классах педагога)")
    assert (other.value, other.text) == (50, "качество 50 % (1 из 2 годовых отметок в классах педагога)")
    assert volkov.value == 100  # Сидорова «4» in physics, 10А
    assert [m.value for m in measured(world, "marks_success", kozlova)] == [100, 100, 100]


@pytest.mark.usefixtures("load")
def test_with_load_exams_are_those_of_the_teachers_own_classes(world, kozlova):
    smirnova, other, volkov = measured(world, "exams_quality", kozlova)

    assert (smirnova.value, smirnova.text) == (100, "«4» и «5» 100 % (1 из 1 работ ВПР, ОГЭ, ЕГЭ в классах педагога)")
    assert other.value == 50  # Петров «3» (5Б), Сидорова «4» (10А)
    assert volkov.value is None


@pytest.mark.usefixtures("load")
def test_with_load_olympiads_are_those_of_the_pupils_of_the_teachers_classes(world, kozlova):
    awards = measured(world, "olympiad_awards", kozlova)
    participants = measured(world, "olympiad_participants", kozlova)

    assert [m.value for m in awards] == [1, 1, 1]  # Иванов; Петров; Сидорова's «Физика» win (10А)
    assert awards[0].text == "дипломов победителей и призёров в классах педагога: 1"
    assert [m.value for m in participants] == [1, 2, 1]  # Иванов; Петров and Сидорова; Сидорова


def test_with_load_a_teacher_without_assignments_has_no_marks(world, kozlova):
    assign(world, world.staff["smirnova"], "5А", "math")

    _, other, _ = measured(world, "marks_quality", kozlova)

    assert (other.value, other.text) == (None, "в распределении нагрузки за год педагогу не назначен ни один класс")


@pytest.mark.usefixtures("load")
def test_a_mark_counts_once_per_teacher_with_two_subjects_in_one_class(world, kozlova):
    assign(world, kozlova, "10А", "physics")  # and Волков too: physics in 10А is taught in two groups

    _, other, volkov = measured(world, "marks_quality", kozlova)

    assert round(other.value, 4) == Decimal("66.6667")  # «4» (5Б), «3» (10А), physics «4» (10А)
    assert other.text == "качество 66,7 % (2 из 3 годовых отметок в классах педагога)"
    assert volkov.value == 100


@pytest.mark.usefixtures("load")
def test_load_measures_ask_a_fixed_number_of_queries(world, kozlova, django_assert_num_queries):
    staff = [world.staff["smirnova"].pk, kozlova.pk, world.staff["volkov"].pk]
    with django_assert_num_queries(3):  # the period, whether the load is entered, the joined counts
        measures.marks_quality(world.school, YEAR, staff)


@pytest.mark.usefixtures("load")
def test_with_load_a_teacher_left_out_of_it_is_told_so_in_every_measure(world, kozlova):
    # The load is entered, but not for Волков this time (say, only mathematics has been entered so far): his
    # measures say the load gives him no class, not that his classes have no marks.
    TeachingAssignment.objects.filter(staff=world.staff["volkov"]).delete()

    for name in ("marks_quality", "marks_success", "exams_quality", "olympiad_awards", "olympiad_participants"):
        _, _, volkov = measured(world, name, kozlova)
        assert (volkov.value, volkov.text) == (None, measures.NOT_ASSIGNED), name
    assert measures.NOT_ASSIGNED == "в распределении нагрузки за год педагогу не назначен ни один класс"
