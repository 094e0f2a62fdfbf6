"""Отчёт о результатах самообследования (Order of Минобрнауки 14.06.2013 № 462): the analytic part — the
sections of п. 6, each opening with what the school's data say (vsoko.reports.self_exam_analysis) and followed
by the school's own text (vsoko.reports.self_exam_text) — then the table of Appendix 2 to Order 1324 from the
catalog `order1324`.

The report is published on the school's website: nobody is named, figures about small groups are withheld — in
the analytic part («скрыто», vsoko.reports.self_exam_facts) and in the table (`withheld_rows`, «—*»), by the rule of
the public report (vsoko.reports.public.disclosive).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings

from vsoko.indicators.dashboard import Context, build_context
from vsoko.indicators.enums import Unit
from vsoko.indicators.evaluate import Value
from vsoko.indicators.models import Catalog, Indicator
from vsoko.indicators.values import CORE
from vsoko.publication.suppression import TOTAL, suppress_table
from vsoko.records.models import OrgUnit, StaffYear
from vsoko.reports.cells import catalog_missing, value_cell, year_label
from vsoko.reports.document import HIDDEN, Document, Paragraph, Table
from vsoko.reports.enums import SelfExamSection
from vsoko.reports.public import disclosive, footnote
from vsoko.reports.self_exam_analysis import CODES, SECTIONS
from vsoko.reports.self_exam_facts import WITHHELD, Facts, withheld_note
from vsoko.reports.self_exam_text import paragraphs, texts_of

CATALOG = "order1324"
TITLE = "Показатели деятельности общеобразовательной организации, подлежащей самообследованию"
ANALYTIC_PART = "Аналитическая часть"
SIGN_HERE = "________________"


def build(school: OrgUnit, year: int) -> Document:
    """Without the catalog `order1324` (a database made without `vsoko init`) the analytic part is still written
    from what the other catalogs give, and the table's place says what is missing."""
    catalog = Catalog.objects.filter(code=CATALOG).first()
    shown = list(catalog.indicators.filter(retired=False).order_by("position")) if catalog else []
    facts = Facts.gather(school, year, shown, CODES)
    label = year_label(year)
    document = Document(
        "Отчёт о результатах самообследования",
        [school.name, f"{label} учебный год",
         "Порядок проведения самообследования — приказ Минобрнауки России от 14.06.2013 № 462; показатели — "
         "приложение 2 к приказу Минобрнауки России от 10.12.2013 № 1324"],
    )
    signer = director(school, year)
    document.approval = ["УТВЕРЖДАЮ", f"Директор {school.name}", f"{SIGN_HERE} {signer}",
                         "«____» ______________ 20____ г."]
    document.signature = [f"Директор {school.name}   {SIGN_HERE} {signer}", "М. П."]
    document.numbered = True
    document.contents = True
    analytic = document.section(ANALYTIC_PART)
    analytic.new_page = True  # the first page is the title page
    analytic.blocks.append(Paragraph(
        f"Самообследование проведено за {label} учебный год. В каждом разделе сначала приведены сведения, "
        "вычисленные по данным внутренней системы оценки качества образования школы, затем — оценка, "
        f"сделанная школой. Отчёт публикуется на сайте школы: значения о группах меньше {facts.minimum} человек "
        f"не приводятся («{WITHHELD}»), фамилии обучающихся не называются."))
    about = {CORE: "базовые показатели", CATALOG: "показатели самообследования"}
    for code in about:  # the sections' facts come from these catalogs: without one a section says «нет данных»
        if not Catalog.objects.filter(code=code).exists():
            analytic.blocks.append(Paragraph(catalog_missing(
                code, about[code], "Сведения по данным школы из этого каталога")))
    texts = texts_of(school, year)
    for part in SelfExamSection:
        section = document.section(part.heading)
        spec = SECTIONS[part]
        facts.withheld = False
        said = spec.build(section, facts) if spec.build else False
        if facts.withheld:
            section.blocks.append(Paragraph(withheld_note(facts.minimum)))
        written = paragraphs(texts[part].text) if part in texts else []
        section.blocks += [Paragraph(text) for text in written]
        if not said and not written:
            section.blocks.append(Paragraph(facts.missing(spec.about)))
    if catalog is None:
        document.section(TITLE).blocks.append(Paragraph(catalog_missing(
            CATALOG, "показатели самообследования, приложение 2 к приказу № 1324", "Показатели деятельности")))
        return document
    table = indicator_table(shown, facts.context, year)
    section = document.section(TITLE)
    withheld = sum(1 for row in table.rows if HIDDEN in row.cells)
    if withheld:
        # The table runs over pages: «—*» is read on the first of them, its note is under the last.
        section.blocks.append(Paragraph(
            f"«{HIDDEN.text}» в таблице (строк — {withheld}) — значение не публикуется: оно относится к группе меньше "
            f"{settings.VSOKO_MIN_GROUP_SIZE} человек или позволяет её вычислить (защита персональных данных, 152-ФЗ)."))
    section.blocks.append(table)
    return document


