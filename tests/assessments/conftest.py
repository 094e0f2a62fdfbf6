"""A small school for 2025/2026: two fourth-grade classes, a ninth and an eleventh, with namesakes."""

from __future__ import annotations

import pytest

from vsoko.records.models import Enrollment, SchoolClass, SchoolYear, Student

ROSTER = [
    # student_id, last, first, middle, class
    ("S01", "Иванов", "Иван", "Ильич", "4А"),
    ("S02", "Петрова", "Алёна", "Сергеевна", "4А"),
    ("S03", "Сидоров", "Пётр", "", "4А"),
    ("S04", "Кузнецова", "Мария", "Олеговна", "4А"),
    ("S05", "Смирнов", "Артём", "Андреевич", "4Б"),
    ("S06", "Смирнов", "Алексей", "Андреевич", "4Б"),
    ("S07", "Орлова", "Вера", "Павловна", "4Б"),
    ("S11", "Волков", "Дмитрий", "Игоревич", "9А"),
    ("S12", "Зайцева", "Ольга", "Викторовна", "9А"),
    ("S13", "Лебедев", "Никита", "", "9А"),
    ("S21", "Морозова", "Екатерина", "Андреевна", "11А"),
    ("S22", "Новиков", "Егор", "Денисович", "11А"),
]


def make_roster(school, year: int = 2025, roster=ROSTER) -> dict[str, Student]:
    school_year, _ = SchoolYear.objects.get_or_create(start=year)
    students = {}
    for student_id, last, first, middle, class_name in roster:
        grade, letter = int(class_name[:-1]), class_name[-1]
        school_class, _ = SchoolClass.objects.get_or_create(
            school=school, year=school_year, name=class_name, defaults={"grade": grade, "letter": letter})
        student, _ = Student.objects.get_or_create(
            school=school, student_id=student_id, defaults={"last_name": last, "first_name": first, "middle_name": middle})
        Enrollment.objects.get_or_create(school=school, year=school_year, student=student, school_class=school_class)
        students[student_id] = student
    return students


@pytest.fixture
def roster(school):
    return make_roster(school)
