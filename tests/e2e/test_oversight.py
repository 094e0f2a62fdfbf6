"""«Внешняя оценка» in the browser: an inspection with a finding past its deadline is «просрочено» and listed
first among those that need attention; НОКО without one criterion's score says why there is no integral."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.browser import open_from_menu
from vsoko.oversight.enums import Body, InspectionKind, InspectionResult
from vsoko.oversight.models import Finding, Inspection, NokoResult

pytestmark = pytest.mark.e2e


def iso(day: datetime.date) -> str:
    return day.isoformat()


def test_a_finding_past_its_deadline_is_overdue_and_listed_first(logged_in_page, world):
    today = timezone.localdate()
    # An earlier inspection whose finding is still within its deadline: «устраняется».
    earlier = Inspection.objects.create(school=world.school, body=Body.FIRE, kind=InspectionKind.PLANNED,
                                        started_on=today - datetime.timedelta(days=60), subject="пожарная безопасность",
                                        result=InspectionResult.VIOLATIONS)
    Finding.objects.create(inspection=earlier, text="Огнетушители без поверки",
                           deadline=today + datetime.timedelta(days=10))
    page = logged_in_page("deputy")

    open_from_menu(page, "Мониторинг", "Внешняя оценка")
    page.get_by_role("navigation", name="Внешняя оценка").get_by_role("link", name="Проверки").click()
    page.get_by_role("link", name="Записать проверку").click()
    page.get_by_label("Орган контроля (надзора)").select_option(label="Роспотребнадзор")
    page.get_by_label("Вид", exact=True).select_option(label="внеплановая проверка")
    page.get_by_label("Дата начала").fill(iso(today - datetime.timedelta(days=30)))
    page.get_by_label("Предмет проверки").fill("санитарно-эпидемиологические требования")
    page.get_by_label("Результат").select_option(label="выявлены нарушения")
    page.get_by_role("button", name="Сохранить").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Проверки контрольно-надзорных органов")
    inspection = page.locator("section.panel").filter(has_text="Роспотребнадзор")
    inspection.get_by_role("link", name="Добавить нарушение").click()
    page.get_by_label("Нарушение (пункт предписания)").fill("Освещённость в кабинете 12 ниже нормы")
    # Before the inspection began: refused with the dates named, nothing saved.
    page.get_by_label("Срок устранения").fill(iso(today - datetime.timedelta(days=31)))
    page.get_by_role("button", name="Сохранить").click()
    started = (today - datetime.timedelta(days=30)).strftime("%d.%m.%Y")
    expect(page.get_by_text(f"раньше начала проверки {started}").first).to_be_visible()
    assert Finding.objects.count() == 1

    page.get_by_label("Срок устранения").fill(iso(today - datetime.timedelta(days=1)))
    page.get_by_role("button", name="Сохранить").click()

    attention = page.get_by_role("heading", name="Требуют внимания").locator("xpath=following-sibling::div[1]")
    rows = attention.locator("tbody tr")
    expect(rows).to_have_count(2)
    # The state right after the finding's text: the columns a phone shows without scrolling sideways.
    expect(rows.nth(0).get_by_role("cell").nth(0)).to_have_text("Освещённость в кабинете 12 ниже нормы")
    expect(rows.nth(0).get_by_role("cell").nth(1)).to_have_text("просрочено")
    expect(rows.nth(1).get_by_role("cell").nth(0)).to_have_text("Огнетушители без поверки")
    expect(rows.nth(1).get_by_role("cell").nth(1)).to_have_text("устраняется")
    # The year's tally counts the overdue one in words and numbers, not by colour.
    tally = page.get_by_role("region", name="Устранение нарушений")
    expect(tally.get_by_role("columnheader", name="Просрочено")).to_be_visible()


def test_noko_without_one_criterion_says_why_there_is_no_integral(logged_in_page, world):
    NokoResult.objects.create(school=world.school, year=2023, openness=Decimal("90"), comfort=Decimal("80"),
                              accessibility=Decimal("70"), courtesy=Decimal("100"), satisfaction=Decimal("60"))
    page = logged_in_page("deputy")
    page.goto("/oversight/noko/")

    page.get_by_role("link", name="Записать результаты НОКО").click()
    page.get_by_label("Учебный год (год начала, например 2024 для 2024/2025)").fill("2024")
    page.get_by_label("Открытость и доступность информации (0–100)").fill("92.5")  # the number field's value; a Russian keyboard types «92,5» into it
    page.get_by_label("Комфортность условий (0–100)").fill("81")
    page.get_by_label("Доброжелательность и вежливость работников (0–100)").fill("100")
    page.get_by_label("Удовлетворённость условиями (0–100)").fill("150")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("«Удовлетворённость условиями (0–100)»: балл не может быть больше 100.").first) \
        .to_be_visible()
    assert NokoResult.objects.count() == 1

    page.get_by_label("Удовлетворённость условиями (0–100)").fill("61")
    page.get_by_role("button", name="Сохранить").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Независимая оценка качества условий (НОКО)")
    expect(page.get_by_text("Результаты НОКО за 2024/2025 учебный год: интегральный балл не вычислен: нет балла "
                            "по критерию «доступность услуг для инвалидов».")).to_be_visible()
    table = page.get_by_role("region", name="НОКО по годам")
    integral = table.get_by_role("row").filter(has_text="Интегральный балл")
    # 2023: (90 + 80 + 70 + 100 + 60) / 5 = 80; 2024: none, and so no change either.
    expect(integral.get_by_role("cell").nth(0)).to_have_text("80,00")  # a score to hundredths, every place kept
    expect(integral.get_by_role("cell").nth(1)).to_have_text("—")
    # A criterion's change is a sign and a number, not a colour: 92,5 − 90 = +2,5.
    openness = table.get_by_role("row").filter(has_text="Открытость и доступность информации")
    expect(openness.get_by_role("cell").nth(1)).to_contain_text("▲ +2,50")
