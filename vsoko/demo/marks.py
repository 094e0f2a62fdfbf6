"""Quarter and year marks of a pupil from his or her ability, the subject and the grade.

A pupil's level in a subject is a latent number (ability + affinity to the
subject's family + how generously the subject is marked + the grade's effect);
each quarter adds noise and cuts it into a 5-point mark. The year mark is the
rounded mean of the quarter marks, a half going the way of the last quarter, as
teachers do. The constants give a typical school: about half of the pupils of
grades 2–11 study on «4» and «5», 1–3 % have a «2» or «н/а» for the year.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from vsoko.demo import curriculum as cur
from vsoko.demo.model import Calendar, Pupil

# Primary grades are marked more generously, grades 7–8 most strictly; 10–11 are the pupils who chose to stay.
GRADE_EFFECT = {2: 0.6, 3: 0.5, 4: 0.4, 5: 0.25, 6: 0.05, 7: -0.1, 8: -0.15, 9: -0.05, 10: 0.05, 11: 0.1}
CUTS = (-3.1, -0.6, 0.85)  # latent level above which the mark is 3, 4, 5
QUARTER_NOISE = 0.3

NA = "н/а"
EXEMPT = "осв"
PASSED = "зачет"


def cut(level: float) -> int:
    c3, c4, c5 = CUTS
    return 5 if level > c5 else 4 if level > c4 else 3 if level > c3 else 2


@dataclass
class YearMarks:
    """A pupil's marks of one year: by subject, the four quarters (None = not marked) and the year."""

    quarters: dict[str, list[str | None]] = field(default_factory=dict)
    year: dict[str, str] = field(default_factory=dict)
    levels: dict[str, float] = field(default_factory=dict)  # the latent level, for assessments

    def numeric_year(self) -> list[int]:
        return [int(m) for m in self.year.values() if m.isdigit()]

    def last_quarter_mark(self, subject: str, before: int) -> int | None:
        """The last numeric quarter mark among the first `before` quarters."""
        for mark in reversed(self.quarters.get(subject, [])[:before]):
            if mark and mark.isdigit():
                return int(mark)
        return None


def year_marks(rng: random.Random, pupil: Pupil, cal: Calendar) -> YearMarks:
    grade = pupil.grade
    marks = YearMarks()
    if grade < cur.FIRST_MARKED_GRADE:
        return marks
    present = [_attends(pupil, cal, i) for i in range(4)]
    if grade == cur.FIRST_MARKED_GRADE:
        present[0] = False
    absent_quarter = rng.randrange(4) if rng.random() < 0.012 else None
    failed_subject_year = rng.random() < 0.0025
    at_year_end = pupil.left_on is None
    subjects = cur.subjects(grade, cal.year)
    missed = set(rng.sample([s.name for s in subjects], k=min(len(subjects), rng.randint(1, 3))))
    for subject in subjects:
        level = pupil.ability + pupil.bias[subject.family] + subject.ease + GRADE_EFFECT[grade] + rng.gauss(0, 0.22)
        marks.levels[subject.name] = level
        quarters: list[str | None] = []
        for i in range(4):
            if not present[i]:
                quarters.append(None)
            elif absent_quarter == i and subject.name in missed:
                quarters.append(NA)
            else:
                quarters.append(_quarter_mark(rng, pupil, subject, level))
        marks.quarters[subject.name] = quarters
        if at_year_end and any(quarters):
            marks.year[subject.name] = _year_mark(quarters)
    if failed_subject_year and at_year_end and grade >= 3:
        # A pupil who hardly attended: not assessed in a subject for the second half-year and the year.
        subject = rng.choice([s.name for s in subjects if s.grading == cur.Grading.NUMERIC and s is not cur.PE])
        marks.quarters[subject][2:] = [NA, NA]
        marks.year[subject] = NA
    return marks


def _attends(pupil: Pupil, cal: Calendar, quarter: int) -> bool:
    end = cal.quarter_ends[quarter]
    if pupil.enrolled_on and (end - pupil.enrolled_on).days < 20:
        return False
    return not (pupil.left_on and pupil.left_on <= end)


def _quarter_mark(rng: random.Random, pupil: Pupil, subject: cur.SubjectInfo, level: float) -> str:
    if subject.grading == cur.Grading.PASS:
        return PASSED
    if subject.name == cur.PE.name:
        if pupil.pe_exempt:
            return EXEMPT
        if pupil.pe_group == "специальная":
            return PASSED
    return str(cut(level + rng.gauss(0, QUARTER_NOISE)))


def _year_mark(quarters: list[str | None]) -> str:
    given = [m for m in quarters if m]
    numeric = [int(m) for m in given if m.isdigit()]
    if not numeric:
        if given and all(m == EXEMPT for m in given):
            return EXEMPT
        if given and all(m == PASSED for m in given):
            return PASSED
        return NA
    mean = sum(numeric) / len(numeric)
    low = math.floor(mean)
    if mean - low > 0.5:
        return str(low + 1)
    if mean - low == 0.5:
        return str(low + 1 if numeric[-1] > mean else low)
    return str(low)
