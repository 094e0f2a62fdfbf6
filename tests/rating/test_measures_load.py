"""The measures by marks, exams and olympiads with the school's load entered (vsoko.teaching), by hand on the
world of tests/rating/conftest.py plus a second teacher of mathematics, Козлова.

Year marks in mathematics: Иванов (5А) «5», Петров (5Б) «4», Сидорова (10А) «3»; physics: Сидорова «4».
Exams in mathematics: ВПР Иванов «5», Петров «3»; ОГЭ Сидорова «4». Olympiads in mathematics: Иванов a
municipal prize, Петров a regional win (and a school-stage win of Иванов); Сидорова took part.
Load: Смирнова mathematics in 5А; Козлова mathematics in 5Б and 10А; Волков physics in 10А (a load entered in
part: Смирнова mathematics in 5А only).
"""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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

    assert (smirnova.value, smirnova.text) == (100, "качество 100,0 % (1 из 1 годовых отметок в классах педагога)")
    assert (other.value, other.text) == (50, "качество 50,0 % (1 из 2 годовых отметок в классах педагога)")
    assert volkov.value == 100  # Сидорова «4» in physics, 10А
    assert [m.value for m in measured(world, "marks_success", kozlova)] == [100, 100, 100]


@pytest.mark.usefixtures("load")
def test_with_load_exams_are_those_of_the_teachers_own_classes(world, kozlova):
    smirnova, other, volkov = measured(world, "exams_quality", kozlova)

    assert (smirnova.value, smirnova.text) == (100, "«4» и «5» 100,0 % (1 из 1 работ ВПР, ОГЭ, ЕГЭ в классах педагога)")
    assert other.value == 50  # Петров «3» (5Б), Сидорова «4» (10А)
    assert volkov.value is None


@pytest.mark.usefixtures("load")
def test_with_load_olympiads_are_those_of_the_pupils_of_the_teachers_classes(world, kozlova):
    awards = measured(world, "olympiad_awards", kozlova)
    participants = measured(world, "olympiad_participants", kozlova)

    assert [m.value for m in awards] == [1, 1, 1]  # Иванов; Петров; Сидорова's «Физика» win (10А)
    assert awards[0].text == "дипломов победителей и призёров в классах педагога: 1"
    assert [m.value for m in participants] == [1, 2, 1]  # Иванов; Петров and Сидорова; Сидорова


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


PARTIAL = ("marks_quality", "marks_success", "exams_quality", "olympiad_awards", "olympiad_participants")


def test_with_a_load_entered_in_part_its_teacher_is_measured_by_own_classes(world, kozlova):
    # Only Смирнова's 5А mathematics is entered so far: Иванов's «5», his ВПР «5», his municipal prize.
    assign(world, world.staff["smirnova"], "5А", "math")

    smirnova = [measured(world, name, kozlova)[0] for name in PARTIAL]

    assert [(m.value, m.text) for m in smirnova] == [
        (100, "качество 100,0 % (1 из 1 годовых отметок в классах педагога)"),
        (100, "успеваемость 100,0 % (1 из 1 годовых отметок в классах педагога)"),
        (100, "«4» и «5» 100,0 % (1 из 1 работ ВПР, ОГЭ, ЕГЭ в классах педагога)"),
        (1, "дипломов победителей и призёров в классах педагога: 1"),
        (1, "участников из классов педагога: 1 чел.")]