@dataclass(frozen=True)
class Unfilled:
    """A row of Appendix 2 without a value, named so that it is understood out of the table: a «в том числе» row
    (2.4.3 «Оснащенного средствами сканирования…») reads on from its parent row's wording (2.4 «Наличие читального
    зала библиотеки, в том числе:»), which the table prints above it and a list does not."""

    indicator: Indicator
    parent: Indicator | None = None

    @property
    def wording(self) -> str:
        own = self.indicator.text or self.indicator.name
        if self.parent is None:
            return INCLUDING.sub("", own)
        lead = self.parent.text or self.parent.name
        if own[1:2].islower():  # «Оснащенного» reads on in lower case; «ЕГЭ …» keeps its capitals
            own = own[0].lower() + own[1:]
        return f"{lead} {own}" if lead.endswith(":") else f"{lead}: {own}"


INCLUDING = re.compile(r"(,\s*в том числе)?:\s*$")  # the tail of a row that has «в том числе» rows


def unfilled(school: OrgUnit, year: int) -> list[Unfilled]:
    """The rows of Appendix 2 the report would print «нет данных» in — what to enter («Ввод значений») or load
    before the director prints and signs it."""
    catalog = Catalog.objects.filter(code=CATALOG).first()
    if catalog is None:
        return []
    shown = list(catalog.indicators.filter(retired=False).order_by("position"))
    context = build_context(school, year, shown, breakdowns=False, span=2)  # the line compares two years
    by_item = {indicator.item: indicator for indicator in shown}
    return [Unfilled(indicator, by_item.get(indicator.item.rpartition(".")[0]) if indicator.item.count(".") > 1
                     else None)
            for indicator in shown if context.line(indicator).current.value is None]


def director(school: OrgUnit, year: int) -> str:
    """«Ю. Р. Бондарева»: the director who signs the report (Order 462, п. 7) — of the school year after `year`,
    in whose spring the report is written, else of `year`; without one, what to write by hand."""
    staff = StaffYear.objects.filter(school=school, year_id__in=(year, year + 1), position__icontains="иректор")
    for last, first, middle, position in staff.order_by("-year_id").values_list(
            "staff__last_name", "staff__first_name", "staff__middle_name", "position"):
        if position.strip().lower().split(" ")[0] == "директор" and last:
            return " ".join([*(f"{name[0]}." for name in (first, middle) if name), last])
    return "(инициалы, фамилия директора)"


# The whole school's totals (pupils, pedagogical staff) are printed whatever their size (the brief of the table:
# the school as a whole is no small group); rows whose value is a thing, not people (computers, books, square
# metres per pupil of the whole school; «да/нет») are not about a group at all.
WHOLE_SCHOOL = ("order1324.1.1", "order1324.1.24")
NOT_PEOPLE = (Unit.BOOL, Unit.TEXT, Unit.RATIO)
# Rows that add up to another row: the levels (1.2–1.4) to the pupils (1.1); the «в том числе» rows (1.29.1–1.29.2
# to 1.29, 1.30.1–1.30.2 to 1.30, …) are found by their numbers (`families`).
LEVELS = ("order1324.1.1", ("order1324.1.2", "order1324.1.3", "order1324.1.4"))


