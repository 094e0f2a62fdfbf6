"""spec/data-format.md: booleans are `да`/`нет` … or `+`/empty. In a file that has the column, an empty cell is
«нет» — not the model's default nor «не указано»; a file without the column keeps what is stored. Where a flag
concerns only some rows (ГИА: grades 9 and 11; «По профилю»: a graduate's destination; «Образование по профилю»:
a pedagogical worker), an empty cell elsewhere stays «не указано».
"""

from __future__ import annotations

import pytest

from tests.imports.conftest import write_csv_folder
from vsoko.imports.enums import ColumnType
from vsoko.imports.service import import_package
from vsoko.imports.tables import TABLES
from vsoko.records.models import AssessmentTask, Enrollment, Program, Result, StaffYear

pytestmark = pytest.mark.django_db

STUDENTS = [["student_id", "last_name", "first_name"], ["S1", "Плюсов", "Иван"], ["S2", "Пустов", "Пётр"],
            ["S3", "Пятов", "Павел"]]


def imported(tmp_path, package: dict, school, name: str = "p") -> None:
    report = import_package(write_csv_folder(tmp_path / name, package), school=school)
    assert report.errors == []


def test_every_boolean_column_of_the_spec_reads_an_empty_cell_as_no():
    flags = {(table.key, column.key) for table in TABLES.values() for column in table.columns
             if column.type == ColumnType.BOOL and column.empty_is_no}
    assert flags == {
        ("enrollments", "ovz"), ("enrollments", "disability"), ("enrollments", "non_native_russian"),
        ("enrollments", "gia_admitted"), ("enrollments", "destination_matches_profile"),
        ("staff", "pedagogical"), ("staff", "profile_match"),
        ("assessment_tasks", "metasubject"), ("assessment_tasks", "functional_literacy"),
        ("results", "absent"), ("programs", "certificate"), ("programs", "individual_route"),
    }


def test_enrollment_flags_empty_is_no_and_a_missing_column_keeps_them(tmp_path, school):
    header = ["year", "student_id", "class", "ovz", "disability", "non_native_russian"]
    imported(tmp_path, {"students": STUDENTS, "enrollments": [
        header, ["2024/2025", "S1", "5А", "+", "+", "+"], ["2024/2025", "S2", "5А", "+", "да", "1"]]}, school)
    # S2's cells emptied: the marks were taken off. S1 is not in this file and keeps its own.
    imported(tmp_path, {"enrollments": [header, ["2024/2025", "S2", "5А", "", "", ""]]}, school, "emptied")
    imported(tmp_path, {"enrollments": [["year", "student_id", "class"], ["2024/2025", "S1", "5Б"]]}, school, "without")

    flags = {sid: (ovz, disability, non_native) for sid, ovz, disability, non_native in Enrollment.objects.values_list(
        "student__student_id", "ovz", "disability", "non_native_russian")}
    assert flags == {"S1": (True, True, True), "S2": (False, False, False)}


def test_gia_admission_empty_is_no_in_grades_9_and_11_only(tmp_path, school):
    header = ["year", "student_id", "class", "gia_admitted"]
    imported(tmp_path, {"students": STUDENTS, "enrollments": [
        header, ["2024/2025", "S1", "9А", "+"], ["2024/2025", "S2", "11Б", ""], ["2024/2025", "S3", "8А", ""]]}, school)

    assert dict(Enrollment.objects.values_list("student__student_id", "gia_admitted")) == {
        "S1": True, "S2": False, "S3": None}


def test_destination_by_profile_empty_is_no_where_a_destination_is_given(tmp_path, school):
    header = ["year", "student_id", "class", "outcome", "destination", "destination_matches_profile"]
    imported(tmp_path, {"students": STUDENTS, "enrollments": [
        header, ["2024/2025", "S1", "9А", "окончил", "10 класс", "+"], ["2024/2025", "S2", "11А", "окончил", "вуз", ""],
        ["2024/2025", "S3", "9Б", "переведен", "", ""]]}, school)

    assert dict(Enrollment.objects.values_list("student__student_id", "destination_matches_profile")) == {
        "S1": True, "S2": False, "S3": None}


def test_staff_flags_empty_is_no_and_profile_match_only_for_pedagogical_workers(tmp_path, school):
    header = ["year", "staff_id", "last_name", "first_name", "pedagogical", "profile_match"]
    imported(tmp_path, {"staff": [
        header, ["2024/2025", "W1", "Плюсова", "Анна", "+", "+"], ["2024/2025", "W2", "Пустова", "Вера", "+", ""],
        ["2024/2025", "W3", "Поварова", "Нина", "", ""]]}, school)
    imported(tmp_path, {"staff": [header[:4], ["2024/2025", "W1", "Плюсова", "Анна"]]}, school, "without")

    assert {sid: (pedagogical, profile) for sid, pedagogical, profile in StaffYear.objects.values_list(
        "staff__staff_id", "pedagogical", "profile_match")} == {
        "W1": (True, True), "W2": (True, False), "W3": (False, None)}


def test_task_flags_empty_is_no(tmp_path, school):
    imported(tmp_path, {
        "assessments": [["assessment_id", "year", "kind", "subject", "grade"], ["V", "2024/2025", "ВПР", "математика", "5"]],
        "assessment_tasks": [["assessment_id", "task", "max_points", "metasubject", "functional_literacy"],
                             ["V", "1", "1", "+", ""], ["V", "2", "1", "", "+"]],
    }, school)

    assert list(AssessmentTask.objects.order_by("position").values_list("task", "metasubject", "functional_literacy")) == [
        ("1", True, False), ("2", False, True)]


def test_absence_empty_is_no_and_a_missing_column_keeps_it(tmp_path, school):
    package = {
        "students": STUDENTS,
        "assessments": [["assessment_id", "year", "kind", "subject", "grade"], ["V", "2024/2025", "ВПР", "математика", "5"]],
        "results": [["assessment_id", "student_id", "absent", "primary_score"], ["V", "S1", "+", ""], ["V", "S2", "+", ""]],
    }
    imported(tmp_path, package, school)
    imported(tmp_path, {"results": [["assessment_id", "student_id", "absent", "primary_score"], ["V", "S2", "", "7"]]},
             school, "came")
    imported(tmp_path, {"results": [["assessment_id", "student_id", "primary_score"], ["V", "S1", ""]]}, school, "without")

    assert dict(Result.objects.values_list("student__student_id", "absent")) == {"S1": True, "S2": False}


def test_program_flags_empty_is_no(tmp_path, school):
    imported(tmp_path, {"students": STUDENTS, "programs": [
        ["year", "student_id", "program", "certificate", "individual_route"],
        ["2024/2025", "S1", "Робототехника", "+", ""], ["2024/2025", "S2", "Шахматы", "", "+"]]}, school)

    assert sorted(Program.objects.values_list("student__student_id", "certificate", "individual_route")) == [
        ("S1", True, False), ("S2", False, True)]
