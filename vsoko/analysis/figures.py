"""The figures of assessment analysis, read from the data values of vsoko.datavalues (codes `assessment.*`).

`load()` runs one grouped query over DataValue: the database sums away the dimensions
a page does not need (a class, a task …) and Python only files the grouped rows into
`Figures` — additive counts from which every percentage, mean, quartile boundary and
completion rate is derived exactly (fractions, never a mean of percentages). So the
same code gives a class, a procedure, a school or all the schools of a municipality.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import CharField, F, Func, Q, Sum, Value
from django.db.models.fields.json import KT

from vsoko.datavalues.enums import Source
from vsoko.datavalues.models import DataValue

MARKS = (2, 3, 4, 5)
HIGH_TEST_SCORE = 81
TASK_CODES = ("assessment.task.points", "assessment.task.max")
TASK_MARK_CODES = ("assessment.task.points.mark", "assessment.task.max.mark")
SUMMARY_CODES = (
    "assessment.results", "assessment.passed", "assessment.absent", "assessment.retakes",
    "assessment.retakes.passed", "assessment.failed.retake_passed", "assessment.marks",
    "assessment.score.dist", "assessment.test_score.dist", "assessment.journal",
)
CODES = (*SUMMARY_CODES, *TASK_CODES, *TASK_MARK_CODES)
# The dimensions each code carries besides those a page groups by.
INNER = {
    "assessment.marks": ("mark",),
    "assessment.score.dist": ("score",),
    "assessment.test_score.dist": ("score",),
    "assessment.journal": ("mark", "journal_mark"),
    **{code: ("task", "difficulty") for code in TASK_CODES},
    **{code: ("task", "difficulty", "mark") for code in TASK_MARK_CODES},
}
COUNTS = {
    "assessment.results": "results", "assessment.passed": "passed", "assessment.absent": "absent",
    "assessment.retakes": "retakes", "assessment.retakes.passed": "retakes_passed",
    "assessment.failed.retake_passed": "failed_retake_passed",
}


def percent(part, whole) -> Fraction | None:
    return None if not whole else Fraction(part) * 100 / Fraction(whole)


def _exact(value) -> Fraction:
    return Fraction(*value.as_integer_ratio()) if isinstance(value, Decimal) else Fraction(value)


@dataclass
class TaskSums:
    points: Decimal = Decimal(0)
    max: Decimal = Decimal(0)

    @property
    def completion(self) -> Fraction | None:
        """Task completion, %: Σ points / Σ max points × 100 (ru-domain.md §6)."""
        return percent(_exact(self.points), _exact(self.max)) if self.max else None


@dataclass
class Figures:
    """Additive counts of one group of main results (a class, a procedure, a school, several schools)."""

    results: int = 0
    passed: int = 0
    absent: int = 0
    retakes: int = 0
    retakes_passed: int = 0
    failed_retake_passed: int = 0
    marks: Counter = field(default_factory=Counter)  # mark -> results
    scores: Counter = field(default_factory=Counter)  # primary score (Decimal) -> results
    test_scores: Counter = field(default_factory=Counter)  # test score (Decimal) -> results
    journal: Counter = field(default_factory=Counter)  # (mark, journal mark) -> results
    tasks: dict = field(default_factory=lambda: defaultdict(TaskSums))  # (task, difficulty) -> sums
    task_marks: dict = field(default_factory=lambda: defaultdict(TaskSums))  # (task, mark) -> sums

    # --- filling -------------------------------------------------------------------------------

    def take(self, code: str, dims: dict, value) -> None:
        """Add one grouped data value."""
        if code in COUNTS:
            setattr(self, COUNTS[code], getattr(self, COUNTS[code]) + int(value))
        elif code == "assessment.marks":
            self.marks[int(dims["mark"])] += int(value)
        elif code == "assessment.score.dist":
            self.scores[Decimal(dims["score"])] += int(value)
        elif code == "assessment.test_score.dist":
            self.test_scores[Decimal(dims["score"])] += int(value)
        elif code == "assessment.journal":
            self.journal[(int(dims["mark"]), int(dims["journal_mark"]))] += int(value)
        elif code in TASK_CODES:
            sums = self.tasks[(dims["task"], dims.get("difficulty") or "")]
            if code == "assessment.task.points":
                sums.points += value
            else:
                sums.max += value
        elif code in TASK_MARK_CODES and dims.get("mark"):
            sums = self.task_marks[(dims["task"], int(dims["mark"]))]
            if code == "assessment.task.points.mark":
                sums.points += value
            else:
                sums.max += value

    def add(self, other: Figures) -> None:
        for name in COUNTS.values():
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("marks", "scores", "test_scores", "journal"):
            getattr(self, name).update(getattr(other, name))
        for name in ("tasks", "task_marks"):
            mine = getattr(self, name)
            for key, sums in getattr(other, name).items():
                mine[key].points += sums.points
                mine[key].max += sums.max

    # --- marks ---------------------------------------------------------------------------------

    @property
    def marked(self) -> int:
        return sum(self.marks.values())

    def mark_share(self, mark: int) -> Fraction | None:
        return percent(self.marks[mark], self.marked)

    @property
    def mark_rows(self) -> list[tuple[int, int, Fraction | None]]:
        """(mark, results, %) for «2» … «5»."""
        return [(m, self.marks[m], self.mark_share(m)) for m in MARKS]

    @property
    def twos(self) -> Fraction | None:
        """Share of «2» (and «1», where a scale gives it) among results with a mark."""
        return percent(self.marks[2] + self.marks[1], self.marked)

    @property
    def success(self) -> Fraction | None:
        """Успеваемость: share of marks 3, 4, 5."""
        return percent(self.marks[3] + self.marks[4] + self.marks[5], self.marked)

    @property
    def quality(self) -> Fraction | None:
        """Качество: share of marks 4 and 5."""
        return percent(self.marks[4] + self.marks[5], self.marked)

    @property
    def mean_mark(self) -> Fraction | None:
        if not self.marked:
            return None
        return Fraction(sum(m * n for m, n in self.marks.items()), self.marked)

    # --- scores --------------------------------------------------------------------------------

    @property
    def scored(self) -> int:
        return sum(self.scores.values())

    @property
    def mean_score(self) -> Fraction | None:
        if not self.scored:
            return None
        return sum((Fraction(s) * n for s, n in self.scores.items()), Fraction(0)) / self.scored

    def mean_score_share(self, max_score: int | None) -> Fraction | None:
        """Mean primary score as % of the maximum."""
        mean = self.mean_score
        return None if mean is None or not max_score else mean * 100 / max_score

    def scores_around(self, score: Decimal) -> tuple[int, int, int]:
        """Results at this primary score, one point below it and one above (the boundary-spike rule)."""
        return self.scores[score], self.scores[score - 1], self.scores[score + 1]

    @property
    def top_quartile(self) -> Decimal | None:
        """Primary scores sorted from high to low, k = ceil(n/4): the k-th score (core.oge_top_quartile)."""
        return kth_from_top(self.scores)

    @property
    def test_scored(self) -> int:
        return sum(self.test_scores.values())

    @property
    def mean_test_score(self) -> Fraction | None:
        if not self.test_scored:
            return None
        return sum((Fraction(s) * n for s, n in self.test_scores.items()), Fraction(0)) / self.test_scored

    @property
    def high_scorers(self) -> int:
        """Results of 81–100 test points (ЕГЭ)."""
        return sum(n for s, n in self.test_scores.items() if s >= HIGH_TEST_SCORE)

    @property
    def top_quartile_test(self) -> Decimal | None:
        return kth_from_top(self.test_scores)

    # --- thresholds ----------------------------------------------------------------------------

    @property
    def failed(self) -> int:
        return self.results - self.passed

    @property
    def failed_share(self) -> Fraction | None:
        return percent(self.failed, self.results)

    @property
    def passed_share(self) -> Fraction | None:
        return percent(self.passed, self.results)

    # --- the journal ---------------------------------------------------------------------------

    @property
    def compared(self) -> int:
        return sum(self.journal.values())

    @property
    def lowered(self) -> int:
        """Work mark below the journal mark (понизили)."""
        return sum(n for (m, j), n in self.journal.items() if m < j)

    @property
    def confirmed(self) -> int:
        return sum(n for (m, j), n in self.journal.items() if m == j)

    @property
    def raised(self) -> int:
        return sum(n for (m, j), n in self.journal.items() if m > j)

    @property
    def gap2(self) -> int:
        """Work and journal marks two or more apart (ФИОКО-2026: analysed separately)."""
        return sum(n for (m, j), n in self.journal.items() if abs(m - j) >= 2)

    @property
    def journal_rows(self) -> list[tuple[str, str, int, Fraction | None]]:
        """(key, label, results, %) as in ФИС ОКО «Сравнение отметок с отметками по журналу»."""
        return [
            ("lowered", "Понизили (отметка < отметки по журналу)", self.lowered, percent(self.lowered, self.compared)),
            ("confirmed", "Подтвердили (отметка = отметке по журналу)", self.confirmed,
             percent(self.confirmed, self.compared)),
            ("raised", "Повысили (отметка > отметки по журналу)", self.raised, percent(self.raised, self.compared)),
        ]

    # --- tasks ---------------------------------------------------------------------------------

    def completion(self, task: str) -> Fraction | None:
        sums = TaskSums()
        for (t, _), s in self.tasks.items():
            if t == task:
                sums.points += s.points
                sums.max += s.max
        return sums.completion

    def completion_by_mark(self, task: str, mark: int) -> Fraction | None:
        sums = self.task_marks.get((task, mark))
        return sums.completion if sums else None

    def level_completion(self, difficulties: Iterable[str]) -> Fraction | None:
        """Σ points / Σ max over the tasks of these levels (core.vpr_basic_tasks, core.vpr_advanced_tasks)."""
        wanted = set(difficulties)
        points = sum((s.points for (_, d), s in self.tasks.items() if d in wanted), Decimal(0))
        maximum = sum((s.max for (_, d), s in self.tasks.items() if d in wanted), Decimal(0))
        return percent(_exact(points), _exact(maximum)) if maximum else None


def kth_from_top(distribution: Counter) -> Decimal | None:
    """Scores sorted from high to low, k = ceil(n/4): the k-th (ties count one by one)."""
    n = sum(distribution.values())
    if not n:
        return None
    k = math.ceil(n / 4)
    seen = 0
    for score in sorted(distribution, reverse=True):
        seen += distribution[score]
        if seen >= k:
            return score
    return None


# --- loading -------------------------------------------------------------------------------------

def load(school_ids: list[int], years: Iterable[int], *, by: tuple[str, ...] = ("assessment",),
         assessments: Iterable[str] | None = None, only: dict[str, str] | None = None,
         codes: Iterable[str] = CODES, also: Iterable[tuple[Iterable[int], Iterable[str]]] = ()
         ) -> dict[tuple, Figures]:
    """{(year, *values of `by`): Figures} summed over the schools in one grouped query.

    `by` names the dimensions kept apart (`school` — the org unit, `assessment`, `class`,
    `kind`, `grade`, `subject`); everything else is summed away in the database. `assessments`
    narrows the read to these procedures' codes (their rows share the key prefix
    `assessment=<code>|`, a plain string comparison); `only` to the rows whose dimension has
    the value, e.g. {"class": "5А"}. `also` adds other (years, codes) to the same read, e.g. the
    marks of the previous years beside everything of this one.
    """
    codes = list(codes)
    selection = Q(year_id__in=list(years), code__in=codes)
    for more_years, more_codes in also:
        more_codes = list(more_codes)
        selection |= Q(year_id__in=list(more_years), code__in=more_codes)
        codes += [c for c in more_codes if c not in codes]
    rows = DataValue.objects.filter(selection, org_unit_id__in=school_ids, source=Source.COMPUTED)
    if assessments is not None:
        prefixes = [Q(key__startswith=f"assessment={code.replace('|', '/')}|") for code in assessments]
        rows = rows.filter(reduce(or_, prefixes, Q(pk__in=[])))
    if only:  # the bare extraction, as for the keys (breakdown__<dim> costs SQLite its JSON type checks)
        rows = rows.alias(**{f"o_{dim}": breakdown_value(dim) for dim in only}).filter(
            **{f"o_{dim}": str(value) for dim, value in only.items()})
    inner = list(dict.fromkeys(d for code in codes for d in INNER.get(code, ())))
    # `school` is the org unit itself, not a dimension of the breakdown.
    keys = {f"d_{d}": breakdown_value(d) for d in (*by, *inner) if d != "school"}
    if "school" in by:
        keys["d_school"] = F("org_unit_id")
    grouped = rows.values("year_id", "code", **keys).annotate(total=Sum("value")).order_by()
    out: dict[tuple, Figures] = defaultdict(Figures)
    for r in grouped:
        dims = {d: r[f"d_{d}"] for d in (*by, *inner)}
        if r["total"] == 0 and all(v is None for d, v in dims.items() if d != "school"):
            continue  # the zero row of a school-year with results but none of this code
        out[(r["year_id"], *(dims[d] for d in by))].take(r["code"], dims, r["total"])
    return dict(out)


def breakdown_value(dim: str):
    """The text of one dimension of `breakdown`. On SQLite a bare JSON_EXTRACT: the values are always
    strings, so KT's checks for JSON true/false/null only cost time (a third of the query)."""
    if connection.vendor == "sqlite":
        return Func(F("breakdown"), Value(f'$."{dim}"'), function="JSON_EXTRACT", output_field=CharField())
    return KT(f"breakdown__{dim}")


def total(figures: Iterable[Figures]) -> Figures:
    out = Figures()
    for f in figures:
        out.add(f)
    return out
