import datetime
import io

import pytest
from pypdf import PdfReader

from tests.reports.conftest import SURNAMES, YEAR
from tests.reports.readers import html_text
from vsoko.decisions.models import Decision
from vsoko.indicators.models import Indicator, Target
from vsoko.records.models import SchoolYear
from vsoko.reports.document import Chart
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.public import build as build_public
from vsoko.reports.registry import render

pytestmark = pytest.mark.django_db


def test_the_report_shows_the_core_indicators_with_dynamics(known_school):
    text, lang = html_text(render(ReportKind.PUBLIC, known_school, YEAR, Format.HTML))

    assert lang == "ru"
    assert "Публичный доклад за 2024/2025 учебный год" in text
    # Groups of 10, 8 and 7 students are published, and 100 % of them successful (the rest is 0).
    assert "Численность обучающихся на конец учебного года 10 8 7 −1" in text
    assert "Успеваемость 100,0 % 100,0 % 100,0 % без изменений" in text
    # Quality: 5 of 10 is published; 4 of 8 (a part of 4) and 5 of 7 (a rest of 2) are not.
    assert "Качество знаний 50,0 % —* —* —*" in text
    assert "«—*» — значение не публикуется: оно относится к группе меньше 5 человек" in text


def test_small_groups_are_withheld_and_nobody_is_named(tiny_school):
    html = render(ReportKind.PUBLIC, tiny_school, YEAR, Format.HTML)
    pdf = render(ReportKind.PUBLIC, tiny_school, YEAR, Format.PDF)

    text, _ = html_text(html)
    # Three students: the count, and the share of 2 «good» of them, are withheld.
    assert "Численность обучающихся на конец учебного года —* —*" in text
    assert "Качество знаний —* —*" in text
    assert "меньше 5 человек" in text
    pdf_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "меньше 5" in pdf_text.replace("\n", " ")
    for surname in SURNAMES:
        assert surname not in html.decode()
        assert surname not in pdf_text
        assert surname.encode() not in pdf


@pytest.mark.parametrize(("part", "whole", "hidden"), [
    (0, 20, False), (3, 20, True), (17, 20, True), (20, 20, False), (10, 20, False), (2, 3, True),
])
def test_a_share_is_withheld_when_its_part_or_its_rest_is_a_small_group(part, whole, hidden):
    from fractions import Fraction

    from vsoko.indicators.evaluate import Value
    from vsoko.reports.public import disclosive

    value = Value(Fraction(part * 100, whole), Fraction(part), Fraction(whole))
    assert disclosive(value, "percent", 5) is hidden


def test_a_withheld_value_is_withheld_in_the_charts_too(known_school):
    from vsoko.reports.public import build

    charts = build(known_school, YEAR).sections[1]
    quality = next(c for c in charts.blocks if c.title == "Качество знаний")

    assert charts.heading == "Основные показатели в динамике"
    # 5 of 10 is published; 4 of 8 and 5 of 7 are withheld, as in the table.
    assert [(value, text) for _, value, text in quality.bars] == [(50, "50,0 %"), (None, "—*"), (None, "—*")]


def test_the_report_gives_next_years_targets_the_plan_and_the_decisions_without_names(known_school):
    next_year = SchoolYear.objects.get_or_create(start=YEAR + 1)[0]
    Target.objects.create(school=known_school, indicator=Indicator.objects.get(code="core.quality"), year=next_year,
                          value=55)
    Decision.objects.create(school=known_school, year_id=YEAR, date=datetime.date(2025, 6, 20),
                            title="Усилить подготовку к ОГЭ по математике", text="Консультации по субботам",
                            indicators=["core.oge_passed"], responsible="Смирнова Мария Ивановна")

    text, _ = html_text(render(ReportKind.PUBLIC, known_school, YEAR, Format.HTML))

    assert "Изменение за год Цель на 2025/2026" in text
    assert "Качество знаний 50,0 % —* —* —* 55,0 %" in text  # the target; no target elsewhere: «—»
    assert "Успеваемость 100,0 % 100,0 % 100,0 % без изменений —" in text
    assert "План-график на этот учебный год ещё не утверждён." in text
    assert "Усилить подготовку к ОГЭ по математике" in text and "Смирнова" not in text


