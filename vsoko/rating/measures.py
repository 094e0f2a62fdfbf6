"""The measures of the computed criteria, each for all the teachers of a sheet set at once.

A measure function takes (school, year, staff ids) and answers {staff id: Measure}; every one asks the
database a few GROUP BY queries, never a row per mark.

Where the school has entered its distribution of load for the year (vsoko.teaching), a teacher's marks, exams
and olympiads are those of the pupils of their own classes in the subject of each assignment: the marks are
joined to the (class, subject) pairs in the database. Without it, a teacher's classes are those where a subject
of their staff row of the year is marked (the rule of `permissions.classes_taught_by` and the teacher's page of
the analysis), so two teachers of one subject share its marks, exams and olympiads. A load entered in part is
read per teacher: a teacher with an assignment gets the measures of the load, a teacher it does not name yet the
measures by subject, as without a load, and the text says so (`NOT_IN_LOAD`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, F, Q, Sum

from vsoko.indicators.enums import Unit
from vsoko.indicators.formatting import fixed, format_value
from vsoko.observations.criteria import MAX_TOTAL as VISIT_MAX
from vsoko.observations.models import LessonVisit
from vsoko.records.enums import (
    AssessmentKind,
    Attempt,
    AwardResult,
    EventLevel,
    EventResult,
    Mark,
    Period,
    QualificationCategory,
    StaffEventKind,
)
from vsoko.records.models import Event, OrgUnit, PeriodMark, Result, StaffEvent, StaffYear
from vsoko.teaching.assignments import loaded_teachers, waiting_for_load
from vsoko.teaching.models import TeachingAssignment

# Marks of the five-point scale; «н/а» counts as not succeeded. Зачёт/незачёт and «осв» are outside both shares.
FIVE_POINT = [Mark.FIVE, Mark.FOUR, Mark.THREE, Mark.TWO, Mark.ONE, Mark.NOT_ASSESSED]
GOOD = [Mark.FIVE, Mark.FOUR]
PASSED = [Mark.FIVE, Mark.FOUR, Mark.THREE]
EXAMS = [AssessmentKind.VPR, AssessmentKind.OGE, AssessmentKind.EGE]
AWARDS = [EventResult.WINNER, EventResult.PRIZE]
# The olympiads' diplomas counted by criterion 2.1: winners and prize-winners above the school stage.
AWARDED = Q(result__in=AWARDS) & ~Q(level=EventLevel.SCHOOL)
CONTEST_AWARDS = [AwardResult.WINNER, AwardResult.PRIZE, AwardResult.LAUREATE]
TALKS = [StaffEventKind.TALK, StaffEventKind.EXPERT, StaffEventKind.MENTORING]
COURSES = [StaffEventKind.COURSES, StaffEventKind.RETRAINING]
COURSE_YEARS = 3
CATEGORY_RANK = {QualificationCategory.HIGHEST: 2, QualificationCategory.FIRST: 1}
HUNDRED = Decimal(100)
# From an assignment to the marks and results of the pupils of its class (a class is of one year).
PUPILS = "school_class__enrollments__student"
MARKS = f"{PUPILS}__marks"
# From a pupil's work to the assignments of the pupil's class (filtered to the year of the work).
TAUGHT = "student__enrollments__school_class__teaching_assignments"
OWN_CLASSES = " в классах педагога"
# After the text of a measure by subject of a teacher the partly entered load does not name yet.
NOT_IN_LOAD = "; педагога ещё нет в распределении нагрузки — по всем классам предмета"


@dataclass(frozen=True)
class Measure:
    value: Decimal | None  # None: nothing to measure (no marks, no visits)
    text: str  # as the sheet shows it: «качество 62,5 % (45 из 72 годовых отметок)»


Measures = dict[int, Measure]


def _share(part: int, whole: int) -> Decimal:
    return Decimal(part) * HUNDRED / Decimal(whole)


def _percent(value: Decimal) -> str:
    return format_value(value, Unit.PERCENT)


def _assigned_teachers(school: OrgUnit, year: int) -> set[int] | None:
    """The teachers with an assignment in the year's load (one query); None when the load is not entered."""
    return loaded_teachers(school, year) or None


MeasureOf = Callable[[OrgUnit, int, list[int]], Measures]


