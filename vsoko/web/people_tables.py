"""The lists of classes, of a class's pupils and of staff as Documents (vsoko.reports.document) for «Скачать в Excel»
(vsoko.web.downloads): the same rows and columns as the pages, numbers as numbers."""

from __future__ import annotations

from vsoko.records.models import Enrollment, OrgUnit, SchoolClass, StaffYear
from vsoko.reports.document import Document, Number, Table
from vsoko.web.school_year import year_label


def _where(schools: list[OrgUnit]) -> str:
    return ", ".join(sorted({s.name for s in schools}))


def class_list_document(rows: list[tuple[SchoolClass, str, int]], year: int, *, several_schools: bool) -> Document:
    """`rows`: (class, its class teacher's name, pupils at the year's end), as the page shows them."""
    document = Document(f"Классы, {year_label(year)} учебный год", [_where([c.school for c, _, _ in rows])])
    table = Table(["Класс", *(["Школа"] if several_schools else []), "Классный руководитель",
                   "Обучающихся на конец года"])
    for school_class, teacher, pupils in rows:
        table.add(school_class.name, *([school_class.school.name] if several_schools else []),
                  teacher or "не указан", Number(pupils))
    document.section("Классы").blocks.append(table)
    return document


def staff_list_document(rows: list[StaffYear], year: int, query: str) -> Document:
    """Every worker the search found (all pages of the list); `rows` with staff and school selected and subjects
    prefetched, as on the page."""
    lines = [_where([row.school for row in rows])] if rows else []
    if query:
        lines.append(f"Поиск: «{query}»")
    document = Document(f"Работники, {year_label(year)} учебный год", lines)
    table = Table(["Работник", "Должность", "Педагог", "Предметы", "Категория", "Образование"])
    for row in rows:
        table.add(row.staff.full_name or row.staff.staff_id, row.position or "—", "да" if row.pedagogical else "нет",
                  ", ".join(s.name for s in row.subjects.all()) or "—", row.get_category_display() or "—",
                  row.get_education_display() or "—")
    document.section("Работники").blocks.append(table)
    return document


def enrollment_status(enrollment: Enrollment, on_roll: bool) -> str:
    """As web/partials/enrollment_status.html says it."""
    if on_roll:
        return "обучается"
    left = f" {enrollment.left_on:%d.%m.%Y}" if enrollment.left_on else ""
    return f"выбыл(а){left}"


def student_list_document(rows: list[tuple[Enrollment, bool]], year: int, *, school_class: SchoolClass | None,
                          query: str) -> Document:
    """Every pupil the page's search and class filter found (all its pages of 50), with the page's columns; `rows`
    (enrollment with student, class and school selected, on the roll at the year's end) in the page's order."""
    lines = [_where([e.school for e, _ in rows])] if rows else []
    if school_class is not None:
        lines.append(f"Класс: {school_class.name}")
    if query:
        lines.append(f"Поиск: «{query}»")
    document = Document(f"Обучающиеся, {year_label(year)} учебный год", lines)
    table = Table(["Обучающийся", "Код", "Класс", "Дата рождения", "Состояние"])
    for enrollment, on_roll in rows:
        student = enrollment.student
        table.add(student.full_name or student.student_id, student.student_id, enrollment.school_class.name,
                  f"{student.birth_date:%d.%m.%Y}" if student.birth_date else "—",
                  enrollment_status(enrollment, on_roll))
    document.section("Обучающиеся").blocks.append(table)
    return document


def class_document(school_class: SchoolClass, rows: list[tuple[Enrollment, bool]], class_teacher: str) -> Document:
    """A class's page: its pupils of the year with their state and the year's outcome; `rows` (enrollment, on the
    roll at the year's end) as the page lists them."""
    document = Document(f"Класс {school_class.name}, {year_label(school_class.year_id)} учебный год",
                        [school_class.school.name, f"Классный руководитель: {class_teacher or 'не указан'}"])
    table = Table(["№", "Обучающийся", "Код", "Дата рождения", "Состояние", "Итог года"])
    for number, (enrollment, on_roll) in enumerate(rows, start=1):
        student = enrollment.student
        table.add(Number(number), student.full_name or student.student_id, student.student_id,
                  f"{student.birth_date:%d.%m.%Y}" if student.birth_date else "—",
                  enrollment_status(enrollment, on_roll), enrollment.get_outcome_display() or "—")
    document.section("Обучающиеся").blocks.append(table)
    return document
