"""The populations of spec/core-indicators.md as querysets, for every extractor to reuse.

- CE(Y): enrollments of year Y except outcome «выбыл» and those who left before
  25 May of the year's second calendar year.
- main results: `results` rows with attempt «основная» and not absent.
"""

from __future__ import annotations

import datetime
from functools import reduce
from operator import or_

from django.db.models import F, Q, QuerySet

from vsoko.records.enums import Attempt, Outcome
from vsoko.records.models import Enrollment, Result


def year_cutoff(year: int) -> datetime.date:
    """25 May of the year's second calendar year (25 May 2025 for 2024/2025)."""
    return datetime.date(year + 1, 5, 25)


def per_year(years: list[int], condition, year_field: str = "year_id") -> Q:
    """OR over the years of (year = Y AND condition(Y)): for cut-off dates that depend on the year."""
    return reduce(or_, (Q(**{year_field: y}) & condition(y) for y in years), Q(pk__in=[]))


def ce_enrollments(school_ids: list[int], years: list[int]) -> QuerySet[Enrollment]:
    """Enrollments in the contingent at the year's end, CE(Y)."""
    return (
        Enrollment.objects.filter(school_id__in=school_ids, year_id__in=years)
        .exclude(outcome=Outcome.LEFT)
        .filter(per_year(years, lambda y: Q(left_on__isnull=True) | Q(left_on__gte=year_cutoff(y))))
    )


def in_ce(school_ids: list[int], years: list[int], *, student: str = "student", year: str = "year") -> Q:
    """A condition joining a model with `student` and `year` to the student's CE enrollment of that year.

    Use it in one `filter()` call; afterwards `<student>__enrollments__school_class__grade`
    (see `ce_grade_path`) is that enrollment's grade. Enrollment is unique per student and
    year, so the join never multiplies rows.
    """
    return Q(**{
        f"{student}__enrollments__in": ce_enrollments(school_ids, years).values("id"),
        f"{student}__enrollments__year": F(year),
    })


def ce_grade_path(student: str = "student") -> str:
    return f"{student}__enrollments__school_class__grade"


def main_results(school_ids: list[int], years: list[int]) -> QuerySet[Result]:
    """Main results of the assessments of these years (attempt «основная», not absent)."""
    return Result.objects.filter(
        school_id__in=school_ids, assessment__year_id__in=years, attempt=Attempt.MAIN, absent=False
    )