def _by_load_or_subject(school: OrgUnit, year: int, staff_ids: list[int], by_load: MeasureOf,
                        by_subject: MeasureOf) -> Measures:
    """The teachers of the year's load measured by it, the others by subject (all of them when the load is not
    entered; with a load entered in part, the subject teachers it does not name yet are told so in the text).
    Each side asks its grouped queries once for all its teachers."""
    assigned = _assigned_teachers(school, year)
    if assigned is None:
        return by_subject(school, year, staff_ids)
    inside = [s for s in staff_ids if s in assigned]
    outside = [s for s in staff_ids if s not in assigned]
    measures = by_load(school, year, inside) if inside else {}
    if outside:
        waiting = waiting_for_load(school, year)
        measures |= {s: Measure(m.value, m.text + NOT_IN_LOAD) if s in waiting else m
                     for s, m in by_subject(school, year, outside).items()}
    return measures


def teacher_subjects(school: OrgUnit, year: int, staff_ids: list[int]) -> dict[int, dict[int, str]]:
    """{staff id: {subject id: name}} of the teachers' staff rows of the year."""
    rows = (StaffYear.subjects.through.objects
            .filter(staffyear__school=school, staffyear__year_id=year, staffyear__staff_id__in=staff_ids)
            .values_list("staffyear__staff_id", "subject_id", "subject__name"))
    subjects: dict[int, dict[int, str]] = defaultdict(dict)
    for staff_id, subject_id, name in rows:
        subjects[staff_id][subject_id] = name
    return subjects


def _per_teacher(subjects: dict[int, dict[int, str]], staff_ids: list[int], by_subject: dict, fields: tuple[str, ...]
                 ) -> dict[int, dict[str, int]]:
    """Sum per teacher the per-subject counts of their subjects."""
    sums = {}
    for staff_id in staff_ids:
        rows = [by_subject[s] for s in subjects.get(staff_id, {}) if s in by_subject]
        sums[staff_id] = {f: sum(r[f] for r in rows) for f in fields}
    return sums


def marked_period(school: OrgUnit, year: int) -> Period | None:
    """The year's marks, or before they are given the last period of the year that has marks."""
    present = set(PeriodMark.objects.filter(school=school, year_id=year).values_list("period", flat=True).distinct())
    if Period.YEAR in present:
        return Period.YEAR
    order = [p for p in Period if p != Period.YEAR]
    return max(present, key=order.index) if present else None


def _assigned_counts(rows, staff_ids: list[int], fields: tuple[str, ...]) -> dict[int, dict[str, int]]:
    found = {r["staff_id"]: r for r in rows}
    return {s: {f: found[s][f] if s in found else 0 for f in fields} for s in staff_ids}


def _assigned_mark_counts(school: OrgUnit, year: int, period: Period | None, staff_ids: list[int]
                          ) -> dict[int, dict[str, int]]:
    """Per teacher, the marks of the period in the subject of each of their assignments given to the pupils of
    its class: one query joining the assignments to the marks (a mark counts once per teacher: an assignment is
    unique per class, subject and teacher). Grouped for every teacher of the school's load and the wanted ones
    picked here: narrowed by a list of 5–18 teachers, SQLite's planner started from the year's marks and probed
    the assignments for each (about 1 s on the demo school against 30 ms for the whole load)."""
    fields = ("total", "good", "passed")
    if period is None:
        return _assigned_counts([], staff_ids, fields)
    rows = (TeachingAssignment.objects
            .filter(school=school, year_id=year,
                    **{f"{MARKS}__school": school, f"{MARKS}__year_id": year, f"{MARKS}__period": period,
                       f"{MARKS}__subject_id": F("subject_id"), f"{MARKS}__mark__in": FIVE_POINT})
            .values("staff_id")
            .annotate(total=Count(MARKS), good=Count(MARKS, filter=Q(**{f"{MARKS}__mark__in": GOOD})),
                      passed=Count(MARKS, filter=Q(**{f"{MARKS}__mark__in": PASSED})))
            .order_by())
    return _assigned_counts(rows, staff_ids, fields)


def _subject_mark_counts(school: OrgUnit, year: int, period: Period | None, staff_ids: list[int]
                         ) -> dict[int, dict[str, int]]:
    """Per teacher, the marks of the period in the subjects of their staff row of the year, in every class."""
    subjects = teacher_subjects(school, year, staff_ids)
    wanted = {s for per in subjects.values() for s in per}
    by_subject = {}
    if period is not None and wanted:
        rows = (PeriodMark.objects
                .filter(school=school, year_id=year, period=period, subject_id__in=wanted, mark__in=FIVE_POINT)
                .values("subject_id")
                .annotate(total=Count("pk"), good=Count("pk", filter=Q(mark__in=GOOD)),
                          passed=Count("pk", filter=Q(mark__in=PASSED))))
        by_subject = {r["subject_id"]: r for r in rows}
    return _per_teacher(subjects, staff_ids, by_subject, ("total", "good", "passed"))


