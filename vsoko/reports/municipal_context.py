"""«Результаты в социальном контексте» of the municipal analytic report: the tables of the page «Результаты в
социальном контексте» of a municipality (`/assessments/context/?municipality=<code>`), from the same function
(vsoko.analysis.context.municipal_context, no second computation) and with the same suppression as the municipal
observer sees there (Privacy on: a group below VSOKO_MIN_GROUP_SIZE, a share telling of fewer, and a
municipality's figure a lone withheld school's group could be subtracted from), then conclusions told from the
shown figures: the largest gap as the page marks it, the categories below all the municipality's students.

The schools × categories table is split by meaning (`CATEGORY_GROUPS`: family, learning and hardship, prevention
registers), each table with the school's name, pupils and quality first: one table of all eleven categories was 25
columns, printed at half size on a landscape page (Excel fit to one page across) and unreadable in Word; a group's
table is at most 11 columns.
"""

from __future__ import annotations

from fractions import Fraction

from vsoko.analysis.access import Privacy
from vsoko.analysis.context import MunicipalContext, Row, municipal_context
from vsoko.indicators.enums import Unit
from vsoko.indicators.evaluate import Value
from vsoko.indicators.formatting import DECIMALS, rounded
from vsoko.records.enums import SocialCategory as C
from vsoko.records.models import OrgUnit
from vsoko.reports.cells import change_cell, value_cell, year_label
from vsoko.reports.document import (
    HIDDEN,
    Cell,
    Heading,
    Number,
    Paragraph,
    Section,
    Table,
    cell_text,
)

HEADING = "Результаты в социальном контексте"
VERSUS = "С муниципалитетом"
SCHOOLS_HEADING = "Качество знаний по школам"
# The categories' groups, each a table of the schools (3 columns and 2 a category: at most 11); every category in one.
CATEGORY_GROUPS: tuple[tuple[str, tuple[C, ...]], ...] = (
    ("семья", (C.ORPHAN, C.LOW_INCOME, C.SINGLE_PARENT, C.LARGE_FAMILY)),
    ("обучение и трудная жизненная ситуация", (C.ZPR, C.ADAPTATION, C.HARDSHIP)),
    ("профилактический учёт и группа риска", (C.PDN, C.KDN, C.IN_SCHOOL, C.SPT_RISK)),
)


def context_section(section: Section, municipality: OrgUnit, year: int) -> MunicipalContext:
    """The municipality's students of each social category beside all its students; each school's quality of
    knowledge in each category beside the school's own; conclusions."""
    privacy = Privacy(on=True)  # the report leaves the system: made for a reader who sees no pupils
    content = municipal_context(municipality, year, privacy)
    section.blocks.append(Paragraph(
        "Итоги года обучающихся каждой социальной категории во всех школах муниципалитета рядом с итогами всех "
        "обучающихся и качество знаний каждой категории в каждой школе рядом с качеством знаний всей школы — "
        "контекстная интерпретация результатов и адресная помощь (Положение о ВСОКО, раздел VI). Те же числа, что "
        "на странице «Результаты в социальном контексте» муниципалитета: суммы по школам (доля от суммы, не среднее "
        "долей школ); обучающийся двух категорий учтён в обеих."))
    if not content.table.rows:
        section.blocks.append(Paragraph(
            f"За {year_label(year)} учебный год ни в одной школе муниципалитета нет обучающихся с действующим "
            "социальным статусом: загрузите лист «Социальный статус» пакета данных школ."))
        return content
    hidden_note = (f"{HIDDEN.text} — группа меньше {privacy.minimum} человек или доля, по которой можно узнать о "
                   f"меньше чем {privacy.minimum} обучающихся (в том числе вычитанием из значения муниципалитета "
                   "значений других школ): не показывается.")
    overall = municipality_table(content)
    overall.notes += ["Качество знаний и успеваемость — как показатели «Качество знаний» и «Успеваемость» (2–11 "
                      f"классы). «{VERSUS}» — разница с той же долей всех обучающихся муниципалитета в процентных "
                      "пунктах; «за год» — с прошлым учебным годом. Результаты процедур — основные результаты ВПР, "
                      "ОГЭ, ЕГЭ и других работ года.", hidden_note]
    by_school = schools_tables(content)
    by_school[0][1].notes += ["В паре столбцов категории — качество знаний её обучающихся в школе и разница с "
                              "качеством знаний всей этой школы в процентных пунктах; «—» — в школе нет обучающихся "
                              "категории с годовыми отметками.", hidden_note]
    section.blocks += [Heading(f"{municipality.name}: все школы"), overall]
    for group, table in by_school:
        section.blocks += [Heading(f"{SCHOOLS_HEADING}: {group}"), table]
    section.blocks += [Heading("Выводы"), *(Paragraph(text) for text in conclusions(content))]
    return content


