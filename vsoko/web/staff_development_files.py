"""The perspective plan of attestation and courses as files: an Excel book the deputy keeps working in and a
Word document to be approved (a table per school year: who is attested, who takes courses).

Both are vsoko.reports Documents: the book written by the reports' XLSX writer (formula-safe: a name or a course
title is always text), the document by its DOCX writer, so it looks like every other report of the school.
"""

from __future__ import annotations

from vsoko.records.models import OrgUnit
from vsoko.reports.document import Document, Heading, Number, Paragraph, Section, Table
from vsoko.reports.writers import Sheet, to_docx, to_xlsx_book
from vsoko.web.school_year import year_label
from vsoko.web.staff_development import DevelopmentRow, PlanAction, plan_years

PLAN_HEADER = [
    "Педагог", "Должность", "Предметы", "Категория", "Дата аттестации", "Категория действует до", "Дней до окончания",
    "Статус категории", "Аттестация в учебном году", "Последние курсы: дата", "Последние курсы: название", "Часов",
    "Курсы учебного года", "Следующие курсы до", "Следующие курсы в учебном году", "Статус курсов",
]


def title(year: int) -> str:
    first, last = plan_years(year)[0], plan_years(year)[-1]
    return f"Перспективный план аттестации и повышения квалификации педагогических работников на {first}–{last + 1} годы"


def plan_xlsx(rows: list[DevelopmentRow], school: OrgUnit, year: int) -> bytes:
    """Sheet «План»: a row per teacher, dates as dates; sheet «По годам»: the plan's years as columns, «аттестация»
    and «курсы» in the cells. Both lists the deputy keeps working in: a filter on the header, the header and the
    names frozen."""
    plan = Table(PLAN_HEADER)
    for row in rows:
        course = row.last_course
        plan.add(
            row.staff.full_name or row.staff.staff_id, row.position, row.subject_names, row.category,
            row.category_date, row.category_expires, _count(row.category_days_left), row.category_status.label,
            year_label(row.attestation_year) if row.attestation_year else "",
            course.date if course else None, course.title if course else "", _count(course.hours if course else None),
            year_label(course.year_id) if course else "", row.next_course_date, year_label(row.next_course_year),
            row.course_status.label,
        )
    years = plan_years(year)
    by_year = Table(["Педагог", *(f"{year_label(plan_year)} уч. год" for plan_year in years)])
    for row in rows:
        by_year.add(row.staff.full_name or row.staff.staff_id,
                    *(", ".join(action.label for action in row.plan.get(plan_year, [])) for plan_year in years))
    return to_xlsx_book([Sheet("План", _table_alone(plan), is_list=True),
                         Sheet("По годам", _table_alone(by_year), is_list=True)], title=title(year))


def _table_alone(table: Table) -> Document:
    return Document("", sections=[Section("", [table])])


def _count(value: int | None) -> Number | None:
    return None if value is None else Number(value)


YEAR_HEADER = ["№", "Педагог", "Должность, предметы", "Аттестация", "Курсы повышения квалификации"]


def plan_document(rows: list[DevelopmentRow], school: OrgUnit, year: int) -> Document:
    document = Document(title(year), [school.name, f"Составлен в {year_label(year)} учебном году."])
    section = document.section("План по учебным годам")
    for plan_year in plan_years(year):
        section.blocks.append(Heading(f"{year_label(plan_year)} учебный год"))
        listed = [row for row in rows if row.plan.get(plan_year)]
        if not listed:
            section.blocks.append(Paragraph("Аттестации и курсов по плану нет."))
            continue
        table = Table(YEAR_HEADER)
        for number, row in enumerate(listed, start=1):
            todo = row.plan[plan_year]
            table.add(str(number), row.staff.full_name or row.staff.staff_id,
                      ", ".join(part for part in (row.position, row.subject_names) if part) or "—",
                      _attestation_note(row) if PlanAction.ATTESTATION in todo else "",
                      _course_note(row) if PlanAction.COURSES in todo else "")
        section.blocks.append(table)
    section.blocks.append(Paragraph(
        "Квалификационная категория устанавливается на 5 лет; курсы повышения квалификации — не реже одного раза "
        "в 3 года (положение о ВСОКО, п. 4.6). Педагоги без категории в план аттестации на категорию не "
        "включены: дата их аттестации на соответствие занимаемой должности в данных школы не указана."))
    return document


def plan_docx(rows: list[DevelopmentRow], school: OrgUnit, year: int) -> bytes:
    return to_docx(plan_document(rows, school, year))


def _attestation_note(row: DevelopmentRow) -> str:
    return f"{row.category}: действует до {row.category_expires:%d.%m.%Y}" if row.category_expires else row.category


def _course_note(row: DevelopmentRow) -> str:
    course = row.last_course
    if course is None:
        return "курсов не было"
    when = f"{course.date:%d.%m.%Y}" if course.date else f"{year_label(course.year_id)} уч. год"
    return f"последние: {when}, «{course.title}»" + (f", {course.hours} ч" if course.hours else "")
