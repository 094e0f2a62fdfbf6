"""A class teacher before a parent meeting, on a phone: Классы → 5А → the class's results with its lists
of pupils and the pupil sheets for parents, and the page never scrolls sideways."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

SMALL_PHONE = {"width": 375, "height": 667}


def test_from_the_class_page_to_its_results_and_the_sheets_on_a_phone(logged_in_page, world):
    page = logged_in_page("class-teacher", viewport=SMALL_PHONE)

    page.goto("/classes/")
    page.get_by_role("link", name="5А", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Класс 5А")
    expect(page.get_by_role("link", name="Листы результатов для обучающихся и родителей (Word)")).to_be_visible()
    page.get_by_role("link", name="Успеваемость класса за периоды").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Класс 5А: год, 2024/2025 учебный год")
    expect(page.get_by_role("heading", name="Списки обучающихся")).to_be_visible()
    expect(page.get_by_role("heading", name="Неуспевающие («2», «1», «незачет»): 0")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]
