"""Indicator values in words and numbers for people: Russian decimal comma, units, change."""

from __future__ import annotations

from fractions import Fraction

from vsoko.indicators.enums import Status, Unit

DECIMALS = {Unit.PERCENT: 1, Unit.COUNT: 0, Unit.SCORE: 1, Unit.MARK: 2, Unit.RATIO: 2, Unit.NUMBER: 2,
            Unit.AREA: 1, Unit.MONEY: 0, Unit.HOURS: 0}
SUFFIX = {Unit.PERCENT: " %", Unit.AREA: " м²", Unit.MONEY: " ₽", Unit.HOURS: " ч"}
STATUS_CLASS = {Status.MET: "ok", Status.BETTER: "ok", Status.NOT_MET: "bad", Status.WORSE: "bad",
                Status.EQUAL: "neutral", Status.NOT_JUDGED: "neutral",
                Status.UNKNOWN: "muted"}


def number(value: Fraction | float | int, decimals: int) -> str:
    text = f"{float(value):,.{decimals}f}".replace(",", "\u202f").replace(".", ",")
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text


def plural(n: int, one: str, few: str, many: str) -> str:
    """The form of a noun after a whole number: 1 балл, 2 балла, 5 баллов, 11 баллов, 21 балл."""
    if n % 10 == 1 and n % 100 != 11:
        return one
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return few
    return many


def format_value(value: Fraction | None, unit: str) -> str:
    if value is None:
        return "нет данных"
    if unit == Unit.BOOL:
        return "да" if value else "нет"
    return number(value, DECIMALS.get(unit, 2)) + SUFFIX.get(unit, "")


def format_change(change: Fraction | None, unit: str) -> str:
    if change is None:
        return "—"
    text = number(abs(change), DECIMALS.get(unit, 2))
    if text == "0":  # «−0 п. п.» would tell of a fall the shown figures do not have
        return "без изменений"
    sign = "+" if change > 0 else "−"
    return f"{sign}{text}{' п. п.' if unit == Unit.PERCENT else SUFFIX.get(unit, '')}"


def status_class(status: Status) -> str:
    return STATUS_CLASS[Status(status)]
