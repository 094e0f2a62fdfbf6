"""The journal's figures: per teacher, per purpose, per month and per level, each one grouped query over
the visits a user sees (vsoko.observations.access)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db.models import Avg, Count, Max, Q, QuerySet
from django.db.models.functions import ExtractMonth

from vsoko.indicators.formatting import rounded
from vsoko.observations.enums import LessonLevel, VisitKind, VisitPurpose
from vsoko.observations.models import LessonVisit
from vsoko.plan.enums import MONTH_NAMES, SCHOOL_MONTHS
from vsoko.records.models import StaffMember


def share(part: int, whole: int) -> Decimal | None:
    """Percent with one decimal, None of nothing."""
    if not whole:
        return None
    return rounded(Fraction(100 * part, whole), 1)


@dataclass(frozen=True)
class TeacherRow:
    teacher: StaffMember
    visits: int
    modern: int
    ict: int
    differentiation: int
    mean_score: Decimal | None
    last_visit: datetime.date
    recommendations: str  # of the latest visit that gave any

    @property
    def modern_share(self) -> Decimal | None:
        return share(self.modern, self.visits)

    @property
    def ict_share(self) -> Decimal | None:
        return share(self.ict, self.visits)


def teacher_rows(visits: QuerySet[LessonVisit]) -> list[TeacherRow]:
    """A row per teacher visited, by name: visits, those with modern technologies / ИКТ / differentiation,
    the mean total score, the last visit and its latest recommendations."""
    grouped = list(visits.order_by().values("teacher").annotate(
        n=Count("id"), modern=Count("id", filter=Q(modern_technologies=True)), ict=Count("id", filter=Q(ict=True)),
        differentiation=Count("id", filter=Q(differentiation=True)), mean=Avg("total"), last=Max("date")))
    teachers = StaffMember.objects.in_bulk([g["teacher"] for g in grouped])
    advice: dict[int, str] = {}
    for teacher, text in visits.exclude(recommendations="").order_by("-date", "-pk").values_list(
            "teacher", "recommendations"):
        advice.setdefault(teacher, text)
    rows = [TeacherRow(teachers[g["teacher"]], g["n"], g["modern"], g["ict"], g["differentiation"],
                       _mean(g["mean"]), g["last"], advice.get(g["teacher"], "")) for g in grouped]
    return sorted(rows, key=lambda r: (r.teacher.last_name, r.teacher.first_name, r.teacher.pk))


def _mean(value) -> Decimal | None:
    return None if value is None else rounded(value, 1)


@dataclass(frozen=True)
class CountRow:
    label: str
    visits: int
    teachers: int
    modern: int
    ict: int

    @property
    def modern_share(self) -> Decimal | None:
        return share(self.modern, self.visits)

    @property
    def ict_share(self) -> Decimal | None:
        return share(self.ict, self.visits)


def _counts(visits: QuerySet[LessonVisit], key: str, **extra) -> dict:
    rows = visits.order_by().annotate(**extra).values(key).annotate(
        n=Count("id"), teachers=Count("teacher", distinct=True), modern=Count("id", filter=Q(modern_technologies=True)),
        ict=Count("id", filter=Q(ict=True)))
    return {r[key]: r for r in rows}


def _row(label: str, r: dict) -> CountRow:
    return CountRow(label, r["n"], r["teachers"], r["modern"], r["ict"])


def purpose_rows(visits: QuerySet[LessonVisit]) -> list[CountRow]:
    """Visits per purpose of the control, in the enum's order; purposes without visits left out."""
    counts = _counts(visits, "purpose")
    return [_row(p.label, counts[p.value]) for p in VisitPurpose if p.value in counts]


def month_rows(visits: QuerySet[LessonVisit]) -> list[CountRow]:
    """Visits per month, September to August; months without visits left out."""
    counts = _counts(visits, "month", month=ExtractMonth("date"))
    return [_row(MONTH_NAMES[m], counts[m]) for m in SCHOOL_MONTHS if m in counts]


def kind_rows(visits: QuerySet[LessonVisit]) -> list[CountRow]:
    counts = _counts(visits, "kind")
    return [_row(k.label, counts[k.value]) for k in VisitKind if k.value in counts]


def level_counts(visits: QuerySet[LessonVisit]) -> dict[str, int]:
    """Visits per level of the lesson, keyed by the level's value (templates read `levels.high`)."""
    counts = dict(visits.order_by().values_list("level").annotate(n=Count("id")))
    return {level.value: counts.get(level.value, 0) for level in LessonLevel}


@dataclass(frozen=True)
class Totals:
    visits: int
    teachers: int
    modern: int
    ict: int

    @property
    def modern_share(self) -> Decimal | None:
        return share(self.modern, self.teachers)

    @property
    def ict_share(self) -> Decimal | None:
        return share(self.ict, self.teachers)


def totals(visits: QuerySet[LessonVisit]) -> Totals:
    """Visits, distinct teachers, and teachers with at least one visit noting modern technologies / ИКТ
    (the shares as the indicators reg000.6.1 and 6.2 count them, over the visits given)."""
    t = visits.order_by().aggregate(
        n=Count("id"), teachers=Count("teacher", distinct=True),
        modern=Count("teacher", distinct=True, filter=Q(modern_technologies=True)),
        ict=Count("teacher", distinct=True, filter=Q(ict=True)))
    return Totals(t["n"], t["teachers"], t["modern"], t["ict"])


def filter_visits(visits: QuerySet[LessonVisit], *, teacher: StaffMember | None = None,
                  observer: StaffMember | None = None, purpose: str = "", month: int | None = None
                  ) -> QuerySet[LessonVisit]:
    if teacher is not None:
        visits = visits.filter(teacher=teacher)
    if observer is not None:
        visits = visits.filter(observer=observer)
    if purpose:
        visits = visits.filter(purpose=purpose)
    if month is not None:
        visits = visits.filter(date__month=month)
    return visits
