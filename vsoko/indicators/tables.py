"""The indicator pages' tables as Documents (vsoko.reports.document) for «Скачать в Excel» (vsoko.web.downloads):
the catalog tree of a unit and year, an indicator's breakdowns over the years, the school's targets. Built from the same lines the
pages show — withheld values (`suppressed`, a reader outside the school's staff) stay withheld, as «—*»."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from django.conf import settings

from vsoko.indicators.dashboard import Detail, Group, Line
from vsoko.indicators.enums import Unit
from vsoko.indicators.evaluate import Value
from vsoko.indicators.models import Indicator
from vsoko.records.models import OrgUnit
from vsoko.reports.cells import line_change_cell, target_cells, value_cell
from vsoko.reports.document import HIDDEN, Cell, Document, Number, Table, cell_text
from vsoko.web.school_year import year_label


def _withheld_note() -> str:
    return (f"—* — скрыто: значение говорит о группе меньше {settings.VSOKO_MIN_GROUP_SIZE} человек (в числителе "
            "или среди остальных из знаменателя) или позволяет её вычислить.")


def _value(value: Value, unit: str) -> Cell:
    return HIDDEN if getattr(value, "suppressed", False) else value_cell(value, unit)


def _count(value: Value, part) -> Cell:
    """The numerator or denominator of a share, as on the page («2 из 3»); nothing for other units."""
    if getattr(value, "suppressed", False):
        return HIDDEN
    return None if part is None or value.denominator is None else Number.of(part, 0)


def _comparisons(line: Line) -> str:
    unit = line.indicator.unit
    return "; ".join(f"{b.label} {cell_text(value_cell(Value(b.reference), unit))}: {b.status.label}"
                     for b in line.benchmarks) or "—"


def catalog_document(unit: OrgUnit, year: int, catalog, groups: list[Group]) -> Document:
    """The tree: a heading row per group and criterion, a row per indicator: value, numerator and denominator of a
    share, change to last year, target and whether it is met, benchmarks in words."""
    document = Document(f"Показатели: {catalog.name}", [unit.name, f"{year_label(year)} учебный год"])
    table = Table(["Показатель", "Код", year_label(year), "Числитель", "Знаменатель", "К прошлому году", "Цель",
                   "Цель достигнута", "Сравнение"])
    withheld = False
    for group in groups:
        table.add(group.name, heading=True)
        for criterion in group.criteria:
            if criterion.name:
                table.add(criterion.name, heading=True)
            for line in criterion.lines:
                current = line.current
                withheld = withheld or getattr(current, "suppressed", False)
                target, met = target_cells(line)
                table.add(line.indicator.name, line.indicator.code, _value(current, line.indicator.unit),
                          _count(current, current.numerator), _count(current, current.denominator),
                          line_change_cell(line), target, met, _comparisons(line))
    if withheld:
        table.notes.append(_withheld_note())
    document.section(catalog.name).blocks.append(table)
    return document


def breakdown_document(unit: OrgUnit, year: int, indicator: Indicator, detail: Detail) -> Document:
    """The unit's value and each breakdown's over the page's years; numerator and denominator of the page's year."""
    years = detail.breakdown_years
    label = year_label(year)
    document = Document(indicator.name, [unit.name, f"{label} учебный год · код {indicator.code}"])
    share = indicator.unit == Unit.PERCENT
    table = Table(["Разрез", *(year_label(y) for y in years),
                   *([f"Числитель, {label}", f"Знаменатель, {label}"] if share else [])])
    own = dict(detail.line.values)

    def add(name: str, values: list[Value], heading: bool = False) -> None:
        now = values[years.index(year)] if year in years else Value(None)
        table.add(name, *(_value(v, indicator.unit) for v in values),
                  *([_count(now, now.numerator), _count(now, now.denominator)] if share else []), heading=heading)

    add("Всего", [own.get(y, Value(None)) for y in years], heading=True)
    for name, values in detail.breakdown_rows:
        add(name, values)
    if detail.left_out:
        table.notes.append(f"Нет данных ни в одном из показанных лет: {detail.left_out}.")
    if detail.hidden or any(getattr(v, "suppressed", False) for v in own.values()):
        table.notes.append(_withheld_note())
    document.section("Разрезы").blocks.append(table)
    return document


def targets_document(unit: OrgUnit, year: int, catalog, rows: list[tuple[Indicator, Fraction | None, Line,
                                                                          Decimal | None]]) -> Document:
    """The targets page: `rows` are (indicator, the catalog's target, its line of last year and this year, the
    school's own target)."""
    document = Document(f"Целевые значения: {catalog.name}", [unit.name, f"{year_label(year)} учебный год"])
    table = Table(["Показатель", "Код", year_label(year - 1), year_label(year), "Цель из каталога",
                   f"Цель школы на {year_label(year)}", "Единица", "Лучше, если"])
    for indicator, default, line, own in rows:
        unit_ = indicator.unit
        values = dict(line.values)
        table.add(indicator.name, indicator.code,
                  *(value_cell(values.get(y, Value(None)), unit_) for y in (year - 1, year)),
                  "—" if default is None else value_cell(Value(default), unit_),
                  "—" if own is None else value_cell(Value(Fraction(own)), unit_),
                  indicator.get_unit_display(), indicator.get_direction_display())
    document.section("Цели").blocks.append(table)
    return document
