import datetime

import pytest

from tests.decisions.conftest import decision
from tests.reports.conftest import YEAR
from tests.reports.readers import docx_paragraphs, docx_rows, row_of, xlsx_rows
from vsoko.decisions.enums import Body, DecisionStatus
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.registry import render

pytestmark = pytest.mark.django_db

HEADING = "Управленческие решения по итогам ВСОКО"
RESPONSIBLE = "Петрова Нина Викторовна"


@pytest.fixture
def decided(known_school):
    """Two decisions of 2023/2024: one done (quality 50 % → 71,4 %), one overdue without indicators."""
    decision(known_school, YEAR - 1, ["core.quality"], title="ВШК по математике", body=Body.TEACHERS_COUNCIL,
             document_number="3", responsible=RESPONSIBLE, date=datetime.date(2024, 5, 30),
             deadline=datetime.date(2024, 12, 20), status=DecisionStatus.DONE, result_note="проведён")
    decision(known_school, YEAR - 1, [], title="Семинар по оцениванию", body=Body.ORDER,
             date=datetime.date(2024, 6, 1), deadline=datetime.date(2024, 9, 1))
    return known_school


def test_the_analytic_report_lists_the_decisions_with_names_and_effect(decided):
    data = render(ReportKind.ANALYTIC, decided, YEAR - 1, Format.DOCX)

    paragraphs = docx_paragraphs(data)
    assert HEADING in paragraphs
    assert ("Принято управленческих решений по итогам ВСОКО за 2023/2024 учебный год: 2, выполнено — 1, срок "
            "исполнения прошёл — 1.") in paragraphs
    rows = docx_rows(data)
    assert row_of(rows, "ВШК по математике") == [
        "30.05.2024", "ВШК по математике", "педагогический совет, № 3", RESPONSIBLE, "20.12.2024", "выполнено",
        "Качество знаний: 50,0 % → 71,4 % (+21,4 п. п.) — улучшение"]
    assert row_of(rows, "Семинар по оцениванию")[5:] == ["запланировано, срок прошёл", "показатели не указаны"]


def test_the_self_examination_lists_them_without_the_names_of_those_responsible(decided):
    data = render(ReportKind.SELF_EXAM, decided, YEAR - 1, Format.DOCX)

    assert HEADING in docx_paragraphs(data)
    rows = docx_rows(data)
    # The report is published: 4 of 8 (a part of 4) and 5 of 7 (a rest of 2) are withheld here as in its sentences,
    # and so are the change and the verdict.
    assert row_of(rows, "ВШК по математике")[2:] == [
        "педагогический совет, № 3", "20.12.2024", "выполнено", "Качество знаний: скрыто → скрыто"]
    assert not any(RESPONSIBLE in cell for row in rows for cell in row)


def test_the_public_report_names_nobody(decided):
    assert RESPONSIBLE not in render(ReportKind.PUBLIC, decided, YEAR - 1, Format.HTML).decode()


def test_a_decision_whose_next_year_has_no_data_yet_says_it_once(known_school):
    """A decision of the report's year: 2025/2026 has no values yet — «71,4 % → нет данных», not «… — нет данных»
    twice over."""
    decision(known_school, YEAR, ["core.quality"], title="Подготовка к ОГЭ", date=datetime.date(2025, 6, 10))

    rows = docx_rows(render(ReportKind.ANALYTIC, known_school, YEAR, Format.DOCX))

    assert row_of(rows, "Подготовка к ОГЭ")[-1] == "Качество знаний: 71,4 % → нет данных"


def test_a_year_without_decisions_says_so(known_school):
    paragraphs = docx_paragraphs(render(ReportKind.ANALYTIC, known_school, YEAR, Format.DOCX))

    assert "Управленческие решения по итогам ВСОКО за 2024/2025 учебный год в системе не записаны." in paragraphs


def test_the_self_examination_spreadsheet_has_the_decisions_too(decided):
    rows = xlsx_rows(render(ReportKind.SELF_EXAM, decided, YEAR - 1, Format.XLSX))

    assert any(HEADING in row for row in rows)
    assert any("ВШК по математике" in row for row in rows)
    assert not any(RESPONSIBLE in row for row in rows)
