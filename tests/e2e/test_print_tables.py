"""A table of cards (.table--cards) prints as a table: on a phone each row is a card, but an A4 page is about 45rem
wide — narrower than where cards begin (75rem) — and a municipal specialist printing «Кто ответил» got a card a
school, with the column headings hidden."""

import datetime

import pytest
from django.utils import timezone

from tests.accounts.personas import YEAR
from vsoko.inquiries.workflow import send_inquiry

pytestmark = pytest.mark.e2e

A4 = {"width": 794, "height": 1123}  # 210 × 297 mm at 96 px per inch, as Chromium lays out a printed page


@pytest.fixture
def inquiry(world):
    return send_inquiry(sender=world.municipality, form="context", year=YEAR, title="Контекст школ", text="",
                        deadline=timezone.localdate() + datetime.timedelta(days=10))


def printed_layout(page, table):
    """How the table is laid out for print: its rows' display and its column headings' height in pixels."""
    page.set_viewport_size(A4)
    page.emulate_media(media="print")
    rows = table.locator("tbody tr").evaluate_all("rows => rows.map(row => getComputedStyle(row).display)")
    heading = table.locator("thead th").first.bounding_box()
    return rows, heading["height"]


def test_who_answered_prints_as_a_table(logged_in_page, inquiry):
    page = logged_in_page("observer", viewport=A4)
    page.goto(f"/inquiries/{inquiry.pk}/")
    who = page.get_by_role("region", name="Кто ответил").locator("table")
    # On the screen of the same width (a tablet) each school is a card.
    assert who.locator("tbody tr").first.evaluate("row => getComputedStyle(row).display") == "block"

    rows, heading_height = printed_layout(page, who)

    assert rows == ["table-row", "table-row"]  # the municipality's two schools
    assert heading_height > 10  # «Кому», «Состояние», «Отправлен» are printed (on a screen: clipped to 1 px)
    summary = page.get_by_role("region", name="Сводка по вопросам").locator("table")
    assert set(summary.locator("tbody tr").evaluate_all("rows => rows.map(r => getComputedStyle(r).display)")) == {
        "table-row"}


def test_the_incoming_requests_print_as_a_table(logged_in_page, inquiry):
    page = logged_in_page("director", viewport=A4)
    page.goto("/inquiries/")
    incoming = page.locator("table.table--cards").first

    rows, heading_height = printed_layout(page, incoming)

    assert rows == ["table-row"]
    assert heading_height > 10


def test_a_printed_tables_headings_wrap_to_fit_the_page(page):
    # A class's attendance: six number columns whose headings (a line each on a screen) made the printed table
    # 1 020 px wide on a 718 px page — Chromium shrank the whole page to two thirds.
    page.goto("/login/")
    page.set_viewport_size({"width": 718, "height": 1000})  # A4 less 10 mm margins
    page.emulate_media(media="print")
    names = ["Обучающихся", "Уроков пропущено", "в т. ч. по болезни", "в т. ч. без уважительной причины",
             "Дней по болезни"]
    headings = "<th>Класс</th>" + "".join(f'<th class="num">{name}</th>' for name in names)
    cells = "<th>5А</th>" + "".join('<td class="num">14,4</td>' for _ in names)
    width = page.evaluate("""html => {
        const wrap = document.createElement('div');
        wrap.className = 'table-wrap';
        wrap.innerHTML = html;
        document.body.appendChild(wrap);
        return wrap.querySelector('table').getBoundingClientRect().width;
    }""", f'<table class="table"><thead><tr>{headings}</tr></thead><tbody><tr>{cells}</tr></tbody></table>')

    assert width <= 718
