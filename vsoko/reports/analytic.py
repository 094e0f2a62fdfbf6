"""Аналитическая справка по результатам ВСОКО за учебный год.

Sections: charts of the headline indicators over three years (cells.HEADLINE); the indicators of the
core catalog and of the school's catalogs, group by group, with
three years of dynamics, the change from the previous year, the target and the status against it;
the results of ВПР, ОГЭ and ЕГЭ per procedure (vsoko.analysis.year); the answers to each questionnaire
(vsoko.surveys.results); conclusions in plain
sentences made by rules from the same lines; the lessons visited (vsoko.reports.observations); the management
decisions of the year with their effectiveness (vsoko.reports.decisions).
"""

from __future__ import annotations

from vsoko.analysis.access import Privacy
from vsoko.analysis.figures import percent as share_of
from vsoko.analysis.year import IndexRow, year_index
from vsoko.indicators.dashboard import Line, build_context
from vsoko.indicators.enums import Status
from vsoko.indicators.evaluate import Value
from vsoko.indicators.models import Catalog, Indicator
from vsoko.indicators.values import CORE, catalogs_for
from vsoko.records.models import OrgUnit
from vsoko.reports.cells import (
    HEADLINE,
    SETTINGS_PAGE,
    catalog_missing,
    chart,
    line_change_cell,
    moved,
    target_cells,
    value_cell,
    year_label,
)
from vsoko.reports.decisions import HEADING as DECISIONS_HEADING
from vsoko.reports.decisions import decisions_section
from vsoko.reports.diagnostics import HEADING as DIAGNOSTICS_HEADING
from vsoko.reports.diagnostics import diagnostics_section
from vsoko.reports.document import (
    Cell,
    Document,
    Heading,
    Number,
    Paragraph,
    Section,
    Table,
    cell_text,
)
from vsoko.reports.observations import HEADING as OBSERVATIONS_HEADING
from vsoko.reports.observations import observations_section
from vsoko.reports.self_exam import CATALOG as SELF_EXAM_CATALOG
from vsoko.reports.self_exam_facts import lowered
from vsoko.surveys.questionnaires import questionnaires
from vsoko.surveys.results import survey_results


def build(school: OrgUnit, year: int, catalogs: list[Catalog] | None = None) -> Document:
    catalogs = catalogs or [c for c in catalogs_for(school) if c.code != SELF_EXAM_CATALOG]
    document = Document(
        f"Аналитическая справка по результатам ВСОКО за {year_label(year)} учебный год",
        [school.name, f"Динамика за три учебных года: {year_label(year - 2)} — {year_label(year)}"],
    )
    headline = document.section("Динамика основных показателей")
    lines: list[Line] = []
    for catalog in catalogs:
        lines += indicator_sections(document, school, year, catalog)
    missing = missing_catalogs(catalogs)
    if missing:
        document.sections.insert(1, Section("Показатели", [Paragraph(missing)]))
    headline.blocks += [chart(line) for code in HEADLINE for line in lines if line.indicator.code == code]
    if not headline.blocks:
        document.sections.remove(headline)
    procedures = procedure_section(document.section("Результаты оценочных процедур (ВПР, ОГЭ, ЕГЭ)"),
                                   school, year)
    diagnostics_section(document.section(DIAGNOSTICS_HEADING), school, year, suppress=False)
    surveys = document.section("Результаты анкетирования")
    if not survey_section(surveys, school, year):
        document.sections.remove(surveys)
    conclusions = document.section("Выводы")
    if lines:
        conclusions.blocks += [Paragraph(text) for text in conclusion_sentences(lines, year, procedures)]
    else:  # no indicator to judge: targets and changes cannot be told, the procedures still can
        conclusions.blocks += [Paragraph(text) for text in conclusion_sentences(lines, year, procedures)[-1:]
                               if procedures]
        conclusions.blocks.insert(0, Paragraph("Выводов по показателям нет: показатели в справку не вошли "
                                               "(раздел «Показатели»)."))
    observations_section(document.section(OBSERVATIONS_HEADING), school, year)
    decisions_section(document.section(DECISIONS_HEADING), school, year, names=True)
    return document


