import pytest

from tests.reports.conftest import YEAR
from tests.reports.readers import docx_paragraphs, docx_rows, row_of
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.registry import render

pytestmark = pytest.mark.django_db

HEADER = ["Показатель", "2022/2023", "2023/2024", "2024/2025", "Изменение за год", "Цель", "Оценка"]


@pytest.fixture
def analytic(known_school):
    return render(ReportKind.ANALYTIC, known_school, YEAR, Format.DOCX)


def test_indicators_have_three_years_the_change_and_the_target(analytic):
    rows = docx_rows(analytic)

    assert HEADER in rows
    # 5 of 10, 4 of 8, 5 of 7 good students: 50 %, 50 %, 71,43 %; +21,43 п. п.; the target is 80 %.
    assert row_of(rows, "Качество знаний")[1:] == ["50 %", "50 %", "71,4 %", "+21,4 п. п.", "80 %",
                                                   "не достигнуто"]
    assert row_of(rows, "Численность обучающихся на конец учебного года")[1:] == [
        "10", "8", "7", "−1", "—", "цель не задана"]
    assert row_of(rows, "Успеваемость")[1:5] == ["100 %", "100 %", "100 %", "без изменений"]


def test_procedures_give_participants_means_and_the_journal_comparison(analytic):
    rows = docx_rows(analytic)

    # Marks 5, 4, 3, 2 against journal marks 5, 5, 3, 3: mean 3,5; «3»–«5» 3 of 4; «4»–«5» 2 of 4;
    # the same mark 2 of 4, a higher one 0, a lower one 2 of 4.
    assert row_of(rows, "математика, 5 класс") == [
        "математика, 5 класс", "4", "3,5", "75 %", "50 %", "50 %", "0 %", "50 %"]


def test_conclusions_name_the_missed_target_and_the_improvement(analytic):
    text = " ".join(docx_paragraphs(analytic))

    assert "Аналитическая справка по результатам ВСОКО за 2024/2025 учебный год" in text
    assert "цель достигнута: 0, не достигнута: 1" in text
    assert "Ниже целевого значения: Качество знаний — 71,4 % при цели 80 %." in text
    assert "Улучшились по сравнению с 2023/2024 учебным годом: Качество знаний (+21,4 п. п.)" in text
