"""A deputy's first day in an empty school, in the browser: «Начало работы» says what to load first, marks loaded
before the pupils are refused with one message naming what comes first, then the pupils, then the marks — and
the list follows each step (docs/getting-started.md)."""

from __future__ import annotations

import pytest

from tests.accounts.personas import make_user
from tests.imports.conftest import write_xlsx
from vsoko.accounts.enums import Role
from vsoko.indicators.catalogs import load_shipped_catalogs
from vsoko.records import enums
from vsoko.records.models import OrgUnit, PeriodMark, Student

pytestmark = pytest.mark.e2e

PUPILS = {
    "students": [["№ п/п", "Код обучающегося", "Фамилия", "Имя", "Отчество", "Дата рождения", "Пол"],
                 [1, "1001", "Иванов", "Иван", "Ильич", "01.02.2013", "М"],
                 [2, "1002", "Петрова", "Алёна", "Сергеевна", "03.04.2013", "Ж"]],
    "enrollments": [["Учебный год", "Код обучающегося", "Класс"],
                    ["2025/2026", "1001", "7А"], ["2025/2026", "1002", "7А"]],
}
MARKS = {"marks": [["Учебный год", "Период", "Код обучающегося", "Предмет", "Отметка"],
                   ["2025/2026", "1 четверть", "1001", "Математика", "5"],
                   ["2025/2026", "1 четверть", "1002", "Математика", "4"]]}


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):
    # The live server has no task worker beside it; the immediate backend runs the import in the request.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def empty_school(db):
    """What `vsoko init` leaves: the catalogs and one school, no data; a deputy given a login."""
    load_shipped_catalogs()
    school = OrgUnit.objects.create(code="school-1", name="МБОУ СОШ № 7", kind=enums.OrgUnitKind.SCHOOL)
    make_user("tatiana", role=Role.DEPUTY, org_unit=school, first_name="Татьяна", last_name="Смирнова")
    return school


def upload(page, path) -> None:
    page.get_by_label("Файл").set_input_files(str(path))
    page.get_by_role("button", name="Проверить файл").click()


def step_badge(page, title: str) -> str:
    return page.locator("li.checklist__step", has_text=title).locator(".badge").inner_text()


def test_the_first_day_marks_before_pupils_are_refused_then_pupils_then_marks(empty_school, logged_in_page,
                                                                            tmp_path):
    page = logged_in_page("tatiana")

    checklist = page.locator("#first-steps")
    assert checklist.get_attribute("open") is not None
    assert step_badge(page, "Обучающиеся и классы") == "нет"
    assert "vsoko import" not in page.locator("main").inner_text()

    # Marks first, the wrong order: one error that says what to load first; nothing stored.
    checklist.get_by_role("link", name="Загрузить обучающихся").click()
    upload(page, write_xlsx(tmp_path / "отметки.xlsx", MARKS))
    page.get_by_role("heading", name="Найдено ошибок: 1. Ничего не загружено").wait_for()
    assert "сначала загрузите список обучающихся" in page.locator("table.table--errors").inner_text()
    assert PeriodMark.objects.count() == 0

    # The pupils, then the list says so and the marks' line links onwards.
    page.goto("/data/")
    upload(page, write_xlsx(tmp_path / "ученики.xlsx", PUPILS))
    page.get_by_role("button", name="Загрузить").click()
    page.get_by_text("Данные загружены").wait_for()
    assert Student.objects.count() == 2
    page.goto("/")
    assert step_badge(page, "Обучающиеся и классы") == "есть"
    assert "обучающихся за год (с выбывшими) — 2, классов — 1" in page.locator("#first-steps").inner_text()

    page.goto("/data/")
    upload(page, write_xlsx(tmp_path / "отметки.xlsx", MARKS))
    page.get_by_role("button", name="Загрузить").click()
    page.get_by_text("Данные загружены").wait_for()
    page.goto("/")
    assert step_badge(page, "Отметки за периоды") == "есть"
    assert PeriodMark.objects.count() == 2
