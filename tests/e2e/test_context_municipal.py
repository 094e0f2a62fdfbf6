"""The social context of the municipality on a 375 px phone, as the observer opens it from a school's page."""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_new_pages_layout import SMALL_PHONE, check
from vsoko.datavalues.compute import recompute

pytestmark = pytest.mark.e2e


def test_the_municipality_social_context_fits_the_phone(logged_in_page, world):
    for school in (world.school, world.other_school):
        recompute(school, [2023, 2024])
    check(logged_in_page, "observer", ["/assessments/context/", "/assessments/context/?municipality=mun"])


def test_the_observer_goes_from_the_school_to_the_municipality(logged_in_page, world):
    for school in (world.school, world.other_school):
        recompute(school, [2023, 2024])
    page = logged_in_page("observer", viewport=SMALL_PHONE)
    page.goto("/assessments/context/")

    page.get_by_role("link", name="Весь муниципалитет: Городской округ").click()

    # The click starts a navigation; expect() waits for the new page where is_visible() would not.
    expect(page.get_by_role("heading", name="Городской округ: все школы")).to_be_visible()
    expect(page.get_by_role("region", name="Качество знаний категорий по школам")).to_be_visible()
    page.get_by_role("link", name="МБОУ «Школа №2»").click()
    expect(page.locator(".eyebrow")).to_contain_text("МБОУ «Школа №2»")
