"""«Листы результатов»: one page per pupil of a class with their marks and their assessment results of the
year, for the class teacher to hand to the pupil and the parents (004, разд. VII: informing pupils and
parents of the results of current control, intermediate attestation and the ГИА).

Each sheet names one pupil and nobody else: no class figures, no classmates. Only users who may print
a class's personal data get it (`may_print`), and every download is audit-logged (vsoko.progress.views).
Pupils are those enrolled in the class that year (one enrollment per pupil and year), in the order of
the class list; a pupil who left is marked so. The marks and the results are two reads for the whole
class; Python only lays the already chosen rows out per pupil.
"""

from __future__ import annotations

from collections import defaultdict

from vsoko.accounts import permissions
from vsoko.indicators.formatting import number
from vsoko.records.enums import Attempt, Mark, Period
from vsoko.records.models import Enrollment, PeriodMark, Result, SchoolClass
from vsoko.reports.cells import year_label
from vsoko.reports.document import Document, Paragraph, Table

PERIOD_ORDER = list(Period)


def may_print(user, school_class: SchoolClass) -> bool:
    """The school's administration, or the class teacher of this class: all subjects of each pupil are on the
    sheet, which is more than a subject teacher sees."""
    school = school_class.school
    if not permissions.can_see_personal_data(user, school):
        return False
    if permissions.can_make_reports(user, school):
        return True
    return permissions.classes_led_by(user, school_class.year_id).filter(pk=school_class.pk).exists()


def pupil_sheets(school_class: SchoolClass) -> Document:
    year = school_class.year_id
    enrollments = list(
        Enrollment.objects.filter(school_class=school_class, year_id=year).select_related("student")
        .order_by("student__last_name", "student__first_name", "student__middle_name", "student__student_id")
    )
    student_ids = [e.student_id for e in enrollments]
    marks = PeriodMark.objects.filter(year_id=year, student_id__in=student_ids).values_list(
        "student_id", "subject__name", "period", "mark")
    results = (
        Result.objects.filter(assessment__year_id=year, student_id__in=student_ids)
        .select_related("assessment", "assessment__subject")
        .order_by("assessment__date", "assessment__kind", "assessment__subject__name", "attempt")
    )
    marks_of: dict[int, dict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    for student_id, subject, period, mark in marks:
        marks_of[student_id][subject][period] = Mark(mark).label
    results_of: dict[int, list[Result]] = defaultdict(list)
    for result in results:
        results_of[result.student_id].append(result)

    document = Document(f"Листы результатов обучающихся {school_class.name} класса",
                        [school_class.school.name, f"{year_label(year)} учебный год"])
    for enrollment in enrollments:
        student = enrollment.student
        name = " ".join(part for part in (student.last_name, student.first_name, student.middle_name) if part)
        section = document.section(name or f"Обучающийся {student.student_id}")
        section.new_page = len(document.sections) > 1
        intro = f"Класс {school_class.name}, {year_label(year)} учебный год."
        if enrollment.left_on:
            intro += f" Выбыл(а) {enrollment.left_on:%d.%m.%Y}."
        section.blocks.append(Paragraph(intro))
        section.blocks.append(_marks_table(marks_of.get(student.pk, {})))
        section.blocks.append(_results_table(results_of.get(student.pk, [])))
    if not enrollments:
        document.section("Обучающихся нет").blocks.append(
            Paragraph(f"В {school_class.name} классе в {year_label(year)} учебном году нет зачисленных обучающихся."))
    return document


def _marks_table(by_subject: dict[str, dict[str, str]]) -> Table | Paragraph:
    if not by_subject:
        return Paragraph("Отметок за периоды нет.")
    periods = [p for p in PERIOD_ORDER if any(p.value in marks for marks in by_subject.values())]
    table = Table(["Предмет", *(p.label for p in periods)])
    for subject in sorted(by_subject, key=str.lower):
        table.add(subject, *(by_subject[subject].get(p.value, "") for p in periods))
    return table


def _results_table(results: list[Result]) -> Table | Paragraph:
    if not results:
        return Paragraph("Результатов оценочных процедур нет.")
    table = Table(["Процедура", "Дата", "Первичный балл", "Тестовый балл", "Отметка"])
    for result in results:
        assessment = result.assessment
        title = assessment.get_kind_display() + (f", {assessment.subject.name}" if assessment.subject else "")
        if result.attempt == Attempt.RETAKE:
            title += " (пересдача)"
        date = f"{assessment.date:%d.%m.%Y}" if assessment.date else ""
        if result.absent:
            table.add(title, date, "не участвовал(а)", "", "")
            continue
        primary = _score(result.primary_score)
        if primary and assessment.max_score:
            primary += f" из {assessment.max_score}"
        table.add(title, date, primary, _score(result.test_score), str(result.mark) if result.mark is not None else "")
    return table


def _score(value) -> str:
    return "" if value is None else number(value, 1)
