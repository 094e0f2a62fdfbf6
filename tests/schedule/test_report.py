import io

import docx
import openpyxl
import pytest
from django.core.management import CommandError, call_command

from tests.accounts.personas import YEAR
from tests.schedule.conftest import day, holiday, work
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.registry import ReportError, render
from vsoko.schedule.enums import Half, ProcedureKind

NAMES = ("Иванов", "Петров", "Сидорова", "Орлов", "Смирнова", "Волков", "Директорова", "Классная")


@pytest.fixture
def scheduled(world):
    work(world, "5А", day(10, 14))
    work(world, "5Б", day(4, 15), kind=ProcedureKind.VPR)
    work(world, "10А", day(4, 16), "physics")
    return world


def workbook_text(data: bytes) -> list[list[str]]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    return [[str(c) if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)]


def test_the_half_years_table_has_classes_by_rows_and_months_by_columns(scheduled):
    rows = workbook_text(render(ReportKind.SCHEDULE, scheduled.school, YEAR, Format.XLSX, half=Half.SECOND))

    text = "\n".join(" | ".join(r) for r in rows)
    header = next(r for r in rows if r and r[0] == "Класс")
    assert header[:6] == ["Класс", "январь", "февраль", "март", "апрель", "май"]
    assert next(r for r in rows if r and r[0] == "5Б")[4] == "15.04 мат (ВПР)"
    assert next(r for r in rows if r and r[0] == "10А")[4] == "16.04 физ (контрольная работа)"
    assert "14.10" not in text  # the first half's work
    assert not any(name in text for name in NAMES)


def test_the_word_file_holds_both_halves_and_no_names(scheduled):
    document = docx.Document(io.BytesIO(render(ReportKind.SCHEDULE, scheduled.school, YEAR, Format.DOCX)))

    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = "\n".join([p.text for p in document.paragraphs] + cells)
    assert len(document.tables) == 2
    assert "14.10 мат (контрольная работа)" in cells and "15.04 мат (ВПР)" in cells
    assert "Единый график оценочных процедур на 2024/2025 учебный год" in text
    assert not any(name in text for name in NAMES)


def test_an_empty_half_is_refused_with_where_to_add(world):
    with pytest.raises(ReportError, match="нет ни одной работы: добавьте их в разделе «График работ»"):
        render(ReportKind.SCHEDULE, world.school, YEAR, Format.XLSX, half=Half.FIRST)


def test_the_command_writes_one_half(scheduled, tmp_path):
    out = tmp_path / "график.xlsx"

    call_command("report", "schedule", "--year", "2024/2025", "--half", "1", "--school", "s1", "--out", str(out))

    text = "\n".join(" | ".join(r) for r in workbook_text(out.read_bytes()))
    assert "14.10 мат (контрольная работа)" in text and "сентябрь" in text and "15.04" not in text
    with pytest.raises(CommandError, match="--half задаётся только для графика"):
        call_command("report", "plan", "--year", "2024/2025", "--half", "1", "--school", "s1",
                     "--out", str(tmp_path / "план.docx"))


def test_each_half_lists_its_holidays_under_the_table(scheduled, tmp_path):
    holiday(scheduled, "осенние каникулы", day(10, 26), day(11, 3))
    holiday(scheduled, "зимние каникулы", day(12, 29), day(1, 11))
    holiday(scheduled, "дополнительные каникулы для 1 класса", day(2, 17), day(2, 23), grades=[1])
    out = tmp_path / "график.xlsx"

    call_command("report", "schedule", "--year", "2024/2025", "--half", "2", "--school", "s1", "--out", str(out))

    text = "\n".join(" | ".join(r) for r in workbook_text(out.read_bytes()))
    assert ("Каникулы: зимние каникулы — 29.12.2024–11.01.2025; дополнительные каникулы для 1 класса — "
            "17.02–23.02.2025 (1 класс).") in text
    assert "осенние" not in text