def _mark_measures(school: OrgUnit, year: int, staff_ids: list[int], label: str, part: str) -> Measures:
    """The share `part` («good», «passed») of the marks of the year (or of the last period with marks)."""
    period = marked_period(school, year)
    what = "годовых отметок" if period == Period.YEAR else f"отметок за {Period(period).label}" if period else ""

    def by_load(school: OrgUnit, year: int, staff: list[int]) -> Measures:
        return {s: _ratio(label, c[part], c["total"], what + OWN_CLASSES, "нет отметок в классах педагога")
                for s, c in _assigned_mark_counts(school, year, period, staff).items()}

    def by_subject(school: OrgUnit, year: int, staff: list[int]) -> Measures:
        return {s: _ratio(label, c[part], c["total"], what, "нет отметок по предметам педагога")
                for s, c in _subject_mark_counts(school, year, period, staff).items()}

    return _by_load_or_subject(school, year, staff_ids, by_load, by_subject)


def marks_quality(school: OrgUnit, year: int, staff_ids: list[int]) -> Measures:
    return _mark_measures(school, year, staff_ids, "качество", "good")


def marks_success(school: OrgUnit, year: int, staff_ids: list[int]) -> Measures:
    return _mark_measures(school, year, staff_ids, "успеваемость", "passed")


def _ratio(label: str, part: int, whole: int, what: str, nothing: str) -> Measure:
    if not whole:
        return Measure(None, nothing)
    value = _share(part, whole)
    return Measure(value, f"{label} {_percent(value)} ({part} из {whole} {what})")


def _assigned_exam_counts(school: OrgUnit, year: int, staff_ids: list[int]) -> dict[int, dict[str, int]]:
    """Per teacher, the works (main attempt, with a mark) of the pupils of each assignment's class in its
    subject: one query from the works to the assignments of the pupil's class of the year (inner joins, so the
    database starts from the year's few procedures)."""
    teacher = f"{TAUGHT}__staff_id"
    rows = (Result.objects
            .filter(school=school, assessment__year_id=year, assessment__kind__in=EXAMS, attempt=Attempt.MAIN,
                    absent=False, mark__isnull=False, student__enrollments__year_id=year,
                    **{f"{TAUGHT}__subject_id": F("assessment__subject_id"), f"{TAUGHT}__staff_id__in": staff_ids})
            .values(teacher)
            .annotate(total=Count("pk"), good=Count("pk", filter=Q(mark__gte=4)))
            .order_by())
    return _assigned_counts([{"staff_id": r[teacher], **r} for r in rows], staff_ids, ("total", "good"))


def _assigned_exams(school: OrgUnit, year: int, staff_ids: list[int]) -> Measures:
    return {s: _ratio("«4» и «5»", c["good"], c["total"], "работ ВПР, ОГЭ, ЕГЭ" + OWN_CLASSES,
                      "работ ВПР, ОГЭ, ЕГЭ с отметкой в классах педагога нет")
            for s, c in _assigned_exam_counts(school, year, staff_ids).items()}


def _subject_exams(school: OrgUnit, year: int, staff_ids: list[int]) -> Measures:
    subjects = teacher_subjects(school, year, staff_ids)
    wanted = {s for per in subjects.values() for s in per}
    rows = (Result.objects
            .filter(school=school, assessment__year_id=year, assessment__kind__in=EXAMS,
                    assessment__subject_id__in=wanted, attempt=Attempt.MAIN, absent=False, mark__isnull=False)
            .values("assessment__subject_id")
            .annotate(total=Count("pk"), good=Count("pk", filter=Q(mark__gte=4))))
    by_subject = {r["assessment__subject_id"]: r for r in rows}
    counts = _per_teacher(subjects, staff_ids, by_subject, ("total", "good"))
    return {s: _ratio("«4» и «5»", c["good"], c["total"], "работ ВПР, ОГЭ, ЕГЭ", "работ ВПР, ОГЭ, ЕГЭ с отметкой нет")
            for s, c in counts.items()}


