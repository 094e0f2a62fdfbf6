"""The public report (публичный доклад, .html) is read on the school's website, often on a phone: the page never
scrolls sideways at 375 px; a table wider than the screen scrolls inside its own frame."""

import pytest

from tests.reports.conftest import YEAR, known_school  # noqa: F401 — the fixture, with its three years of data
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.registry import render

pytestmark = pytest.mark.e2e

SMALL_PHONE = {"width": 375, "height": 667}


def test_the_public_report_fits_a_small_phone_and_its_wide_tables_scroll_in_their_frames(new_page,
                                                                                          known_school):  # noqa: F811
    page = new_page(SMALL_PHONE)

    page.set_content(render(ReportKind.PUBLIC, known_school, YEAR, Format.HTML).decode())

    assert page.get_by_role("heading", level=1).inner_text().startswith("Публичный доклад")
    assert page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]
    # Every table is in a frame no wider than the screen, and the table of indicators with three years and
    # the change is wider than the phone: it scrolls there, not the page.
    frames = page.locator(".table-frame")
    assert frames.count() == page.locator("table").count() > 0
    widths = page.evaluate("""[...document.querySelectorAll('.table-frame')].map(
        f => [f.clientWidth, f.scrollWidth, getComputedStyle(f).overflowX])""")
    assert all(client <= SMALL_PHONE["width"] and overflow == "auto" for client, _, overflow in widths)
    assert any(scroll > client for client, scroll, _ in widths)
