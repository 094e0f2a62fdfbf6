"""The state of a simulated school: who studies where, how able they are, the school year's calendar."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from vsoko.demo.curriculum import Family

# The last school year of the demo (2025 = 2025/2026): every demo year is complete, so each shows
# full indicators. A fixed year keeps the package the same whatever the date of the run.
LAST_YEAR = 2025

PERIODS = ("1 четверть", "2 четверть", "3 четверть", "4 четверть")
YEAR_PERIOD = "год"


def date_text(day: datetime.date | None) -> str:
    return day.isoformat() if day else ""


@dataclass(frozen=True)
class SchoolProfile:
    """What makes one demo school differ from another."""

    code: str
    name: str
    seed: str
    students: int = 600  # roughly, in the first year
    strength: float = 0.0  # added to every student's ability: better or weaker results
    lenience: float = 0.0  # how much journal marks exceed what ВПР shows (objectivity)
    satisfaction: float = 0.0  # shifts survey answers


@dataclass(frozen=True)
class Calendar:
    """Dates of a school year (by its first calendar year)."""

    year: int

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, 9, 1)

    @property
    def quarter_ends(self) -> tuple[datetime.date, ...]:
        y = self.year
        return (datetime.date(y, 10, 25), datetime.date(y, 12, 27), datetime.date(y + 1, 3, 21), datetime.date(y + 1, 5, 24))

    @property
    def end(self) -> datetime.date:
        return datetime.date(self.year + 1, 5, 26)

    @property
    def cutoff(self) -> datetime.date:
        """Who left before 25 May is not counted at the year's end (core-indicators.md)."""
        return datetime.date(self.year + 1, 5, 25)

    def day(self, month: int, day: int) -> datetime.date:
        return datetime.date(self.year if month >= 9 else self.year + 1, month, day)

    def between(self, rng, first: datetime.date, last: datetime.date) -> datetime.date:
        return first + datetime.timedelta(days=rng.randint(0, (last - first).days))


@dataclass
class Pupil:
    sid: str
    last_name: str
    first_name: str
    middle_name: str
    birth_date: datetime.date
    sex: str  # М / Ж
    ability: float
    bias: dict[Family, float]
    non_native: bool = False
    ovz: bool = False
    disability: bool = False
    health_group: int = 2
    pe_group: str = "основная"
    pe_exempt: bool = False
    family: set[str] = field(default_factory=set)  # lasting social categories of the family
    conditions: set[str] = field(default_factory=set)  # the pupil's own lasting categories (ЗПР)
    watch: dict[str, datetime.date] = field(default_factory=dict)  # профилактический учёт: category -> since
    surname_base: str = ""  # the family's surname (masculine form) and father's name, for siblings
    father: str = ""
    grade: int = 1
    letter: str = "А"
    # Set during a year:
    enrolled_on: datetime.date | None = None
    left_on: datetime.date | None = None
    talent: float = 0.0  # drive for olympiads and contests

    @property
    def class_name(self) -> str:
        return f"{self.grade}{self.letter}"

    def present_on(self, day: datetime.date) -> bool:
        if self.enrolled_on and day < self.enrolled_on:
            return False
        return not (self.left_on and day >= self.left_on)
