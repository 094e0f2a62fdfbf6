"""«По учителям МО»: the МО head's subjects teacher by teacher, from the distribution of teaching load.

7А, 2 четверть, математика (tests/progress/school.py): 5, 4, 4, 2, н/а, 4 → успевают 4 из 6 = 66,7 %,
качество 4 из 6 = 66,7 %, СОУ (100 + 3 × 64 + 16 + 7) / 6 = 52,5 %, средний балл (5 + 4 × 3 + 2) / 5 = 3,80.
7Б (added here): one pupil, математика «5».
"""

import io

import docx
import pytest
from django.urls import reverse

from tests.accounts.personas import make_user
from tests.progress.school import YEAR, build_school
from vsoko.accounts.enums import Role
from vsoko.records.models import Enrollment, PeriodMark, SchoolClass, StaffMember, Student
from vsoko.teaching.models import TeachingAssignment

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    world = build_school()
    world.cls_b = SchoolClass.objects.create(school=world.school, year=world.cls.year, name="7Б", grade=7, letter="Б")
    pupil = Student.objects.create(school=world.school, student_id="B-1", last_name="Яшин", first_name="Имя")
    Enrollment.objects.create(school=world.school, year=world.cls.year, student=pupil, school_class=world.cls_b)
    PeriodMark.objects.create(school=world.school, year=world.cls.year, period="q2", student=pupil,
                              subject=world.subjects[0], mark="5")
    return world


def teach(world, last_name, school_class, subject=None):
    staff, _ = StaffMember.objects.get_or_create(school=world.school, staff_id=last_name,
                                                 defaults={"last_name": last_name, "first_name": "Анна"})
    TeachingAssignment.objects.create(school=world.school, year=school_class.year, staff=staff,
                                      school_class=school_class, subject=subject or world.subjects[0])


def mo_head(world):
    return make_user("mo", role=Role.MO_HEAD, org_unit=world.school, subject=world.subjects[0])


def teacher_rows(client, user):
    client.force_login(user)
    response = client.get(reverse("progress:index"), {"year": YEAR, "period": "q2", "format": "docx"})
    document = docx.Document(io.BytesIO(response.content))
    paragraphs = [p.text for p in document.paragraphs]
    tables = [[[c.text for c in row.cells] for row in table.rows] for table in document.tables]
    table = next((t for t in tables if t[0][0] == "Учитель"), None)
    return paragraphs, table, document


def test_the_mo_head_gets_a_line_per_teacher_of_the_load(client, world):
    teach(world, "Иванова", world.cls)
    teach(world, "Иванова", world.cls_b)
    teach(world, "Петрова", world.cls, world.subjects[1])  # русский язык: not the МО's subject
    paragraphs, table, _ = teacher_rows(client, mo_head(world))
    assert "По учителям МО" in paragraphs
    assert table[0] == ["Учитель", "Классы", "«5»", "«4»", "«2»", "«н/а»", "Успеваемость, %", "Качество, %",
                        "СОУ, %", "Средний балл"]
    # 7А + 7Б: «5» 1 + 1, «4» 3, «2» 1, н/а 1 → успевают 5 из 7 = 71,4 %, качество 5 из 7 = 71,4 %,
    # СОУ (2 × 100 + 3 × 64 + 16 + 7) / 7 = 59,3 %, средний балл (2 × 5 + 3 × 4 + 2) / 6 = 4,00.
    assert table[1:] == [["Иванова Анна", "7А, 7Б (Математика)", "2", "3", "1", "1", "71,4", "71,4", "59,3", "4,00"]]


def test_a_class_two_teachers_share_counts_for_both_and_a_class_without_one_is_named(client, world):
    teach(world, "Иванова", world.cls)
    teach(world, "Козлова", world.cls)
    _, table, document = teacher_rows(client, mo_head(world))
    assert [row[:2] + row[-4:] for row in table[1:]] == [
        ["Иванова Анна *", "7А (Математика)", "66,7", "66,7", "52,5", "3,80"],
        ["Козлова Анна *", "7А (Математика)", "66,7", "66,7", "52,5", "3,80"]]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "* — предмет класса ведут два учителя (группы): отметки класса считаются у каждого." in text
    assert "Без учителя в нагрузке: 7Б (Математика)." in text


def test_without_the_load_the_mo_head_is_told_where_to_enter_it(client, world):
    paragraphs, table, _ = teacher_rows(client, mo_head(world))
    assert table is None
    assert any(p.startswith("Распределение нагрузки этого года не введено") for p in paragraphs)


def test_the_page_shows_the_table_to_the_mo_head_only(client, world):
    teach(world, "Иванова", world.cls)
    client.force_login(mo_head(world))
    shown = client.get(reverse("progress:index"), {"year": YEAR, "period": "q2"}).content.decode()
    assert "По учителям МО" in shown and "Иванова Анна" in shown
    for user in (make_user("math", role=Role.TEACHER, org_unit=world.school, subject=world.subjects[0]),
                 make_user("zam", role=Role.DEPUTY, org_unit=world.school)):
        client.force_login(user)
        page = client.get(reverse("progress:index"), {"year": YEAR, "period": "q2"}).content.decode()
        assert "По учителям МО" not in page and "Иванова Анна" not in page
        assert teacher_rows(client, user)[1] is None