def exams_quality(school: OrgUnit, year: int, staff_ids: list[int]) -> Measures:
    return _by_load_or_subject(school, year, staff_ids, _assigned_exams, _subject_exams)


def _subject_names(subjects: dict[int, dict[int, str]]) -> dict[str, int]:
    """An event's subject is typed text («Математика», «математика»): each subject's name in the cases people
    type, to its id. Compared in Python on a few names: SQLite's lower() leaves Cyrillic as it is."""
    names = {}
    for per in subjects.values():
        for subject_id, name in per.items():
            for variant in (name, name.lower(), name[:1].upper() + name[1:].lower()):
                names[variant] = subject_id
    return names


def _subject_events(school: OrgUnit, year: int, staff_ids: list[int], condition: Q):
    subjects = teacher_subjects(school, year, staff_ids)
    names = _subject_names(subjects)
    events = Event.objects.filter(condition, school=school, year_id=year, subject__in=list(names))
    return subjects, names, events


CLASS_OF_PUPIL = "student__enrollments__school_class_id"


def _assigned_events(school: OrgUnit, year: int, staff_ids: list[int], condition: Q):
    """The teachers' (class, subject) pairs and the events of the year of the pupils enrolled in a class that
    year in a subject of the load (grouped by the caller on the subject's text and the class)."""
    pairs: dict[int, set[tuple[int, int]]] = defaultdict(set)
    subjects: dict[int, dict[int, str]] = defaultdict(dict)
    for staff_id, class_id, subject_id, name in (TeachingAssignment.objects
                                                 .filter(school=school, year_id=year, staff_id__in=staff_ids)
                                                 .values_list("staff_id", "school_class_id", "subject_id",
                                                              "subject__name")):
        pairs[staff_id].add((class_id, subject_id))
        subjects[staff_id][subject_id] = name
    names = _subject_names(subjects)
    events = Event.objects.filter(condition, school=school, year_id=year, subject__in=list(names),
                                  student__enrollments__year_id=year)
    return pairs, names, events


def _assigned_awards(school: OrgUnit, year: int, staff_ids: list[int]) -> Measures:
    pairs, names, events = _assigned_events(school, year, staff_ids, AWARDED)
    by_cell: dict[tuple[int, int], int] = defaultdict(int)
    for r in events.values("subject", CLASS_OF_PUPIL).annotate(n=Count("pk")).order_by():
        by_cell[(r[CLASS_OF_PUPIL], names[r["subject"]])] += r["n"]
    measures = {}
    for s in staff_ids:
        n = sum(by_cell[cell] for cell in pairs.get(s, ()))
        measures[s] = Measure(Decimal(n), f"дипломов победителей и призёров{OWN_CLASSES}: {n}")
    return measures


def _assigned_participants(school: OrgUnit, year: int, staff_ids: list[int]) -> Measures:
    pairs, names, events = _assigned_events(school, year, staff_ids, Q())
    pupils: dict[tuple[int, int], set[int]] = defaultdict(set)
    for subject, class_id, student in events.values_list("subject", CLASS_OF_PUPIL, "student_id").distinct().order_by():
        pupils[(class_id, names[subject])].add(student)
    measures = {}
    for s in staff_ids:
        n = len(set().union(*(pupils[cell] for cell in pairs.get(s, ()))))
        measures[s] = Measure(Decimal(n), f"участников из классов педагога: {n} чел.")
    return measures


def _subject_awards(school: OrgUnit, year: int, staff_ids: list[int]) -> Measures:
    subjects, names, events = _subject_events(school, year, staff_ids, AWARDED)
    by_subject: dict[int, dict[str, int]] = defaultdict(lambda: {"n": 0})
    for r in events.values("subject").annotate(n=Count("pk")).order_by():
        by_subject[names[r["subject"]]]["n"] += r["n"]
    counts = _per_teacher(subjects, staff_ids, dict(by_subject), ("n",))
    return {s: Measure(Decimal(c["n"]), f"дипломов победителей и призёров: {c['n']}") for s, c in counts.items()}


def olympiad_awards(school: OrgUnit, year: int, staff_ids: list[int]) -> Measures:
    """Diplomas of winners and prize-winners above the school stage in the teacher's subjects (with the load
    entered: of the pupils of the teacher's classes in the subject taught there)."""
    return _by_load_or_subject(school, year, staff_ids, _assigned_awards, _subject_awards)


