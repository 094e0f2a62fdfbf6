import pytest

from vsoko.records.models import Student
from vsoko.web.search import person_query

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(school):
    for sid, last, first, middle in (
        ("A-1", "Семёнов", "Пётр", "Ильич"),
        ("A-2", "Семенова", "Анна", ""),
        ("B-7", "Ёлкин", "Олег", "Петрович"),
    ):
        Student.objects.create(school=school, student_id=sid, last_name=last, first_name=first, middle_name=middle)


def found(text):
    return sorted(Student.objects.filter(person_query(text, id_field="student_id")).values_list("student_id", flat=True))


@pytest.mark.parametrize("text, ids", [
    ("семенова", ["A-2"]),
    ("ПЁТР", ["A-1", "B-7"]),  # Пётр, and Петрович through ё = е
    ("семёнов пётр", ["A-1"]),
    ("семёнов", ["A-1", "A-2"]),  # ё typed, е stored: found too
    ("семенов", ["A-1", "A-2"]),  # е typed, ё stored: found too
    ("петр семенов", ["A-1"]),
    ("елкин", ["B-7"]),  # a capital Ё stored
    ("ЕЛКИН", ["B-7"]),
    ("петрович", ["B-7"]),
    ("b-7", ["B-7"]),
    ("a-", ["A-1", "A-2"]),
    ("Анна Ильич", []),
])
def test_person_query_matches_any_case_on_every_database(people, text, ids):
    assert found(text) == ids


def test_empty_query_matches_everyone(people):
    assert found("   ") == ["A-1", "A-2", "B-7"]