def percent(value: Fraction | None) -> Cell:
    return value_cell(Value(value), Unit.PERCENT)


def points(change: Fraction | None) -> Cell:
    return change_cell(change, Unit.PERCENT)


def count(value: Fraction | None) -> Cell:
    return Number.of(value or 0, 0)


def municipality_table(content: MunicipalContext) -> Table:
    """The page's table of the municipality: all its students, then each category with students."""
    table = Table(["Категория", "Обучающихся на конец года", "Качество знаний", VERSUS, "Успеваемость", VERSUS,
                   "Результатов процедур", "Отметок «2»", "Преодолели порог", "Качество: за год"])
    whole = content.table.school_row
    now = whole.figures
    table.add(whole.label, count(now["students"]), percent(now["quality"]), "—", percent(now["success"]), "—",
              count(now["results"]), percent(now["twos"]), percent(now["passed"]), points(whole.changes["quality"]))
    for row in content.table.rows:
        table.add(row.label, *category_cells(row))
    return table


def category_cells(row: Row) -> list[Cell]:
    if row.hidden:
        return [HIDDEN] * 9
    now = row.figures

    def share(name: str) -> list[Cell]:
        if name in row.hidden_shares:
            return [HIDDEN, HIDDEN]
        return [percent(now[name]), points(row.versus_school[name])]

    def alone(name: str) -> Cell:
        return HIDDEN if name in row.hidden_shares else percent(now[name])

    change = HIDDEN if "quality" in row.hidden_shares else points(row.changes["quality"])
    return [count(now["students"]), *share("quality"), *share("success"), count(now["results"]), alone("twos"),
            alone("passed"), change]


def schools_tables(content: MunicipalContext) -> list[tuple[str, Table]]:
    """Each school's quality of knowledge in each category and the difference from the school's own: a table for
    each group of CATEGORY_GROUPS with categories in the municipality that year, (the group's name, the table)."""
    position = {category: i for i, category in enumerate(content.categories)}
    out = []
    for group, categories in CATEGORY_GROUPS:
        shown = [c for c in categories if c in position]
        if shown:
            out.append((group, schools_table(content, shown, position)))
    return out


def schools_table(content: MunicipalContext, categories: list[C], position: dict[C, int]) -> Table:
    headers = ["Школа", "Обучающихся на конец года", "Качество знаний школы"]
    for category in categories:
        headers += [f"{category.label}: качество знаний", f"{category.label}: со школой"]
    table = Table(headers)
    for line in content.schools:
        cells: list[Cell] = []
        for category in categories:
            cell = line.cells[position[category]]
            if cell.hidden:
                cells += [HIDDEN, HIDDEN]
            elif cell.quality is None:
                cells += ["—", "—"]
            else:
                cells += [percent(cell.quality), points(cell.gap)]
        table.add(line.school.name, Number.of(line.students, 0), percent(line.quality), *cells)
    return table


def shown_below(change: Fraction | None) -> bool:
    """A difference below zero as it is shown (rounded to 0,1 п. п.): «без изменений» is not below."""
    return change is not None and rounded(change, DECIMALS[Unit.PERCENT]) < 0


def conclusions(content: MunicipalContext) -> list[str]:
    """Sentences told from the shown figures only: nothing withheld in the tables is named here."""
    sentences = []
    gap = content.largest_gap
    if gap is None:
        sentences.append("Ни в одной школе качество знаний обучающихся социальной категории (среди показанных "
                         "значений) не ниже качества знаний всей школы.")
    else:
        # As the page marks it: every cell whose gap is shown alike the largest one.
        widest = [(line, category, cell) for line in content.schools
                  for category, cell in zip(content.categories, line.cells, strict=True)
                  if cell.shown_below is not None and cell.shown_below == gap[2].shown_below]
        sentences.append("Наибольший разрыв — " + "; ".join(
            f"{line.school.name}, категория «{category.label}»: качество знаний {cell_text(percent(cell.quality))} "
            f"при {cell_text(percent(line.quality))} по всей школе ({cell_text(points(cell.gap))})"
            for line, category, cell in widest) + ". С этого начинать адресную помощь.")
    whole = content.table.school_row.figures["quality"]
    shown = [row for row in content.table.rows if not row.hidden and "quality" not in row.hidden_shares
             and row.figures["quality"] is not None]
    below = [row for row in shown if shown_below(row.versus_school["quality"])]
    if below:
        sentences.append(
            f"По муниципалитету качество знаний ниже, чем у всех обучающихся ({cell_text(percent(whole))}): "
            + "; ".join(f"{row.label} — {cell_text(percent(row.figures['quality']))} "
                        f"({cell_text(points(row.versus_school['quality']))})" for row in below) + ".")
    elif shown:
        sentences.append("По муниципалитету ни одна показанная категория не ниже всех обучающихся по качеству "
                         f"знаний ({cell_text(percent(whole))}).")
    return sentences
