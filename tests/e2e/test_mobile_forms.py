"""The staff's forms on a 360×740 touch phone: a field's text at 16 px at least (iPhone's Safari zooms the page into a
smaller one and leaves it zoomed), a checkbox with its label a thumb's target, 44 px high at least."""

import pytest
from playwright.sync_api import expect

from tests.accounts.personas import YEAR

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 740}

SMALL_TEXT = """() => [...document.querySelectorAll(
    'input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, textarea')]
  .filter(field => field.getClientRects().length)
  .map(field => [field.name, parseFloat(getComputedStyle(field).fontSize)])
  .filter(([name, size]) => size < 16)"""

# A checkbox's target is its label: the one around it, or the one named by its id.
LOW_CHECKBOXES = """() => [...document.querySelectorAll('main input[type=checkbox], main input[type=radio]')]
  .filter(box => box.getClientRects().length)
  .map(box => [box.name, (box.closest('label') || box.labels[0]).getBoundingClientRect().height])
  .filter(([name, height]) => height < 44)"""


@pytest.fixture
def phone(logged_in_page, world):
    return logged_in_page("deputy", viewport=PHONE)


@pytest.mark.parametrize("url", ["/reports/", "/data/"])
def test_no_field_of_a_form_is_smaller_than_16_px_on_a_phone(phone, url):
    # The report choices in a table (.95rem: 15.2 px) and a file field (the browser's 13.3 px) zoomed the page in.
    phone.goto(url)

    expect(phone.locator("main select, main input[type=file]").first).to_be_visible()
    assert phone.evaluate(SMALL_TEXT) == []


@pytest.mark.parametrize("url", [
    f"/plan/new/?school=s1&year={YEAR}",  # the months, a row of checkboxes (.checks): 36 px
    f"/diagnostics/new/?school=s1&year={YEAR}",  # the classes, Django's list of checkboxes: 19 px
    f"/observations/new/?school=s1&year={YEAR}",  # a yes/no field, its label above the box: 23 px
])
def test_every_checkbox_with_its_label_is_a_thumbs_target_on_a_phone(phone, url):
    phone.goto(url)

    expect(phone.locator("main input[type=checkbox]").first).to_be_visible()
    assert phone.evaluate(LOW_CHECKBOXES) == []
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