def _subject_participants(school: OrgUnit, year: int, staff_ids: list[int]) -> Measures:
    subjects, names, events = _subject_events(school, year, staff_ids, Q())
    pupils: dict[int, set[int]] = defaultdict(set)
    for subject, student in events.values_list("subject", "student_id").distinct().order_by():
        pupils[names[subject]].add(student)
    measures = {}
    for s in staff_ids:
        n = len(set().union(*(pupils[subject] for subject in subjects.get(s, {}))))
        measures[s] = Measure(Decimal(n), f"участников: {n} чел.")
    return measures


def olympiad_participants(school: OrgUnit, year: int, staff_ids: list[int]) -> Measures:
    """Pupils who took part in an olympiad or contest in one of the teacher's subjects, each counted once
    (with the load entered: pupils of the teacher's classes in the subject taught there)."""
    return _by_load_or_subject(school, year, staff_ids, _assigned_participants, _subject_participants)


def course_hours(school: OrgUnit, year: int, staff_ids: list[int]) -> Measures:
    rows = (StaffEvent.objects
            .filter(school=school, staff_id__in=staff_ids, kind__in=COURSES,
                    year_id__in=range(year - COURSE_YEARS + 1, year + 1))
            .values("staff_id").annotate(hours=Sum("hours"), n=Count("pk")))
    found = {r["staff_id"]: r for r in rows}
    measures = {}
    for s in staff_ids:
        hours, n = (found[s]["hours"] or 0, found[s]["n"]) if s in found else (0, 0)
        measures[s] = Measure(Decimal(hours), f"{hours} ч за {COURSE_YEARS} года (курсов: {n})")
    return measures


def category(school: OrgUnit, year: int, staff_ids: list[int]) -> Measures:
    rows = dict(StaffYear.objects.filter(school=school, year_id=year, staff_id__in=staff_ids)
                .values_list("staff_id", "category"))
    measures = {}
    for s in staff_ids:
        value = rows.get(s) or ""
        label = QualificationCategory(value).label if value else "не указана"
        measures[s] = Measure(Decimal(CATEGORY_RANK.get(value, 0)), f"категория: {label}")
    return measures


def contests(school: OrgUnit, year: int, staff_ids: list[int]) -> Measures:
    rows = {r["staff_id"]: r for r in StaffEvent.objects
            .filter(school=school, year_id=year, staff_id__in=staff_ids, kind=StaffEventKind.CONTEST)
            .values("staff_id").annotate(n=Count("pk"), won=Count("pk", filter=Q(result__in=CONTEST_AWARDS)))}
    measures = {}
    for s in staff_ids:
        n, won = (rows[s]["n"], rows[s]["won"]) if s in rows else (0, 0)
        measures[s] = Measure(Decimal(n), f"конкурсов: {n}" + (f", из них с призовым местом: {won}" if won else ""))
    return measures


def talks(school: OrgUnit, year: int, staff_ids: list[int]) -> Measures:
    rows = dict(StaffEvent.objects.filter(school=school, year_id=year, staff_id__in=staff_ids, kind__in=TALKS)
                .values("staff_id").annotate(n=Count("pk")).values_list("staff_id", "n"))
    return {s: Measure(Decimal(rows.get(s, 0)), f"выступлений, экспертиз, наставничества: {rows.get(s, 0)}")
            for s in staff_ids}


def visits_score(school: OrgUnit, year: int, staff_ids: list[int]) -> Measures:
    rows = {r["teacher_id"]: r for r in LessonVisit.objects
            .filter(school=school, year_id=year, teacher_id__in=staff_ids)
            .values("teacher_id").annotate(mean=Avg("total"), n=Count("pk"))}
    measures = {}
    for s in staff_ids:
        if s not in rows:
            measures[s] = Measure(None, "посещений уроков нет")
            continue
        mean = Decimal(str(rows[s]["mean"]))
        measures[s] = Measure(mean, f"средний балл {fixed(mean, Unit.SCORE)} из {VISIT_MAX} "
                                    f"(посещений: {rows[s]['n']})")
    return measures


MEASURES: dict[str, MeasureOf] = {
    "marks_quality": marks_quality,
    "marks_success": marks_success,
    "exams_quality": exams_quality,
    "olympiad_awards": olympiad_awards,
    "olympiad_participants": olympiad_participants,
    "course_hours": course_hours,
    "category": category,
    "contests": contests,
    "talks": talks,
    "visits_score": visits_score,
}
