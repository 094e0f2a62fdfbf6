"""Indicator values as table cells, shared by the reports: units, shares, changes, statuses."""

from __future__ import annotations

from fractions import Fraction

from vsoko.decisions.effect import verdict
from vsoko.decisions.enums import Verdict
from vsoko.indicators.dashboard import Line
from vsoko.indicators.enums import Status, Unit
from vsoko.indicators.evaluate import Value
from vsoko.indicators.formatting import DECIMALS, SUFFIX, change_suffix, change_words, yes_no
from vsoko.records.years import year_label
from vsoko.reports.document import HIDDEN, Cell, Chart, Number, Share, cell_text

NO_DATA = "нет данных"
NO_TARGET = "цель не задана"
SETTINGS_PAGE = "«Показатели» → «Настройка: каталоги, свои показатели, цели»"


def catalog_missing(code: str, about: str, left_out: str) -> str:
    """What a report says in place of the part it cannot fill: a shipped catalog is not in the database (a
    database made without `vsoko init`, or before an upgrade that ships the catalog)."""
    return (f"{left_out} не приведены: каталог показателей «{code}» ({about}) не загружен в базу. Выполните "
            "«vsoko init» — команда загружает поставляемые каталоги показателей, данные школ не меняются; затем "
            "сформируйте отчёт снова.")


def value_cell(value: Value, unit: str, *, share: bool = False) -> Cell:
    """`share`: a percentage with its numerator is given as «N человек / X %» (Order 1324)."""
    if value.value is None:
        return NO_DATA
    if unit == Unit.BOOL:
        return yes_no(value.value)
    if unit == Unit.TEXT:
        return str(value.value)
    if unit == Unit.PERCENT and value.numerator is not None and value.denominator:
        # From the counts: a share entered as numerator and denominator may carry a stored value that
        # is the bare ratio (an import gives 575/575 as 1, not 100).
        percent = Number.of(value.numerator * 100 / value.denominator, DECIMALS[Unit.PERCENT], " %")
        return Share(Number.of(value.numerator, 0), percent) if share else percent
    return Number.of(value.value, DECIMALS.get(unit, 2), SUFFIX.get(unit, ""))


def change_cell(change: Fraction | None, unit: str, before: Fraction | None = None) -> Cell:
    """The change as the pages say it (formatting.change_words: «без изменений», «было «нет»»); a figure stays a
    Number, so that a spreadsheet keeps it a number. `before`: the value of the year before (a «да/нет» needs it)."""
    words = change_words(change, unit, before)
    if words is not None:
        return words
    return Number.of(change, DECIMALS.get(unit, 2), change_suffix(unit), signed=True)


def line_change_cell(line: Line) -> Cell:
    """A line's change to the year before, said from the year before's value (`change_cell`)."""
    return change_cell(line.change, line.indicator.unit, line.before)


def judgement(line: Line) -> Verdict:
    """How the line moved since the year before, as the overview, the plan's problems and the decisions' effect
    judge it (vsoko.decisions.effect.verdict): by at least 1 п. п. for a share, 1 % of the value otherwise; a
    smaller change is a fluctuation, «без изменений». The one rule of every report's «улучшение / ухудшение»."""
    (_, before), (_, after) = line.values[-2:]
    return verdict(before.value, after.value, line.indicator.unit, line.indicator.direction)


def moved(line: Line) -> Status | None:
    """Better or worse than the year before by `judgement`; None for a fluctuation, a head count or no data.
    For the conclusions of a school's documents."""
    return {Verdict.IMPROVED: Status.BETTER, Verdict.WORSENED: Status.WORSE}.get(judgement(line))


def target_cells(line: Line) -> tuple[Cell, Cell]:
    """The target and the status against it, in words."""
    if line.target is None:
        return "—", NO_TARGET
    status = line.target.status
    words = {Status.MET: "достигнуто", Status.NOT_MET: "не достигнуто"}.get(status, NO_DATA)
    return value_cell(Value(line.target.reference), line.indicator.unit), words


# The indicators a report opens with, as charts: knowledge quality and success, ВПР, ГИА-9 and ГИА-11.
HEADLINE = ("core.quality", "core.success", "core.vpr_base", "core.oge_passed", "core.ege_passed")


def chart(line: Line, withheld: list[bool] | None = None) -> Chart:
    """Three school years of an indicator as bars, with the school's target if it has one.
    `withheld` (per year) leaves a bar out and shows «—*» in its place (the public report)."""
    unit = line.indicator.unit
    withheld = withheld or [False] * len(line.values)
    bars = []
    for (y, value), hidden in zip(line.values, withheld, strict=True):
        cell = HIDDEN if hidden else value_cell(value, unit)
        bars.append((year_label(y), float(cell.value) if isinstance(cell, Number) else None, cell_text(cell)))
    target = line.target.reference if line.target is not None else None
    return Chart(line.indicator.name, bars, SUFFIX.get(unit, ""), None if target is None else float(target),
                 "" if target is None else f"цель {cell_text(value_cell(Value(target), unit))}")
