import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.browser import open_from_menu
from vsoko.indicators.catalogs import CATALOG_DIR, read_catalog, store_catalog
from vsoko.plan.models import PlanItem

pytestmark = pytest.mark.e2e


@pytest.fixture
def core_catalog(world):
    errors: list[str] = []
    store_catalog(read_catalog(CATALOG_DIR / "core.yaml", errors))
    assert errors == []


def test_the_deputy_drafts_the_plan_marks_an_item_done_and_a_teacher_reads_it(logged_in_page, world, core_catalog):
    deputy = logged_in_page("deputy")

    open_from_menu(deputy, "Мониторинг", "План мониторинга")
    deputy.get_by_role("button", name="Составить проект плана по каталогам").click()
    expect(deputy.get_by_text("Проект плана составлен по каталогам: пунктов — 14.")).to_be_visible()
    deputy.get_by_label("Месяц").select_option("март")
    deputy.get_by_role("button", name="Показать").last.click()
    rows = deputy.locator("tbody tr", has=deputy.get_by_role("button", name="Выполнено"))
    expect(rows).to_have_count(2)  # the parents' and the students' questionnaires
    rows.first.get_by_role("button", name="Выполнено").click()

    assert PlanItem.objects.filter(done_on__isnull=False).values_list("object", flat=True).get() == "Анкета родителей"
    teacher = logged_in_page("teacher")
    teacher.goto("/plan/?month=3")
    expect(teacher.get_by_text("Анкета родителей")).to_be_visible()
    expect(teacher.get_by_role("button", name="Выполнено")).to_have_count(0)


def test_in_august_the_deputy_drafts_next_years_plan_and_names_the_responsible(logged_in_page, world, core_catalog,
                                                                               monkeypatch):
    # 20 August 2025: the personas' data end with 2024/2025; no pupil of 2025/2026 exists yet.
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: datetime.date(2025, 8, 20))
    deputy = logged_in_page("deputy")

    open_from_menu(deputy, "Мониторинг", "План мониторинга")
    deputy.get_by_label("Учебный год плана").select_option("2025/2026")
    deputy.get_by_role("button", name="Показать план").click()
    expect(deputy.get_by_text("Плана на 2025/2026 учебный год ещё нет.")).to_be_visible()
    deputy.get_by_role("button", name="Составить проект плана по каталогам").click()
    expect(deputy.get_by_text("Проект плана составлен по каталогам: пунктов — 14.")).to_be_visible()
    deputy.get_by_role("link", name="Изменить").first.click()
    deputy.get_by_label("Ответственный").fill("Петрова Н. В., заместитель директора по УВР")
    deputy.get_by_role("button", name="Сохранить").click()

    expect(deputy.get_by_text("Петрова Н. В., заместитель директора по УВР")).to_be_visible()
    expect(deputy.get_by_label("Учебный год плана")).to_have_value("2025")
    deputy.get_by_label("Месяц").select_option("июнь")
    deputy.get_by_role("button", name="Показать", exact=True).last.click()
    expect(deputy.get_by_label("Учебный год плана")).to_have_value("2025")
    assert set(PlanItem.objects.values_list("year_id", flat=True)) == {2025}


def test_in_august_the_deputy_starts_next_years_plan_from_last_years(logged_in_page, world, core_catalog,
                                                                     monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: datetime.date(2025, 8, 20))
    PlanItem.objects.create(school=world.school, year_id=2024, object="Анкета родителей", months=[3],
                            responsible="заместитель директора по ВР", indicators=["core.parents_satisfied"])
    PlanItem.objects.create(school=world.school, year_id=2024, object="Квалификация", months=[9],
                            responsible="Иванова А. А.", position=2)
    deputy = logged_in_page("deputy")

    deputy.goto("/plan/?year=2025")
    deputy.get_by_role("button", name="Взять за основу план 2024/2025 учебного года").click()

    expect(deputy.get_by_text("План на 2025/2026 учебный год составлен по плану 2024/2025 учебного года: "
                              "пунктов — 2.")).to_be_visible()
    expect(deputy.get_by_label("Учебный год плана")).to_have_value("2025")
    expect(deputy.locator("tbody tr", has_text="Анкета родителей")).to_contain_text("заместитель директора по ВР")
    expect(deputy.locator("tbody tr", has_text="Анкета родителей")).to_contain_text("март")
    assert list(PlanItem.objects.filter(year_id=2025).values_list("object", "responsible")) == [
        ("Анкета родителей", "заместитель директора по ВР"), ("Квалификация", "Иванова А. А.")]
