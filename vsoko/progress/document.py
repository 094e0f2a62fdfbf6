"""«Справка об итогах <периода> <года>»: the page's tables and a few generated sentences as a report
Document (vsoko.reports), written to .docx by the reports' writers.

`build(school, year)` is the report kind «period-results» of the registry (`vsoko report`, «Отчёты»):
the whole school, the latest period with marks, no names. The page's download button builds the same
document for what the user sees, with the named lists when the user may see them (audited).
"""

from __future__ import annotations

from fractions import Fraction

from vsoko.analysis.access import Privacy
from vsoko.progress.access import Scope
from vsoko.progress.figures import MARK_FIELDS, SubjectResult, periods_with_marks
from vsoko.progress.lists import NamedList
from vsoko.progress.page import PeriodPage, period_page
from vsoko.progress.teachers import TeacherTable
from vsoko.progress.withheld import COUNTS, value
from vsoko.records.enums import Mark, Period
from vsoko.records.models import OrgUnit
from vsoko.reports.cells import year_label
from vsoko.reports.document import HIDDEN, Document, Heading, Number, Paragraph, Table

CLASS_HEADER = ["Класс", "По списку", "Аттестовано", "Успеваемость, %", "Качество, %", "СОУ, %", "Средний балл",
                "Отличники", "Хорошисты", "в т. ч. с одной «4»", "С одной «3»", "Неуспевающие", "в т. ч. н/а"]
CLASS_TABLES_UP_TO = 3
# Mark columns of the subject tables: (key of MARK_FIELDS, header); a column shows only if it has marks.
MARK_COLUMNS = [(key, f"«{Mark(mark).label}»") for key, mark in MARK_FIELDS.items()]


class PeriodMarksMissing(Exception):
    """No period marks in the year: the message says so and where they come from."""


def build(school: OrgUnit, year: int) -> Document:
    periods = periods_with_marks(school, year)
    if not periods:
        raise PeriodMarksMissing(f"За {year_label(year)} учебный год в школе «{school.name}» нет отметок за "
                                 "периоды: загрузите лист «Отметки за периоды» пакета данных.")
    page = period_page(school, year, periods[-1], periods, Scope(None, False, Privacy(on=False)))
    return document(page, None)


def percent_cell(value: Fraction | None, suffix: str = ""):
    return Number.of(value, 1, suffix) if value is not None else "—"


def mark_cell(value: Fraction | None):
    return Number.of(value, 2) if value is not None else "—"


def figure_cells(f, withheld: set[str]) -> list:
    """A class's or the total's figures; for the observer, the cells of vsoko.progress.withheld withheld."""
    def count(name: str):
        return HIDDEN if name in withheld else Number(value(f, name, withheld, HIDDEN))

    def share(name: str):
        return HIDDEN if name in withheld else percent_cell(getattr(f, name))

    return [Number(f.listed), Number(f.attested), share("success"), share("quality"), percent_cell(f.sou),
            mark_cell(f.average), *(count(name) for name in COUNTS)]


def mark_columns(subjects: list[SubjectResult]) -> list[tuple[str, str]]:
    return [(key, header) for key, header in MARK_COLUMNS if any(s.marks[key] for s in subjects)]


def subject_table(subjects: list[SubjectResult], last_year: str = "") -> Table:
    """`last_year`: the header of качество a year before («1 четверть 2023/2024»), the school's page (page.py)."""
    columns = mark_columns(subjects)
    table = Table(["Предмет", *[h for _, h in columns], "Успеваемость, %", "Качество, %", "СОУ, %",
                   "Средний балл", *([f"Качество, {last_year}", "Изменение"] if last_year else [])])
    for s in subjects:
        change = s.last_year
        before = [percent_cell(change.before, " %"), f"{change.arrow} {change.signed}".strip()] if last_year else []
        table.add(s.name, *[HIDDEN if k in s.withheld else Number(s.marks[k]) for k, _ in columns],
                  *[HIDDEN if name in s.withheld else cell(getattr(s, name)) for name, cell in (
                      ("success", percent_cell), ("quality", percent_cell), ("sou", percent_cell),
                      ("average", mark_cell))], *before)
    return table


