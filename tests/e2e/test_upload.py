"""Uploading a package in the browser: check, preview, confirm, result — and a package with an error."""

import pytest

from tests.imports.conftest import PACKAGE, write_xlsx
from vsoko.records.models import PeriodMark, Student

pytestmark = pytest.mark.e2e

# The `values` sheet names catalog codes; this test is about the upload flow, not the catalog.
UPLOAD = {key: rows for key, rows in PACKAGE.items() if key != "values"}


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):
    # The live server has no task worker beside it; the immediate backend runs the import in the request.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def test_deputy_uploads_a_package_sees_the_preview_confirms_and_reads_the_result(world, logged_in_page, tmp_path):
    path = write_xlsx(tmp_path / "пакет школы.xlsx", UPLOAD)
    students_before = Student.objects.count()
    page = logged_in_page("deputy")

    page.get_by_role("link", name="Данные").first.click()
    page.get_by_label("Файл").set_input_files(str(path))
    page.get_by_role("button", name="Проверить файл").click()

    page.get_by_role("heading", name="Ошибок нет. Что изменится").wait_for()
    assert "Будет добавлено" in page.content()
    assert Student.objects.count() == students_before  # the preview writes nothing

    page.get_by_role("button", name="Загрузить").click()
    page.get_by_text("загружен", exact=False).first.wait_for()
    assert Student.objects.count() == students_before + 3
    assert PeriodMark.objects.filter(student__student_id="S1").count() == 2


def test_a_package_with_a_bad_mark_lists_the_error_and_stores_nothing(world, logged_in_page, tmp_path):
    broken = dict(UPLOAD, marks=[PACKAGE["marks"][0], ["2024/2025", "1 четверть", "S1", "Математика", "6"]])
    path = write_xlsx(tmp_path / "с ошибкой.xlsx", broken)
    students_before = Student.objects.count()
    page = logged_in_page("deputy")

    page.goto("/data/")
    page.get_by_label("Файл").set_input_files(str(path))
    page.get_by_role("button", name="Проверить файл").click()

    page.get_by_role("heading", name="Найдено ошибок: 1. Ничего не загружено").wait_for()
    row = page.locator("table.table--errors tbody tr").first
    assert row.inner_text().split("\t")[2:4] == ["Отметка", "6"]
    assert Student.objects.count() == students_before
