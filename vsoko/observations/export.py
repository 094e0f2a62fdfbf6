"""The journal of a school year as an Excel book (the application's formula-safe xlsxwriter book,
vsoko.publication.spreadsheet: a typed recommendation is always text). Sheet «Журнал»: a row per visit;
sheet «По учителям»: the summary per teacher. No pupil is named: the texts are about the teacher's lesson."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

from django.db.models import QuerySet

from vsoko.observations.criteria import CRITERIA, MAX_TOTAL
from vsoko.observations.models import LessonVisit
from vsoko.observations.summary import teacher_rows
from vsoko.publication.spreadsheet import workbook
from vsoko.records.models import OrgUnit
from vsoko.web.school_year import year_label

DATE = "dd.mm.yyyy"
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
    styles = {
        "header": book.add_format({"bold": True, "text_wrap": True, "valign": "top", "border": 1,
                                   "bg_color": "#EEEEEE"}),
        "text": book.add_format({"text_wrap": True, "valign": "top", "border": 1}),
        "date": book.add_format({"num_format": DATE, "valign": "top", "border": 1}),
        "number": book.add_format({"valign": "top", "border": 1}),
    }
    _sheet(book, "Журнал", journal_columns(), journal_rows(visits), styles)
    summary = [[r.teacher.full_name, r.visits, r.modern, r.ict, r.differentiation, r.mean_score, r.last_visit,
                r.recommendations] for r in teacher_rows(visits)]
    _sheet(book, "По учителям", [("Учитель", 28), ("Посещений", 10), ("С современными технологиями", 14),
                                 ("С ИКТ", 10), ("С дифференцированным подходом", 14),
                                 (f"Средний балл (из {MAX_TOTAL})", 10), ("Последнее посещение", 12),
                                 ("Последние рекомендации", 50)], summary, styles)
    book.close()
    return buffer.getvalue()


def _sheet(book, name: str, columns: list[tuple[str, int]], rows: list[list], styles: dict) -> None:
    sheet = book.add_worksheet(name)
    for column, (title, width) in enumerate(columns):
        sheet.write_string(0, column, title, styles["header"])
        sheet.set_column(column, column, width)
    for index, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if isinstance(value, datetime.date):
                sheet.write_datetime(index, column, datetime.datetime.combine(value, datetime.time()), styles["date"])
            elif isinstance(value, int | float | Decimal):
                sheet.write_number(index, column, float(value), styles["number"])
            elif value is None or value == "":
                sheet.write_blank(index, column, None, styles["text"])
            else:
                sheet.write_string(index, column, value, styles["text"])
    sheet.freeze_panes(1, 1)
    sheet.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
