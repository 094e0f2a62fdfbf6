"""«Перспективный план аттестации и повышения квалификации»: who sees whom, the filters, the files, the audit."""

import io
from urllib.parse import unquote

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.web.pages import first_column, main_text, table_rows
from tests.web.staff_plan_world import ORDER, build_staff_plan_world, teacher
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.records.enums import QualificationCategory

pytestmark = pytest.mark.django_db

URL = "/staff/development/"


@pytest.fixture
def world():
    return build_staff_plan_world()


def get(client, user, url=URL, **params):
    client.force_login(user)
    return client.get(url, params)


def names(response) -> list[str]:
    return [name.split()[0] for name in first_column(response)]


EXPECTED = [
    ("истекла", "в этом году"),
    ("истекает в этом учебном году", "позже"),
    ("истекает в следующем учебном году", "позже"),
    ("дата аттестации не указана", "не было курсов"),
    ("нет категории", "не было курсов"),
    ("истекает в этом учебном году", "просрочены"),
    ("действует", "позже"),
    ("дата аттестации не указана", "позже"),
]


def test_the_administration_sees_every_teacher_with_both_statuses(client, world):
    response = get(client, world.users["deputy"])
    rows = table_rows(response)

    assert response.status_code == 200
    assert names(response) == ORDER
    # Each status in words first; what follows it (days left, the next courses) is in grey.
    assert [(row[3][:len(a)], row[5][:len(c)]) for row, (a, c) in zip(rows, EXPECTED, strict=True)] == EXPECTED
    assert rows[0][2] == "высшая с 01.09.2019 до 01.09.2024"
    assert rows[0][4] == "Функциональная грамотность 15.10.2021, 72 ч"
    assert rows[0][5] == "в этом году следующие: 2024/2025 до 15.10.2024"
    assert rows[3][3] == "дата аттестации не указана"
    assert ("Курсы в этом учебном году нужны 4 из 8 педагогов; категория истекает в этом учебном году у 2, "
            "уже истекла у 1.") in main_text(response)
    assert table_rows(response, 1)[0] == [
        "2024/2025", "Аверина Анна, Борисов Борис, Дмитриева Дарья",
        "Аверина Анна, Волков Олег, Григорьев Глеб, Дмитриева Дарья"]


def test_only_those_who_need_attestation_or_courses_this_year(client, world):
    response = get(client, world.users["director"], needs="on")

    assert names(response) == ["Аверина", "Борисов", "Волков", "Григорьев", "Дмитриева"]


def test_by_subject(client, world):
    response = get(client, world.users["director"], subject=world.subjects["physics"].pk)

    assert names(response) == ["Борисов", "Волков"]
    assert "нужны 1 из 2 педагогов" in main_text(response)


def test_a_subject_nobody_on_the_page_teaches_is_refused_with_a_reason(client, world):
    response = get(client, world.users["mo_head"], subject=world.subjects["physics"].pk)

    assert response.status_code == 200
    assert "Фильтр не применён" in main_text(response)
    assert "нет у педагогов этой страницы" in main_text(response)
    assert "Борисов" not in main_text(response)


def test_the_head_of_the_mathematics_association_sees_the_mathematics_teachers(client, world):
    response = get(client, world.users["mo_head"])

    assert names(response) == ["Аверина", "Васильева", "Егорова", "Смирнова"]
    assert "нужны 1 из 4 педагогов" in main_text(response)


def test_the_other_schools_director_sees_only_their_school(client, world):
    response = get(client, world.users["other_director"])

    assert names(response) == ["Зайцева"]


@pytest.mark.parametrize("persona", ["teacher", "class_teacher", "observer"])
def test_roles_that_do_not_see_the_staff_list_get_403_here_too(client, world, persona):
    assert get(client, world.users[persona]).status_code == 403
    assert get(client, world.users[persona], URL + "xlsx/").status_code == 403
    assert get(client, world.users[persona], "/staff/").status_code == 403


def test_viewing_and_downloading_are_audited_without_names(client, world):
    get(client, world.users["deputy"])
    get(client, world.users["deputy"], URL + "docx/")
    entries = list(AuditEntry.objects.filter(object_type="staff_development").order_by("pk"))

    assert [(e.action, e.school_id) for e in entries] == [(AuditAction.VIEW_LIST, world.school.pk),
                                                           (AuditAction.EXPORT, world.school.pk)]
    assert entries[0].details == {"year": 2024, "rows": 8}
    assert entries[1].details == {"year": 2024, "format": "docx", "rows": 8}


def test_the_excel_download_is_the_users_plan(client, world):
    response = get(client, world.users["mo_head"], URL + "xlsx/")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["План"]

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert unquote(response["Content-Disposition"].split("''", 1)[1]) == (
        "План аттестации и повышения квалификации 2024-2025.xlsx")
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == [
        "Аверина Анна", "Васильева Вера", "Егорова Ева", "Смирнова Мария"]


def test_the_word_download_and_an_unknown_format(client, world):
    response = get(client, world.users["director"], URL + "docx/")

    assert response.status_code == 200
    assert response.content[:2] == b"PK"
    assert get(client, world.users["director"], URL + "pdf/").status_code == 404


def test_the_staff_list_and_the_overview_link_to_the_plan(client, world):
    assert URL in get(client, world.users["mo_head"], "/staff/").content.decode()
    assert URL in get(client, world.users["director"], "/").content.decode()


def test_the_page_takes_the_same_number_of_queries_for_more_teachers(client, world):
    client.force_login(world.users["director"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    before = queries()
    for n in range(4):
        teacher(world, f"X-{n}", f"Новый{n}", "Педагог", "physics", QualificationCategory.FIRST, None)

    assert queries() == before
