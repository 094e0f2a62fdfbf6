"""The pages a parent and a deputy open on a touch phone (360×740, 390×844): none scrolls sideways (a wide table
scrolls in its own frame), and the indicator tree shows each indicator's value without scrolling its table."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.accounts.personas import YEAR
from vsoko.datavalues.compute import recompute
from vsoko.indicators.catalogs import load_shipped_catalogs
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.registry import render
from vsoko.surveys.campaigns import create_survey, school_year_of

pytestmark = pytest.mark.e2e

PHONES = [{"width": 360, "height": 740}, {"width": 390, "height": 844}]


@pytest.fixture
def phone(new_page):
    return lambda viewport: new_page(viewport, touch=True)


def log_in(page, username):
    page.goto("/login/")
    page.get_by_label("Логин").fill(username)
    page.get_by_label("Пароль").fill(username)
    page.get_by_role("button", name="Войти").tap()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Обзор")


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("viewport", PHONES)
def test_the_respondents_pages_fit_the_phone(phone, world, viewport):
    today = timezone.localdate()
    survey = create_survey(school=world.school, year=school_year_of(today), questionnaire="students", title="Опрос",
                           opens_on=today, closes_on=today + datetime.timedelta(days=7))
    page = phone(viewport)

    page.goto(f"/s/{survey.links.get().token}/")
    expect(page.get_by_role("button", name="Отправить ответы")).to_be_visible()
    assert fits(page)

    page.set_content(render(ReportKind.PUBLIC, world.school, YEAR, Format.HTML).decode())
    expect(page.get_by_role("heading", level=1)).to_contain_text("Публичный доклад")
    assert fits(page)


@pytest.mark.parametrize("viewport", PHONES)
def test_the_deputys_pages_fit_the_phone(phone, world, viewport):
    load_shipped_catalogs()
    recompute(world.school, [YEAR])
    page = phone(viewport)

    page.goto("/login/")
    assert fits(page)
    log_in(page, "deputy")
    assert fits(page)
    for url, heading in ((f"/indicators/?unit=s1&year={YEAR}", "Показатели"),
                         (f"/indicators/core.quality/?unit=s1&year={YEAR}", "Качество знаний")):
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        assert fits(page), url


@pytest.mark.parametrize("viewport", PHONES)
def test_the_indicator_tree_shows_each_value_without_scrolling_its_table(phone, world, viewport):
    # The name column kept 16rem (256 px): of a 360 px phone 40 px were left, the value was past the frame's edge.
    load_shipped_catalogs()
    recompute(world.school, [YEAR])
    page = phone(viewport)
    log_in(page, "deputy")

    page.goto(f"/indicators/?unit=s1&year={YEAR}")

    value = page.get_by_role("row", name="Численность обучающихся на конец учебного года").locator("td").first
    expect(value).to_have_text("3")
    frame = value.locator("xpath=ancestor::div[contains(@class, 'table-wrap')]").bounding_box()
    box = value.bounding_box()
    assert box["x"] + box["width"] <= frame["x"] + frame["width"]
    assert fits(page)
