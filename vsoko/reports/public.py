"""Публичный доклад for the school's website: the director's address, the core indicators with three years of
dynamics, the school's targets for the next year, the monitoring plan's approval, the management decisions of
the year, and the director's conclusion with the tasks ahead (the two texts: PublicReportSection, written on
the page «Текст публичного доклада» and checked there to name no pupil).

Nothing personal: only whole-school figures of the core catalog, never a name or a row per
student, decisions without their responsible staff. Every figure about fewer than
VSOKO_MIN_GROUP_SIZE people is withheld (vsoko.publication.suppression): a head count below the
minimum; a percentage whose part or whose rest (the denominator minus the part) is such a group,
since the rest follows from the published share by subtraction; a mean over fewer results. A
change from a withheld value is withheld too, and so is the bar of a withheld value in the charts
of the headline indicators.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from django.conf import settings

from vsoko.indicators.dashboard import build_context, group_size
from vsoko.indicators.enums import Unit
from vsoko.indicators.evaluate import Value
from vsoko.indicators.models import Catalog, Target
from vsoko.indicators.values import CORE
from vsoko.oversight.report import public_section
from vsoko.plan.approval import approval_sentence
from vsoko.publication.suppression import suppress_groups
from vsoko.records.models import OrgUnit
from vsoko.reports.cells import (
    HEADLINE,
    catalog_missing,
    chart,
    line_change_cell,
    value_cell,
    year_label,
)
from vsoko.reports.decisions import decisions_section
from vsoko.reports.document import HIDDEN, Chart, Document, Heading, Paragraph, Table
from vsoko.reports.enums import PublicReportSection
from vsoko.reports.self_exam_text import paragraphs, texts_of


@dataclass(frozen=True)
class Written:
    """What the texts page says of a part the director writes: nothing is computed there (`generated`)."""

    prompt: str
    generated: str = ""


PARTS = {
    PublicReportSection.FOREWORD: Written(
        "обращение к родителям, обучающимся, педагогам и общественности — главное, чем жила школа в этом году, "
        "о чём доклад и где обсудить его"),
    PublicReportSection.PROSPECTS: Written(
        "итоги года, что удалось и что нет (по показателям доклада), задачи и перспективы развития школы на "
        "следующий учебный год"),
}


def build(school: OrgUnit, year: int) -> Document:
    """Without the core catalog (a database made without `vsoko init`) or without any of its whole-school
    indicators, the report keeps its other parts and says in the indicators' place what is missing."""
    minimum = settings.VSOKO_MIN_GROUP_SIZE
    catalog = Catalog.objects.filter(code=CORE).first()
    shown = list(catalog.indicators.filter(retired=False, total=True).order_by("position")) if catalog else []
    context = build_context(school, year, shown, breakdowns=False)
    lines = [context.line(indicator) for indicator in shown]
    # A school year without a single value (the school's records begin later) is left out: a column of
    # «нет данных» and empty bars tell parents nothing. The report's own year always stays.
    kept = [i for i, y in enumerate(context.years)
            if y == year or any(line.values[i][1].value is not None for line in lines)]
    years = [year_label(context.years[i]) for i in kept]
    # The school's targets for the next year, where it set any: what the school aims at is public too.
    targets = {t.indicator_id: Fraction(t.value) for t in Target.objects.filter(
        school=school, year_id=year + 1, indicator__in=[i.pk for i in shown])}
    aims = [f"Цель на {year_label(year + 1)}"] if targets else []
    document = Document(f"Публичный доклад за {year_label(year)} учебный год", [school.name])
    texts = texts_of(school, year, PublicReportSection)
    if PublicReportSection.FOREWORD in texts:
        document.section(PublicReportSection.FOREWORD.label).blocks += [
            Paragraph(text) for text in paragraphs(texts[PublicReportSection.FOREWORD].text)]
    intro = document.section("О докладе")
    intro.blocks.append(Paragraph(
        f"Доклад показывает основные показатели качества образования школы за {period(years)}. Все значения "
        "вычислены по данным внутренней системы оценки качества образования (ВСОКО) и относятся к школе в целом."))
    intro.blocks.append(Heading("Как читать доклад"))
    intro.blocks += [Paragraph(text) for text in READING]
    charts = document.section("Основные показатели в динамике")
    section = document.section("Показатели качества образования")
    headline: dict[str, Chart] = {}
    group = table = None
    for indicator, line in zip(shown, lines, strict=True):
        if table is None or indicator.group != group:
            group = indicator.group
            table = Table(["Показатель", *years, "Изменение за год", *aims])
            section.blocks += [Heading(group), table]
        hidden = [disclosive(v, indicator.unit, minimum) for _, v in line.values]
        cells = [HIDDEN if hidden[i] else value_cell(line.values[i][1], indicator.unit) for i in kept]
        change = HIDDEN if hidden[-1] or hidden[-2] else line_change_cell(line)
        aim = [value_cell(Value(targets[indicator.pk]), indicator.unit) if indicator.pk in targets else "—"] if aims else []
        table.add(indicator.name, *cells, change, *aim)
        if indicator.code in HEADLINE:
            drawn = chart(line, hidden)  # a withheld value is withheld in the chart too
            drawn.bars = [drawn.bars[i] for i in kept]
            if any(value is not None for _, value, _ in drawn.bars):  # not a chart of «нет данных» and «—*»
                headline[indicator.code] = drawn
    charts.blocks += [headline[code] for code in HEADLINE if code in headline]
    if not charts.blocks:
        document.sections.remove(charts)
    if catalog is None:
        section.blocks.append(Paragraph(catalog_missing(CORE, "базовые показатели", "Показатели качества образования")))
    elif not shown:
        section.blocks.append(Paragraph(
            f"Показатели качества образования не приведены: в каталоге «{catalog.name}» нет действующих показателей "
            "по школе в целом. Проверьте каталог на странице «Показатели» или выполните «vsoko init», чтобы "
            "загрузить поставляемый каталог заново."))
    elif all(line.current.value is None for line in lines):
        section.blocks.insert(0, Paragraph(
            f"За {year_label(year)} учебный год значений показателей нет: загрузите данные школы за этот год "
            "(раздел «Данные» или «vsoko import») или введите значения на странице «Ввод значений»."))
    monitoring = document.section("Внутренняя система оценки качества образования")
    monitoring.blocks.append(Paragraph(
        "Школа ведёт мониторинг качества образования по плану-графику на учебный год. "
        + (approval_sentence(school, year) or "План-график на этот учебный год ещё не утверждён.")))
    decisions_section(monitoring, school, year, names=False,
                      withhold=lambda value, unit: HIDDEN.text if disclosive(value, unit, minimum) else None)
    public_section(document, school, year)
    if PublicReportSection.PROSPECTS in texts:
        document.section(PublicReportSection.PROSPECTS.label).blocks += [
            Paragraph(text) for text in paragraphs(texts[PublicReportSection.PROSPECTS].text)]
    for table in document.tables:  # a decision's effectiveness is a line of words with «—*» in it
        if any(cell is HIDDEN or (isinstance(cell, str) and HIDDEN.text in cell) for row in table.rows for cell in row.cells):
            table.notes.append(footnote(minimum))
    return document


