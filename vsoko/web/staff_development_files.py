"""The perspective plan of attestation and courses as files: an Excel book the deputy keeps working in and a
Word document to be approved (a table per school year: who is attested, who takes courses).

The book is written with the application's formula-safe xlsxwriter book (vsoko.publication.spreadsheet):
a name or a course title is always text. The document is a vsoko.reports Document written by the reports'
DOCX writer, so it looks like every other report of the school.
"""

from __future__ import annotations

import io

from vsoko.publication.spreadsheet import list_sheet, list_styles, workbook
from vsoko.records.models import OrgUnit
from vsoko.reports.document import Document, Heading, Paragraph, Table
from vsoko.reports.writers import to_docx
from vsoko.web.school_year import year_label
from vsoko.web.staff_development import DevelopmentRow, PlanAction, plan_years

# (header, width in characters)
PLAN_COLUMNS = [
    ("Педагог", 32), ("Должность", 22), ("Предметы", 24), ("Категория", 14), ("Дата аттестации", 13),
    ("Категория действует до", 13), ("Дней до окончания", 11), ("Статус категории", 22),
    ("Аттестация в учебном году", 13), ("Последние курсы: дата", 13), ("Последние курсы: название", 40),
    ("Часов", 8), ("Курсы учебного года", 13), ("Следующие курсы до", 13), ("Следующие курсы в учебном году", 13),
    ("Статус курсов", 16),
]


def title(year: int) -> str:
    first, last = plan_years(year)[0], plan_years(year)[-1]
    return f"Перспективный план аттестации и повышения квалификации педагогических работников на {first}–{last + 1} годы"


def plan_xlsx(rows: list[DevelopmentRow], school: OrgUnit, year: int) -> bytes:
    """Sheet «План»: a row per teacher, the header frozen, dates as dates; sheet «По годам»: the plan's
    years as columns, «аттестация» and «курсы» in the cells."""
    buffer = io.BytesIO()
    book = workbook(buffer, in_memory=True)
    styles = list_styles(book)
    header, text = styles["header"], styles["text"]
    book.set_properties({"title": title(year), "company": school.name})

    cells = []
    for row in rows:
        course = row.last_course
        cells.append([
            row.staff.full_name or row.staff.staff_id, row.position, row.subject_names, row.category,
            row.category_date, row.category_expires, row.category_days_left, row.category_status.label,
            year_label(row.attestation_year) if row.attestation_year else "",
            course.date if course else None, course.title if course else "", course.hours if course else None,
            year_label(course.year_id) if course else "", row.next_course_date, year_label(row.next_course_year),
            row.course_status.label,
        ])
    list_sheet(book, "План", PLAN_COLUMNS, cells, styles)

    by_year = book.add_worksheet("По годам")
    years = plan_years(year)
    by_year.write_string(0, 0, "Педагог", header)
    by_year.set_column(0, 0, 32)
    for column, plan_year in enumerate(years, start=1):
        by_year.write_string(0, column, f"{year_label(plan_year)} уч. год", header)
        by_year.set_column(column, column, 20)
    for index, row in enumerate(rows, start=1):
        by_year.write_string(index, 0, row.staff.full_name or row.staff.staff_id, text)
        for column, plan_year in enumerate(years, start=1):
            todo = ", ".join(action.label for action in row.plan.get(plan_year, []))
            if todo:
                by_year.write_string(index, column, todo, text)
            else:
                by_year.write_blank(index, column, None, text)
    by_year.freeze_panes(1, 1)
    book.close()
    return buffer.getvalue()


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
