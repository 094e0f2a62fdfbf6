import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from tests.accounts.personas import make_user
from tests.reports.conftest import YEAR
from tests.reports.readers import docx_paragraphs, docx_rows, row_of, xlsx_rows
from vsoko.accounts.enums import Role
from vsoko.plan.amendments import delete_item, save_item
from vsoko.plan.approval import approve_plan, lift_approval
from vsoko.plan.models import PlanItem
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.plan import AMENDMENTS_HEADER, AMENDMENTS_HEADING, BLANK_ORDER, HEADER
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


@pytest.fixture
def director(planned):
    return make_user("director", role=Role.DIRECTOR, org_unit=planned, first_name="Анна", last_name="Директорова")


def approve(school, director):
    return approve_plan(school=school, year=YEAR, order_date=datetime.date(2024, 9, 1), order_number="123-о",
                        user=director)


def test_a_plan_not_approved_is_a_draft_with_a_blank_for_the_order(planned):
    paragraphs = docx_paragraphs(render(ReportKind.PLAN, planned, YEAR, Format.DOCX))

    assert paragraphs[1:4] == [planned.name, "ПРОЕКТ", BLANK_ORDER]
    assert AMENDMENTS_HEADING not in paragraphs


def test_an_approved_plan_names_its_order_and_lists_the_amendments_after_the_plan(planned, director):
    approve(planned, director)
    quality = PlanItem.objects.get(object="Качество знаний")
    quality.months, quality.responsible = [5], "педагог-психолог"
    save_item(quality, reason="Приказ от 15.01.2025 № 7-о", user=director)
    delete_item(PlanItem.objects.get(object="Кадры"), reason="Перенесено в план ВШК", user=director)

    data = render(ReportKind.PLAN, planned, YEAR, Format.DOCX)

    paragraphs = docx_paragraphs(data)
    assert paragraphs[1:4] == [planned.name, "УТВЕРЖДЁН приказом директора от 01.09.2024 № 123-о",
                               "С изменениями после утверждения: 2 (таблица в конце документа)."]
    assert "ПРОЕКТ" not in paragraphs and BLANK_ORDER not in paragraphs
    assert paragraphs[-1] == AMENDMENTS_HEADING  # the table follows the plan
    rows = docx_rows(data)
    today = f"{timezone.localdate():%d.%m.%Y}"
    assert rows[-3:] == [
        AMENDMENTS_HEADER,
        ["1", today, "Качество знаний",
         "изменён пункт — сроки: октябрь, май → май; ответственный: заместитель директора по УВР → педагог-психолог",
         "Приказ от 15.01.2025 № 7-о", "Анна Директорова"],
        ["2", today, "Кадры", "удалён пункт — объект мониторинга: Кадры; направление: Условия; форма представления "
         "результатов: аналитическая справка", "Перенесено в план ВШК", "Анна Директорова"],
    ]


def test_the_approval_line_in_excel(planned, director):
    approve(planned, director)

    rows = xlsx_rows(render(ReportKind.PLAN, planned, YEAR, Format.XLSX))

    assert [row[0] for row in rows[:3]] == ["План-график мониторинга качества образования на 2024/2025 учебный год",
                                            planned.name, "УТВЕРЖДЁН приказом директора от 01.09.2024 № 123-о"]


def test_a_lifted_approval_makes_the_plan_a_draft_again(planned, director):
    approve(planned, director)
    lift_approval(school=planned, year=YEAR, user=director)

    paragraphs = docx_paragraphs(render(ReportKind.PLAN, planned, YEAR, Format.DOCX))

    assert "ПРОЕКТ" in paragraphs
    assert not any(p.startswith("УТВЕРЖДЁН") for p in paragraphs)


def test_an_item_drafted_for_last_years_problem_says_it_under_its_object(planned):
    item = PlanItem.objects.get(object="Кадры")
    item.problems = "в 2023/2024 показатель «Доля педагогов с первой категорией» ниже целевого: 20 % при цели 30 %"
    item.save()

    rows = docx_rows(render(ReportKind.PLAN, planned, YEAR, Format.DOCX))

    assert row_of(rows, "2")[1] == ("Кадры\nПроблема: в 2023/2024 показатель «Доля педагогов с первой категорией» "
                                    "ниже целевого: 20 % при цели 30 %")
    assert row_of(rows, "1")[1] == "Качество знаний"