def test_a_year_without_any_value_is_left_out_and_so_is_a_chart_with_nothing_to_show(tiny_school):
    # tiny_school has records of 2024/2025 only: columns «2022/2023» and «2023/2024» of «нет данных» and charts of
    # empty bars told parents nothing.
    document = build_public(tiny_school, YEAR)

    assert {tuple(table.header[:3]) for table in document.tables if table.header[0] == "Показатель"} == {
        ("Показатель", "2024/2025", "Изменение за год")}
    # Three students: every headline figure is withheld, no chart has a bar to draw.
    assert not [b for s in document.sections for b in s.blocks if isinstance(b, Chart)]
    text, _ = html_text(render(ReportKind.PUBLIC, tiny_school, YEAR, Format.HTML))
    assert "Численность обучающихся на конец учебного года —* —*" in text and "нет данных нет данных" not in text
    assert "основные показатели качества образования школы за 2024/2025 учебный год" in text


def test_the_years_with_values_are_all_kept(known_school):
    document = build_public(known_school, YEAR)

    assert document.tables[0].header[:5] == ["Показатель", "2022/2023", "2023/2024", "2024/2025", "Изменение за год"]
    charts = [b for s in document.sections for b in s.blocks if isinstance(b, Chart)]
    assert charts and all(len(c.bars) == 3 for c in charts)


def test_parents_are_told_how_to_read_the_report(known_school):
    text, _ = html_text(render(ReportKind.PUBLIC, known_school, YEAR, Format.HTML))

    assert "Как читать доклад" in text
    assert "«п. п.» — процентные пункты: доля выросла с 50,0 % до 52,0 % — это +2,0 п. п." in text
    assert "СОУ — степень обученности" in text and "ВПР — всероссийские проверочные работы" in text


def test_the_reports_queries_do_not_grow_with_its_decisions(known_school, django_assert_max_num_queries):
    """One evaluation of the decisions' indicators for all of them (decisions.effect.effects_of), whatever their
    number: the 20 queries of the report with one decision on two indicators, and no more with four."""

    def decide(title, indicators):
        Decision.objects.create(school=known_school, year_id=YEAR, date=datetime.date(2025, 6, 20), title=title,
                                text="", indicators=indicators)

    decide("Консультации по математике", ["core.oge_passed", "core.quality"])
    with django_assert_max_num_queries(20):
        render(ReportKind.PUBLIC, known_school, YEAR, Format.HTML)
    for n, code in enumerate(["core.success", "core.sou", "core.quality"]):
        decide(f"Решение {n}", [code])
    with django_assert_max_num_queries(20):
        html = render(ReportKind.PUBLIC, known_school, YEAR, Format.HTML)
    assert "Решение 2" in html_text(html)[0]


def test_a_decisions_effectiveness_withholds_what_the_tables_withhold(known_school):
    # Quality of 2024/2025 is 5 of 7 (a rest of 2): «—*» in the table, so not 71,4 % beside the decision either.
    Decision.objects.create(school=known_school, year_id=YEAR, date=datetime.date(2025, 6, 20),
                            title="Консультации для слабоуспевающих", text="", indicators=["core.quality"])

    text, _ = html_text(render(ReportKind.PUBLIC, known_school, YEAR, Format.HTML))

    assert "Качество знаний 50,0 % —* —* —*" in text
    assert "71,4" not in text
    assert "Качество знаний: —* → нет данных" in text
    decisions = next(t for t in build_public(known_school, YEAR).tables if t.header[0] == "Дата")
    assert any(note.startswith("«—*» — значение не публикуется") for note in decisions.notes)


def test_the_half_of_the_width_goes_to_the_names_not_to_the_decisions_dates(known_school):
    # Every table's first column took half the page («the same columns in every table»): in the decisions' table
    # that was «Дата», and the decision, where it was adopted and its effectiveness wrapped in the other half.
    Decision.objects.create(school=known_school, year_id=YEAR, date=datetime.date(2025, 6, 20),
                            title="Консультации для слабоуспевающих", text="", indicators=["core.success"])

    html = render(ReportKind.PUBLIC, known_school, YEAR, Format.HTML).decode()

    assert '<th scope="col" class="names">Показатель</th>' in html
    assert '<th scope="col" class="names">Решение</th>' in html
    assert '<th scope="col">Дата</th>' in html
    assert "th.names { width: 50%; }" in html and "th:first-child" not in html
