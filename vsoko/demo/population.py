"""The contingent: creating pupils, forming classes, moving everyone up a grade each summer."""

from __future__ import annotations

import datetime
import math
import random
from dataclasses import dataclass, field

from vsoko.demo import names
from vsoko.demo.curriculum import Family
from vsoko.demo.model import Calendar, Pupil, SchoolProfile

LETTERS = "АБВГДЕЖИКЛМН"  # letters of parallel classes (schools skip Ё, З, Й)
CLASS_LIMIT = 27  # a cohort bigger than this many per class gets one more class

# Family situations that last from year to year (the rest of `social` is per year).
LARGE_FAMILY = "многодетная семья"
LOW_INCOME = "малообеспеченная семья"
SINGLE_PARENT = "неполная семья"
ORPHAN = "сирота"


@dataclass
class Contingent:
    rng: random.Random
    profile: SchoolProfile
    pupils: list[Pupil] = field(default_factory=list)  # this year's
    everyone: list[Pupil] = field(default_factory=list)  # every pupil who ever studied in the demo years
    next_number: int = 1

    @property
    def cohort_size(self) -> float:
        """Students per grade in grades 1–9 (grades 10–11 keep about 45 % of a cohort)."""
        return self.profile.students / 9.9

    def new_id(self) -> str:
        sid = f"s{self.next_number:05d}"
        self.next_number += 1
        return sid

    def new_pupil(self, grade: int, year: int, letter: str) -> Pupil:
        rng = self.rng
        sex = "М" if rng.random() < 0.51 else "Ж"
        non_native = rng.random() < 0.025
        sibling = self._sibling(grade) if not non_native and rng.random() < 0.12 else None
        if sibling:
            surname, father, family = sibling
        else:
            surname = names.random_family_surname(rng, non_native)
            father = names.random_father_name(rng, non_native)
            family = self._family()
        ovz = rng.random() < 0.03
        health = rng.choices((1, 2, 3, 4, 5), (10, 55, 31, 3, 1))[0]
        if ovz:
            health = max(health, 3)
        pupil = Pupil(
            sid=self.new_id(),
            last_name=names.surname_for(surname, sex),
            first_name=names.random_first_name(rng, sex, non_native),
            middle_name=names.patronymic_for(father, sex),
            birth_date=birth_date(rng, grade, year),
            sex=sex,
            ability=rng.gauss(0, 1) + self.profile.strength - (0.4 if ovz else 0.0) - (0.3 if non_native else 0.0),
            bias={f: rng.gauss(0, 0.3) for f in Family},
            non_native=non_native,
            ovz=ovz,
            disability=rng.random() < (0.3 if ovz else 0.005),
            health_group=health,
            family=family,
            surname_base=surname,
            father=father,
            grade=grade,
            letter=letter,
        )
        pupil.talent = pupil.ability + rng.gauss(0, 0.7)
        if ovz and rng.random() < 0.5:
            pupil.conditions.add("ЗПР")
        set_pe_group(rng, pupil)
        self.pupils.append(pupil)
        self.everyone.append(pupil)
        return pupil

    def _sibling(self, grade: int) -> tuple[str, str, set[str]] | None:
        """The family of a pupil at least two grades apart: brothers and sisters are not born months apart."""
        candidates = [p for p in self.pupils[-400:] if not p.non_native and abs(p.grade - grade) >= 2]
        if not candidates:
            return None
        elder = self.rng.choice(candidates)
        if self.rng.random() < 0.3:
            elder.family.add(LARGE_FAMILY)
        return elder.surname_base, elder.father, elder.family  # the same family: shared categories

    def _family(self) -> set[str]:
        rng = self.rng
        family = set()
        if rng.random() < 0.13:
            family.add(LARGE_FAMILY)
        if rng.random() < (0.25 if LARGE_FAMILY in family else 0.07):
            family.add(LOW_INCOME)
        if rng.random() < 0.17:
            family.add(SINGLE_PARENT)
        if rng.random() < 0.01:
            family.add(ORPHAN)
        return family

    def form_cohort(self, grade: int, year: int, size: int) -> None:
        classes = min(len(LETTERS), max(1, math.ceil(size / CLASS_LIMIT))) if grade <= 9 else 1
        for i in range(size):
            self.new_pupil(grade, year, LETTERS[i % classes])

    def populate(self, year: int) -> None:
        """The school as it is on 1 September of the first demo year."""
        for grade in range(1, 10):
            self.form_cohort(grade, year, self.cohort_sample())
        for grade in (10, 11):
            self.form_cohort(grade, year, self.senior_sample())
            for pupil in self.pupils:
                if pupil.grade == grade:
                    pupil.ability += 0.7  # those who stayed after the 9th grade were the stronger ones

    def cohort_sample(self) -> int:
        return max(2, round(self.cohort_size * self.rng.gauss(1, 0.12)))

    def senior_sample(self) -> int:
        return max(2, min(30, round(self.cohort_size * 0.42 * self.rng.gauss(1, 0.1))))

    def classes(self) -> dict[str, list[Pupil]]:
        out: dict[str, list[Pupil]] = {}
        for p in sorted(self.pupils, key=lambda p: (p.grade, p.letter, p.sid)):
            out.setdefault(p.class_name, []).append(p)
        return out

    def smallest_class(self, grade: int) -> str:
        sizes: dict[str, int] = {}
        for p in self.pupils:
            if p.grade == grade and not p.left_on:
                sizes[p.letter] = sizes.get(p.letter, 0) + 1
        if not sizes:
            return "А"
        return min(sorted(sizes), key=lambda letter: sizes[letter])

    def mid_year_moves(self, cal: Calendar) -> tuple[list[Pupil], list[Pupil]]:
        """About 1.5 % arrive and 1.5 % leave during the year; returns (arrived, left)."""
        rng = self.rng
        present = list(self.pupils)
        leavers = rng.sample(present, k=round(len(present) * 0.015))
        for p in leavers:
            p.left_on = cal.between(rng, cal.day(10, 1), cal.day(5, 20))
        arrivals = []
        for _ in range(round(len(present) * 0.015)):
            grade = rng.randint(1, 9)
            p = self.new_pupil(grade, cal.year, self.smallest_class(grade))
            p.enrolled_on = cal.between(rng, cal.day(10, 1), cal.day(4, 15))
            arrivals.append(p)
        return arrivals, leavers

    def summer_newcomers(self, year: int) -> None:
        for _ in range(round(len(self.pupils) * 0.025)):
            grade = self.rng.choice((2, 3, 4, 5, 5, 6, 7, 8, 9, 10))
            self.new_pupil(grade, year, self.smallest_class(grade))


def birth_date(rng: random.Random, grade: int, year: int) -> datetime.date:
    """Children start school at 6½–8 years of age; a pupil of `grade` in `year` started grade-1 years ago."""
    entry = datetime.date(year - (grade - 1), 9, 1)
    age_days = round(rng.triangular(6.5, 8.0, 7.1) * 365.25)
    return entry - datetime.timedelta(days=age_days)


def set_pe_group(rng: random.Random, pupil: Pupil) -> None:
    if pupil.health_group <= 2:
        pupil.pe_group = "основная" if rng.random() < 0.95 else "подготовительная"
    elif pupil.health_group == 3:
        pupil.pe_group = rng.choices(("основная", "подготовительная", "специальная"), (40, 48, 12))[0]
    else:
        pupil.pe_group = "специальная"
    pupil.pe_exempt = pupil.health_group >= 4 and rng.random() < 0.4
