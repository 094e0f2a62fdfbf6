"""Social status and профилактический учёт of the pupils of a year (the sensitive `social` table)."""

from __future__ import annotations

import random

from vsoko.demo.model import Calendar, Pupil
from vsoko.demo.package import Package

# Chance for a pupil of grades 5–11 to be put on each kind of учёт during a year.
PREVENTION = {"внутришкольный учет": 0.012, "учет ПДН": 0.004, "учет КДН": 0.002}


def add_social(rng: random.Random, package: Package, cal: Calendar, pupils: list[Pupil], newcomers: set[str]) -> None:
    year = f"{cal.year}/{cal.year + 1}"

    added: set[tuple[str, str]] = set()

    def add(pupil: Pupil, category: str, since=None, until=None) -> None:
        # (year, student, category) is the table's key: a second reason for the same category adds nothing.
        if (pupil.sid, category) in added:
            return
        added.add((pupil.sid, category))
        package.add("social", year=year, student_id=pupil.sid, category=category, since=since, until=until)

    for pupil in pupils:
        for category in sorted(pupil.family | pupil.conditions):
            add(pupil, category)
        if (pupil.grade in (1, 5, 10) or pupil.sid in newcomers) and rng.random() < 0.04:
            add(pupil, "трудности адаптации", since=cal.day(10, 1))
        if rng.random() < 0.01:
            add(pupil, "трудная жизненная ситуация", since=cal.between(rng, cal.day(9, 1), cal.day(4, 1)))
        if pupil.grade >= 7 and rng.random() < 0.025:
            add(pupil, "группа риска СПТ", since=cal.day(11, 1))
        _prevention(rng, cal, pupil, add)


def _prevention(rng: random.Random, cal: Calendar, pupil: Pupil, add) -> None:
    """Rows of учёт: continued from earlier years or new; some are taken off учёт during the year."""
    for category, since in sorted(pupil.watch.items()):
        if rng.random() < 0.45:
            add(pupil, category, since=since, until=cal.between(rng, cal.day(10, 1), cal.day(6, 15)))
            del pupil.watch[category]
        else:
            add(pupil, category, since=since)
    if pupil.grade < 5:
        return
    for category, chance in PREVENTION.items():
        if category in pupil.watch or rng.random() >= chance * (2.5 if pupil.ability < -0.8 else 1):
            continue
        since = cal.between(rng, cal.day(9, 15), cal.day(4, 30))
        if rng.random() < 0.25:
            add(pupil, category, since=since, until=cal.between(rng, since, cal.day(6, 20)))
        else:
            add(pupil, category, since=since)
            pupil.watch[category] = since
