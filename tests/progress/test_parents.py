"""«Справка для родительского собрания»: a class's period on one page, no names, small groups withheld.

The figures are those of tests/progress/school.py (7А, 2 четверть against 1 четверть), hand-computed there.
"""

import io

import docx
import pytest
from django.urls import reverse

from tests.accounts.personas import make_user
from tests.progress.school import Q1, YEAR, build_school
from vsoko.accounts.enums import Role
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.records.models import SchoolClass, SchoolYear

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_school()


def download(client, world, user, period="q2", school_class=None):
    client.force_login(user)
    return client.get(reverse("progress:parents", args=[(school_class or world.cls).pk]), {"period": period})


def read(response) -> tuple[str, list[list[str]]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    document = docx.Document(io.BytesIO(response.content))
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    return "\n".join(p.text for p in document.paragraphs), rows


def class_teacher(world, class_name="7А"):
    return make_user(f"kl-{class_name}", role=Role.CLASS_TEACHER, org_unit=world.school, class_name=class_name)


def test_the_class_teacher_gets_the_class_figures_with_the_change_since_the_period_before(client, world, settings):
    settings.VSOKO_MIN_GROUP_SIZE = 1  # nothing is small: every figure shows
    response = download(client, world, class_teacher(world))
    text, rows = read(response)
    assert "Справка для родительского собрания 7А класса" in text
    assert "Итоги периода «2 четверть», 2024/2025 учебный год" in text
    assert "По списку — 7, аттестованы — 6." in text
    # 2 четверть: успевают 4 of 6, «4» и «5» 4 of 6; 1 четверть: 5 of 7 and 3 of 7.
    # The change is the difference of the shares as shown: 66,7 − 71,4 = −4,7 (the exact 66,67 − 71,43 is −4,76).
    assert ["Успеваемость", "66,7 %", "71,4 %", "▼ −4,7\u00a0п.\u00a0п."] in rows
    assert ["Качество знаний", "66,7 %", "42,9 %", "▲ +23,8\u00a0п.\u00a0п."] in rows
    # СОУ: 1171 of 17 marks (68,9); 1 четверть 1251 of 20 (62,55); средний балл 67 of 16 marks = 4,19 against 75 of 19 = 3,95.
    assert ["Степень обученности (СОУ)", "68,9 %", "62,6 %", "▲ +6,3\u00a0п.\u00a0п."] in rows
    assert ["Средний балл", "4,19", "3,95", "+0,24"] in rows
    assert ["Отличники (все «5»)", "1"] in rows
    assert ["Хорошисты (на «4» и «5»)", "3"] in rows
    assert ["Неуспевающие («2» или «н/а»)", "2"] in rows
    # Математика: 5 4 4 2 н/а 4 → успевают 4 of 6, качество 4 of 6.
    assert rows[[r[0] for r in rows].index("Математика")][1:3] == ["66,7", "66,7"]
    assert response["Content-Disposition"].endswith(
        "''%D0%A0%D0%BE%D0%B4%D0%B8%D1%82%D0%B5%D0%BB%D1%8C%D1%81%D0%BA%D0%BE%D0%B5%20%D1%81%D0%BE%D0%B1%D1%80%D0%B0"
        "%D0%BD%D0%B8%D0%B5%207%D0%90%20%D0%B8%D1%82%D0%BE%D0%B3%D0%B8%202%20%D1%87%D0%B5%D1%82%D0%B2%D0%B5%D1%80"
        "%D1%82%D1%8C%202024-2025.docx")  # «Родительское собрание 7А итоги 2 четверть 2024-2025.docx»
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT, object_type="parents_meeting")
    assert entry.object_id == str(world.cls.pk) and entry.details["период"] == "q2"


