"""What a deputy director types by hand in Excel: Latin letters that look Cyrillic, impossible dates.

Harmless look-alikes are read as the user meant them; a value that cannot be true is refused with a
Russian message naming the sheet, row, column and value, and nothing is stored.
"""

from __future__ import annotations

import datetime

import pytest

from tests.imports.test_messy_files import book, messages
from tests.imports.test_validation import assert_nothing_stored
from vsoko.imports.service import import_package
from vsoko.records.models import Enrollment, SchoolClass, Student

pytestmark = pytest.mark.django_db

STUDENTS = ["Код обучающегося", "Фамилия", "Имя", "Дата рождения", "Пол"]
ENROLLMENTS = ["Учебный год", "Код обучающегося", "Класс"]


def test_a_latin_class_letter_that_looks_cyrillic_is_the_same_class(tmp_path, school):
    """«5A» typed with the Latin A (the English layout) is class 5А, not a second class that looks the same."""
    path = book(tmp_path / "p.xlsx", {
        "Обучающиеся": [STUDENTS, ["S1", "Иванов", "Иван", "01.02.2014", "М"],
                        ["S2", "Петров", "Пётр", "01.02.2014", "М"], ["S3", "Сидоров", "Олег", "01.02.2014", "М"]],
        "Контингент": [ENROLLMENTS, ["2024/2025", "S1", "5A"], ["2024/2025", "S2", "5а"],
                       ["2024/2025", "S3", "5 B"]],
    })

    report = import_package(path, school=school)

    assert report.errors == []
    assert sorted(SchoolClass.objects.values_list("name", flat=True)) == ["5А", "5В"]  # both Cyrillic
    assert sorted(Enrollment.objects.values_list("student__student_id", "school_class__name")) == [
        ("S1", "5А"), ("S2", "5А"), ("S3", "5В")]


def test_a_latin_sex_letter_that_looks_cyrillic_is_read(tmp_path, school):
    """«M» typed with the Latin M looks exactly like «М»: an error «Допустимые: М, Ж» would be a riddle."""
    path = book(tmp_path / "p.xlsx", {"Обучающиеся": [
        STUDENTS, ["S1", "Иванов", "Иван", "01.02.2014", "M"], ["S2", "Иванова", "Анна", "01.02.2014", "ж"]]})

    report = import_package(path, school=school)

    assert report.errors == []
    assert sorted(Student.objects.values_list("student_id", "sex")) == [("S1", "m"), ("S2", "f")]


def test_a_birth_date_in_the_future_is_refused(tmp_path, school):
    """«01.02.2041» for 2014: a pupil not yet born is a typo, not a row to store."""
    future = f"01.02.{datetime.date.today().year + 15}"
    path = book(tmp_path / "p.xlsx", {"Обучающиеся": [
        STUDENTS, ["S1", "Иванов", "Иван", "01.02.2014", "М"], ["S2", "Иванова", "Анна", future, "Ж"]]})

    report = import_package(path, school=school)

    assert messages(report) == [
        f"Обучающиеся (лист «Обучающиеся»), строка 3, столбец «Дата рождения», значение «{future}»: "
        "Дата рождения позже сегодняшнего дня."]
    assert_nothing_stored()
