"""Indicator values in words and numbers for people: Russian decimal comma, units, change.

Every figure shown to a person or written into a document is rounded here, by `rounded`: as Excel's ROUND
does, a half goes away from zero (2,625 → 2,63; −2,5 → −3), so that our figures agree with a deputy
director's spreadsheet. A spreadsheet cell that keeps the raw value under a number format needs nothing:
Excel rounds it itself, by the same rule.

A figure in an indicator's unit is shown with exactly the unit's places (`DECIMALS`), zeros kept: a column of
percentages reads «95,0», «88,7», of mean marks «4,00», «3,85» — as a spreadsheet's number format '0.0' shows
them; a count and money are whole. Only `number` called alone (a file's size, a score's boundary) drops
trailing zeros. A target or a benchmark is judged on the value `as_shown`, the figure the reader compares.

A change to the year before is said by `change_words` / `format_change`, the one rule of pages and documents: «—»
without both values, «без изменений» when the shown figures are equal, «было «нет»» for a school's «да/нет»
that flipped, else the figure with a sign.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from vsoko.indicators.enums import Status, Unit

# A «да/нет» is 1 or 0 for a school and counts the schools with «да» above it: whole.
DECIMALS = {Unit.PERCENT: 1, Unit.COUNT: 0, Unit.SCORE: 1, Unit.MARK: 2, Unit.RATIO: 2, Unit.NUMBER: 2,
            Unit.AREA: 1, Unit.MONEY: 0, Unit.HOURS: 0, Unit.BOOL: 0}
SUFFIX = {Unit.PERCENT: " %", Unit.AREA: " м²", Unit.MONEY: " ₽", Unit.HOURS: " ч"}
STATUS_CLASS = {Status.MET: "ok", Status.BETTER: "ok", Status.NOT_MET: "bad", Status.WORSE: "bad",
                Status.EQUAL: "neutral", Status.NOT_JUDGED: "neutral",
                Status.UNKNOWN: "muted"}


MINUS = "\u2212"  # «−», not the hyphen «-»


def rounded(value: Fraction | Decimal | float | int, decimals: int) -> Decimal:
    """`value` to `decimals` places, a half away from zero (Excel's ROUND), exactly: a Fraction is not passed
    through a float (1/8 → 0,13). A float is taken as the decimal it is written as (2.675, not the binary
    2.67499…), which is also what Excel rounds."""
    exact = Fraction(Decimal(repr(value))) if isinstance(value, float) else Fraction(value)
    whole, rest = divmod(abs(exact.numerator) * 10**decimals, exact.denominator)
    if 2 * rest >= exact.denominator:
        whole += 1
    return Decimal((1 if exact < 0 and whole else 0, tuple(map(int, str(whole))), -decimals))


def number(value: Fraction | Decimal | float | int, decimals: int, *, zeros: bool = False) -> str:
    """«1 234,5»: rounded (see `rounded`), a thin space between thousands, a decimal comma and «−» for a
    negative; trailing zeros after the comma dropped unless `zeros` (money: «58 333,30»)."""
    shown = rounded(value, decimals)
    text = f"{shown.copy_abs():,f}".replace(",", "\u202f").replace(".", ",")
    if "," in text and not zeros:
        text = text.rstrip("0").rstrip(",")
    return MINUS + text if shown < 0 else text


def fixed(value: Fraction | Decimal | float | int, unit: str) -> str:
    """The figure in `unit` with all of the unit's places (`DECIMALS`), zeros kept: «95,0», «4,00», «1 234»."""
    return number(value, DECIMALS.get(unit, 2), zeros=True)


def as_shown(value: Fraction | Decimal | float | int | None, unit: str) -> Fraction | None:
    """The value at the precision it is shown with: what a reader compares with a target or another figure —
    79,98 % is «80,0 %», at the target «80,0 %», not below it."""
    return None if value is None else Fraction(rounded(value, DECIMALS.get(unit, 2)))


def shown_change(before: Fraction | None, now: Fraction | None, unit: str) -> Fraction | None:
    """The change from `before` to `now` as a reader subtracts the two figures shown: 90,9 % → 81,3 % is −9,6 п. п.,
    though the exact values may differ by 9,68 («−9,7»). None when either is missing."""
    if before is None or now is None:
        return None
    return as_shown(now, unit) - as_shown(before, unit)


def plural(n: int, one: str, few: str, many: str) -> str:
    """The form of a noun after a whole number: 1 балл, 2 балла, 5 баллов, 11 баллов, 21 балл."""
    if n % 10 == 1 and n % 100 != 11:
        return one
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return few
    return many


def consecutive_runs(numbers: list[int]) -> list[list[int]]:
    """[1, 2, 3, 5, 7, 8] → [[1, 2, 3], [5], [7, 8]]: sorted numbers cut where one does not follow the last,
    for «1–6, 10» and «I–III четверти»; how long a run must be to read as a range is the caller's choice."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return runs


def yes_no(value: Fraction | Decimal | int) -> str:
    """A «да/нет»: a school's is 1 or 0; above a school it counts the schools with «да» (the roll-up sums the 1s),
    said so, since «да» alone would not tell 2 schools of 50 from all of them."""
    if not value:
        return "нет"
    if value == 1:
        return "да"
    schools = int(value)
    return f"да — в {schools} {plural(schools, 'школе', 'школах', 'школах')}"


def format_value(value: Fraction | None, unit: str) -> str:
    if value is None:
        return "нет данных"
    if unit == Unit.BOOL:
        return yes_no(value)
    return fixed(value, unit) + SUFFIX.get(unit, "")


def change_words(change: Fraction | None, unit: str, before: Fraction | None = None) -> str | None:
    """A change that is said in words, not as a figure; None for a figure (`format_change` signs it, a document
    keeps it a number). `before` is the value of the year before: a school's «да/нет» is 1 or 0, so a change between
    the two is a flip, said as what it was — «было «нет»», as the page shows the values «нет» → «да». A «да/нет» of
    a municipality counts its schools with «да»: a change from or to 2 and more stays a figure («+1» school)."""
    if change is None:
        return "—"
    if as_shown(change, unit) == 0:  # «−0,0 п. п.» would tell of a fall the shown figures do not have
        return "без изменений"
    if unit == Unit.BOOL and before in (0, 1) and before + change in (0, 1):
        return f"было «{format_value(before, unit)}»"
    return None


def change_suffix(unit: str) -> str:
    """A change of a share is in percentage points, of anything else in the unit of its values."""
    return " п. п." if unit == Unit.PERCENT else SUFFIX.get(unit, "")


def format_change(change: Fraction | None, unit: str, before: Fraction | None = None) -> str:
    """«+2,5 п. п.», «−3», «без изменений», «было «нет»» (see `change_words`)."""
    words = change_words(change, unit, before)
    if words is not None:
        return words
    return f"{'+' if change > 0 else MINUS}{fixed(abs(change), unit)}{change_suffix(unit)}"


def status_class(status: Status) -> str:
    return STATUS_CLASS[Status(status)]
