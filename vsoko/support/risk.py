"""Who is at risk of failing in a school, year and period, and why: the list a deputy draws up after each period.

Signals, each with its subject where it has one:
- the period's marks: a pupil the progress rules count as неуспевающий or не аттестован (a «2», «1»,
  «незачет» or «н/а» in a subject; vsoko.progress.figures.category) — every such mark is listed. A pupil
  with exactly one «3» is not at risk: that is another list of the справка;
- a «2» for a ВПР or another assessment procedure of the year (records.Result, the pupil present);
- last year's outcome in the school: conditionally promoted (условный перевод, academic debt to clear) or
  kept to repeat the year (повторное обучение).

Only pupils on the school's roll in the year (grades 2–11, not left) are listed. Five set-based queries
whatever the school's size; names are not read here (the views show them to those who may see them).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vsoko.progress.enums import Category
from vsoko.progress.figures import counted_enrollments, period_results
from vsoko.progress.lists import REASONS
from vsoko.records.enums import AssessmentKind, Mark, Outcome
from vsoko.records.models import Enrollment, OrgUnit, PeriodMark, Result
from vsoko.support.enums import Reason

FAILING_MARKS = [*REASONS[Category.FAILING], *REASONS[Category.NOT_ASSESSED]]
LAST_YEAR_OUTCOMES = {Outcome.CONDITIONALLY_PROMOTED: Reason.CONDITIONAL, Outcome.REPEATING: Reason.REPEATING}


@dataclass(frozen=True)
class Signal:
    reason: Reason
    subject_id: int | None
    subject: str  # lower case, «» without a subject
    detail: str  # «2» (the mark), «ВПР» (the procedure), «2023/2024» (last year)

    @property
    def words(self) -> str:
        if self.reason in (Reason.FAILING, Reason.NOT_ASSESSED):
            return f"{self.subject} ({self.detail})"
        if self.reason == Reason.ASSESSMENT_TWO:
            return f"«2»: {self.detail}" + (f", {self.subject}" if self.subject else "")
        return f"{Reason(self.reason).label} ({self.detail})"


@dataclass
class AtRisk:
    student_id: int
    class_id: int
    class_name: str
    signals: list[Signal] = field(default_factory=list)

    @property
    def reasons(self) -> list[Reason]:
        return list(dict.fromkeys(s.reason for s in self.signals))

    @property
    def reason(self) -> Reason:
        """The main reason, for a case opened from the list: the period's marks first."""
        return min(self.reasons, key=list(Reason).index)

    @property
    def subject_ids(self) -> list[int]:
        return list(dict.fromkeys(s.subject_id for s in self.signals if s.subject_id is not None))

    @property
    def words(self) -> str:
        """«математика («2»), физика («н/а»); «2»: ВПР, русский язык, математика; условный перевод (2023/2024)» —
        the «2» of one kind of procedure named once, with its subjects."""
        marks = ", ".join(s.words for s in self.signals if s.reason in (Reason.FAILING, Reason.NOT_ASSESSED))
        others: dict[str, list[str]] = {}  # words (or «2»: kind) → subjects, in the signals' order
        for s in self.signals:
            if s.reason == Reason.ASSESSMENT_TWO:
                subjects = others.setdefault(f"«2»: {s.detail}", [])
                if s.subject and s.subject not in subjects:
                    subjects.append(s.subject)
            elif s.reason not in (Reason.FAILING, Reason.NOT_ASSESSED):
                others.setdefault(s.words, [])
        return "; ".join(p for p in (marks, *(", ".join([w, *subjects]) for w, subjects in others.items())) if p)


def at_risk(school: OrgUnit, year: int, period: str) -> list[AtRisk]:
    """The pupils at risk after the period, in the classes' order (grade, letter)."""
    roll = {
        student_id: (class_id, name)
        for student_id, class_id, name in counted_enrollments(school, year, period)
        .filter(left_on__isnull=True).exclude(outcome=Outcome.LEFT)
        .order_by("school_class__grade", "school_class__letter", "school_class__name", "student_id")
        .values_list("student_id", "school_class_id", "school_class__name")
    }
    found: dict[int, AtRisk] = {}

    def add(student_id: int, signal: Signal) -> None:
        if student_id not in roll:
            return
        class_id, name = roll[student_id]
        found.setdefault(student_id, AtRisk(student_id, class_id, name)).signals.append(signal)

    failing = {p.student_id for p in period_results(school, year, period).pupils
               if p.category in Category.unsuccessful()}
    marks = (PeriodMark.objects.filter(school=school, year_id=year, period=period, student_id__in=sorted(failing),
                                       mark__in=FAILING_MARKS)
             .order_by("subject__name").values_list("student_id", "subject_id", "subject__name", "mark"))
    for student_id, subject_id, subject, mark in marks:
        reason = Reason.NOT_ASSESSED if mark == Mark.NOT_ASSESSED else Reason.FAILING
        add(student_id, Signal(reason, subject_id, subject.lower(), f"«{Mark(mark).label}»"))

    twos = (Result.objects.filter(school=school, assessment__year_id=year, mark=2, absent=False)
            .order_by("assessment__date", "assessment__subject__name", "pk")
            .values_list("student_id", "assessment__kind", "assessment__subject_id", "assessment__subject__name"))
    for student_id, kind, subject_id, subject in twos:
        add(student_id, Signal(Reason.ASSESSMENT_TWO, subject_id, (subject or "").lower(), AssessmentKind(kind).label))

    last_year = (Enrollment.objects.filter(school=school, year_id=year - 1, outcome__in=list(LAST_YEAR_OUTCOMES))
                 .values_list("student_id", "outcome"))
    for student_id, outcome in last_year:
        add(student_id, Signal(LAST_YEAR_OUTCOMES[outcome], None, "", f"{year - 1}/{year}"))

    order = {student_id: i for i, student_id in enumerate(roll)}
    return sorted(found.values(), key=lambda p: order[p.student_id])