def test_it_names_no_pupil_and_withholds_the_small_groups(client, world, settings):
    settings.VSOKO_MIN_GROUP_SIZE = 5
    text, rows = read(download(client, world, class_teacher(world)))
    everything = text + "\n".join(" ".join(row) for row in rows)
    assert not [name for name in [*Q1, "Жукова"] if name in everything]
    # 1 отличник, 3 хорошиста, 2 неуспевающих: each fewer than 5, and успеваемость and качество would give
    # the 2 back (6 аттестованы − 4); «с одной 3» — 0 is no group.
    assert ["Отличники (все «5»)", "—*"] in rows
    assert ["Хорошисты (на «4» и «5»)", "—*"] in rows
    assert ["Неуспевающие («2» или «н/а»)", "—*"] in rows
    assert ["С одной «3»", "0"] in rows
    assert ["Успеваемость", "—*", "—*", "—*"] in rows
    assert ["Качество знаний", "—*", "—*", "—*"] in rows
    assert "группа меньше 5 обучающихся" in text


def test_a_class_smaller_than_the_minimum_gets_no_figures(client, world, settings):
    settings.VSOKO_MIN_GROUP_SIZE = 8  # 7 on the list
    text, rows = read(download(client, world, class_teacher(world)))
    assert "В классе меньше 8 обучающихся с отметками: итоги класса не приводятся" in text
    assert rows == []


def test_the_first_period_has_no_change(client, world):
    text, _ = read(download(client, world, class_teacher(world), period="q1"))
    assert "Итоги периода «1 четверть», 2024/2025 учебный год" in text
    assert "Изменение" not in text  # the first period has none before it


@pytest.mark.parametrize("role", [Role.CLASS_TEACHER, Role.TEACHER, Role.MO_HEAD])
def test_nobody_but_the_class_teacher_and_the_administration_gets_it(client, world, role):
    """Another class's class teacher; the teacher and the МО head of a subject taught in the class."""
    membership = {"class_name": "7Б"} if role == Role.CLASS_TEACHER else {"subject": world.subjects[0]}
    user = make_user("other", role=role, org_unit=world.school, **membership)
    assert download(client, world, user).status_code == 404
    assert not AuditEntry.objects.filter(object_type="parents_meeting").exists()


def test_the_deputy_gets_it_for_any_class_and_the_other_schools_deputy_for_none(client, world):
    assert download(client, world, make_user("zam", role=Role.DEPUTY, org_unit=world.school)).status_code == 200
    stranger = make_user("zam2", role=Role.DEPUTY, org_unit=world.other)
    assert download(client, world, stranger).status_code == 404


def test_the_class_page_offers_it_for_the_chosen_period_only_to_who_may_print_it(client, world):
    page = reverse("progress:class", args=[world.cls.pk])
    link = f'{reverse("progress:parents", args=[world.cls.pk])}?period=q1'
    client.force_login(class_teacher(world))
    assert link in client.get(page, {"period": "q1"}).content.decode()
    client.force_login(make_user("math", role=Role.TEACHER, org_unit=world.school, subject=world.subjects[0]))
    shown = client.get(page, {"period": "q1"})
    assert "Справка для родительского собрания" not in shown.content.decode()


def test_the_class_list_page_offers_it_for_the_latest_period_as_it_offers_the_pupil_sheets(client, world):
    page = reverse("web:class_detail", args=[world.cls.pk])
    link = reverse("progress:parents", args=[world.cls.pk])
    teacher = class_teacher(world)
    client.force_login(teacher)
    assert f'href="{link}"' in client.get(page).content.decode()
    text, _ = read(client.get(link))  # no ?period: the latest with marks
    assert "Итоги периода «2 четверть», 2024/2025 учебный год" in text
    client.force_login(make_user("math", role=Role.TEACHER, org_unit=world.school, subject=world.subjects[0]))
    shown = client.get(page)
    assert shown.status_code == 200 and link not in shown.content.decode()


def test_a_year_without_period_marks_gets_a_справка_that_says_so(client, world):
    later = SchoolClass.objects.create(school=world.school, year=SchoolYear.objects.create(start=YEAR + 1),
                                       name="7А", grade=7, letter="А")
    text, rows = read(download(client, world, class_teacher(world), school_class=later))
    assert "Отметки за периоды этого учебного года в школу ещё не загружены" in text
    assert rows == []