def missing_catalogs(catalogs: list[Catalog]) -> str:
    """What the report says when the core catalog is not loaded or no catalog gives a whole-school indicator."""
    if not any(c.code == CORE for c in catalogs):
        return catalog_missing(CORE, "базовые показатели", "Базовые показатели")
    if not Indicator.objects.filter(catalog__in=catalogs, retired=False, total=True).exists():
        return ("Показатели не приведены: в каталогах школы нет действующих показателей по школе в целом. "
                f"Выберите каталоги на странице {SETTINGS_PAGE} или выполните «vsoko init», чтобы загрузить "
                "поставляемые каталоги заново.")
    return ""


def indicator_sections(document: Document, school: OrgUnit, year: int, catalog: Catalog) -> list[Line]:
    # Indicators given only per subject or grade (total: false) have no whole-school value.
    shown = list(catalog.indicators.filter(retired=False, total=True).order_by("position"))
    if not shown:
        return []
    context = build_context(school, year, shown, breakdowns=False)
    years = [year_label(y) for y in context.years]
    section = document.section(f"Показатели: {catalog.name}")
    lines = []
    group = table = None
    for indicator in shown:
        if table is None or indicator.group != group:
            group = indicator.group
            table = Table(["Показатель", *years, "Изменение за год", "Цель", "Оценка", "Сравнение"])
            section.blocks += [Heading(group or "Без группы"), table]
        line = context.line(indicator)
        lines.append(line)
        values = [value_cell(v, indicator.unit) for _, v in line.values]
        table.add(indicator.name, *values, line_change_cell(line),
                  *target_cells(line), benchmark_text(line))
    return lines


def benchmark_text(line: Line) -> str:
    """The municipal, regional and national values of the year and how the school compares, in words:
    «муниципалитет 48,5 % — лучше; регион 46 % — лучше»; «—» without benchmarks."""
    return "; ".join(
        f"{b.label} {cell_text(value_cell(Value(b.reference), line.indicator.unit))} — {b.status.label}"
        for b in line.benchmarks if b.reference is not None
    ) or "—"


def procedure_section(section: Section, school: OrgUnit, year: int) -> list[IndexRow]:
    index = year_index(school, year, Privacy(on=False))
    rows: list[IndexRow] = []
    for group in index.groups:
        table = Table(["Процедура", "Участников", "Средний балл", "Успеваемость", "Качество",
                       "Подтвердили отметку", "Повысили", "Понизили"])
        for row in group.rows:
            if not row.figures.results:
                continue  # a procedure with retakes only: its main results are elsewhere
            f = row.figures
            mean = "—" if row.mean is None else Number.of(row.mean, 1 if row.mean_is_test_score else 2)
            # ЕГЭ has no marks: its «успеваемость» is the share at or above the minimum score. Базовая
            # математика has marks and no test score: its figures are a mark's, as a ВПР's.
            success = f.passed_share if row.mean_is_test_score else f.success
            quality = f.quality if row.is_ege and not row.mean_is_test_score else row.quality
            table.add(row.short_label, Number.of(f.results, 0), mean, percent(success),
                      percent(quality), *journal_cells(row))
            rows.append(row)
        section.blocks += [Heading(group.title), table]
        if group.key == "ege":
            table.notes.append("Для ЕГЭ «успеваемость» — доля участников, набравших не меньше минимального балла; "
                               "средний балл — тестовый (у математики базового уровня, где тестового балла нет, — средняя отметка, "
                               "успеваемость и качество — по отметкам).")
    if not rows:
        section.blocks.append(Paragraph(f"В {year_label(year)} учебном году результатов ВПР, ОГЭ и ЕГЭ нет."))
    else:
        section.blocks.append(Paragraph(
            "Подтвердили, повысили, понизили — доля работ, отметка за которые равна, выше или ниже отметки "
            "по журналу (только работы, у которых указана отметка по журналу)."))
    return rows


