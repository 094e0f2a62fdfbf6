"""«Отчёт о работе с неуспевающими обучающимися за <период>»: the counts, the list by class with subjects,
measures and results, as a report Document written to .docx by the reports' writers.

It holds personal data of minors (names, classes, failing subjects, measures) and the names of the staff
responsible; never the free texts (causes, notes). An internal document, never published. Built from the page
the user sees (the section's button), or for the whole school by `build` — the «Отчёты» registry, whose page is
the administration's and whose command is the server's; both exports are audit-logged.
"""

from __future__ import annotations

from vsoko.progress.figures import periods_with_marks
from vsoko.records.enums import Period
from vsoko.records.models import OrgUnit
from vsoko.reports.document import Document, Number, Paragraph, Table
from vsoko.support.access import ADMINISTRATION
from vsoko.support.enums import CaseStatus
from vsoko.support.page import CaseRow, SupportPage, support_page
from vsoko.web.school_year import year_label


class PeriodMissing(Exception):
    """The year has no period marks, or none of the period asked for; the message names the periods there are."""


def build(school: OrgUnit, year: int, period: Period | None = None) -> Document:
    """The administration's report of the whole school: the period asked for, else the latest with marks."""
    periods = periods_with_marks(school, year)
    if not periods:
        raise PeriodMissing(f"За {year_label(year)} учебный год в школе «{school.name}» нет отметок за периоды, а "
                            "группа риска строится по ним: загрузите лист «Отметки за периоды» пакета данных.")
    if period is not None and period not in periods:
        there = ", ".join(f"{p.label} ({p.value})" for p in periods)
        raise PeriodMissing(f"Период «{period.value}» ({period.label}): в школе «{school.name}» нет отметок за него "
                            f"в {year_label(year)} учебном году. Отметки есть за: {there}.")
    return document(support_page(None, school, year, period or periods[-1], periods, ADMINISTRATION))


def measures_text(row: CaseRow) -> str:
    parts = []
    for measure, overdue in row.measures:
        who = " ".join(p for p in (measure.responsible.last_name, measure.responsible.first_name) if p) \
            if measure.responsible else "ответственный не назначен"
        when = f"до {measure.due:%d.%m.%Y}" if measure.due else "без срока"
        state = (f"выполнено {measure.done_on:%d.%m.%Y}" if measure.done and measure.done_on else
                 "выполнено" if measure.done else "срок прошёл, не выполнено" if overdue else "не выполнено")
        parts.append(f"{measure.get_kind_display()} — {who}, {when}, {state}")
    return "; ".join(parts) or "мер нет"


def document(page: SupportPage) -> Document:
    when = (f"{page.year_label} учебный год" if page.period == Period.YEAR  # not «за год 2024/2025 учебного года»
            else f"{page.period.label} {page.year_label} учебного года")
    title = f"Отчёт о работе с неуспевающими обучающимися за {when}"
    lines = [page.school.name]
    if not page.scope.whole_school:
        lines.append("По вашим классам и предметам.")
    doc = Document(title, lines)
    summary = doc.section("Общие сведения")
    opened_now = [r for r in page.open_cases if r.case.opened_period == page.period]
    counts = Table(["Показатель", "Количество"])
    counts.add("Обучающихся в группе риска по итогам периода", Number(len(page.risk)))
    counts.add("из них с открытым сопровождением", Number(sum(1 for r in page.risk if r.case)))
    counts.add("Открытых сопровождений за учебный год", Number(len(page.open_cases)))
    counts.add("из них открыто по итогам этого периода", Number(len(opened_now)))
    counts.add("Мер с прошедшим сроком, не выполненных", Number(sum(r.overdue for r in page.open_cases)))
    if page.scope.whole_school:
        for status in CaseStatus.closed():
            counts.add(f"Сопровождений за год: {status.label}", Number(page.counts[status]))
    summary.blocks.append(counts)
    if page.previous is not None:
        summary.blocks.append(Paragraph(
            f"Итог на конец периода «{page.period.label}» по сопровождениям, открытым по итогам периода "
            f"«{page.previous.label}»: исправили — {page.fixed}, не исправили — {page.not_fixed}, "
            f"всего — {len(page.results)}."))

    risk = doc.section("Обучающиеся в группе риска")
    table = Table(["Класс", "Обучающийся", "Основание", "Сопровождение"])
    for row in page.risk:
        table.add(row.pupil.class_name, row.name, row.pupil.words, "открыто" if row.case else "нет")
    risk.blocks.append(table if page.risk else Paragraph("Обучающихся в группе риска нет."))

    cases = doc.section("Сопровождение: меры и сроки")
    table = Table(["Класс", "Обучающийся", "Предмет", "Основание", "Открыто", "Меры"])
    for row in page.open_cases:
        case = row.case
        table.add(case.class_name or "", row.name, case.subject.name if case.subject else "все предметы",
                  case.get_reason_display(), case.get_opened_period_display(), measures_text(row))
    cases.blocks.append(table if page.open_cases else Paragraph("Открытых сопровождений нет."))

    if page.previous is not None:
        results = doc.section(f"Результат на конец периода: {page.period.label}")
        table = Table(["Класс", "Обучающийся", "Предмет", "Меры", "Результат", "Состояние"])
        for row in page.results:
            case = row.case
            table.add(case.class_name or "", row.name, case.subject.name if case.subject else "все предметы",
                      measures_text(row), row.result.words if row.result else "—", case.get_status_display())
        results.blocks.append(table if page.results else Paragraph(
            f"По итогам периода «{page.previous.label}» сопровождение не открывалось."))
    return doc
