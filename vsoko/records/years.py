"""School years as people write them, and their days. Imports nothing of Django: the demo's package generator
uses it too.

A school year starting in `start` runs from 1 September of `start` to 31 August of the next calendar year: every
rule that asks «is this day in that year», «which year is today» reads it here."""

import datetime
from collections.abc import Iterable


def year_label(start: int) -> str:
    """The school year that starts on 1 September of `start`: 2024 → «2024/2025»."""
    return f"{start}/{start + 1}"


def school_year_days(start: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the school year starting in `start` (1 September to 31 August)."""
    return datetime.date(start, 9, 1), datetime.date(start + 1, 8, 31)


def school_year_of(day: datetime.date) -> int:
    """The start of the school year that `day` falls in."""
    return day.year if day.month >= 9 else day.year - 1


def calendar_year(start: int, month: int) -> int:
    """The calendar year of `month` in the school year starting in `start`: September–December fall in `start`,
    January–August in `start + 1`."""
    return start if month >= 9 else start + 1


def day_in_year(start: int, today: datetime.date) -> datetime.date:
    """Today if it falls in the year; else the year's last day (a year that is over) or its first (one to come):
    the default date of something done in a year, which must lie inside it."""
    first, last = school_year_days(start)
    return min(max(today, first), last)


def outside_year(start: int, day: datetime.date, what: str, whose: str) -> str:
    """A Russian refusal when `day` lies outside the school year (else ''): «Начало 31.08.2024 — не в 2024/2025
    учебном году опроса (01.09.2024–31.08.2025).» — `what` names the date, `whose` what belongs to the year."""
    first, last = school_year_days(start)
    if first <= day <= last:
        return ""
    return f"{what} {day:%d.%m.%Y} — не в {year_label(start)} учебном году {whose} ({first:%d.%m.%Y}–{last:%d.%m.%Y})."


def coming_years(with_data: Iterable[int], today: datetime.date) -> list[int]:
    """The years the administration prepares before any of their data exist, latest first: the current school year
    (by today's date; its class lists may not be loaded yet) and the year after the latest with data, if that is the
    current or the next one (in August: the year about to begin). Years with data are not among them."""
    with_data = set(with_data)
    current = school_year_of(today)
    candidates = {current}
    if with_data and current <= max(with_data) + 1 <= current + 1:
        candidates.add(max(with_data) + 1)
    return sorted(candidates - with_data, reverse=True)
