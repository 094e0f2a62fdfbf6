"""Saving the load, the grid of a grade and moving last year's load (tests/teaching/conftest.py)."""

from decimal import Decimal

import pytest
from django.db import connection

from tests.accounts.personas import YEAR
from vsoko.audit.models import AuditEntry
from vsoko.records.models import OrgUnit
from vsoko.teaching.assignments import (
    AssignmentError,
    apply,
    build_grid,
    has_load,
    transfer_from_last_year,
)
from vsoko.teaching.models import TeachingAssignment


def cell(world, class_key: str, subject: str) -> tuple[int, int]:
    return world.classes[class_key].pk, world.subjects[subject].pk


def stored(world) -> set[tuple[str, str, str]]:
    return set(TeachingAssignment.objects.filter(school=world.school, year_id=YEAR)
               .values_list("school_class__name", "subject__name", "staff__staff_id"))


def test_apply_sets_the_listed_cells_and_audits_one_entry(world):
    smirnova, kozlova = world.staff["smirnova"].pk, world.staff["kozlova"].pk
    apply(world.school, YEAR, {cell(world, "5А", "math"): {smirnova: Decimal(5)}}, user=world.users["deputy"])

    change = apply(world.school, YEAR, {cell(world, "5А", "math"): {kozlova: None},
                                        cell(world, "5Б", "math"): {kozlova: None, smirnova: None}},
                   user=world.users["deputy"])

    assert stored(world) == {("5А", "Математика", "P-010"), ("5Б", "Математика", "P-010"),
                             ("5Б", "Математика", "P-001")}
    assert change.removed == ["5А, Математика: P-001"]
    assert change.summary == "назначено: 3, снято: 1"
    entry = AuditEntry.objects.filter(object_type="teaching_load").latest("pk")
    assert (entry.user, entry.details["removed"], entry.school) == (world.users["deputy"], ["5А, Математика: P-001"],
                                                                    world.school)
    assert AuditEntry.objects.filter(object_type="teaching_load").count() == 2


def test_apply_keeps_hours_when_none_and_changes_them_when_given(world):
    smirnova = world.staff["smirnova"].pk
    apply(world.school, YEAR, {cell(world, "5А", "math"): {smirnova: Decimal(5)}}, user=world.users["deputy"])
    apply(world.school, YEAR, {cell(world, "5А", "math"): {smirnova: None}}, user=world.users["deputy"])
    assert TeachingAssignment.objects.get().weekly_hours == 5

    change = apply(world.school, YEAR, {cell(world, "5А", "math"): {smirnova: Decimal("4.5")}},
                   user=world.users["deputy"])

    assert TeachingAssignment.objects.get().weekly_hours == Decimal("4.5")
    assert change.hours == ["5А, Математика: P-001, 5.0 → 4.5 ч"]


def test_apply_refuses_everything_for_a_teacher_of_another_school(world):
    smirnova, other = world.staff["smirnova"].pk, world.staff["other"].pk

    with pytest.raises(AssignmentError, match="5Б, Математика: учитель .* не найден среди педагогов школы"):
        apply(world.school, YEAR, {cell(world, "5А", "math"): {smirnova: None}, cell(world, "5Б", "math"): {other: None}},
              user=world.users["deputy"])

    assert stored(world) == set()
    assert not has_load(world.school, YEAR)


def test_apply_refuses_a_class_of_another_year(world):
    with pytest.raises(AssignmentError, match="Класс .* не найден"):
        apply(world.school, YEAR, {cell(world, "5А-2023", "math"): {world.staff["smirnova"].pk: None}},
              user=world.users["deputy"])


def test_grid_of_a_grade_has_the_subjects_marked_in_its_classes_and_the_teachers_of_the_subject_first(world):
    grid = build_grid(world.school, YEAR, 5)

    assert [c.name for c in grid.classes] == ["5А", "5Б"]
    assert [r.subject.name for r in grid.rows] == ["Математика"]  # Иванов (5А), Петров (5Б); physics only in 10А
    math = grid.rows[0]
    assert [t.name for t in math.first] == ["Козлова А. П.", "Смирнова М."]
    assert [t.name for t in math.others] == ["Волков О."]  # the accountant is not pedagogical
    assert grid.grades == [5, 6, 10]


