"""Pupil codes whose leading zeros Excel dropped: «00123» in «Обучающиеся», «123» in «Отметки за периоды».

A code column without the text format turns «00123» into the number 123. Digit-only codes equal after the
leading zeros are stripped are the same pupil when only one pupil has that number; when two pupils have it
(«00123» and «123»), the package is refused naming both.
"""

from __future__ import annotations

import pytest

from tests.imports.test_messy_files import book
from tests.imports.test_validation import assert_nothing_stored
from vsoko.imports.service import import_package
from vsoko.records.models import Enrollment, PeriodMark, Student

pytestmark = pytest.mark.django_db

STUDENTS = ["Код обучающегося", "Фамилия", "Имя", "Дата рождения", "Пол"]
MARKS = ["Учебный год", "Период", "Код обучающегося", "Предмет", "Отметка"]
ENROLLMENTS = ["Учебный год", "Код обучающегося", "Класс"]


def test_a_code_that_lost_its_zeros_in_the_marks_is_the_pupil(tmp_path, school):
    path = book(tmp_path / "p.xlsx", {
        "Обучающиеся": [STUDENTS, ["00123", "Иванов", "Иван", "01.02.2014", "М"],
                        ["00124", "Петров", "Пётр", "01.02.2014", "М"]],
        "Контингент": [ENROLLMENTS, ["2024/2025", 123.0, "5А"], ["2024/2025", "00124", "5А"]],  # a number cell
        "Отметки за периоды": [MARKS, ["2024/2025", "год", "123", "Математика", "5"],
                               ["2024/2025", "год", 124, "Математика", "4"]],
    })

    report = import_package(path, school=school)

    assert report.errors == []
    assert sorted(Student.objects.values_list("student_id", flat=True)) == ["00123", "00124"]
    assert sorted(Enrollment.objects.values_list("student__student_id", flat=True)) == ["00123", "00124"]
    assert sorted(PeriodMark.objects.values_list("student__student_id", "mark")) == [("00123", "5"), ("00124", "4")]


def test_a_pupils_sheet_that_lost_the_zeros_matches_marks_that_kept_them(tmp_path, school):
    path = book(tmp_path / "p.xlsx", {
        "Обучающиеся": [STUDENTS, [123, "Иванов", "Иван", "01.02.2014", "М"]],
        "Отметки за периоды": [MARKS, ["2024/2025", "год", "00123", "Математика", "5"]],
    })

    report = import_package(path, school=school)

    assert report.errors == []
    assert list(PeriodMark.objects.values_list("student__student_id", "mark")) == [("123", "5")]


def test_a_later_marks_package_matches_a_pupil_loaded_earlier(tmp_path, school):
    first = book(tmp_path / "a.xlsx", {"Обучающиеся": [STUDENTS, ["007", "Бондов", "Джеймс", "01.02.2014", "М"]]})
    second = book(tmp_path / "b.xlsx", {"Отметки за периоды": [MARKS, ["2024/2025", "год", 7, "Математика", "5"]]})

    assert import_package(first, school=school).errors == []
    report = import_package(second, school=school)

    assert report.errors == []
    assert list(PeriodMark.objects.values_list("student__student_id", flat=True)) == ["007"]


def test_two_pupils_with_the_same_number_are_refused_naming_both_rows(tmp_path, school):
    path = book(tmp_path / "p.xlsx", {
        "Обучающиеся": [STUDENTS, ["00123", "Иванов", "Иван", "01.02.2014", "М"],
                        ["123", "Петров", "Пётр", "01.02.2014", "М"]],
        "Отметки за периоды": [MARKS, ["2024/2025", "год", "0123", "Математика", "5"]],
    })

    report = import_package(path, school=school)

    assert [(e.table, e.row, e.column, e.value, e.message) for e in report.errors] == [
        ("students", 3, "Код обучающегося", "123",
         "Коды «00123» (строка 2) и «123» (строка 3) различаются только нулями в начале: Excel мог отбросить "
         "нули у одного из них. Если это разные обучающиеся, дайте одному из них другой код; если один — "
         "оставьте одну строку."),
        ("marks", 2, "Код обучающегося", "0123",
         "Неясно, чей это код: без нулей в начале он совпадает с кодами «00123», «123». Впишите код полностью, "
         "как в таблице «Обучающиеся»."),
    ]
    assert_nothing_stored()


def test_a_code_without_zeros_of_a_pupil_loaded_earlier_is_refused_not_a_second_pupil(tmp_path, school):
    """A stored «00123» and a new pupils row «123»: the same pupil whose code lost its zeros, not a new one."""
    first = book(tmp_path / "a.xlsx", {"Обучающиеся": [STUDENTS, ["00123", "Иванов", "Иван", "01.02.2014", "М"]]})
    second = book(tmp_path / "b.xlsx", {"Обучающиеся": [STUDENTS, [123, "Иванов", "Иван", "01.02.2014", "М"]]})
    assert import_package(first, school=school).errors == []

    report = import_package(second, school=school)

    assert [(e.row, e.value, e.message) for e in report.errors] == [(
        2, "123",
        "Код «123» отличается от кода «00123» обучающегося, загруженного ранее, только нулями в начале: Excel мог "
        "отбросить нули. Если это тот же обучающийся, впишите код «00123»; если другой — дайте ему другой код.")]
    assert list(Student.objects.values_list("student_id", flat=True)) == ["00123"]


def test_a_staff_code_that_lost_its_zeros_matches_the_teacher(tmp_path, school):
    """The same for teachers: «7» in «Развитие педагогов» is the teacher «007» of «Педагогические работники»."""
    from vsoko.records.models import StaffEvent

    path = book(tmp_path / "p.xlsx", {
        "Педагогические работники": [["Учебный год", "Код работника", "Фамилия"], ["2024/2025", "007", "Смирнова"]],
        "Развитие педагогов": [["Учебный год", "Код работника", "Вид", "Название"],
                               ["2024/2025", 7.0, "курсы", "ФГ в основной школе"]],
    })

    report = import_package(path, school=school)

    assert report.errors == []
    assert list(StaffEvent.objects.values_list("staff__staff_id", "title")) == [("007", "ФГ в основной школе")]


def test_two_teachers_with_the_same_number_are_refused_naming_both_rows(tmp_path, school):
    path = book(tmp_path / "p.xlsx", {"Педагогические работники": [
        ["Учебный год", "Код работника", "Фамилия"], ["2024/2025", "007", "Смирнова"], ["2024/2025", 7, "Кузнецов"]]})

    report = import_package(path, school=school)

    assert [(e.table, e.row, e.column, e.value, e.message) for e in report.errors] == [
        ("staff", 3, "Код работника", "7",
         "Коды «007» (строка 2) и «7» (строка 3) различаются только нулями в начале: Excel мог отбросить нули у "
         "одного из них. Если это разные работники, дайте одному из них другой код; если один — оставьте одну "
         "строку."),
    ]
    assert_nothing_stored()
