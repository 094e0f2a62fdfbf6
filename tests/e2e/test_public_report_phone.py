"""The public report (публичный доклад, .html) is read on the school's website, often on a phone: the page never
scrolls sideways at 375 px; a table wider than the screen scrolls inside its own frame."""

import pytest
from playwright.sync_api import expect

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


@pytest.mark.parametrize("width", [360, 390])
def test_the_charts_of_the_public_report_are_readable_on_a_phone(new_page, known_school, width):  # noqa: F811
    # The 640-unit drawing shrinks to the phone's width: its 12-unit labels were 6 px, its title 7 px.
    page = new_page({"width": width, "height": 740})

    page.set_content(render(ReportKind.PUBLIC, known_school, YEAR, Format.HTML).decode())

    charts = page.locator("figure.chart")
    assert charts.count() > 0
    # The title is text of the page (it wraps, a screen reader reads it), at the page's size.
    captions = charts.locator("figcaption")
    assert captions.count() == charts.count()
    expect(captions.first).to_have_text("Качество знаний")
    assert min(float(size[:-2]) for size in captions.evaluate_all(
        "cs => cs.map(c => getComputedStyle(c).fontSize)")) >= 12
    # Each drawn text shown (value, school year, target; the drawn title gives way to the caption) at 12 px at
    # least as shown: its size times the drawing's scale.
    shown = page.evaluate("""[...document.querySelectorAll('figure.chart svg text')]
      .filter(t => getComputedStyle(t).display !== 'none').map(t => {
        const svg = t.ownerSVGElement;
        return [t.textContent, parseFloat(getComputedStyle(t).fontSize) * svg.clientWidth / svg.viewBox.baseVal.width];
    })""")
    assert shown and [(text, round(size, 1)) for text, size in shown if size < 12] == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
