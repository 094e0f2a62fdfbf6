"""The journal of a school year as an Excel book (the application's formula-safe xlsxwriter book,
vsoko.publication.spreadsheet: a typed recommendation is always text). Sheet «Журнал»: a row per visit;
sheet «По учителям»: the summary per teacher. No pupil is named: the texts are about the teacher's lesson."""

from __future__ import annotations

import io

from django.db.models import QuerySet

from vsoko.observations.criteria import CRITERIA, MAX_TOTAL
from vsoko.observations.models import LessonVisit
from vsoko.observations.summary import teacher_rows
from vsoko.publication.spreadsheet import list_sheet, list_styles, workbook
from vsoko.records.models import OrgUnit
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
