"""Marks before pupils: a new school that loads its marks (or staff events) first is told, once and in Russian,
what to load first, instead of one «не найден» per row; nothing is stored."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.accounts.personas import make_user
from vsoko.accounts.enums import Role
from vsoko.imports.models import ImportRun
from vsoko.imports.service import import_package
from vsoko.records.models import PeriodMark, Student

pytestmark = pytest.mark.django_db

MARKS = """Учебный год;Период;Код обучающегося;Предмет;Отметка
2025/2026;1 четверть;P1;Математика;5
2025/2026;1 четверть;P2;Математика;4
2025/2026;1 четверть;P3;Математика;3
"""
PUPILS_FIRST = (
    "В школе ещё нет ни одного обучающегося, а в файле нет таблицы «Обучающиеся»: сначала загрузите список "
    "обучающихся — листы «Обучающиеся» и «Контингент» шаблона (кто в каком классе), затем отметки и результаты. "
    "Можно и одним файлом: все листы в одной книге."
)


def csv_folder(tmp_path, **tables: str):
    folder = tmp_path / "package"
    folder.mkdir()
    for key, text in tables.items():
        (folder / f"{key}.csv").write_text(text, encoding="utf-8")
    return folder


def test_marks_before_any_pupil_say_once_what_to_load_first(school, tmp_path):
    report = import_package(csv_folder(tmp_path, marks=MARKS), school=school)

    assert [(e.table, e.row, e.column, e.message) for e in report.errors] == [
        ("marks", None, "Код обучающегося", PUPILS_FIRST)]
    assert str(report.errors[0]).startswith("Отметки за периоды (файл marks.csv), столбец «Код обучающегося»: ")
    assert PeriodMark.objects.count() == 0


def test_staff_events_before_any_staff_say_what_to_load_first(school, tmp_path):
    events = "Учебный год;Код работника;Вид;Название\n2025/2026;T1;курсы;ФГ\n2025/2026;T2;курсы;ЦОС\n"

    report = import_package(csv_folder(tmp_path, staff_events=events), school=school)

    assert [(e.table, e.row, e.message) for e in report.errors] == [(
        "staff_events", None,
        "В школе ещё нет ни одного работника, а в файле нет таблицы «Педагогические работники»: сначала загрузите "
        "лист «Педагогические работники» шаблона, затем «Развитие педагогов». Можно и одним файлом: все листы в "
        "одной книге.")]


def test_once_some_pupils_are_in_an_unknown_code_is_named_row_by_row(school, tmp_path):
    Student.objects.create(school=school, student_id="P1", last_name="Акимов", first_name="Артём")

    report = import_package(csv_folder(tmp_path, marks=MARKS), school=school)

    assert [(e.row, e.value) for e in report.errors] == [(3, "P2"), (4, "P3")]


def test_the_upload_page_shows_the_order_message(client, school, tmp_path, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.UPLOAD_DIR = tmp_path / "uploads"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    client.force_login(make_user("deputy", role=Role.DEPUTY, org_unit=school))

    client.post(reverse("imports:upload"), {"file": SimpleUploadedFile("marks.csv", MARKS.encode()),
                                            "school": school.pk})

    page = client.get(reverse("imports:run", args=[ImportRun.objects.get().token])).content.decode()
    assert "Найдено ошибок: 1" in page
    assert "сначала загрузите список обучающихся" in page


def test_the_templates_instruction_says_in_which_order_to_load(tmp_path):
    import openpyxl

    from vsoko.imports.template import build_template

    sheet = openpyxl.load_workbook(build_template(tmp_path / "шаблон.xlsx"))["Инструкция"]
    text = " ".join(str(row[0]) for row in sheet.iter_rows(values_only=True) if row[0])

    assert ("Первая загрузка в новой школе: сначала листы «Обучающиеся» и «Контингент» (и «Педагогические "
            "работники»), потом «Отметки за периоды», результаты процедур и остальное — или все листы одним файлом."
            in text)


def test_the_data_page_says_in_which_order_to_load_and_where_protocols_go(client, school):
    from tests.web.pages import parse

    client.force_login(make_user("deputy", role=Role.DEPUTY, org_unit=school))

    order = [o for o in parse(client.get(reverse("imports:index"))).find_all("ol") if o.attrs.get("id") == "load-order"]

    assert [li.text for li in order[0].find_all("li")] == [
        "«Обучающиеся» и «Контингент» — кто в каком классе в каждом учебном году;",
        "«Педагогические работники»;",
        "«Отметки за периоды» — здесь или выгрузкой электронного журнала на странице «Загрузка протоколов» ;",
        "ВПР, ОГЭ, ЕГЭ — протоколы ФИС ОКО и ведомости РЦОИ как есть, на той же странице.",
    ]
    assert [a.attrs["href"] for a in order[0].find_all("a")] == [reverse("assessments:import_start")]
