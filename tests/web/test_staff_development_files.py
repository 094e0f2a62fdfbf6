"""The perspective plan as an Excel book and a Word document, read back with openpyxl and python-docx."""

import datetime
import io
import shutil

import docx
import openpyxl
import pytest

from tests.accounts.personas import YEAR
from tests.libreoffice import as_csv_lines, as_text
from tests.web.staff_plan_world import ORDER, TODAY, build_staff_plan_world
from vsoko.records.models import StaffMember
from vsoko.web.staff_development import development_rows
from vsoko.web.staff_development_files import PLAN_HEADER, plan_docx, plan_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    world = build_staff_plan_world()
    return world, development_rows(StaffMember.objects.all(), world.school, YEAR, TODAY)


def test_the_book_has_a_row_per_teacher_with_dates_as_dates(plan):
    world, rows = plan
    book = openpyxl.load_workbook(io.BytesIO(plan_xlsx(rows, world.school, YEAR)))
    sheet = book["План"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]

    assert book.sheetnames == ["План", "По годам"]
    assert values[0] == PLAN_HEADER
    assert [row[0] for row in values[1:]] == [f"{n} {f}" for n, f in zip(ORDER, [
        "Анна", "Борис", "Вера", "Олег", "Глеб", "Дарья", "Ева", "Мария"], strict=True)]
    averina = values[1]
    assert averina == [
        "Аверина Анна", "учитель", "Математика", "высшая", datetime.datetime(2019, 9, 1),
        datetime.datetime(2024, 9, 1), -131, "истекла", "2024/2025", datetime.datetime(2021, 10, 15),
        "Функциональная грамотность", 72, "2021/2022", datetime.datetime(2024, 10, 15), "2024/2025", "в этом году",
    ]
    grigoryev = values[5]
    assert grigoryev[3:9] == [None, None, None, None, "нет категории", None]
    assert grigoryev[-1] == "не было курсов"
    assert sheet["E2"].number_format == "dd.mm.yyyy"
    assert sheet.freeze_panes == "B2"
    assert sheet.column_dimensions["A"].width > max(len(row[0]) for row in values[1:])  # each name on one line
    assert sheet.cell(2, 7).number_format == "0"  # days left: a number
    assert sheet.auto_filter.ref == "A1:P9"


def test_the_sheet_by_years_puts_attestation_and_courses_under_the_years(plan):
    world, rows = plan
    sheet = openpyxl.load_workbook(io.BytesIO(plan_xlsx(rows, world.school, YEAR)))["По годам"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]

    assert values[0] == ["Педагог", "2024/2025 уч. год", "2025/2026 уч. год", "2026/2027 уч. год",
                         "2027/2028 уч. год", "2028/2029 уч. год"]
    assert values[2] == ["Борисов Борис", "аттестация", "курсы", None, None, "курсы"]
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == "A1:F9"


def test_a_name_beginning_like_a_formula_stays_text(plan):
    world, rows = plan
    rows[0].staff.last_name = "=HYPERLINK(1)"
    sheet = openpyxl.load_workbook(io.BytesIO(plan_xlsx(rows, world.school, YEAR)))["План"]

    assert sheet["A2"].data_type == "s"
    assert sheet["A2"].value == "=HYPERLINK(1) Анна"


def test_the_document_has_a_table_per_school_year(plan):
    world, rows = plan
    document = docx.Document(io.BytesIO(plan_docx(rows, world.school, YEAR)))
    texts = [p.text for p in document.paragraphs]
    first = [[cell.text for cell in row.cells] for row in document.tables[0].rows]

    assert texts[0] == ("Перспективный план аттестации и повышения квалификации педагогических работников "
                        "на 2024–2029 годы")
    assert [t for t in texts if t.endswith("учебный год")] == [
        "2024/2025 учебный год", "2025/2026 учебный год", "2026/2027 учебный год", "2027/2028 учебный год",
        "2028/2029 учебный год"]
    assert len(document.tables) == 5
    assert first[0] == ["№", "Педагог", "Должность, предметы", "Аттестация", "Курсы повышения квалификации"]
    assert first[1] == ["1", "Аверина Анна", "учитель, Математика", "высшая: действует до 01.09.2024",
                        "последние: 15.10.2021, «Функциональная грамотность», 72 ч"]
    assert [row[1] for row in first[1:]] == ["Аверина Анна", "Борисов Борис", "Волков Олег", "Григорьев Глеб",
                                             "Дмитриева Дарья"]
    assert first[3][4] == "курсов не было"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_both_files(plan, tmp_path):
    world, rows = plan
    (tmp_path / "plan.xlsx").write_bytes(plan_xlsx(rows, world.school, YEAR))
    (tmp_path / "plan.docx").write_bytes(plan_docx(rows, world.school, YEAR))

    sheet = as_csv_lines(tmp_path / "plan.xlsx")
    text = as_text(tmp_path / "plan.docx")
    assert sheet[1].startswith("Аверина Анна,учитель,Математика,высшая,")
    assert "2028/2029 учебный год" in text and "Дмитриева Дарья" in text
