import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.reports.conftest import YEAR
from tests.reports.readers import docx_paragraphs, docx_rows, row_of, xlsx_rows
from vsoko.plan.models import PlanItem
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.plan import HEADER
from vsoko.reports.registry import render

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(known_school):
    PlanItem.objects.create(school=known_school, year_id=YEAR, group="Образовательные результаты",
                            object="Качество знаний", indicators=["core.quality", "core.success"],
                            method="годовые отметки", periodicity="ежегодно", months=[5, 10],
                            responsible="заместитель директора по УВР", result_form="аналитическая справка",
                            done_on=datetime.date(2025, 6, 5), position=1)
    PlanItem.objects.create(school=known_school, year_id=YEAR, group="Условия", object="Кадры", months=[],
                            position=2)
    return known_school


def test_the_plan_is_the_appendix_to_the_order_with_a_table_per_direction(planned):
    data = render(ReportKind.PLAN, planned, YEAR, Format.DOCX)

    rows = docx_rows(data)
    assert HEADER in rows
    # Months in school-year order (October before May); indicators by name; the done mark with its date.
    assert row_of(rows, "1") == ["1", "Качество знаний", "Качество знаний; Успеваемость", "годовые отметки",
                                 "ежегодно", "октябрь, май", "заместитель директора по УВР", "аналитическая справка",
                                 "выполнено 05.06.2025"]
    assert row_of(rows, "2")[1:8] == ["Кадры", "—", "—", "—", "—", "—", "аналитическая справка"]
    paragraphs = docx_paragraphs(data)
    assert "План-график мониторинга качества образования на 2024/2025 учебный год" in paragraphs
    assert "Образовательные результаты" in paragraphs and "Условия" in paragraphs


def test_the_plan_in_excel(planned, tmp_path):
    out = tmp_path / "plan.xlsx"

    call_command("report", "plan", "--year", "2024/2025", "--out", str(out))

    assert row_of(xlsx_rows(out.read_bytes()), "1")[1] == "Качество знаний"


def test_no_plan_no_report(known_school, tmp_path):
    with pytest.raises(CommandError, match="Плана мониторинга на 2024/2025 учебный год нет"):
        call_command("report", "plan", "--year", "2024/2025", "--out", str(tmp_path / "plan.docx"))
    assert list(tmp_path.iterdir()) == []
