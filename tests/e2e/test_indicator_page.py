"""The indicator page in a browser: the deputy opens who is counted; a phone shows the lists without
sideways scrolling of the page."""

from playwright.sync_api import expect

from tests.accounts.personas import YEAR
from tests.e2e.browser import PHONE
from vsoko.datavalues.compute import recompute
from vsoko.indicators.catalogs import load_shipped_catalogs
from vsoko.indicators.models import Indicator, Target
from vsoko.records.enums import ValueScope
from vsoko.records.models import ManualValue


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


def test_target_and_benchmarks_wrap_in_their_cell_on_a_wide_screen(logged_in_page, world):
    """A target and three benchmarks of one indicator are read without scrolling the table sideways at
    1280 px: the deputy saw «регион 97,9 %: л…» cut off at the table's edge on the demo school."""
    load_shipped_catalogs()
    quality = Indicator.objects.get(code="core.quality")
    Target.objects.create(school=world.school, indicator=quality, year_id=YEAR, value=60)
    for scope, value in ((ValueScope.MUNICIPALITY, 48.5), (ValueScope.REGION, 46), (ValueScope.COUNTRY, 47.2)):
        ManualValue.objects.create(school=world.school, year_id=YEAR, indicator="core.quality", scope=scope,
                                   value=value)
    recompute(world.school, [YEAR])
    page = logged_in_page("deputy")
    page.goto(f"/indicators/?unit=s1&year={YEAR}")

    row = page.get_by_role("row").filter(has=page.get_by_role("link", name="Качество знаний", exact=True))
    expect(row.get_by_text("РФ 47,2 %: лучше")).to_be_visible()
    frame = row.locator("xpath=ancestor::div[contains(@class, 'table-wrap')]")
    assert frame.evaluate("frame => frame.scrollWidth <= frame.clientWidth")
