"""«Отчёты» on an ordinary laptop screen: the list of reports fits its frame, and the column that says what each
report holds is wide enough to read — the download forms (selects of a period, a procedure) wrap instead of
pushing the table sideways and squeezing the descriptions into a narrow strip of a few words a line."""

import datetime

import pytest

from tests.accounts.personas import YEAR
from vsoko.records import enums
from vsoko.records.models import Assessment, Result, Subject

pytestmark = pytest.mark.e2e


def add_a_procedure_with_a_long_name(world) -> None:
    """As the demo's regional assessment of literacy: the longest option of «Процедура» sets its select's width."""
    literacy = Subject.objects.create(name="естественнонаучная грамотность (региональная оценка по модели PISA)")
    work = Assessment.objects.create(school=world.school, assessment_id="FG-8", year_id=YEAR, subject=literacy,
                                     kind=enums.AssessmentKind.VPR, grade=8, date=datetime.date(YEAR, 10, 15))
    Result.objects.create(school=world.school, assessment=work, student=world.students["ivanov"], mark=4)


def test_the_reports_table_fits_a_laptop_screen_and_its_descriptions_are_readable(logged_in_page, world):
    add_a_procedure_with_a_long_name(world)
    page = logged_in_page("director", viewport={"width": 1366, "height": 900})

    page.goto(f"/reports/?school={world.school.code}&year={YEAR}")

    frame = page.locator(".table-wrap").first
    client, scroll = frame.evaluate("f => [f.clientWidth, f.scrollWidth]")
    assert scroll <= client, f"the table is {scroll} px wide in a frame of {client} px"
    assert "table-wrap--wider" not in (frame.get_attribute("class") or "")
    description = page.get_by_role("cell", name="Аналитическая справка Показатели выбранных каталогов", exact=False)
    assert description.first.bounding_box()["width"] >= 300


def test_on_a_phone_each_report_is_a_card_with_its_downloads_under_its_description(logged_in_page, world):
    add_a_procedure_with_a_long_name(world)
    page = logged_in_page("director", viewport={"width": 390, "height": 844})

    page.goto(f"/reports/?school={world.school.code}&year={YEAR}")

    frame = page.locator(".table-wrap").first
    client, scroll = frame.evaluate("f => [f.clientWidth, f.scrollWidth]")
    assert scroll <= client, f"the list of reports is {scroll} px wide in a frame of {client} px on a phone"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
