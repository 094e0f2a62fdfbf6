"""The journal of a school year as an Excel book, written by the reports' XLSX writer (vsoko.reports.writers,
formula-safe: a typed recommendation is always text). Sheet «Журнал»: a row per visit; sheet «По учителям»: the
summary per teacher; each a list with a filter on its header. No pupil is named: the texts are about the teacher's
lesson.

The summary page's «Скачать в Excel» is `summary_document`: the page's tables as a vsoko.reports Document, written
by vsoko.web.downloads as every page's table is."""

from __future__ import annotations

from django.db.models import QuerySet

from vsoko.indicators.formatting import number
from vsoko.observations.criteria import CRITERIA, MAX_TOTAL
from vsoko.observations.models import LessonVisit
from vsoko.observations.summary import CountRow, TeacherRow, Totals, teacher_rows
from vsoko.records.models import OrgUnit
from vsoko.reports.document import Document, Number, Paragraph, Section, Table
from vsoko.reports.writers import Sheet, to_xlsx_book
from vsoko.web.school_year import year_label

YES = "да"


def _yes(flag: bool) -> str:
    return YES if flag else "нет"


def journal_table(visits: QuerySet[LessonVisit]) -> Table:
    table = Table(["Дата", "Учитель", "Кто посетил", "Что посещено", "Класс", "Предмет", "Тема", "Цель",
                   "Современные технологии", "ИКТ", "Дифференцированный подход", *(c.label for c in CRITERIA),
                   f"Сумма баллов (из {MAX_TOTAL})", "Уровень урока", "Выводы", "Рекомендации"])
    for v in visits.select_related("teacher", "observer", "school_class", "subject").order_by("date", "pk"):
        table.add(
            v.date, v.teacher.full_name, v.observer.full_name, v.get_kind_display(),
            v.school_class.name if v.school_class else "", v.subject.name if v.subject else "", v.topic,
            v.get_purpose_display(), _yes(v.modern_technologies), _yes(v.ict), _yes(v.differentiation),
            *(_count(v.scores.get(c.key)) for c in CRITERIA), Number(v.total), v.get_level_display(), v.conclusions,
            v.recommendations,
        )
    return table


def teachers_table(visits: QuerySet[LessonVisit]) -> Table:
    table = Table(["Учитель", "Посещений", "С современными технологиями", "С ИКТ", "С дифференцированным подходом",
                   f"Средний балл (из {MAX_TOTAL})", "Последнее посещение", "Последние рекомендации"])
    for r in teacher_rows(visits):
        table.add(r.teacher.full_name, Number(r.visits), Number(r.modern), Number(r.ict), Number(r.differentiation),
                  _figure(r.mean_score), r.last_visit, r.recommendations)
    return table


def journal_xlsx(visits: QuerySet[LessonVisit], year: int) -> bytes:
    """Two lists the user sorts and filters, a table each."""
    return to_xlsx_book([Sheet("Журнал", Document("", sections=[Section("", [journal_table(visits)])]), is_list=True),
                         Sheet("По учителям", Document("", sections=[Section("", [teachers_table(visits)])]),
                               is_list=True)],
                        title=f"Журнал посещения уроков, {year_label(year)} учебный год")


def _count(value: int | None) -> Number | None:
    return None if value is None else Number(value)


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
