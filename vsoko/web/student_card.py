"""What a student's page shows: their history, marks of the year as a subject × period table, the year
marks of every year up to the page's year as a subject × year table, results, events and programs.
Sensitive categories are fetched only when they may be shown."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from vsoko.records.enums import Period
from vsoko.records.models import (
    Enrollment,
    Event,
    PeriodMark,
    Program,
    Result,
    SocialStatus,
    Student,
)


@dataclass
class MarksTable:
    periods: list[tuple[str, str]]
    rows: list[tuple[str, list[str]]] = field(default_factory=list)


@dataclass
class YearsTable:
    """Year marks («год») by subject, a column per school year that has them, oldest first."""

    years: list[str]
    rows: list[tuple[str, list[str]]] = field(default_factory=list)


def subject_order(name: str) -> str:
    """Alphabetical whatever the case («английский язык», «Математика», «ОДНКНР»), ё as е: as «Успеваемость»."""
    return name.casefold().replace("ё", "е")


def _marks(student: Student, year: int | None) -> list[PeriodMark]:
    """One query for both tables: every mark of the page's year and the year marks of the years before it."""
    if year is None:
        return []
    return list(PeriodMark.objects.filter(student=student)
                .filter(Q(year_id=year) | Q(period=Period.YEAR, year_id__lt=year)).select_related("subject"))


def marks_table(student: Student, year: int | None, marks: list[PeriodMark] | None = None) -> MarksTable:
    """Period marks of the year: a row per subject, a column per period of the school's system."""
    columns = list(Period.for_system(student.school.period_system))
    by_subject: dict[str, dict[str, str]] = {}
    for mark in _marks(student, year) if marks is None else marks:
        if mark.year_id != year:
            continue
        by_subject.setdefault(mark.subject.name, {})[mark.period] = mark.get_mark_display()
        if mark.period not in columns:
            columns.append(Period(mark.period))
    order = [p for p in Period if p in columns]  # keep a period found outside the system in its natural place
    return MarksTable(
        periods=[(p.value, p.label) for p in order],
        rows=[(subject, [by_subject[subject].get(p.value, "") for p in order])
              for subject in sorted(by_subject, key=subject_order)],
    )


def years_table(marks: list[PeriodMark]) -> YearsTable | None:
    """The year marks side by side; None unless two years or more have them (one year is the marks table)."""
    by_subject: dict[str, dict[int, str]] = {}
    for mark in marks:
        if mark.period == Period.YEAR:
            by_subject.setdefault(mark.subject.name, {})[mark.year_id] = mark.get_mark_display()
    years = sorted({y for cells in by_subject.values() for y in cells})
    if len(years) < 2:
        return None
    return YearsTable(
        years=[f"{y}/{y + 1}" for y in years],
        rows=[(subject, [by_subject[subject].get(y, "") for y in years])
              for subject in sorted(by_subject, key=subject_order)],
    )


@dataclass
class StudentCard:
    student: Student
    enrollments: list[Enrollment]
    current: Enrollment | None
    marks: MarksTable
    years: YearsTable | None
    results: list[Result]
    events: list[Event]
    programs: list[Program]
    sensitive: bool
    social: list[SocialStatus]


def student_card(student: Student, year: int | None, *, sensitive: bool) -> StudentCard:
    enrollments = list(
        Enrollment.objects.filter(student=student).select_related("school_class", "year").order_by("-year_id")
    )
    marks = _marks(student, year)
    return StudentCard(
        student=student,
        enrollments=enrollments,
        current=next((e for e in enrollments if e.year_id == year), None),
        marks=marks_table(student, year, marks),
        years=years_table(marks),
        results=list(
            Result.objects.filter(student=student)
            .select_related("assessment", "assessment__subject")
            .order_by("-assessment__year_id", "assessment__date", "assessment__kind")
        ),
        events=list(Event.objects.filter(student=student).order_by("-year_id", "event")),
        programs=list(Program.objects.filter(student=student).order_by("-year_id", "program")),
        sensitive=sensitive,
        social=list(SocialStatus.objects.filter(student=student).order_by("-year_id", "category")) if sensitive else [],
    )