def people(value: Value, unit: str) -> int | None:
    """How many people a row counts: a head count, or a share's numerator; None when not known."""
    if value.value is None:
        return None
    if unit == Unit.COUNT:
        return int(value.value)
    if unit == Unit.PERCENT and value.numerator is not None:
        return int(value.numerator)
    return None


def families(shown: list[Indicator]) -> list[tuple[str, tuple[str, ...]]]:
    """(row, the rows that make it up): the levels of 1.1, and each row with «в том числе» rows (1.29: 1.29.1,
    1.29.2)."""
    by_item = {indicator.item: indicator.code for indicator in shown}
    children: dict[str, list[str]] = {}
    for indicator in shown:
        parent = indicator.item.rpartition(".")[0]
        if indicator.item.count(".") > 1 and parent in by_item:
            children.setdefault(by_item[parent], []).append(indicator.code)
    return [LEVELS, *((parent, tuple(codes)) for parent, codes in children.items())]


def withheld_rows(shown: list[Indicator], context: Context, minimum: int | None = None) -> set[str]:
    """The codes of the rows the published table withholds: a row counting people (pupils or staff) whose value
    tells of a group of 1…minimum−1 (`disclosive`, the public report's rule: a head count, a share's part or
    rest, a mean over so few), except the whole school's totals (`WHOLE_SCHOOL`) and rows about things
    (`NOT_PEOPLE`). Then, where rows add up to another row (`families`) and exactly one of the terms is withheld,
    the subtraction would give it back: the smallest shown term is withheld too (complementary suppression,
    vsoko.publication.suppression.suppress_table) — a whole-school total itself never."""
    minimum = settings.VSOKO_MIN_GROUP_SIZE if minimum is None else minimum
    values = {indicator.code: (context.line(indicator).current, indicator.unit) for indicator in shown}
    hidden = {code for code, (value, unit) in values.items()
              if code not in WHOLE_SCHOOL and unit not in NOT_PEOPLE and disclosive(value, unit, minimum)}
    changed = True
    while changed:  # a row withheld as one family's partner may be a term of another family
        changed = False
        for parent, terms in families(shown):
            terms = tuple(code for code in terms if code in values)
            counts = {code: people(*values[code]) for code in terms}
            whole = people(*values[parent]) if parent in values else None
            if not terms or whole is None or None in counts.values() or sum(counts.values()) != whole:
                continue  # the terms do not add up to the row (1.19: the municipal level is no row): no subtraction
            # One column of terms and its total; the other margins are no published figures (`derivable`).
            cells = {(code, "n"): n for code, n in counts.items()}
            derivable = {(code, TOTAL) for code in terms} | {(TOTAL, TOTAL)}
            if parent in WHOLE_SCHOOL:
                derivable.add((TOTAL, "n"))  # printed whatever happens: never a partner
            primary = {(code, "n") for code in terms if code in hidden}
            if parent in hidden:
                primary.add((TOTAL, "n"))
            found = suppress_table(cells, minimum=minimum, primary=primary, derivable=derivable)
            now = {code for code, column in found if column == "n" and code != TOTAL}
            if (TOTAL, "n") in found and parent not in WHOLE_SCHOOL:
                now.add(parent)
            if not now <= hidden:
                hidden |= now
                changed = True
    return hidden


def indicator_table(shown: list[Indicator], context: Context, year: int) -> Table:
    """Appendix 2 as a table; the rows `withheld_rows` gives «—*» (the report is published)."""
    table = Table(["№ п/п", "Показатели", "Единица измерения", year_label(year)])
    withheld = withheld_rows(shown, context)
    group = None
    for indicator in shown:
        if indicator.group != group:
            group = indicator.group
            number, _, name = group.partition(" ")
            table.add(number, name, "", "", heading=True)
        line = context.line(indicator)
        table.add(indicator.item, indicator.text or indicator.name, indicator.unit_label,
                  HIDDEN if indicator.code in withheld else value_cell(line.current, indicator.unit, share=True))
    table.notes.append("«нет данных» — значение не введено и не может быть вычислено по записям школы.")
    if withheld:
        table.notes.append(footnote(settings.VSOKO_MIN_GROUP_SIZE))
    return table
