"""A keyboard user of «Распределение нагрузки»: the grade's table has a select per class and subject, so a skip
link at the top of the table, visible once focused, takes them to «Сохранить» without tabbing through every
select."""

import pytest
from playwright.sync_api import expect

from tests.accounts.personas import YEAR
from vsoko.teaching.models import TeachingAssignment

pytestmark = pytest.mark.e2e


def test_tab_from_the_top_of_the_grid_reaches_the_save_button_by_the_skip_link(logged_in_page, world):
    deputy = logged_in_page("deputy")
    deputy.goto(f"/data/load/?school={world.school.code}&year={YEAR}&grade=5")
    skip = deputy.get_by_role("link", name="Перейти к сохранению")
    save = deputy.get_by_role("button", name="Сохранить нагрузку 5 класса")
    expect(save).to_be_visible()
    hidden = skip.bounding_box()

    deputy.get_by_role("link", name="5 класс").focus()  # the grade's tab: the world's grades are 5 and 10
    deputy.keyboard.press("Tab")
    expect(deputy.get_by_role("link", name="10 класс")).to_be_focused()  # the last tab, just above the table
    deputy.keyboard.press("Tab")

    expect(skip).to_be_focused()
    shown = skip.bounding_box()
    assert hidden["width"] <= 1 < shown["width"]  # hidden until focused, then shown
    assert shown["height"] > 1
    deputy.keyboard.press("Enter")
    expect(save).to_be_focused()
    deputy.keyboard.press("Enter")
    expect(deputy.get_by_text("Распределение нагрузки сохранено: изменений нет.")).to_be_visible()
    assert not TeachingAssignment.objects.exists()