def document(page: PeriodPage, lists: list[NamedList] | None, teachers: TeacherTable | None = None) -> Document:
    title = (f"Справка об итогах {page.year_label} учебного года" if page.period == Period.YEAR
             else f"Справка об итогах: {page.period.label}, {page.year_label} учебный год")
    lines = [page.school.name]
    if not page.scope.whole_school:
        lines.append("По классам: " + ", ".join(r.result.name for r in page.rows))
    doc = Document(title, lines)
    if own := page.own_subjects:
        columns = mark_columns([subject for _, subject in own])
        table = Table(["Класс", "Предмет", *[h for _, h in columns], "Успеваемость, %", "Качество, %", "СОУ, %",
                       "Средний балл"], notes=["Таблица «Общие итоги» ниже считает все предметы класса."])
        for class_name, s in own:
            table.add(class_name, s.name, *[Number(s.marks[k]) for k, _ in columns], percent_cell(s.success),
                      percent_cell(s.quality), percent_cell(s.sou), mark_cell(s.average))
        doc.section("Ваши предметы по классам").blocks.append(table)
    if teachers is not None:
        doc.section(TEACHERS_HEADING).blocks += teacher_blocks(teachers)
    summary = doc.section("Общие итоги")
    summary.blocks += [Paragraph(text) for text in page.summary()]
    classes = Table(CLASS_HEADER, notes=[
        "Считаются обучающиеся 2–11 классов, зачисленные в класс в этом учебном году и имеющие отметки за "
        "период (за год — контингент на конец года, как в годовых показателях). Аттестованы — с отметкой, "
        "кроме «осв». Хорошисты — на «4» и «5» с хотя бы одной «4». Неуспевающие — «2», «1», «незачет» или "
        "«н/а». СОУ: 5 → 100 %, 4 → 64 %, 3 → 36 %, 2 → 16 %, 1 и «н/а» → 7 %."])
    for row in page.rows:
        if row.hidden:
            classes.add(row.result.name, *[HIDDEN] * (len(CLASS_HEADER) - 1))
        else:
            classes.add(row.result.name, *figure_cells(row.figures, row.withheld))
    if page.total_hidden:
        classes.add(page.total_label, *[HIDDEN] * (len(CLASS_HEADER) - 1), heading=True)
    else:
        classes.add(page.total_label, *figure_cells(page.total, page.total_withheld), heading=True)
    if page.scope.privacy.on:
        classes.notes.append("—* — скрыто: группа меньше минимального размера.")
    summary.blocks.append(classes)
    if page.previous_total is not None or page.last_year_total is not None:
        summary.blocks.append(Heading("Сравнение"))
        header = ["Показатель", page.period.label]
        if page.previous_total is not None:
            header += [page.previous_period.label, "Изменение"]
        if page.last_year_total is not None:
            header += [f"{page.period.label} {page.last_year_label}", "Изменение"]
        table = Table(header)
        for row in page.comparison:
            # Shares, under a header of periods that names no unit (the class table's says «, %»): with « %».
            cells = [row.label, percent_cell(row.now, " %")]
            for change in (row.previous, row.last_year):
                if change is not None:
                    cells += [percent_cell(change.before, " %"), f"{change.arrow} {change.signed}".strip()]
            table.add(*cells)
        summary.blocks.append(table)
    section = doc.section("По предметам")
    section.blocks.append(subject_table(
        page.subjects, f"{page.period.label} {page.last_year_label}" if page.subjects_compared else ""))
    # A class's subjects only for a few classes (a class teacher's справка): for the whole school they are
    # on the class pages — Word takes seconds to lay out thirty more tables, and nobody reads them all.
    # One class: the table above is that class's already.
    if 1 < len(page.rows) <= CLASS_TABLES_UP_TO:
        for row in page.rows:
            subjects = page.subjects_by_class.get(row.result.class_id, [])
            if row.hidden or not subjects:
                continue
            section.blocks += [Heading(f"Класс {row.result.name}"), subject_table(subjects)]
    _named_lists(doc, lists)
    return doc


def class_document(page: PeriodPage, lists: list[NamedList] | None) -> Document:
    """A class's page (`page` of one class, its row shown): the class's figures, its subjects and its named lists —
    what /progress/classes/<id>/ shows, for «Скачать в Excel»."""
    row = page.rows[0]
    name = row.result.name
    title = (f"Итоги класса {name}: {page.year_label} учебный год" if page.period == Period.YEAR
             else f"Итоги класса {name}: {page.period.label}, {page.year_label} учебный год")
    doc = Document(title, [page.school.name])
    figures = Table(CLASS_HEADER)
    figures.add(name, *figure_cells(row.figures, row.withheld))
    if row.withheld:
        figures.notes.append("—* — скрыто: группа меньше минимального размера.")
    doc.section("Итоги класса").blocks.append(figures)
    doc.section("По предметам").blocks.append(subject_table(page.subjects))
    _named_lists(doc, lists)
    return doc


TEACHERS_HEADING = "По учителям МО"


def teacher_blocks(teachers: TeacherTable) -> list:
    """«По учителям МО» (vsoko.progress.teachers): a line per teacher of the load, or why there is none."""
    if not teachers.load_entered:
        return [Paragraph("Распределение нагрузки этого года не введено (раздел «Нагрузка»): по нему видно, какие "
                          "классы ведёт каждый учитель МО.")]
    results = [line.result for line in teachers.lines]
    columns = mark_columns(results)
    table = Table(["Учитель", "Классы", *[h for _, h in columns], "Успеваемость, %", "Качество, %", "СОУ, %",
                   "Средний балл"], notes=["Отметки по предметам МО в классах учителя по распределению нагрузки."])
    for line in teachers.lines:
        s = line.result
        table.add(line.name + (" *" if line.shared else ""), line.classes, *[Number(s.marks[k]) for k, _ in columns],
                  percent_cell(s.success), percent_cell(s.quality), percent_cell(s.sou), mark_cell(s.average))
    if teachers.shared:
        table.notes.append("* — предмет класса ведут два учителя (группы): отметки класса считаются у каждого.")
    if teachers.without_teacher:
        table.notes.append("Без учителя в нагрузке: " + ", ".join(teachers.without_teacher) + ".")
    return [table]


def _named_lists(doc: Document, lists: list[NamedList] | None) -> None:
    if lists is None:
        return
    named = doc.section("Списки обучающихся")
    for item in lists:
        named.blocks.append(Heading(f"{item.title}: {len(item.pupils)}"))
        if item.pupils:
            table = Table(["Класс", "Обучающийся", "Предметы"])
            for p in item.pupils:
                table.add(p.class_name, p.name, p.subjects)
            named.blocks.append(table)
