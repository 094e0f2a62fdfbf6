"""Nothing is wider than a phone: the page never scrolls sideways (only a wide table does, inside its frame)."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.accounts.personas import YEAR
from tests.e2e.browser import PHONE
from vsoko.datavalues.compute import recompute
from vsoko.indicators.catalogs import load_shipped_catalogs
from vsoko.records.models import Assessment
from vsoko.records.years import school_year_of
from vsoko.surveys.campaigns import create_survey

pytestmark = pytest.mark.e2e

SMALL_PHONE = {"width": 375, "height": 667}


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("viewport", [SMALL_PHONE, PHONE])
def test_a_survey_page_with_its_table_of_links_fits_the_phone(logged_in_page, world, viewport):
    # The table of links has a column headed only for screen readers («Печать», visually hidden):
    # positioned outside the table's scrolling frame it widened the page to the table's width.
    today = timezone.localdate()
    survey = create_survey(school=world.school, year=school_year_of(today), questionnaire="parents", title="Родители",
                           opens_on=today, closes_on=today + datetime.timedelta(days=7))
    page = logged_in_page("deputy", viewport=viewport)

    page.goto(f"/surveys/{survey.pk}/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Родители")
    assert page_width(page) <= viewport["width"]


def test_a_select_with_long_options_fits_the_phone(logged_in_page, world):
    # A field keeps the width of its longest option unless allowed to shrink (the catalog's
    # «Показатели самообследования (Приказ Минобрнауки № 1324, приложение 2)» was 735 px wide).
    load_shipped_catalogs()
    page = logged_in_page("director", viewport=SMALL_PHONE)

    page.goto("/indicators/")

    select = page.get_by_label("Каталог")
    expect(select).to_be_visible()
    assert select.bounding_box()["width"] <= SMALL_PHONE["width"]
    assert page_width(page) <= SMALL_PHONE["width"]


def test_the_indicator_settings_fit_the_phone(logged_in_page, world):
    # A fieldset keeps its content's width by default; the catalogs' long titles widened the page.
    load_shipped_catalogs()
    page = logged_in_page("director", viewport=SMALL_PHONE)

    page.goto(f"/indicators/settings/?unit={world.school.code}")

    expect(page.get_by_role("heading", level=1)).to_have_text("Настройка показателей")
    assert page_width(page) <= SMALL_PHONE["width"]


def test_a_term_of_the_facts_list_does_not_run_into_its_value_on_the_phone(logged_in_page, world):
    load_shipped_catalogs()
    page = logged_in_page("director", viewport=SMALL_PHONE)

    page.goto("/indicators/core.quality/")

    term = page.locator(".facts dt", has_text="Ответственный")
    expect(term).to_be_visible()
    # The word's own width (a range around the text), not the box: the word overflowed a box too narrow for it.
    word_right = term.evaluate("dt => { const r = document.createRange(); r.selectNodeContents(dt); "
                               "return r.getBoundingClientRect().right; }")
    value_left = term.locator("xpath=following-sibling::dd").bounding_box()["x"]
    assert word_right <= value_left


def test_the_overview_figures_stand_two_a_row_on_a_small_phone(logged_in_page, world):
    page = logged_in_page("director", viewport=SMALL_PHONE)

    first, second = (page.locator(".stat").nth(i).bounding_box() for i in (0, 1))

    assert first["y"] == second["y"] and second["x"] > first["x"]
    assert page_width(page) <= SMALL_PHONE["width"]


def test_the_self_examination_texts_fit_the_phone(logged_in_page, world):
    # Each section is a panel in a grid form; its textarea (40 columns by default) widened the page.
    page = logged_in_page("director", viewport=SMALL_PHONE)

    page.goto(f"/reports/self-exam/texts/?school={world.school.code}&year={YEAR}")

    expect(page.get_by_role("button", name="Сохранить")).to_be_visible()
    assert page_width(page) <= SMALL_PHONE["width"]


def test_a_table_wider_than_its_frame_says_it_scrolls_and_a_table_that_fits_does_not(logged_in_page, world):
    # The frame's scroll bar is under the last row, often off the screen: 13 columns of «Успеваемость»
    # went past the edge at 1366 px with nothing to show that more was there.
    phone = logged_in_page("director", viewport=SMALL_PHONE)
    phone.goto(f"/progress/?year={YEAR}")
    wide = phone.locator(".table-wrap").first

    expect(wide).to_have_class(re.compile(r"\btable-wrap--wider\b"))
    note = wide.evaluate("frame => getComputedStyle(frame, '::before').content")
    assert note == '"Таблица шире окна: прокрутите её вбок →"'

    desktop = logged_in_page("director")
    desktop.goto("/classes/")
    expect(desktop.locator(".table-wrap").first).not_to_have_class(re.compile(r"\btable-wrap--wider\b"))


def test_the_histogram_keeps_readable_labels_on_the_phone_and_scrolls_in_its_frame(logged_in_page, world):
    # The figure's default 40 px side margins and a 640-unit drawing shrunk to 260 px made 5 px labels.
    vpr = Assessment.objects.get(assessment_id="VPR-5-M")
    recompute(world.school, [YEAR])
    page = logged_in_page("director", viewport=SMALL_PHONE)

    page.goto(f"/assessments/{vpr.pk}/")

    chart = page.locator("svg.chart--wide")
    expect(chart).to_be_visible()
    assert chart.bounding_box()["width"] >= 480
    assert page_width(page) <= SMALL_PHONE["width"]


def test_every_control_of_a_staff_page_is_a_thumbs_target_on_a_phone(logged_in_page, world):
    """44 px at least (as the questionnaire's): the menu button, the filters' selects and «Показать», the page's
    buttons and links drawn as buttons, the fields of a form. They were 36–40 px on every staff page."""
    page = logged_in_page("director", viewport=SMALL_PHONE)

    for url in ("/progress/", "/assessments/", "/password/", "/classes/"):
        page.goto(url)
        expect(page.locator("h1")).to_be_visible()
        low = page.evaluate("""() => [...document.querySelectorAll(
              'main .button, main button, main select, main input:not([type=hidden]):not([type=checkbox]):not([type=radio]), .menu-toggle, .tabs__link')]
            .filter(el => el.getBoundingClientRect().height > 0 && el.getBoundingClientRect().height < 44)
            .map(el => (el.innerText || el.name || el.className).trim().slice(0, 30) + ' ' + el.getBoundingClientRect().height)""")
        assert low == [], url
    assert page_width(page) <= SMALL_PHONE["width"]
