"""The indicator page in a browser: the deputy opens who is counted; a phone shows the lists without
sideways scrolling of the page."""

from playwright.sync_api import expect

from tests.accounts.personas import YEAR
from tests.e2e.browser import PHONE
from vsoko.datavalues.compute import recompute
from vsoko.indicators.catalogs import load_shipped_catalogs


def test_deputy_opens_who_is_counted_on_a_phone(logged_in_page, world):
    load_shipped_catalogs()
    recompute(world.school, [YEAR])
    page = logged_in_page("deputy", viewport=PHONE)
    page.goto(f"/indicators/core.students_total/?unit=s1&year={YEAR}")

    page.get_by_role("link", name="Показать, кто учтён в числителе и знаменателе").click()

    counted = page.locator("#people")
    expect(counted.get_by_text("Учтены: 3 обуч.")).to_be_visible()
    expect(counted.get_by_role("link", name="Иванов Алексей")).to_be_visible()
    expect(counted.get_by_role("link", name="Орлов Денис")).to_have_count(0)  # left in January
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    counted.get_by_role("link", name="Петров Борис").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Петров")