# For parents: the words and abbreviations of the indicators' names, said plainly (the report is on the website).
READING = (
    "Качество знаний — доля обучающихся, которые закончили учебный год на «4» и «5»; успеваемость — доля "
    "обучающихся без неудовлетворительных отметок.",
    "«п. п.» — процентные пункты: доля выросла с 50,0 % до 52,0 % — это +2,0 п. п. «Изменение за год» сравнивает "
    "последний учебный год с предыдущим.",
    "Сокращения: ГИА — государственная итоговая аттестация (ОГЭ — после 9 класса, ЕГЭ — после 11 класса); "
    "ВПР — всероссийские проверочные работы; ВсОШ — всероссийская олимпиада школьников; СОУ — степень "
    "обученности (учитывает все отметки: 100 % — если бы все отметки были «5»); НОКО — независимая оценка "
    "качества условий образовательной деятельности.",
)


def period(years: list[str]) -> str:
    """«2024/2025 учебный год», «2023/2024 и 2024/2025 учебные годы», «2022/2023, 2023/2024 и 2024/2025 …»."""
    if len(years) == 1:
        return f"{years[0]} учебный год"
    return f"{', '.join(years[:-1])} и {years[-1]} учебные годы"


def footnote(minimum: int) -> str:
    return (f"«—*» — значение не публикуется: оно относится к группе меньше {minimum} человек или позволяет "
            "её вычислить (защита персональных данных, 152-ФЗ).")


def disclosive(value: Value, unit: str, minimum: int) -> bool:
    if value.value is None:
        return False
    if unit == Unit.PERCENT and value.numerator is not None and value.denominator is not None:
        part, whole = value.numerator, value.denominator
        return bool(suppress_groups({"part": part, "rest": whole - part}, minimum=minimum))
    size = group_size(value, unit)
    return size is not None and 0 < size < minimum

