"""Who is counted: the people behind the person-count data values of one school and year.

A data value is a count; the indicator page shows, to users allowed to see personal
data, the students or staff counted in an indicator's numerator and denominator. Each
lister below yields, for one school and year, `(code, person id, breakdown)` rows with
the same breakdown a person contributes to the code's data values, so the indicator's
selectors pick exactly the people its formula counts. One registry per extension point:
a lister declares its codes with `@lister(...)` (docs/data-values.md, «Кто учтён»).

These queries read one school-year's rows of people (a few thousand at most) for one
page that asked for them; they are never part of extraction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models

from vsoko.datavalues.extractors.core import (
    CE_DIMS,
    CE_FIELDS,
    FEDERAL_LEVELS,
    HIGH_EGE_SCORE,
    STAFF_DIMS,
    WINNING,
    base_math_subject_ids,
    ce_attested,
    not_removed,
    passed_case,
    staff_years,
)
from vsoko.datavalues.populations import ce_grade_path, in_ce, main_results
from vsoko.datavalues.registry import clean_breakdown
from vsoko.records.enums import EventKind, EventLevel, ProgramKind, SocialCategory
from vsoko.records.models import Event, Program, SocialStatus


class PersonKind(models.TextChoices):
    STUDENT = "student", "обучающиеся"
    STAFF = "staff", "работники"


Counted = tuple[str, int, dict]  # (data-value code, person id, breakdown)


@dataclass(frozen=True)
class Lister:
    codes: tuple[str, ...]
    kind: PersonKind
    fn: Callable[[int, int], Iterable[Counted]]
    # Listing these people discloses health, ОВЗ, social status or профилактический учёт.
    sensitive: bool = False


LISTERS: dict[str, Lister] = {}
# Dimensions whose selection alone makes a list sensitive (students.ce[ovz=yes] names pupils with ОВЗ).
SENSITIVE_DIMS = frozenset({"ovz", "disability", "social"})


def lister(*, codes: Iterable[str], kind: PersonKind, sensitive: bool = False):
    def register(fn):
        entry = Lister(tuple(codes), kind, fn, sensitive)
        for code in entry.codes:
            if code in LISTERS:
                raise ValueError(f"data-value code {code} has two listers of people")
            LISTERS[code] = entry
        return fn

    return register


def people_of(code: str, school_id: int, year: int) -> list[tuple[int, dict[str, str]]]:
    """(person id, cleaned breakdown) of everyone the code counts in the school and year; [] without a lister."""
    entry = LISTERS.get(code)
    if entry is None:
        return []
    return [(person, clean_breakdown(dims)) for c, person, dims in entry.fn(school_id, year) if c == code]


# --- students ----------------------------------------------------------------------------------

@lister(codes=["students.ce"], kind=PersonKind.STUDENT)
def ce_students(school_id, year):
    for r in ce_attested([school_id], [year], "student_id", *CE_FIELDS):
        yield "students.ce", r["student_id"], {dim: r[field] for dim, field in CE_DIMS.items()}


def _in_ce(qs, school_id, year, *fields):
    grade = ce_grade_path()
    return qs.filter(in_ce([school_id], [year])).values("student_id", grade, *fields).distinct(), grade


EVENT_CODES = ["students.ce.events", "students.ce.events.level", "students.ce.event_winners",
               "students.ce.event_winners.level", "students.ce.vsosh_municipal"]


@lister(codes=EVENT_CODES, kind=PersonKind.STUDENT)
def ce_event_students(school_id, year):
    events = Event.objects.filter(school_id=school_id, year_id=year)
    rows, grade = _in_ce(events, school_id, year, "level", "result", "kind")
    for r in rows:
        student, dims = r["student_id"], {"grade": r[grade]}
        won = r["result"] in WINNING
        levels = [r["level"], *(["federal"] if r["level"] in FEDERAL_LEVELS else [])]
        yield "students.ce.events", student, dims
        yield from (("students.ce.events.level", student, {**dims, "level": level}) for level in levels)
        if won:
            yield "students.ce.event_winners", student, dims
            yield from (("students.ce.event_winners.level", student, {**dims, "level": level}) for level in levels)
        if r["kind"] == EventKind.VSOSH and r["level"] == EventLevel.MUNICIPAL:
            yield "students.ce.vsosh_municipal", student, dims


@lister(codes=["students.ce.additional", "students.ce.programs"], kind=PersonKind.STUDENT)
def ce_program_students(school_id, year):
    programs = Program.objects.filter(school_id=school_id, year_id=year).exclude(kind="")
    rows, grade = _in_ce(programs, school_id, year, "kind")
    for r in rows:
        dims = {"grade": r[grade]}
        yield "students.ce.programs", r["student_id"], {**dims, "program_kind": r["kind"]}
        if r["kind"] in (ProgramKind.ADDITIONAL, ProgramKind.SPORTS):
            yield "students.ce.additional", r["student_id"], dims


@lister(codes=["students.ce.prevention", "students.ce.social"], kind=PersonKind.STUDENT, sensitive=True)
def ce_social_students(school_id, year):
    social = SocialStatus.objects.filter(school_id=school_id, year_id=year).filter(not_removed([year]))
    rows, grade = _in_ce(social, school_id, year, "category")
    for r in rows:
        dims = {"grade": r[grade]}
        yield "students.ce.social", r["student_id"], {**dims, "social": r["category"]}
        if r["category"] in SocialCategory.prevention():
            yield "students.ce.prevention", r["student_id"], dims


@lister(codes=["vsosh.participants", "vsosh.winners"], kind=PersonKind.STUDENT)
def vsosh_students(school_id, year):
    rows = (Event.objects.filter(school_id=school_id, year_id=year, kind=EventKind.VSOSH)
            .values("student_id", "result").distinct())
    for r in rows:
        yield "vsosh.participants", r["student_id"], {}
        if r["result"] in WINNING:
            yield "vsosh.winners", r["student_id"], {}


@lister(codes=["results.participants", "results.participants.passed_all", "results.participants.score81"],
        kind=PersonKind.STUDENT)
def result_participants(school_id, year):
    base_math = base_math_subject_ids()
    main = main_results([school_id], [year]).annotate(passed=passed_case(base_math))
    per_student: dict[tuple[int, str], list[bool]] = {}
    high: set[tuple[int, str]] = set()
    for r in main.values("student_id", "assessment__kind", "assessment__subject_id", "passed", "test_score"):
        key = (r["student_id"], r["assessment__kind"])
        per_student.setdefault(key, []).append(bool(r["passed"]))
        # as the extractor: a test score written for ЕГЭ базовая математика is not a «81 and more»
        if (r["test_score"] is not None and r["test_score"] >= HIGH_EGE_SCORE
                and r["assessment__subject_id"] not in base_math):
            high.add(key)
    for (student, kind), passed in per_student.items():
        yield "results.participants", student, {"kind": kind}
        if all(passed):
            yield "results.participants.passed_all", student, {"kind": kind}
        if (student, kind) in high:
            yield "results.participants.score81", student, {"kind": kind}


# --- staff -------------------------------------------------------------------------------------

@lister(codes=["staff.p", "staff.other"], kind=PersonKind.STAFF)
def staff_members(school_id, year):
    for r in staff_years([school_id], [year]).values("staff_id", "pedagogical", *STAFF_DIMS):
        yield "staff.p" if r["pedagogical"] else "staff.other", r["staff_id"], {d: r[d] for d in STAFF_DIMS}


def sensitive_selection(code: str, dims: Iterable[str]) -> bool:
    entry = LISTERS.get(code)
    return (entry is not None and entry.sensitive) or bool(SENSITIVE_DIMS & set(dims))

