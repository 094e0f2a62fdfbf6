"""«Оценочные процедуры» in a real browser: the index, a procedure's page, a phone, no CSP violations."""

import pytest
from playwright.sync_api import expect

from tests.analysis.world import build_analysis_world
from tests.e2e.browser import PHONE, open_from_menu

pytestmark = pytest.mark.e2e


@pytest.fixture
def analysis_world(world):
    return build_analysis_world(world)


def csp_violations(page) -> list[str]:
    messages: list[str] = []
    page.on("console", lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None)
    return messages


def test_index_lists_the_procedures_and_opens_one(logged_in_page, analysis_world):
    page = logged_in_page("deputy")
    violations = csp_violations(page)

    open_from_menu(page, "Результаты", "Оценочные процедуры")

    expect(page.get_by_role("heading", level=1)).to_have_text("Оценочные процедуры за 2024/2025 учебный год")
    expect(page.get_by_role("heading", name="ВПР", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Загрузка протоколов")).to_have_attribute("href", "/assessments/import/")
    expect(page.locator("#risk").locator("xpath=..")).to_contain_text("Высокая доля «2» на ВПР")

    page.get_by_role("link", name="русский язык, 5 класс", exact=True).first.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("ВПР, русский язык, 5 класс")
    expect(page.locator("svg.chart--wide")).to_be_visible()
    expect(page.locator(".chart__boundary")).to_have_count(3)
    expect(page.locator(".mastery--border").first).to_have_text("освоено, пограничная зона")
    expect(page.locator(".flag--high")).to_contain_text("Отметки по журналу выше результатов работы")
    page.get_by_text("Понизили — 4").click()  # the open group folds
    expect(page.get_by_role("link", name="Гусева Тест")).to_be_hidden()
    assert violations == []


def test_procedure_page_fits_a_phone_tables_scroll_inside_their_frames(logged_in_page, analysis_world):
    page = logged_in_page("deputy", viewport=PHONE)

    page.goto(f"/assessments/{analysis_world.vpr.pk}/")

    expect(page.get_by_role("heading", level=1)).to_have_text("ВПР, русский язык, 5 класс")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    tasks = page.locator("div.table-wrap[aria-label='Выполнение заданий']")
    assert tasks.evaluate("el => el.scrollWidth > el.clientWidth")


def test_the_excel_button_downloads_a_workbook(logged_in_page, analysis_world):
    page = logged_in_page("director")
    page.goto(f"/assessments/{analysis_world.vpr.pk}/")

    with page.expect_download() as download:
        page.get_by_role("link", name="Скачать в Excel").click()

    assert download.value.suggested_filename.endswith(".xlsx")


def test_the_years_tables_fit_a_desktop_with_long_flags_wrapped(logged_in_page, analysis_world):
    # «Отметки по журналу выше результатов работы (высокий)» on one line pushed the ВПР table past the window,
    # its flags cut at the edge.
    page = logged_in_page("deputy")
    page.goto("/assessments/")

    vpr = page.locator(".table-wrap[aria-label='ВПР']")
    expect(vpr).to_contain_text("Отметки по журналу выше результатов работы")
    assert vpr.evaluate("frame => frame.scrollWidth <= frame.clientWidth")


def test_the_deputy_types_the_regions_figures_and_sees_them_beside_the_school(logged_in_page, analysis_world):
    page = logged_in_page("deputy")
    page.goto(f"/assessments/{analysis_world.vpr.pk}/")
    expect(page.locator("#marks").locator("xpath=..")).not_to_contain_text("vpr.5")

    page.get_by_role("link", name="Ввести значения для сравнения").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Значения для сравнения: ВПР, русский язык, 5 класс")
    page.get_by_label("«2», % — регион").fill("150")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_role("alert")).to_contain_text("Ничего не сохранено")
    expect(page.get_by_text("Доля в процентах — от 0 до 100 (введено 150).")).to_be_visible()

    page.get_by_label("«2», % — регион").fill("12,5")
    page.get_by_role("button", name="Сохранить").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("ВПР, русский язык, 5 класс")
    marks = page.get_by_role("region", name="Статистика по отметкам")
    expect(marks.get_by_role("columnheader", name="регион, %")).to_be_visible()
    expect(marks.get_by_role("row", name="«2»")).to_contain_text("12,5 %")
