"""«Листы результатов»: a page per pupil of a class, for the class teacher and the administration only."""

import io

import docx
import pytest
from django.urls import reverse

from tests.accounts.personas import build_world
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_world()


def sheets(client, world, who, class_key):
    client.force_login(world.users[who])
    return client.get(reverse("progress:pupil_sheets", args=[world.classes[class_key].pk]))


def read(response) -> tuple[list[str], list[list[list[str]]], int]:
    """Paragraph texts, tables as rows of cell texts, and the page breaks of a .docx answer."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    document = docx.Document(io.BytesIO(response.content))
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    breaks = sum(run.element.xml.count('w:type="page"') for p in document.paragraphs for run in p.runs)
    return [p.text for p in document.paragraphs], tables, breaks


def test_the_class_teacher_prints_a_sheet_per_pupil_of_the_class_and_it_is_audited(client, world):
    paragraphs, tables, breaks = read(sheets(client, world, "class_teacher", "5А"))

    # 5А has one pupil: Иванов, «5» in mathematics for the 1st quarter and the year, ВПР 17 of 20 points, mark 5.
    assert "Иванов Алексей" in paragraphs and "Класс 5А, 2024/2025 учебный год." in paragraphs
    assert tables[0] == [["Предмет", "1 четверть", "год"], ["Математика", "5", "5"]]
    assert tables[1] == [["Процедура", "Дата", "Первичный балл", "Тестовый балл", "Отметка"],
                         ["ВПР, Математика", "", "17 из 20", "", "5"]]
    assert breaks == 0  # one pupil, one page
    assert not any("Петров" in p or "Сидорова" in p for p in paragraphs)  # nobody of another class
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT, object_type="pupil_sheets")
    assert (entry.user, entry.object_id) == (world.users["class_teacher"], str(world.classes["5А"].pk))


def test_the_deputy_prints_any_class_with_pupils_in_list_order_on_pages_of_their_own(client, world):
    paragraphs, tables, breaks = read(sheets(client, world, "deputy", "5Б"))

    # 5Б: Орлов (left on 20 January, no marks) before Петров («4» in mathematics); a page break between them.
    names = [p for p in paragraphs if p in ("Орлов Денис", "Петров Борис")]
    assert names == ["Орлов Денис", "Петров Борис"]
    assert "Класс 5Б, 2024/2025 учебный год. Выбыл(а) 20.01.2025." in paragraphs
    assert "Отметок за периоды нет." in paragraphs and "Результатов оценочных процедур нет." in paragraphs
    assert [["Предмет", "1 четверть", "год"], ["Математика", "4", "4"]] in tables
    assert breaks == 1


@pytest.mark.parametrize("who, class_key", [
    ("class_teacher", "5Б"),  # not their class
    ("teacher", "5А"),  # a subject teacher: the sheet shows every subject
    ("mo_head", "5А"),
    ("observer", "5А"),  # no names outside the school
    ("other_director", "5А"),
])
def test_nobody_else_gets_the_sheets(client, world, who, class_key):
    assert sheets(client, world, who, class_key).status_code == 404
    assert not AuditEntry.objects.filter(object_type="pupil_sheets").exists()


def test_the_class_page_offers_the_sheets_only_to_who_may_print_them(client, world):
    page = reverse("progress:class", args=[world.classes["5А"].pk])
    link = reverse("progress:pupil_sheets", args=[world.classes["5А"].pk])

    client.force_login(world.users["class_teacher"])
    assert link in client.get(page).content.decode()
    client.force_login(world.users["mo_head"])
    shown = client.get(page)
    assert shown.status_code == 200 and link not in shown.content.decode()
