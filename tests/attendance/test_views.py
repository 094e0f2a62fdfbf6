"""«Посещаемость» through the client, per persona (tests/accounts/personas.py)."""

from __future__ import annotations

import io
from urllib.parse import unquote

import pytest
from openpyxl import load_workbook

from tests.accounts.personas import YEAR
from tests.attendance.conftest import workbook
from vsoko.attendance.models import AttendanceRecord, PeriodKind
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry

URL = f"/attendance/?school=s1&year={YEAR}"


@pytest.fixture
def loaded(world):
    for key, class_key, missed, unexcused, days_ill in (("ivanov", "5А", 40, 12, 4), ("petrov", "5Б", 10, 3, 1),
                                                        ("sidorova", "10А", 6, 0, 1)):
        AttendanceRecord.objects.create(school=world.school, year_id=YEAR, student=world.students[key],
                                        school_class=world.classes[class_key], period_kind=PeriodKind.QUARTER,
                                        period_number=1, lessons_missed=missed, lessons_ill=missed - unexcused,
                                        lessons_unexcused=unexcused, days_missed=days_ill, days_ill=days_ill)
    return world


def page(client, world, persona: str, query: str = ""):
    client.force_login(world.users[persona])
    response = client.get(URL + query)
    assert response.status_code == 200
    return response.content.decode()


def listed(world) -> list[dict]:
    return [e.details for e in AuditEntry.objects.filter(action=AuditAction.VIEW_LIST, object_type="attendance")]


def test_the_deputy_sees_every_class_the_school_and_the_unexcused_list_audited(client, loaded):
    html = page(client, loaded, "deputy")

    assert "Посещаемость: I четверть, 2024/2025 учебный год" in html
    for name in ("5А", "5Б", "10А"):
        assert f'<th scope="row">{name}</th>' in html
    assert '<th scope="row">Школа</th><td class="num">3</td><td class="num">18,7</td>' in html  # 56 lessons / 3
    assert "Пропуски без уважительной причины" in html
    assert html.index("Иванов Алексей") < html.index("Петров Борис")
    assert "Сидорова Вера" not in html  # no unexcused lessons
    assert listed(loaded) == [{"period": "I четверть", "pupils": 2}]
    assert '<a href="#upload-form-title">Загрузить посещаемость</a>' in html  # the form is below 26 classes


def test_the_class_teacher_sees_his_class_and_its_pupils_only(client, loaded):
    html = page(client, loaded, "class_teacher")

    assert '<th scope="row">5А</th>' in html and '<th scope="row">5Б</th>' not in html
    # One class: a card of its figures (40 lessons / 1 pupil), no «Мои классы» line repeating it.
    assert '<span class="table__cell-label">Уроков пропущено</span>40,0' in html and "Мои классы" not in html
    assert "Иванов Алексей" in html and "Петров Борис" not in html
    assert "Загрузить посещаемость" not in html


def test_the_observer_sees_aggregates_only_and_nothing_is_audited(client, loaded):
    html = page(client, loaded, "observer")

    assert "Иванов" not in html and "Петров" not in html
    assert "Пропуски без уважительной причины" not in html
    assert "скрыто: меньше" in html  # classes of one pupil
    assert listed(loaded) == []


def test_the_director_of_another_school_sees_nothing_of_it(client, loaded):
    client.force_login(loaded.users["other_director"])
    response = client.get(URL)

    assert "Иванов" not in response.content.decode()


def test_excel_of_the_page(client, loaded):
    client.force_login(loaded.users["deputy"])
    response = client.get(URL + "&format=xlsx")

    assert response["Content-Type"].endswith("spreadsheetml.sheet")
    cells = [c for sheet in load_workbook(io.BytesIO(response.content)) for row in sheet.iter_rows(values_only=True)
             for c in row if c is not None]
    assert "Пропуски без уважительной причины" in cells and "Иванов Алексей" in cells
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, object_type="attendance").exists()


def test_upload_stores_the_file_and_the_class_teacher_may_not(client, world, tmp_path):
    path = workbook(tmp_path / "a.xlsx", {"5А": ("5А класс", [["Иванов Алексей", 7, 7, 0, 0, 1, 1]])})
    client.force_login(world.users["class_teacher"])
    with path.open("rb") as f:
        assert client.post(f"/attendance/upload/?school=s1&year={YEAR}", {"file": f}).status_code == 403

    client.force_login(world.users["deputy"])
    with path.open("rb") as f:
        response = client.post(f"/attendance/upload/?school=s1&year={YEAR}", {"file": f, "period": "month-9"})

    assert response.status_code == 302
    assert response["Location"].endswith("&period=month-9")
    record = AttendanceRecord.objects.get()
    assert (record.student, record.period_kind, record.period_number, record.lessons_missed) == (
        world.students["ivanov"], "month", 9, 7)