def test_with_a_load_entered_in_part_a_teacher_not_in_it_is_measured_by_subject(world, kozlova):
    # Козлова (mathematics) and Волков (physics) are not in the load yet: every class of their subjects, as
    # without a load, and the text says why.
    assign(world, world.staff["smirnova"], "5А", "math")

    got = {name: measured(world, name, kozlova)[1:] for name in PARTIAL}

    tail = "; педагога ещё нет в распределении нагрузки — по всем классам предмета"
    assert measures.NOT_IN_LOAD == tail
    kozlova_got = [(got[name][0].value, got[name][0].text) for name in PARTIAL]
    assert [(round(v, 1), t) for v, t in kozlova_got] == [
        (Decimal("66.7"), "качество 66,7 % (2 из 3 годовых отметок)" + tail),  # «5», «4» of 3 marks
        (100, "успеваемость 100,0 % (3 из 3 годовых отметок)" + tail),
        (Decimal("66.7"), "«4» и «5» 66,7 % (2 из 3 работ ВПР, ОГЭ, ЕГЭ)" + tail),  # ВПР «5», «3»; ОГЭ «4»
        (2, "дипломов победителей и призёров: 2" + tail),  # Иванов municipal, Петров regional
        (3, "участников: 3 чел." + tail)]  # Иванов, Петров, Сидорова
    volkov_got = [(got[name][1].value, got[name][1].text) for name in PARTIAL]
    assert volkov_got == [
        (100, "качество 100,0 % (1 из 1 годовых отметок)" + tail),  # Сидорова «4» in physics
        (100, "успеваемость 100,0 % (1 из 1 годовых отметок)" + tail),
        (None, "работ ВПР, ОГЭ, ЕГЭ с отметкой нет" + tail),
        (1, "дипломов победителей и призёров: 1" + tail),  # Сидорова's municipal «Физика» win
        (1, "участников: 1 чел." + tail)]


def test_a_teacher_not_in_a_partial_load_gets_the_figures_of_no_load(world, kozlova):
    without_load = {name: measured(world, name, kozlova) for name in PARTIAL}
    assign(world, world.staff["smirnova"], "5А", "math")

    for name in PARTIAL:
        _, other, volkov = measured(world, name, kozlova)
        _, other_before, volkov_before = without_load[name]
        assert (other.value, other.text) == (other_before.value, other_before.text + measures.NOT_IN_LOAD), name
        assert (volkov.value, volkov.text) == (volkov_before.value, volkov_before.text + measures.NOT_IN_LOAD), name
    assert without_load["marks_quality"][0].value != measured(world, "marks_quality", kozlova)[0].value


def test_a_partial_load_asks_a_fixed_number_of_queries(world, kozlova, django_assert_num_queries):
    assign(world, world.staff["smirnova"], "5А", "math")
    staff = [world.staff["smirnova"].pk, kozlova.pk, world.staff["volkov"].pk]
    # the period, whether the load is entered, the joined counts; who waits for the load, the subjects of the
    # others, their counts
    with django_assert_num_queries(6):
        measures.marks_quality(world.school, YEAR, staff)


@pytest.mark.usefixtures("load")
def test_the_marks_of_the_load_are_not_narrowed_by_a_list_of_teachers(world, kozlova):
    # Narrowed by a short list of teachers (a few sheets recomputed, the teachers of a partial load), SQLite's
    # planner probed the assignments for each mark of the year: about 1 s on the demo school, 30 ms without.
    with CaptureQueriesContext(connection) as queries:
        got = measures.marks_quality(world.school, YEAR, [kozlova.pk])

    joined = [q["sql"] for q in queries.captured_queries
              if "teaching_teachingassignment" in q["sql"] and "records_periodmark" in q["sql"]]
    assert len(joined) == 1
    assert '"staff_id" IN' not in joined[0]
    assert list(got) == [kozlova.pk]
    assert got[kozlova.pk].value == 50  # Петров «4» (5Б), Сидорова «3» (10А)


def test_a_worker_without_a_subject_is_not_told_to_wait_for_the_load(world, kozlova):
    # A psychologist (pedagogical, no subject in the staff row) is never given a class: measured as without a
    # load («нет отметок по предметам педагога»), not told that the load lacks them.
    member = StaffMember.objects.create(school=world.school, staff_id="P-020", last_name="Орехова", first_name="Вера")
    StaffYear.objects.create(school=world.school, year_id=YEAR, staff=member, position="педагог-психолог")
    assign(world, world.staff["smirnova"], "5А", "math")

    got = [measures.MEASURES[name](world.school, YEAR, [member.pk, kozlova.pk]) for name in PARTIAL]

    assert [(m[member.pk].value, m[member.pk].text) for m in got] == [
        (None, "нет отметок по предметам педагога"), (None, "нет отметок по предметам педагога"),
        (None, "работ ВПР, ОГЭ, ЕГЭ с отметкой нет"), (0, "дипломов победителей и призёров: 0"),
        (0, "участников: 0 чел.")]
    assert all(m[kozlova.pk].text.endswith(measures.NOT_IN_LOAD) for m in got)
