"""Отчёт о самообследовании: the table of Appendix 2 to Order 1324 from the catalog `order1324`, then how the
school's ВСОКО worked in the year: the monitoring plan's execution, the surveys held and the management decisions
taken (vsoko.plan, vsoko.surveys, vsoko.decisions)."""

from __future__ import annotations

from vsoko.indicators.dashboard import TREE_SPAN, build_context
from vsoko.indicators.models import Catalog
from vsoko.plan.enums import PlanStatus
from vsoko.plan.models import PlanItem
from vsoko.records.models import OrgUnit
from vsoko.reports.cells import value_cell, year_label
from vsoko.reports.decisions import HEADING as DECISIONS_HEADING
from vsoko.reports.decisions import decisions_section
from vsoko.reports.diagnostics import HEADING as DIAGNOSTICS_HEADING
from vsoko.reports.diagnostics import diagnostics_section
from vsoko.reports.document import Document, Heading, Number, Paragraph, Section, Table
from vsoko.surveys.questionnaires import questionnaires
from vsoko.surveys.results import survey_results

CATALOG = "order1324"
TITLE = "Показатели деятельности общеобразовательной организации, подлежащей самообследованию"


class CatalogMissing(Exception):
    pass


def build(school: OrgUnit, year: int) -> Document:
    catalog = Catalog.objects.filter(code=CATALOG).first()
    if catalog is None:
        raise CatalogMissing(f"Каталог «{CATALOG}» (показатели самообследования) не загружен: выполните «vsoko init».")
    shown = list(catalog.indicators.filter(retired=False).order_by("position"))
    # Only the year is shown, but a line is evaluated with its previous year (the change needs it).
    context = build_context(school, year, shown, breakdowns=False, span=TREE_SPAN)

    table = Table(["№ п/п", "Показатели", "Единица измерения", year_label(year)])
    group = None
    for indicator in shown:
        if indicator.group != group:
            group = indicator.group
            number, _, name = group.partition(" ")
            table.add(number, name, "", "", heading=True)
        line = context.line(indicator)
        table.add(indicator.item, indicator.text or indicator.name, indicator.unit_label,
                  value_cell(line.current, indicator.unit, share=True))
    table.notes.append("«нет данных» — значение не введено и не может быть вычислено по записям школы.")

    document = Document(
        "Отчёт о результатах самообследования",
        [school.name, f"{year_label(year)} учебный год",
         "Приложение 2 к приказу Минобрнауки России от 10.12.2013 № 1324"],
    )
    document.section(TITLE).blocks.append(table)
    vsoko_section(document.section("Функционирование внутренней системы оценки качества образования"), school, year)
    # Published on the school's website: small groups hidden.
    diagnostics_section(document.section(DIAGNOSTICS_HEADING), school, year, suppress=True)
    return document


def vsoko_section(section: Section, school: OrgUnit, year: int) -> None:
    label = year_label(year)
    items = list(PlanItem.objects.filter(school=school, year_id=year))
    if items:
        done = [item for item in items if item.done_on]
        text = f"План-график мониторинга на {label} учебный год: пунктов — {len(items)}, выполнено — {len(done)}."
        missed = [item.object for item in items if item.status() == PlanStatus.OVERDUE]
        if missed:
            text += " Не выполнены в срок: " + "; ".join(missed) + "."
        section.blocks.append(Paragraph(text))
    else:
        section.blocks.append(Paragraph(f"План-график мониторинга на {label} учебный год в системе не составлен."))
    table = Table(["Анкета", "Кто отвечал", "Ответили", "Удовлетворены в целом"])
    for questionnaire in questionnaires().values():
        results = survey_results(school, year, questionnaire)
        if not results.respondents:
            continue
        overall = next((q for q in results.questions if q.question.code == "overall"), None)
        satisfied = overall.satisfied if overall is not None and overall.question.is_scale else None
        table.add(questionnaire.title, questionnaire.audience, Number.of(results.respondents, 0),
                  "—" if satisfied is None else Number.of(satisfied, 1, " %"))
    if table.rows:
        table.notes.append("Доля удовлетворённых — ответы «полностью» и «скорее удовлетворен» от всех ответивших.")
        section.blocks.append(table)
    else:
        section.blocks.append(Paragraph(f"Ответов на анкеты в {label} учебном году нет."))
    # The report is published on the school's website: the decisions without the names of those responsible.
    section.blocks.append(Heading(DECISIONS_HEADING))
    decisions_section(section, school, year, names=False)