def test_a_refused_upload_names_the_problem_and_stores_nothing(client, world, tmp_path):
    path = workbook(tmp_path / "a.xlsx", {"5А": ("5А класс за сентябрь", [["Никто Никтович", 7, 7, 0, 0, 1, 1]])})
    client.force_login(world.users["deputy"])
    with path.open("rb") as f:
        response = client.post(f"/attendance/upload/?school=s1&year={YEAR}", {"file": f})

    assert response.status_code == 400
    html = response.content.decode()
    assert "Файл «a.xlsx» не загружен — ничего не сохранено" in html
    assert "лист «5А», строка 4 (Никто Никтович, 5А)" in html
    assert not AttendanceRecord.objects.exists()
    # At /attendance/upload/ (POST only) no filter form or Excel link leading to a 405; the way back instead.
    assert 'method="get" action=""' not in html and "Скачать в Excel" not in html
    assert f'<a href="/attendance/?school=s1&amp;year={YEAR}">вернитесь к посещаемости</a>' in html


def test_the_template_lists_the_pupils_of_each_class(client, world):
    client.force_login(world.users["deputy"])
    response = client.get(f"/attendance/template/?school=s1&year={YEAR}")

    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["5А", "5Б", "10А", "Как заполнить"]
    assert book["5А"]["B4"].value == "Иванов Алексей"
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, object_type="attendance").exists()
    # No period asked: the title names none (not «за I четверть» whatever the month) — it is chosen on upload.
    assert book["5А"]["A1"].value == "Итоги посещаемости класса: 5А класс, 2024/2025 учебный год (период — при загрузке)"
    assert book["Как заполнить"]["A2"].value == (
        "Период в шаблоне не указан: выберите его в форме загрузки или допишите в заголовок (первая строка): "
        "«за I четверть», «за 2 триместр», «за 1 полугодие», «за сентябрь», «за год» или «с 01.09.2024 по "
        "31.10.2024».")
    # The journal's per-lesson report is loaded as it is: the notes say so, as the page does.
    assert "поурочный «Отчёт о посещаемости»" in book["Как заполнить"]["A6"].value


def test_the_template_title_has_the_period_asked_for_and_the_page_offers_its_own(client, loaded):
    client.force_login(loaded.users["deputy"])
    html = client.get(URL).content.decode()
    response = client.get(f"/attendance/template/?school=s1&year={YEAR}&period=month-10")

    book = load_workbook(io.BytesIO(response.content))
    assert book["5Б"]["A1"].value == "Итоги посещаемости класса за период: 5Б класс, за октябрь 2024/2025 учебного года"
    # «Как заполнить» says the period once — not «Период — октябрь: …» and then «Период — в заголовке: «за I
    # четверть» …» as if none were there.
    assert book["Как заполнить"]["A2"].value == (
        "Период — октябрь: он в заголовке (первая строка) каждого листа. Для другого периода скачайте шаблон за "
        "него или исправьте заголовок («за ноябрь», «за II четверть»), или выберите период в форме загрузки — "
        "выбранный там период заменяет заголовок.")
    assert unquote(response["Content-Disposition"]).endswith("Посещаемость октябрь 2024-2025.xlsx")
    # The page of I четверть links the template of I четверть and lets another period be chosen.
    assert f'href="/attendance/template/?school=s1&amp;year={YEAR}&amp;period=quarter-1"' in html
    assert '<form method="get" action="/attendance/template/"' in html
    assert '<option value="quarter-1" selected>I четверть</option>' in html


def test_the_observer_on_a_school_without_attendance_is_shown_the_schools_with_it(client, loaded):
    client.force_login(loaded.users["observer"])
    html = client.get(f"/attendance/?school={loaded.other_school.code}&year={YEAR}").content.decode()

    assert "Посещаемость не загружена" in html and "форма ниже" not in html
    assert (f'Посещаемость за 2024/2025 учебный год загружена: <a href="?school={loaded.school.code}&amp;year={YEAR}">'
            f'{loaded.school.name}</a>.') in html
