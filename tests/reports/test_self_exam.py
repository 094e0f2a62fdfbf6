import datetime

import pytest

from tests.reports.conftest import YEAR
from tests.reports.readers import docx_paragraphs, docx_rows, row_of, xlsx_rows
from vsoko.datavalues.compute import recompute
from vsoko.plan.models import PlanItem
from vsoko.records.models import SurveyAnswer
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.registry import render

pytestmark = pytest.mark.django_db


def test_the_word_table_is_order_1324_with_people_and_percentages(known_school):
    data = render(ReportKind.SELF_EXAM, known_school, YEAR, Format.DOCX)

    rows = docx_rows(data)
    assert rows[0] == ["№ п/п", "Показатели", "Единица измерения", "2024/2025"]
    assert rows[1][:2] == ["1.", "Образовательная деятельность"]
    assert row_of(rows, "1.1")[2:] == ["человек", "7"]
    # 5 of the 7 students have only «4» and «5»: 5/7 = 71,43 %.
    assert row_of(rows, "1.5")[2:] == ["человек/%", "5 человек / 71,4 %"]
    assert row_of(rows, "1.22")[3] == "3 человек / 42,9 %"  # entered as 3 of 7
    assert row_of(rows, "2.1")[3] == "0,25"  # entered by hand
    assert row_of(rows, "2.3")[3] == "нет данных"  # entered indicator without a value
    assert [r[0] for r in rows].index("2.6") > [r[0] for r in rows].index("2.")
    paragraphs = docx_paragraphs(data)
    assert "МБОУ «Тестовая СОШ»" in paragraphs and "2024/2025 учебный год" in paragraphs


def test_the_excel_sheet_keeps_numbers_as_numbers(known_school):
    rows = xlsx_rows(render(ReportKind.SELF_EXAM, known_school, YEAR, Format.XLSX))

    header = next(r for r in rows if r[0] == "№ п/п")
    assert header[:5] == ["№ п/п", "Показатели", "Единица измерения", "2024/2025", "2024/2025, %"]
    assert row_of(rows, "1.1")[3] == 7
    count, share = row_of(rows, "1.5")[3:5]
    assert count == 5 and share == pytest.approx(500 / 7)
    assert row_of(rows, "1.22")[3:5] == [3, pytest.approx(300 / 7)]
    assert row_of(rows, "2.1")[3] == pytest.approx(0.25)
    assert row_of(rows, "2.3")[3] == "нет данных"
    assert len([r for r in rows if r[0] and str(r[0])[0].isdigit() and r[0].count(".") >= 1
                and not r[0].endswith(".")]) == 52


def test_the_report_says_how_the_vsoko_worked_the_plan_and_the_surveys(known_school):
    PlanItem.objects.create(school=known_school, year_id=YEAR, object="Качество знаний", months=[5],
                            done_on=datetime.date(2025, 5, 30))
    PlanItem.objects.create(school=known_school, year_id=YEAR, object="Адаптация пятиклассников", months=[10])
    for respondent, answer in [("r1", "полностью удовлетворен"), ("r2", "скорее удовлетворен"), ("r3", "не удовлетворен"),
                               ("r4", "затрудняюсь ответить")]:
        SurveyAnswer.objects.create(school=known_school, year_id=YEAR, survey="parents", respondent=respondent,
                                    grade=5, question="overall", answer=answer)
    recompute(known_school, [YEAR])

    data = render(ReportKind.SELF_EXAM, known_school, YEAR, Format.DOCX)

    paragraphs = docx_paragraphs(data)
    assert "Функционирование внутренней системы оценки качества образования" in paragraphs
    # 2 items, 1 done; October 2024 is long past, so the second one is overdue.
    assert ("План-график мониторинга на 2024/2025 учебный год: пунктов — 2, выполнено — 1. "
            "Не выполнены в срок: Адаптация пятиклассников.") in paragraphs
    assert row_of(docx_rows(data), "Удовлетворённость родителей качеством образования")[2:] == ["4", "50 %"]


def test_without_plan_and_answers_the_report_says_so(known_school):
    paragraphs = docx_paragraphs(render(ReportKind.SELF_EXAM, known_school, YEAR, Format.DOCX))

    assert "План-график мониторинга на 2024/2025 учебный год в системе не составлен." in paragraphs
    assert "Ответов на анкеты в 2024/2025 учебном году нет." in paragraphs
