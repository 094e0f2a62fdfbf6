"""The populations of spec/core-indicators.md as querysets, for every extractor to reuse.

- CE(Y): enrollments of year Y except outcome «выбыл» and those who left before
  25 May of the year's second calendar year.
- main results: `results` rows with attempt «основная» and not absent.

Performance: a condition whose date depends on the year is written as a comparison
with a per-row CASE over the years (`cutoff_date`), not as an OR over the years, and
membership in CE is a condition on the joined enrollment row itself (`in_ce`), not
`enrollment IN (subquery)`: SQLite's planner used such an IN list as an index probe
and walked the whole list for every mark (docs/data-values.md, "Performance").
"""

from __future__ import annotations

import datetime
from functools import reduce
from operator import or_

from django.db.models import (
    BooleanField,
    Case,
    DateField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Value,
    When,
)

from vsoko.records.enums import Attempt, Outcome
from vsoko.records.models import Enrollment, Result


def year_cutoff(year: int) -> datetime.date:
    """25 May of the year's second calendar year (25 May 2025 for 2024/2025)."""
    return datetime.date(year + 1, 5, 25)


def cutoff_date(years: list[int], year_field: str = "year_id", cutoff=year_cutoff) -> Case:
    """The row's year cut-off date as an expression: CASE year WHEN Y THEN cutoff(Y) … END.

    NULL for a year not among `years`, so a comparison with it is never true there.
    """
    return Case(*(When(**{year_field: y}, then=Value(cutoff(y))) for y in years), output_field=DateField())


def per_year(years: list[int], condition, year_field: str = "year_id") -> Q:
    """OR over the years of (year = Y AND condition(Y)): for cut-off dates that depend on the year.

    Prefer a comparison with `cutoff_date` where the condition is one date comparison.
    """
    return reduce(or_, (Q(**{year_field: y}) & condition(y) for y in years), Q(pk__in=[]))


def ce_condition(school_ids: list[int], years: list[int], enrollment: str = "") -> Q:
    """The CE(Y) condition on an enrollment row; `enrollment` is the path to it ("" = Enrollment itself)."""
    e = f"{enrollment}__" if enrollment else ""
    return (
        Q(**{f"{e}school_id__in": school_ids, f"{e}year_id__in": years})
        & ~Q(**{f"{e}outcome": Outcome.LEFT})
        & (Q(**{f"{e}left_on__isnull": True}) | Q(**{f"{e}left_on__gte": cutoff_date(years, f"{e}year_id")}))
    )


def ce_enrollments(school_ids: list[int], years: list[int]) -> QuerySet[Enrollment]:
    """Enrollments in the contingent at the year's end, CE(Y)."""
    return Enrollment.objects.filter(ce_condition(school_ids, years))


def in_ce(school_ids: list[int], years: list[int], *, student: str = "student", year: str = "year") -> Q:
    """A condition joining a model with `student` and `year` to the student's CE enrollment of that year.

    Use it in one `filter()` call; afterwards `<student>__enrollments__school_class__grade`
    (see `ce_grade_path`) is that enrollment's grade. Enrollment is unique per student and
    year, so the join never multiplies rows. The CE condition applies to the joined row
    (wrapped as an expression, so that «not выбыл» stays a condition on that row instead
    of becoming Django's subquery over all of the student's enrollments).
    """
    enrollment = f"{student}__enrollments"
    return Q(**{f"{enrollment}__year": F(year)}) & Q(
        ExpressionWrapper(ce_condition(school_ids, years, enrollment), output_field=BooleanField())
    )


def ce_grade_path(student: str = "student") -> str:
    return f"{student}__enrollments__school_class__grade"


def main_result(school_ids: list[int], years: list[int], result: str = "") -> Q:
    """The condition of a main result, on Result itself or on the result a path leads to (`"result"`).

    Filtering task scores through it is one join, where `result__in=main_results(…)` was a
    semi-join with a second pass over the results.
    """
    r = f"{result}__" if result else ""
    return Q(**{f"{r}school_id__in": school_ids, f"{r}assessment__year_id__in": years,
                f"{r}attempt": Attempt.MAIN, f"{r}absent": False})


def main_results(school_ids: list[int], years: list[int]) -> QuerySet[Result]:
    """Main results of the assessments of these years (attempt «основная», not absent)."""
    return Result.objects.filter(main_result(school_ids, years))
