"""The journal of a school year as an Excel book (the application's formula-safe xlsxwriter book,
vsoko.publication.spreadsheet: a typed recommendation is always text). Sheet «Журнал»: a row per visit;
sheet «По учителям»: the summary per teacher. No pupil is named: the texts are about the teacher's lesson.

The summary page's «Скачать в Excel» is `summary_document`: the page's tables as a vsoko.reports Document, written
by vsoko.web.downloads as every page's table is."""

from __future__ import annotations

import io

from django.db.models import QuerySet

from vsoko.indicators.formatting import number
from vsoko.observations.criteria import CRITERIA, MAX_TOTAL
from vsoko.observations.models import LessonVisit
from vsoko.observations.summary import CountRow, TeacherRow, Totals, teacher_rows
from vsoko.publication.spreadsheet import list_sheet, list_styles, workbook
from vsoko.records.models import OrgUnit
from vsoko.reports.document import Document, Number, Paragraph, Table
from vsoko.web.school_year import year_label

YES = "да"


def _yes(flag: bool) -> str:
    return YES if flag else "нет"


def journal_columns() -> list[tuple[str, int]]:
    return [("Дата", 11), ("Учитель", 28), ("Кто посетил", 28), ("Что посещено", 16), ("Класс", 8),
            ("Предмет", 20), ("Тема", 30), ("Цель", 24), ("Современные технологии", 12), ("ИКТ", 8),
            ("Дифференцированный подход", 14), *((c.label, 12) for c in CRITERIA),
            (f"Сумма баллов (из {MAX_TOTAL})", 10), ("Уровень урока", 12), ("Выводы", 40), ("Рекомендации", 40)]


def journal_rows(visits: QuerySet[LessonVisit]) -> list[list]:
    rows = []
    for v in visits.select_related("teacher", "observer", "school_class", "subject").order_by("date", "pk"):
        rows.append([
            v.date, v.teacher.full_name, v.observer.full_name, v.get_kind_display(),
            v.school_class.name if v.school_class else "", v.subject.name if v.subject else "", v.topic,
            v.get_purpose_display(), _yes(v.modern_technologies), _yes(v.ict), _yes(v.differentiation),
            *(v.scores.get(c.key) for c in CRITERIA), v.total, v.get_level_display(), v.conclusions,
            v.recommendations,
        ])
    return rows


def journal_xlsx(visits: QuerySet[LessonVisit], school: OrgUnit, year: int) -> bytes:
    buffer = io.BytesIO()
    book = workbook(buffer, in_memory=True)
    book.set_properties({"title": f"Журнал посещения уроков, {year_label(year)} учебный год",
                         "company": school.name})
    styles = list_styles(book)
    list_sheet(book, "Журнал", journal_columns(), journal_rows(visits), styles)
    summary = [[r.teacher.full_name, r.visits, r.modern, r.ict, r.differentiation, r.mean_score, r.last_visit,
                r.recommendations] for r in teacher_rows(visits)]
    list_sheet(book, "По учителям", [("Учитель", 28), ("Посещений", 10), ("С современными технологиями", 14),
                                 ("С ИКТ", 10), ("С дифференцированным подходом", 14),
                                 (f"Средний балл (из {MAX_TOTAL})", 10), ("Последнее посещение", 12),
                                 ("Последние рекомендации", 50)], summary, styles)
    book.close()
    return buffer.getvalue()


def _figure(value, decimals: int = 1) -> Number | None:
    """A share or a mean as the page shows it (one decimal); nothing where the page shows nothing."""
    return None if value is None else Number.of(value, decimals)


def _with_share(count: int, value) -> str:
    return f"{count} ({number(value, 1, zeros=True)} %)" if value is not None else str(count)


def totals_text(totals: Totals, levels: dict[str, int] | None) -> str:
    """The sentence over the page's tables; `levels` None for who sees counts only (the page leaves them out)."""
    text = (f"Посещений: {totals.visits}, учителей: {totals.teachers}; учителей, у которых хотя бы раз отмечены "
            f"современные технологии, — {_with_share(totals.modern, totals.modern_share)}, ИКТ — "
            f"{_with_share(totals.ict, totals.ict_share)}.")
    if levels is not None:
        text += (f" Уровень уроков: высокий — {levels['high']}, достаточный — {levels['sufficient']}, "
                 f"низкий — {levels['low']}.")
    return text


def _count_table(title: str, rows: list[CountRow]) -> Table:
    table = Table([title, "Посещений", "Учителей", "С современными технологиями, % посещений", "С ИКТ, % посещений"])
    for r in rows:
        table.add(r.label, Number(r.visits), Number(r.teachers), _figure(r.modern_share), _figure(r.ict_share))
    return table


def summary_document(school: OrgUnit, year: int, *, totals: Totals, levels: dict[str, int] | None,
                     teachers: list[TeacherRow], purposes: list[CountRow], months: list[CountRow]) -> Document:
    """The summary page as the user sees it: the teachers' table only for who reads names (`teachers` empty for the
    municipal observer, as on the page), the counts by purpose and by month for everyone."""
    document = Document(f"Сводка по посещению уроков, {year_label(year)} учебный год", [school.name])
    document.section("Итоги").blocks.append(Paragraph(totals_text(totals, levels)))
    if teachers:
        table = Table(["Учитель", "Посещений", "С современными технологиями, %", "С ИКТ, %",
                       f"Средний балл (из {MAX_TOTAL})", "Последнее посещение", "Последние рекомендации"])
        for r in teachers:
            table.add(r.teacher.full_name, Number(r.visits), _figure(r.modern_share), _figure(r.ict_share),
                      _figure(r.mean_score), f"{r.last_visit:%d.%m.%Y}", r.recommendations or "—")
        document.section("По учителям").blocks.append(table)
    document.section("Цель посещения").blocks.append(_count_table("Цель посещения", purposes))
    document.section("Месяц").blocks.append(_count_table("Месяц", months))
    return document
