"""The «Отчёты» page's lists for a kind's options (the registry's `choices`): the support report's period among the
school's periods with marks, the schedule's half-year; the downloaded document is the one chosen, a value not
offered is a Russian message on the page."""

import datetime
import html
from urllib.parse import unquote

import pytest

from tests.accounts.personas import make_user
from tests.datavalues.records import Records
from tests.reports.conftest import YEAR
from tests.reports.readers import docx_paragraphs, xlsx_rows
from vsoko.accounts.enums import Role
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.records.enums import Period
from vsoko.schedule.enums import ProcedureKind
from vsoko.schedule.models import ScheduledAssessment

pytestmark = pytest.mark.django_db
SUPPORT_TITLE = "Отчёт о работе с неуспевающими обучающимися за {} 2024/2025 учебного года"


@pytest.fixture
def deputy(client, known_school):
    """The known school (year marks of 2024/2025) with marks of the 1st and 2nd quarters, and two works in the
    schedule of 5А: October (I полугодие) and April (II полугодие)."""
    b = Records(known_school)
    pupil = b.student("2024-0")  # enrolled in 5А by the known school
    for period, mark in ((Period.Q1, "2"), (Period.Q2, "4")):
        b.marks(pupil, {"математика": mark}, period=period, year=YEAR)
    for date in (datetime.date(2024, 10, 14), datetime.date(2025, 4, 15)):
        ScheduledAssessment.objects.create(school=known_school, year_id=YEAR, date=date,
                                           school_class=b.school_class("5А", YEAR), subject=b.subject("математика"),
                                           kind=ProcedureKind.TEST, level=ProcedureKind.TEST.default_level)
    client.force_login(make_user("deputy", role=Role.DEPUTY, org_unit=known_school))
    return client


def test_the_page_offers_the_schools_periods_with_marks_and_the_half_years(deputy):
    page = deputy.get("/reports/", {"year": YEAR}).content.decode()

    support = page[page.index('id="report-support-period"'):]
    support = support[:support.index("</select>")]
    assert support.split(">", 1)[1].split() == [
        '<option', 'value="">последний', 'с', 'отметками</option><option', 'value="q1">1', 'четверть</option><option',
        'value="q2">2', 'четверть</option><option', 'value="year">год</option>']
    assert 'value="q3"' not in support  # no marks of the 3rd quarter yet
    schedule = page[page.index('id="report-schedule-half"'):]
    schedule = schedule[:schedule.index("</select>")]
    assert ('<option value="">весь год</option><option value="1">I полугодие</option>'
            '<option value="2">II полугодие</option>') in schedule
    for action in ('formaction="/reports/support.docx"', 'formaction="/reports/schedule.xlsx"',
                   'formaction="/reports/schedule.docx"'):
        assert action in page
    assert "/reports/analytic.docx?school=" in page  # a kind without options keeps its links


def test_the_support_report_is_of_the_period_chosen(deputy, known_school):
    chosen = deputy.get("/reports/support.docx", {"school": known_school.code, "year": YEAR, "period": "q1"})
    latest = deputy.get("/reports/support.docx", {"school": known_school.code, "year": YEAR, "period": ""})

    assert chosen.status_code == 200
    assert unquote(chosen["Content-Disposition"].split("''", 1)[1]) == (
        "Отчёт о работе с неуспевающими 2024-2025 1 четверть.docx")
    assert docx_paragraphs(chosen.content)[0] == SUPPORT_TITLE.format("1 четверть")
    assert unquote(latest["Content-Disposition"].split("''", 1)[1]) == "Отчёт о работе с неуспевающими 2024-2025.docx"
    assert docx_paragraphs(latest.content)[0] == (
        "Отчёт о работе с неуспевающими обучающимися за 2024/2025 учебный год")
    assert [e.details for e in AuditEntry.objects.filter(action=AuditAction.EXPORT).order_by("pk")] == [
        {"format": "docx", "учебный год": "2024/2025", "period": "q1"},
        {"format": "docx", "учебный год": "2024/2025"}]


def test_the_schedule_is_of_the_half_year_chosen(deputy, known_school):
    first = deputy.get("/reports/schedule.docx", {"school": known_school.code, "year": YEAR, "half": "1"})
    whole = deputy.get("/reports/schedule.xlsx", {"school": known_school.code, "year": YEAR, "half": ""})

    assert unquote(first["Content-Disposition"].split("''", 1)[1]) == (
        "График оценочных процедур 2024-2025 I полугодие.docx")
    paragraphs = docx_paragraphs(first.content)
    assert paragraphs[0] == "Единый график оценочных процедур на I полугодие 2024/2025 учебного года"
    assert "I полугодие" in paragraphs and "II полугодие" not in paragraphs
    rows = [" | ".join(str(c) for c in row if c is not None) for row in xlsx_rows(whole.content)]
    assert rows[0] == "Единый график оценочных процедур на 2024/2025 учебный год"
    assert "I полугодие" in rows and "II полугодие" in rows
    assert unquote(whole["Content-Disposition"].split("''", 1)[1]) == "График оценочных процедур 2024-2025.xlsx"


@pytest.mark.parametrize(("kind", "asked", "message"), [
    ("support.docx", {"period": "q3"}, "Отчёт о работе с неуспевающими: период «q3» нельзя выбрать — в школе "
                                       "«МБОУ «Тестовая СОШ»» за 2024/2025 учебный год можно выбрать: 1 четверть, "
                                       "2 четверть, год."),
    ("support.docx", {"period": "четверть"}, "период «четверть» нельзя выбрать"),
    ("schedule.xlsx", {"half": "3"}, "График оценочных процедур: полугодие «3» нельзя выбрать — в школе "
                                     "«МБОУ «Тестовая СОШ»» за 2024/2025 учебный год можно выбрать: I полугодие, "
                                     "II полугодие."),
])
def test_a_value_not_offered_is_a_message_on_the_page(deputy, known_school, kind, asked, message):
    response = deputy.get(f"/reports/{kind}", {"school": known_school.code, "year": YEAR, **asked}, follow=True)

    assert response.redirect_chain == [(f"/reports/?school={known_school.code}&year={YEAR}", 302)]
    assert message in html.unescape(response.content.decode())
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_a_half_year_without_works_says_where_to_add_them(deputy, known_school):
    ScheduledAssessment.objects.filter(date__month=4).delete()

    response = deputy.get("/reports/schedule.docx", {"school": known_school.code, "year": YEAR, "half": "2"},
                          follow=True)

    assert ("В графике оценочных процедур на II полугодие 2024/2025 учебного года нет ни одной работы: добавьте их "
            "в разделе «График работ».") in response.content.decode()