def survey_section(section: Section, school: OrgUnit, year: int) -> bool:
    """Every questionnaire answered in the year: the share satisfied, dissatisfied, unsure and silent on each
    scale question, the shares of each option of the others, of all respondents (docs/surveys.md).
    False when nobody answered any."""
    answered = False
    for questionnaire in questionnaires().values():
        results = survey_results(school, year, questionnaire)
        if not results.respondents:
            continue
        answered = True
        bands = "; ".join(f"{b.label} — {'скрыто' if b.hidden else b.respondents}" for b in results.bands)
        section.blocks += [Heading(questionnaire.title), Paragraph(
            f"Ответили: {results.respondents} ({questionnaire.audience})" + (f"; по уровням: {bands}" if bands else "")
            + ". Доли — от всех ответивших, включая пропустивших вопрос.")]
        scale = Table(["Вопрос", "Удовлетворены", "Не удовлетворены", "Затрудняюсь ответить", "Нет ответа"])
        choices = Table(["Вопрос", "Ответ", "Доля"])
        whole = results.respondents
        for summary in results.questions:
            counts = [option.count for option in summary.options]
            if summary.question.is_scale:  # the scale: satisfied fully, rather; rather not, not; unsure
                scale.add(summary.question.text, *(percent(share_of(n, whole)) for n in (
                    counts[0] + counts[1], counts[2] + counts[3], counts[4], summary.skipped)))
            else:
                for option in summary.options:
                    choices.add(summary.question.text, option.text, percent(share_of(option.count, whole)))
        section.blocks += [table for table in (scale, choices) if table.rows]
    return answered


def percent(value) -> Cell:
    return "—" if value is None else Number.of(value, 1, " %")


def journal_cells(row: IndexRow) -> list[Cell]:
    f = row.figures
    if not f.compared:
        return ["—", "—", "—"]
    return [percent(share_of(n, f.compared)) for n in (f.confirmed, f.raised, f.lowered)]


# --- conclusions ------------------------------------------------------------------------------------

def conclusion_sentences(lines: list[Line], year: int, procedures: list[IndexRow]) -> list[str]:
    sentences = []
    with_target = [line for line in lines if line.target is not None]
    if with_target:
        missed = [line for line in with_target if line.target.status == Status.NOT_MET]
        met = [line for line in with_target if line.target.status == Status.MET]
        sentences.append(f"Показателей с целевым значением на {year_label(year)} учебный год: {len(with_target)}; "
                         f"цель достигнута: {len(met)}, не достигнута: {len(missed)}.")
        if missed:
            sentences.append("Ниже целевого значения: " + "; ".join(
                f"{line.indicator.name} — {text(line.current, line)} при цели {cell_text(target_cells(line)[0])}"
                for line in missed) + ".")
    else:
        sentences.append("Целевые значения показателей на этот учебный год не заданы.")
    improved = [line for line in lines if moved(line) == Status.BETTER]
    worsened = [line for line in lines if moved(line) == Status.WORSE]
    previous = year_label(year - 1)
    if improved:
        sentences.append(f"Улучшились по сравнению с {previous} учебным годом: " + changes(improved) + ".")
    if worsened:
        sentences.append(f"Ухудшились по сравнению с {previous} учебным годом: " + changes(worsened) + ".")
    if not improved and not worsened:
        sentences.append(f"Изменений по сравнению с {previous} учебным годом, которые можно оценить, нет.")
    missing = [line for line in lines if line.current.value is None]
    if missing:
        sentences.append(f"Показатели без данных за год: {len(missing)} из {len(lines)}; их значения нужно ввести "
                         "вручную или загрузить записи, из которых они вычисляются.")
    flagged = [row for row in procedures if row.flags]
    if flagged:
        sentences.append("Признаки необъективности результатов отмечены по процедурам: "
                         + "; ".join(f"{row.label} ({', '.join(lowered(f.title) for f in row.flags)})"
                                     for row in flagged) + ".")
    elif procedures:
        sentences.append("Признаков необъективности результатов оценочных процедур не выявлено.")
    return sentences


def text(value: Value, line: Line) -> str:
    return cell_text(value_cell(value, line.indicator.unit))


def changes(lines: list[Line]) -> str:
    return "; ".join(f"{line.indicator.name} ({cell_text(line_change_cell(line))})"
                     for line in lines)

