"""«Дошкольное образование» in the browser: the deputy adds a group, evaluates all its indicators in one
form (saved whole or not at all) and reads the year's means by area; the municipal observer sets the
organisations side by side and downloads one school's overview in Excel."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.e2e.browser import open_from_menu
from tests.preschool.conftest import rate
from vsoko.preschool.models import Evaluation, PreschoolGroup

pytestmark = pytest.mark.e2e

INDICATORS = 29  # vsoko/preschool/areas.yaml: 4 + 6 + 4 + 3 + 4 + 5 + 3
FAMILY_INFORMATION = "Информирование родителей (законных представителей)"


def test_the_deputy_adds_a_group_evaluates_it_and_reads_the_means(logged_in_page, world):
    page = logged_in_page("deputy")
    open_from_menu(page, "Мониторинг", "Дошкольное образование")
    expect(page.get_by_role("heading", level=1)).to_have_text("Мониторинг качества дошкольного образования")
    expect(page.get_by_text("Дошкольных групп за год нет")).to_be_visible()

    page.get_by_role("link", name="Добавить группу").click()
    page.get_by_label("Название группы").fill("Младшая разновозрастная группа")
    page.get_by_label("Возраст детей").fill("2–4 года")
    page.get_by_label("Детей в группе").fill("5")
    page.get_by_label("Из них детей с ОВЗ").fill("6")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Детей с ОВЗ (6) больше, чем детей в группе (5).").first).to_be_visible()
    assert not PreschoolGroup.objects.exists()

    page.get_by_label("Из них детей с ОВЗ").fill("1")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Группа «Младшая разновозрастная группа» добавлена: оцените её показатели.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Младшая разновозрастная группа")

    # Every indicator «хороший», one «ниже базового» without the grounds the form requires for it.
    page.get_by_label("Кто оценивал").fill("Заместитель директора Иванова И. И.")
    page.get_by_label("Дата оценки").fill("2025-04-20")
    levels = page.locator("select[name^='level_']")
    expect(levels).to_have_count(INDICATORS)
    for select in levels.all():
        select.select_option("3")
    family = page.get_by_role("group", name="Взаимодействие с семьей")  # the area's heading names its fields
    family.get_by_label(FAMILY_INFORMATION, exact=True).select_option("1")
    page.get_by_role("button", name="Сохранить все оценки").click()

    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Ничего не сохранено: исправьте 1 ошибку")
    expect(alert).to_contain_text(f"«Взаимодействие с семьей» → «{FAMILY_INFORMATION}»: уровень «ниже базового» — "
                                  "напишите в обосновании, какие требования не выполняются.")
    assert not Evaluation.objects.exists()
    # The typed form comes back as it was: only the grounds are missing.
    expect(page.get_by_label(FAMILY_INFORMATION, exact=True)).to_have_value("1")
    expect(page.get_by_label("Кто оценивал")).to_have_value("Заместитель директора Иванова И. И.")

    page.get_by_label(f"Обоснование: {FAMILY_INFORMATION}").fill("Нет информационного стенда для родителей.")
    page.get_by_role("button", name="Сохранить все оценки").click()
    expect(page.get_by_text(f"Оценки сохранены: новых — {INDICATORS}")).to_be_visible()
    assert Evaluation.objects.count() == INDICATORS

    page.get_by_role("link", name="Дошкольное образование").first.click()
    groups = page.get_by_role("region", name="Дошкольные группы")
    expect(groups.get_by_role("row").filter(has_text="Младшая разновозрастная группа")).to_contain_text("2–4 года")
    areas = page.get_by_role("region", name="Уровни качества по областям")
    # Family: 1, 3, 3, 3 → 10 / 4 = 2,5; at the base level or above 3 of 4 = 75 %.
    family = areas.get_by_role("row").filter(has_text="Взаимодействие с семьей")
    expect(family.get_by_role("cell").nth(0)).to_have_text("2,50")  # a mean level keeps two places
    expect(family.get_by_role("cell").nth(1)).to_have_text("75,0 %")
    expect(family.get_by_role("cell").nth(2)).to_have_text("4")
    conditions = areas.get_by_role("row").filter(has_text="Образовательные условия")
    expect(conditions.get_by_role("cell").nth(0)).to_have_text("3,00")
    expect(conditions.get_by_role("cell").nth(1)).to_have_text("100,0 %")
    # All: (28 × 3 + 1) / 29 = 85 / 29 = 2,931… → 2,93; 28 of 29 = 96,55… → 96,6 %.
    whole = areas.get_by_role("row").filter(has_text="Все области")
    expect(whole.get_by_role("cell").nth(0)).to_have_text("2,93")
    expect(whole.get_by_role("cell").nth(1)).to_have_text("96,6 %")
    expect(page.get_by_role("listitem").filter(has_text=FAMILY_INFORMATION)).to_be_visible()


def test_the_observer_sets_the_organisations_side_by_side_and_downloads_a_schools_excel(logged_in_page, world):
    young = PreschoolGroup.objects.create(school=world.school, year_id=2024, name="Младшая", age_band="3–4 года",
                                          children=15)
    mixed = PreschoolGroup.objects.create(school=world.other_school, year_id=2024, name="Разновозрастная",
                                          age_band="3–7 лет", children=11)
    rate(young, family_information=3, family_participation=2, family_satisfaction=1)
    rate(mixed, family_information=4, family_participation=4, conditions_environment=1)
    page = logged_in_page("observer")

    open_from_menu(page, "Мониторинг", "Дошкольное образование")
    page.get_by_role("link", name="Все организации муниципалитета").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Дошкольное образование по организациям")
    means = page.get_by_role("region", name="Средний уровень качества по областям")
    # Family (the sixth cell: groups, then the areas in areas.yaml's order): school 1 (3 + 2 + 1) / 3 = 2,
    # school 2 (4 + 4) / 2 = 4, together 14 / 5 = 2,8 — not the schools' mean 3.
    family = 5
    expect(means.get_by_role("row").filter(has_text="Школа №1").get_by_role("cell").nth(family)).to_have_text("2,00")
    expect(means.get_by_role("row").filter(has_text="Школа №2").get_by_role("cell").nth(family)).to_have_text("4,00")
    together = means.get_by_role("row").filter(has_text="Все организации вместе")
    expect(together.get_by_role("cell").nth(family)).to_have_text("2,80")
    # Conditions: school 2's one group at 1 — below base; school 1 has no rating there.
    shares = page.get_by_role("region", name="Доля групп не ниже базового уровня")
    expect(shares.get_by_role("row").filter(has_text="Школа №2").get_by_role("cell").nth(3)).to_have_text("0,0 %")
    expect(shares.get_by_role("row").filter(has_text="Школа №1").get_by_role("cell").nth(3)).to_have_text("—")

    means.get_by_role("link", name="МБОУ «Школа №1»").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Скачать Excel").click()

    assert download.value.suggested_filename == ("Мониторинг качества дошкольного образования за 2024-2025 учебный "
                                                 "год.xlsx")
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))  # the saved file has no suffix
    family = next(row for row in book["Области"].iter_rows(min_row=4, values_only=True)
                  if row[0] == "Взаимодействие с семьей")
    assert family[1:4] == (2, 2, 100)  # Младшая's mean, the school's mean, 1 group of 1 at base
