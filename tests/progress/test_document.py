import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.progress.school import build_school
from tests.reports.readers import docx_paragraphs, docx_rows
from vsoko.records.models import SchoolYear

pytestmark = pytest.mark.django_db


def test_the_report_kind_gives_the_latest_period_of_the_whole_school_without_names(tmp_path):
    build_school()
    out = tmp_path / "itogi.docx"

    call_command("report", "period-results", "--year", "2024/2025", "--out", str(out), "--school", "p1")

    data = out.read_bytes()
    assert "Справка об итогах: 2 четверть, 2024/2025 учебный год" in docx_paragraphs(data)
    rows = docx_rows(data)
    assert ["Итого по школе", "7", "6", "66,7", "66,7", "68,9", "4,19", "1", "3", "1", "0", "2", "1"] in rows
    # 5, 4, 3, 2, н/а, осв (the school has no «1», «зачет», «незачет»: no such columns); СОУ (1 + 3·0,64 + 0,16 + 0,07) / 6
    assert ["Математика", "1", "3", "0", "1", "1", "0", "66,7", "66,7", "52,5", "3,80"] in rows
    assert not any("Григорьев" in cell for row in rows for cell in row)  # no lists of names in this kind


def test_a_year_without_period_marks_is_an_error_that_says_so(tmp_path):
    build_school()
    SchoolYear.objects.create(start=2025)

    with pytest.raises(CommandError, match="нет отметок за периоды: загрузите лист «Отметки за периоды» пакета данных"):
        call_command("report", "period-results", "--year", "2025/2026", "--out", str(tmp_path / "x.docx"),
                     "--school", "p1")
    assert not list(tmp_path.iterdir())


def test_the_comparison_gives_its_percentages_with_their_unit(tmp_path):
    # Its rows are shares (успеваемость, качество, отличники, СОУ) under a header of periods, which names no unit:
    # «66,7» alone beside «▲ +23,8 п. п.» does not say what it is.
    build_school()
    out = tmp_path / "itogi.docx"

    call_command("report", "period-results", "--year", "2024/2025", "--out", str(out), "--school", "p1")

    quality = next(r for r in docx_rows(out.read_bytes()) if r[0] == "Качество знаний")
    assert quality[:4] == ["Качество знаний", "66,7 %", "42,9 %", "▲ +23,8 п. п."]  # 4 of 6; 3 of 7 in the 1st
