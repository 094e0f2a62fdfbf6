import datetime

import pytest

from tests.accounts.personas import PREVIOUS_YEAR, YEAR
from tests.observations.conftest import visit
from tests.reports.readers import docx_paragraphs, docx_rows, row_of
from vsoko.observations.enums import VisitPurpose
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.registry import render

pytestmark = pytest.mark.django_db


def test_the_analytic_report_has_the_lessons_visited_without_their_texts(world):
    visit(world, "smirnova", modern_technologies=True, ict=True, recommendations="Текст рекомендации")
    visit(world, "smirnova", day=datetime.date(2025, 2, 3), points=1, purpose=VisitPurpose.PERSONAL)
    visit(world, "volkov", ict=True)

    data = render(ReportKind.ANALYTIC, world.school, YEAR, Format.DOCX)

    paragraphs = docx_paragraphs(data)
    assert "Посещение уроков" in paragraphs
    assert ("За 2024/2025 учебный год посещено уроков и мероприятий: 3, у 2 педагогов. Современные педагогические "
            "технологии отмечены у 1 из них (50,0 %), ИКТ — у 2 (100,0 %).") in paragraphs
    rows = docx_rows(data)
    assert row_of(rows, "тематический контроль") == ["тематический контроль", "2", "2", "50,0 %", "100,0 %"]
    assert row_of(rows, "Смирнова Мария") == ["Смирнова Мария", "2", "1", "1", "7,5", "03.02.2025"]
    assert not any("Текст рекомендации" in p for p in paragraphs)
    assert not any("Текст рекомендации" in cell for row in rows for cell in row)


def test_a_year_without_visits_says_so(world):
    paragraphs = docx_paragraphs(render(ReportKind.ANALYTIC, world.school, PREVIOUS_YEAR, Format.DOCX))

    assert "Посещения уроков за 2023/2024 учебный год в системе не записаны." in paragraphs