def test_grid_shows_an_added_subject_and_the_stored_teachers(world):
    apply(world.school, YEAR, {cell(world, "5Б", "math"): {world.staff["kozlova"].pk: None}},
          user=world.users["deputy"])

    grid = build_grid(world.school, YEAR, 5, added=[world.subjects["physics"].pk])

    assert [r.subject.name for r in grid.rows] == ["Математика", "Физика"]
    assert [c.staff for c in grid.rows[0].cells] == [[], [world.staff["kozlova"].pk]]


@pytest.mark.usefixtures("last_year")
def test_transfer_moves_last_years_load_one_grade_up_and_names_what_it_cannot(world):
    moved = transfer_from_last_year(world.school, YEAR)

    assert moved.proposed == {cell(world, "6А", "math"): {world.staff["smirnova"].pk},
                              cell(world, "6А", "physics"): {world.staff["kozlova"].pk}}
    assert moved.unmapped == [
        "4В, Математика, Смирнова Мария: класса 5В в этом году нет",
        "5А, Физика, Орлова Ирина: у учителя нет кадровой строки этого года (не работает или не загружен)",
    ]


@pytest.mark.usefixtures("last_year")
def test_transfer_leaves_a_cell_already_filled_this_year(world):
    apply(world.school, YEAR, {cell(world, "6А", "math"): {world.staff["kozlova"].pk: None}},
          user=world.users["deputy"])

    moved = transfer_from_last_year(world.school, YEAR)

    assert list(moved.proposed) == [cell(world, "6А", "physics")]
    assert moved.kept == 1


@pytest.mark.usefixtures("last_year")
def test_transfer_names_a_teacher_who_is_not_pedagogical_this_year_and_the_rest_is_saved(world):
    # Козлова taught physics in 5А last year; this year her staff row is not pedagogical (she keeps the library).
    from vsoko.records.models import StaffYear
    StaffYear.objects.filter(staff=world.staff["kozlova"], year_id=YEAR).update(pedagogical=False)

    moved = transfer_from_last_year(world.school, YEAR)
    apply(world.school, YEAR, {c: dict.fromkeys(s) for c, s in moved.proposed.items()}, user=world.users["deputy"])

    assert moved.proposed == {cell(world, "6А", "math"): {world.staff["smirnova"].pk}}
    assert "5А, Физика, Козлова Анна Петровна: в кадровой строке этого года учитель не педагог" in moved.unmapped
    assert stored(world) == {("6А", "Математика", "P-001")}


@pytest.mark.usefixtures("last_year")
def test_transfer_follows_the_pupils_of_a_class_whose_letter_changed(world):
    # Last year's 5А went up as 6Б (the letters were redistributed); 6А this year is another class.
    import datetime

    from vsoko.records.enums import Sex
    from vsoko.records.models import SchoolClass, Student
    world.classes["6Б"] = SchoolClass.objects.create(school=world.school, year_id=YEAR, name="6Б", grade=6, letter="Б")
    for n in range(3):
        pupil = Student.objects.create(school=world.school, student_id=f"R-{n}", last_name="Ученик", first_name="Р",
                                       birth_date=datetime.date(2013, 1, 1), sex=Sex.MALE)
        world.enroll(pupil, "5А-2023")
        world.enroll(pupil, "6Б")

    moved = transfer_from_last_year(world.school, YEAR)

    assert moved.proposed == {cell(world, "6Б", "math"): {world.staff["smirnova"].pk},
                              cell(world, "6Б", "physics"): {world.staff["kozlova"].pk}}


