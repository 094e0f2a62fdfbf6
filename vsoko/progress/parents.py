"""«Справка для родительского собрания»: one class's results of a period on one printed page, for the class
teacher to read out and hand round at the parents' meeting (004, разд. VII: informing parents of the results of
intermediate attestation).

Every parent in the room reads it, so it names no pupil and lets nobody work one out: its figures are the class's
exactly as the municipal observer sees them on the class's page (vsoko.progress.page with `Privacy` on) — a count
of 1…minimum−1 pupils, and every figure that gives such a count back, is «—*», and a class smaller than the
minimum gets no figures at all. There are no lists of pupils and no mark counts of the subjects (a lone «2» would
point at a child); a parent learns their own child's marks from that child's «Лист результатов».
"""

from __future__ import annotations

from fractions import Fraction

from vsoko.accounts import permissions
from vsoko.analysis.access import Privacy
from vsoko.progress import withheld as cells
from vsoko.progress.access import Scope
from vsoko.progress.document import mark_cell, percent_cell
from vsoko.progress.figures import Figures
from vsoko.progress.page import Change, ClassRow, period_page
from vsoko.records.enums import Period
from vsoko.records.models import SchoolClass
from vsoko.reports.cells import year_label
from vsoko.reports.document import HIDDEN, Document, Number, Paragraph, Table

# The class's figures in the order read out: (label, attribute of Figures, the withheld cell that hides it).
FIGURES = (("Успеваемость", "success", "success"), ("Качество знаний", "quality", "quality"),
           ("Степень обученности (СОУ)", "sou", None))
# The groups of pupils told as counts: (label, name of vsoko.progress.withheld.COUNTS).
GROUPS = (("Отличники (все «5»)", "excellent"), ("Хорошисты (на «4» и «5»)", "good"),
          ("С одной «3»", "one_three"), ("Неуспевающие («2» или «н/а»)", "unsuccessful"))


def may_print(user, school_class: SchoolClass) -> bool:
    """Who holds the class's parents' meeting: its class teacher, and the school's administration."""
    school = school_class.school
    if permissions.can_make_reports(user, school):
        return True
    return permissions.classes_led_by(user, school_class.year_id).filter(pk=school_class.pk).exists()


def file_name(school_class: SchoolClass, period: Period | None) -> str:
    what = "года" if period in (Period.YEAR, None) else period.label
    return f"Родительское собрание {school_class.name} итоги {what} {year_label(school_class.year_id).replace('/', '-')}"


def parents_document(school_class: SchoolClass, period: Period | None, periods: list[Period]) -> Document:
    """Four GROUP BY queries of the page plus the school-wide ones the observer's withholding needs. `period`
    None: the year has no period marks yet (the class page's link is there all the same) — the справка says so."""
    if period is None:
        doc = Document(f"Справка для родительского собрания {school_class.name} класса",
                       [school_class.school.name, f"{year_label(school_class.year_id)} учебный год"])
        doc.section("Итоги класса").blocks.append(Paragraph(
            "Отметки за периоды этого учебного года в школу ещё не загружены: справку можно получить после их "
            "загрузки (лист «Отметки за периоды» пакета данных)."))
        return doc
    privacy = Privacy(on=True)
    page = period_page(school_class.school, school_class.year_id, period, periods,
                       Scope({school_class.pk}, False, privacy))
    when = (f"итоги {page.year_label} учебного года" if period == Period.YEAR
            else f"итоги периода «{period.label}», {page.year_label} учебный год")
    doc = Document(f"Справка для родительского собрания {school_class.name} класса",
                   [school_class.school.name, when[0].upper() + when[1:]])
    row = page.rows[0] if page.rows else None
    if row is None:
        doc.section("Итоги класса").blocks.append(
            Paragraph(f"У обучающихся {school_class.name} класса нет отметок за этот период."))
        return doc
    if row.hidden or privacy.too_small(row.figures.listed):
        doc.section("Итоги класса").blocks.append(Paragraph(
            f"В классе меньше {privacy.minimum} обучающихся с отметками: итоги класса не приводятся, чтобы по ним "
            "нельзя было узнать отметки отдельного ребёнка."))
        return doc
    section = doc.section("Итоги класса")
    f = row.figures
    section.blocks.append(Paragraph(f"По списку — {f.listed}, аттестованы — {f.attested}."))
    section.blocks.append(_figures_table(row, page.previous_period, privacy.minimum))
    section.blocks.append(Paragraph("Сколько обучающихся учатся на «отлично», на «4» и «5», с одной «3» и не успевают:"))
    groups = Table(["Обучающихся", "Число"])
    for label, name in GROUPS:
        groups.add(label, HIDDEN if name in row.withheld else Number(cells.COUNTS[name](f)))
    section.blocks.append(groups)
    subjects = Table(["Предмет", "Успеваемость, %", "Качество, %", "СОУ, %", "Средний балл"])
    for s in page.subjects:
        subjects.add(s.name, *[HIDDEN if name in s.withheld else cell(getattr(s, name)) for name, cell in (
            ("success", percent_cell), ("quality", percent_cell), ("sou", percent_cell), ("average", mark_cell))])
    doc.section("По предметам").blocks.append(subjects)
    doc.section("Пояснения").blocks += [
        Paragraph("Успеваемость — доля отметок «5», «4», «3» и «зачет»; качество знаний — доля «5» и «4»; СОУ "
                  "(степень обученности) — средняя доля освоения: «5» — 100 %, «4» — 64 %, «3» — 36 %, «2» — 16 %."),
        Paragraph(f"«—*» — не указано: группа меньше {privacy.minimum} обучающихся или число, по которому её можно "
                  "вычислить. В справке нет фамилий: отметки своего ребёнка — в его листе результатов у классного "
                  "руководителя."),
    ]
    return doc


def _figures_table(row: ClassRow, previous_period: Period | None, minimum: int) -> Table:
    """The class's shares and mark now and, when the period before has marks, then with the change; a share of
    the period before withheld as it would be then (a small group then is as telling as one now)."""
    before = row.previous if previous_period is not None else None
    before_withheld = _withheld(before, minimum) if before is not None else set()
    header = ["Показатель", "Сейчас"] + ([previous_period.label, "Изменение"] if before is not None else [])
    table = Table(header)
    for label, attribute, cell in FIGURES:
        now = getattr(row.figures, attribute)
        shown_now = cell not in row.withheld
        cells_ = [label, percent_cell(now, " %") if shown_now else HIDDEN]
        if before is not None:
            then = getattr(before, attribute)
            shown_then = cell not in before_withheld
            change = Change(now, then)
            cells_ += [percent_cell(then, " %") if shown_then else HIDDEN,
                       f"{change.arrow} {change.signed}".strip() if shown_now and shown_then else HIDDEN]
        table.add(*cells_)
    average = ["Средний балл", mark_cell(row.figures.average)]
    if before is not None:
        average += [mark_cell(before.average), _mark_change(row.figures.average, before.average)]
    table.add(*average)
    return table


def _withheld(figures: Figures, minimum: int) -> set[str]:
    return cells.class_cells({"class": figures}, minimum)["class"]


def _mark_change(now: Fraction | None, before: Fraction | None) -> str:
    if now is None or before is None:
        return "—"
    delta = now - before
    if Number.of(abs(delta), 2).text == "0,00":
        return "без изменений"
    return Number.of(delta, 2, signed=True).text
