"""What a student's page shows: their history, marks of the year as a subject × period table,
results, events and programs. Sensitive categories are fetched only when they may be shown."""

from __future__ import annotations

from dataclasses import dataclass, field

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


def marks_table(student: Student, year: int | None) -> MarksTable:
    """Period marks of the year: a row per subject, a column per period of the school's system."""
    columns = list(Period.for_system(student.school.period_system))
    marks = (
        PeriodMark.objects.filter(student=student, year_id=year)
        .select_related("subject").order_by("subject__name")
        if year is not None else []
    )
    by_subject: dict[str, dict[str, str]] = {}
    for mark in marks:
        by_subject.setdefault(mark.subject.name, {})[mark.period] = mark.get_mark_display()
        if mark.period not in columns:
            columns.append(Period(mark.period))
    order = [p for p in Period if p in columns]  # keep a period found outside the system in its natural place
    return MarksTable(
        periods=[(p.value, p.label) for p in order],
        rows=[(subject, [cells.get(p.value, "") for p in order]) for subject, cells in by_subject.items()],
    )


@dataclass
class StudentCard:
    student: Student
    enrollments: list[Enrollment]
    current: Enrollment | None
    marks: MarksTable
    results: list[Result]
    events: list[Event]
    programs: list[Program]
    sensitive: bool
    social: list[SocialStatus]


def student_card(student: Student, year: int | None, *, sensitive: bool) -> StudentCard:
    enrollments = list(
        Enrollment.objects.filter(student=student).select_related("school_class", "year").order_by("-year_id")
    )
    return StudentCard(
        student=student,
        enrollments=enrollments,
        current=next((e for e in enrollments if e.year_id == year), None),
        marks=marks_table(student, year),
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