@pytest.mark.usefixtures("last_year")
def test_transfer_of_two_classes_merged_into_one_takes_the_larger_and_names_the_other(world):
    # Last year's 5А (3 pupils) and 5Б (2 pupils) became this year's 6А together.
    # 5Б's mathematics was Волков's: 6А gets Смирнова (from 5А) only, and Волков's line says why.
    import datetime

    from vsoko.records.enums import Sex
    from vsoko.records.models import SchoolClass, Student
    from vsoko.teaching.models import TeachingAssignment
    old_5b = SchoolClass.objects.create(school=world.school, year_id=YEAR - 1, name="5Б", grade=5, letter="Б")
    world.classes["5Б-2023"] = old_5b
    TeachingAssignment.objects.create(school=world.school, year_id=YEAR - 1, staff=world.staff["volkov"],
                                      school_class=old_5b, subject=world.subjects["math"])
    for n, old in enumerate(["5А-2023"] * 3 + ["5Б-2023"] * 2):
        pupil = Student.objects.create(school=world.school, student_id=f"M-{n}", last_name="Ученик", first_name="М",
                                       birth_date=datetime.date(2013, 1, 1), sex=Sex.MALE)
        world.enroll(pupil, old)
        world.enroll(pupil, "6А")

    moved = transfer_from_last_year(world.school, YEAR)

    assert moved.proposed[cell(world, "6А", "math")] == {world.staff["smirnova"].pk}
    assert ("5Б, Математика, Волков Олег: ученики класса перешли в 6А вместе с 5А — нагрузка 6А переносится из 5А"
            in moved.unmapped)


def test_apply_asks_as_many_queries_for_many_cells_as_for_one(world):
    # A whole school's file is hundreds of assignments: inserted, deleted and re-houred in one query each.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    smirnova, kozlova = world.staff["smirnova"].pk, world.staff["kozlova"].pk

    def queries(wanted) -> int:
        with CaptureQueriesContext(connection) as captured:
            apply(world.school, YEAR, wanted, user=world.users["deputy"])
        return len(captured)

    one = queries({cell(world, "5А", "math"): {smirnova: Decimal(5)}})
    many = queries({cell(world, "5Б", "math"): {smirnova: Decimal(5)}, cell(world, "6А", "math"): {kozlova: None},
                    cell(world, "10А", "math"): {kozlova: None}, cell(world, "5Б", "physics"): {kozlova: None}})
    changed = queries({cell(world, "5Б", "math"): {kozlova: None}, cell(world, "6А", "math"): {smirnova: None},
                       cell(world, "10А", "math"): {kozlova: Decimal(3)}, cell(world, "5Б", "physics"): {}})

    assert many == one
    assert changed <= one + 2  # a delete and an update besides the insert
    assert stored(world) == {("5А", "Математика", "P-001"), ("5Б", "Математика", "P-010"),
                             ("6А", "Математика", "P-001"), ("10А", "Математика", "P-010")}


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks of PostgreSQL (SQLite serializes writers)")
def test_two_saves_of_the_same_new_cell_at_once_both_succeed(world):
    # Another deputy's save holds the school's load and inserts the cell a moment later; this save, started
    # meanwhile, waits for it instead of breaking the unique constraint with the same teacher (it was a 500).
    import threading
    import time

    from django.db import transaction

    smirnova = world.staff["smirnova"].pk
    target = cell(world, "5А", "math")
    locked, errors = threading.Event(), []

    def first_save():
        try:
            with transaction.atomic():
                list(OrgUnit.objects.select_for_update().filter(pk=world.school.pk).values_list("pk", flat=True))
                locked.set()
                time.sleep(0.5)
                TeachingAssignment.objects.create(school=world.school, year_id=YEAR, staff_id=smirnova,
                                                  school_class_id=target[0], subject_id=target[1])
        finally:
            connection.close()

    def second_save():
        try:
            apply(world.school, YEAR, {target: {smirnova: None}}, user=world.users["deputy"])
        except Exception as error:  # noqa: BLE001 - the failure this test is about is any error of the save
            errors.append(error)
        finally:
            connection.close()

    first = threading.Thread(target=first_save)
    first.start()
    assert locked.wait(5)
    second = threading.Thread(target=second_save)
    second.start()
    first.join()
    second.join()

    assert errors == []
    assert TeachingAssignment.objects.filter(staff_id=smirnova, school_class_id=target[0]).count() == 1
