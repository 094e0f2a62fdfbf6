"""Extraction is fast and set-based without changing a value (docs/data-values.md, «Производительность»).

- Property: for random records of two schools over two years — students who left just
  before, on or after the 25 May cut-off, outcome «выбыл», enrollments in the other school,
  marks of several periods, events, programs and social statuses around their dates,
  survey respondents whose rows disagree on the grade, task scores of flagged tasks —
  the codes that the rewritten queries compute equal a direct computation from the rows.
- The number of queries does not grow with schools or years.
- On SQLite no query of the CE extractors walks an IN list per row (the plan that made
  one demo school take 20 s).
- Recomputation writes only the difference, and what it leaves is exactly what deleting
  everything and writing it anew leaves.
- A whole demo school recomputes (slow; its speed is in benchmarks/).
"""

from __future__ import annotations

import datetime
import json
from collections import Counter, defaultdict
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.datavalues.records import Records, make_school
from vsoko.datavalues import staging
from vsoko.datavalues.compute import extract, recompute
from vsoko.datavalues.enums import Source
from vsoko.datavalues.extractors.core import ce_activities, marks, normalize_answer
from vsoko.datavalues.extractors.regulations import ce_participation
from vsoko.datavalues.models import DataValue
from vsoko.datavalues.registry import breakdown_key, clean_breakdown
from vsoko.records.enums import (
    AssessmentKind,
    Attempt,
    Difficulty,
    EventKind,
    EventLevel,
    EventResult,
    Mark,
    Outcome,
    Period,
    ProgramKind,
    SocialCategory,
)
from vsoko.records.models import (
    Assessment,
    AssessmentTask,
    Enrollment,
    Event,
    ManualValue,
    OrgUnit,
    PeriodMark,
    Program,
    Result,
    SocialStatus,
    SurveyAnswer,
    TaskScore,
)

YEARS = [2023, 2024]
SUBJECTS = ["математика", "русский язык"]
MARKS = [m.value for m in Mark]
OUTCOMES = ["", Outcome.PROMOTED, Outcome.GRADUATED, Outcome.LEFT]
LEFT_ON = [None, "autumn", "day_before", "cutoff", "summer"]
ANSWERS = ["полностью удовлетворен", "Скорее  удовлетворен", "не удовлетворен", "затрудняюсь ответить", ""]
# (task, max points, difficulty, functional literacy, metasubject)
TASKS = [("1", 2, Difficulty.BASIC, True, False), ("2", 1, Difficulty.BASIC, True, True),
         ("3", 3, Difficulty.ADVANCED, False, True), ("4", 0, Difficulty.HIGH, True, None)]


def cutoff(year: int) -> datetime.date:
    return datetime.date(year + 1, 5, 25)


def left_on(option: str | None, year: int) -> datetime.date | None:
    return {
        None: None, "autumn": datetime.date(year, 11, 1), "day_before": cutoff(year) - datetime.timedelta(days=1),
        "cutoff": cutoff(year), "summer": datetime.date(year + 1, 7, 1),
    }[option]


def until(option: str | None, year: int) -> datetime.date | None:
    return {
        None: None, "before_year": datetime.date(year, 8, 31), "autumn": datetime.date(year, 11, 1),
        "cutoff": cutoff(year), "last_day": datetime.date(year + 1, 8, 31), "after_year": datetime.date(year + 1, 9, 1),
    }[option]


years = st.sampled_from(YEARS)
enrollment = st.fixed_dictionaries({
    "grade": st.integers(1, 11),
    "outcome": st.sampled_from(OUTCOMES),
    "left_on": st.sampled_from(LEFT_ON),
    "elsewhere": st.booleans(),
    "ovz": st.booleans(),
    "disability": st.booleans(),
})
student = st.fixed_dictionaries({
    "school": st.integers(0, 1),
    "enrollments": st.dictionaries(years, enrollment, max_size=2),
    "marks": st.lists(
        st.tuples(years, st.sampled_from([Period.YEAR, Period.Q1]), st.sampled_from(SUBJECTS), st.sampled_from(MARKS)),
        max_size=6, unique_by=lambda m: m[:3],
    ),
    "events": st.lists(st.tuples(years, st.sampled_from(list(EventLevel)), st.sampled_from([*EventKind, ""]),
                                 st.sampled_from(list(EventResult))), max_size=3),
    "programs": st.lists(st.tuples(years, st.sampled_from([*ProgramKind, ""]), st.sampled_from([None, True, False]),
                                   st.sampled_from([None, True])), max_size=2),
    "social": st.lists(
        st.tuples(years, st.sampled_from(list(SocialCategory)),
                  st.sampled_from([None, "before_year", "autumn", "cutoff", "last_day", "after_year"])),
        max_size=3, unique_by=lambda s: s[:2],
    ),
    "results": st.lists(st.tuples(years, st.sampled_from(list(Attempt)), st.booleans(),
                                  st.lists(st.integers(0, 3), min_size=len(TASKS), max_size=len(TASKS))),
                        max_size=2, unique_by=lambda r: r[0]),
})
respondent = st.fixed_dictionaries({
    "school": st.integers(0, 1),
    "year": years,
    "rows": st.lists(st.tuples(st.sampled_from([None, 3, 5, 9]), st.sampled_from(ANSWERS)), min_size=1, max_size=3),
})


def build(schools: list[OrgUnit], students: list[dict], respondents: list[dict]) -> None:
    assessments = {}
    for school in schools:
        b = Records(school)
        for year in YEARS:
            a = b.assessment(AssessmentKind.VPR, "математика", 5, year=year)
            AssessmentTask.objects.bulk_create([
                AssessmentTask(assessment=a, task=t, position=i, max_points=m, difficulty=d, functional_literacy=fl,
                               metasubject=meta)
                for i, (t, m, d, fl, meta) in enumerate(TASKS, start=1)
            ])
            assessments[(school.pk, year)] = a
    for i, data in enumerate(students):
        home = schools[data["school"]]
        person = Records(home).student(f"s{i}")
        for year, e in data["enrollments"].items():
            where = schools[1 - data["school"]] if e["elsewhere"] else home
            Records(where, year).enroll(person, f"{e['grade']}А", outcome=e["outcome"],
                                        left_on=left_on(e["left_on"], year), ovz=e["ovz"], disability=e["disability"])
        b = Records(home)
        for year, period, subject, mark in data["marks"]:
            b.marks(person, {subject: mark}, period=period, year=year)
        for n, (year, level, kind, result) in enumerate(data["events"]):
            b.event(person, f"e{n}", level, kind=kind, result=result, year=year)
        for n, (year, kind, certificate, route) in enumerate(data["programs"]):
            Program.objects.create(school=home, year_id=year, student=person, program=f"p{n}", kind=kind,
                                   certificate=certificate, individual_route=route)
        for year, category, option in data["social"]:
            b.social(person, category, until=until(option, year), year=year)
        for year, attempt, absent, points in data["results"]:
            b.result(assessments[(home.pk, year)], person, attempt=attempt, absent=absent, mark=4,
                     tasks=[min(p, t[1]) for p, t in zip(points, TASKS, strict=True)])
    for i, r in enumerate(respondents):
        for q, (grade, answer) in enumerate(r["rows"]):
            SurveyAnswer.objects.create(school=schools[r["school"]], year_id=r["year"], survey="parents",
                                        respondent=f"r{i}", grade=grade, question=f"q{q}", answer=answer)


# --- the direct computation ---------------------------------------------------------------------

def direct(school_ids: list[int]) -> dict[tuple, Decimal]:
    """The checked codes computed row by row from the records, as docs/data-values.md defines them."""
    out: Counter = Counter()
    enrollments = {(e.student_id, e.year_id): e for e in Enrollment.objects.select_related("school_class")}

    def ce(e) -> bool:
        return (e.school_id in school_ids and e.year_id in YEARS and e.outcome != Outcome.LEFT
                and (e.left_on is None or e.left_on >= cutoff(e.year_id)))

    def add(school, year, code, breakdown, n=1, period=None):
        out[(school, year, period, code, breakdown_key(clean_breakdown(breakdown)))] += n

    def ours(row) -> bool:
        return row.school_id in school_ids and row.year_id in YEARS

    year_marks = defaultdict(list)
    for m in PeriodMark.objects.select_related("subject"):
        if m.period == Period.YEAR:
            year_marks[(m.student_id, m.year_id)].append(m.mark)
        e = enrollments.get((m.student_id, m.year_id))
        if not ours(m) or e is None:
            continue
        key = {"grade": e.school_class.grade, "subject": m.subject.name, "mark": m.mark}
        add(m.school_id, m.year_id, "marks.period", key, period=m.period)
        if m.period == Period.YEAR and ce(e):
            add(m.school_id, m.year_id, "marks.year", key)

    for e in enrollments.values():
        if e.school_id in school_ids and e.year_id in YEARS:
            add(e.school_id, e.year_id, "students.enrolled",
                {"grade": e.school_class.grade, "in_ce": "yes" if ce(e) else "no"})
        if ce(e):
            add(e.school_id, e.year_id, "students.ce.attestation",
                {"grade": e.school_class.grade, "attestation": attestation(year_marks[(e.student_id, e.year_id)])})

    def distinct(rows, counts):
        """counts: code -> (condition(row, enrollment), extra(row, enrollment) -> dict)."""
        found = defaultdict(set)
        for row in rows:
            e = enrollments.get((row.student_id, row.year_id))
            if not ours(row) or e is None or not ce(e):
                continue
            for code, (condition, extra) in counts.items():
                if condition(row):
                    breakdown = {"grade": e.school_class.grade, **extra(row, e)}
                    found[(row.school_id, row.year_id, code, breakdown_key(clean_breakdown(breakdown)))].add(
                        row.student_id)
        for (school, year, code, key), people in found.items():
            out[(school, year, None, code.split(":")[0], key)] += len(people)

    def plain(row, e):
        return {}

    def every(row):
        return True

    federal = {EventLevel.FINAL, EventLevel.ALL_RUSSIAN}
    winning = {EventResult.PRIZE, EventResult.WINNER}
    listed = {EventKind.VSOSH, EventKind.LISTED_OLYMPIAD, EventKind.CONTEST, EventKind.COMPETITION,
              EventKind.CONFERENCE}
    olympiads = {EventKind.VSOSH, EventKind.LISTED_OLYMPIAD, EventKind.OLYMPIAD}
    distinct(Event.objects.all(), {
        "students.ce.events": (every, plain),
        "students.ce.events.level": (every, lambda r, e: {"level": r.level}),
        "students.ce.events.level:federal": (lambda r: r.level in federal, lambda r, e: {"level": "federal"}),
        "students.ce.event_winners": (lambda r: r.result in winning, plain),
        "students.ce.event_winners.level": (lambda r: r.result in winning, lambda r, e: {"level": r.level}),
        "students.ce.event_winners.level:federal": (lambda r: r.result in winning and r.level in federal,
                                                    lambda r, e: {"level": "federal"}),
        "students.ce.vsosh_municipal": (lambda r: r.kind == EventKind.VSOSH and r.level == EventLevel.MUNICIPAL,
                                        plain),
        "students.ce.events.listed": (lambda r: r.kind in listed, lambda r, e: {"ovz": e.ovz}),
        "students.ce.events.listed_winners": (lambda r: r.kind in listed and r.result in winning, plain),
        "students.ce.olympiad_winners.mun_reg": (
            lambda r: r.kind in olympiads and r.level in {EventLevel.MUNICIPAL, EventLevel.REGIONAL}
            and r.result in winning, plain),
        "students.ce.events.mun_up": (
            lambda r: r.level in {EventLevel.MUNICIPAL, EventLevel.REGIONAL, *federal}, plain),
    })
    distinct(Program.objects.all(), {
        "students.ce.additional": (lambda r: r.kind in {ProgramKind.ADDITIONAL, ProgramKind.SPORTS}, plain),
        "students.ce.programs": (lambda r: r.kind != "", lambda r, e: {"program_kind": r.kind}),
        "students.ce.programs.ovz": (lambda r: r.kind != "", lambda r, e: {
            "program_kind": r.kind, "ovz": e.ovz, "disability": e.disability}),
        "students.ce.do_certificate": (lambda r: r.certificate is True, plain),
        "students.ce.individual_route": (lambda r: r.individual_route is True, plain),
        "students.ce.career_guidance": (lambda r: r.kind in {ProgramKind.CAREER, ProgramKind.TICKET_TO_FUTURE},
                                        plain),
    })
    prevention = set(SocialCategory.prevention())

    def in_force(r):
        return r.until is None or r.until >= cutoff(r.year_id)

    def removed(r):
        return r.until is not None and datetime.date(r.year_id, 9, 1) <= r.until <= datetime.date(r.year_id + 1, 8, 31)

    distinct(SocialStatus.objects.all(), {
        "students.ce.prevention": (lambda r: in_force(r) and r.category in prevention, plain),
        "students.ce.social": (in_force, lambda r, e: {"social": r.category}),
        "students.ce.social.attested": (in_force, lambda r, e: {
            "social": r.category, "attestation": attestation(year_marks[(r.student_id, r.year_id)])}),
        "students.ce.pdn_kdn": (lambda r: in_force(r) and r.category in {SocialCategory.PDN, SocialCategory.KDN},
                                plain),
        "students.ce.risk": (lambda r: in_force(r) and r.category in {
            SocialCategory.ORPHAN, SocialCategory.LOW_INCOME, SocialCategory.SINGLE_PARENT, SocialCategory.ZPR,
            SocialCategory.ADAPTATION, SocialCategory.HARDSHIP, SocialCategory.SPT_RISK}, plain),
        "students.ce.prevention.year": (lambda r: r.category in prevention, plain),
        "students.ce.prevention.removed": (lambda r: r.category in prevention and removed(r), plain),
    })

    surveyed = defaultdict(list)
    for a in SurveyAnswer.objects.all():
        if ours(a):
            surveyed[(a.school_id, a.year_id, a.survey, a.respondent)].append(a)
    for (school, year, survey, _), rows in surveyed.items():
        grades = [a.grade for a in rows if a.grade is not None]
        grade = min(grades) if grades else None
        add(school, year, "survey.respondents", {"survey": survey, "grade": grade})
        for a in rows:
            if normalize_answer(a.answer) is not None:
                add(school, year, "survey.answers", {"survey": survey, "question": a.question,
                                                     "answer": normalize_answer(a.answer), "grade": grade})

    results_of = defaultdict(list)
    for score in TaskScore.objects.select_related("task", "result__assessment__subject"):
        results_of[score.result].append(score)
    for result, scores in results_of.items():
        a = result.assessment
        if result.school_id not in school_ids or a.year_id not in YEARS or result.absent or result.attempt != Attempt.MAIN:
            continue
        dims = {"kind": a.kind, "grade": a.grade, "subject": a.subject.name}
        for s in scores:
            add(result.school_id, a.year_id, "results.task_points", {**dims, "difficulty": s.task.difficulty}, s.points)
            for flag, suffix in (("functional_literacy", "fl"), ("metasubject", "meta")):
                if getattr(s.task, flag):
                    add(result.school_id, a.year_id, f"results.task_points.{suffix}", dims, s.points)
                    add(result.school_id, a.year_id, f"results.task_max.{suffix}", dims, s.task.max_points)
        fl = [s for s in scores if s.task.functional_literacy]
        if sum(s.task.max_points for s in fl) > 0:
            add(result.school_id, a.year_id, "results.fl_scored", dims)
            solved = 2 * sum(s.points for s in fl) >= sum(s.task.max_points for s in fl)
            add(result.school_id, a.year_id, "results.fl_solved", dims, 1 if solved else 0)
    return {k: Decimal(v) for k, v in out.items()}


def attestation(marks: list[str]) -> str:
    numeric = [m for m in marks if m in Mark.numeric()]
    if all(m == Mark.EXEMPT for m in marks):
        return "none"
    if {Mark.TWO, Mark.ONE, Mark.NOT_ASSESSED, Mark.FAIL} & set(marks):
        return "failing"
    if numeric and not {Mark.FOUR, Mark.THREE} & set(marks):
        return "excellent"
    if numeric and Mark.THREE not in marks:
        return "good"
    return "satisfactory"


CODES = {code.split(":")[0] for code in [
    "marks.period", "marks.year", "students.enrolled", "students.ce.events", "students.ce.events.level",
    "students.ce.event_winners", "students.ce.event_winners.level", "students.ce.vsosh_municipal",
    "students.ce.events.listed", "students.ce.events.listed_winners", "students.ce.olympiad_winners.mun_reg",
    "students.ce.events.mun_up", "students.ce.additional", "students.ce.programs", "students.ce.programs.ovz",
    "students.ce.do_certificate", "students.ce.individual_route", "students.ce.career_guidance",
    "students.ce.prevention", "students.ce.social", "students.ce.social.attested", "students.ce.pdn_kdn",
    "students.ce.risk",
    "students.ce.prevention.year", "students.ce.prevention.removed", "survey.respondents", "survey.answers",
    "results.task_points", "results.task_points.fl", "results.task_max.fl", "results.task_points.meta",
    "results.task_max.meta", "results.fl_scored", "results.fl_solved",
]}


def extracted(school_ids: list[int]) -> dict[tuple, Decimal]:
    """The checked codes as extracted; students.ce summed to grade × attestation; no zero fill-ins."""
    out: Counter = Counter()
    for v in extract(school_ids, YEARS):
        if v.key == "" and v.value == 0:
            continue  # the zero written where source data exist and no row was found
        if v.code == "students.ce":
            key = breakdown_key({"grade": v.breakdown["grade"], "attestation": v.breakdown["attestation"]})
            out[(v.org_unit_id, v.year_id, None, "students.ce.attestation", key)] += v.value
        elif v.code in CODES:
            out[(v.org_unit_id, v.year_id, v.period, v.code, v.key)] += v.value
    return dict(out)


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(students=st.lists(student, max_size=8), respondents=st.lists(respondent, max_size=4))
def test_rewritten_queries_equal_a_direct_computation(students, respondents):
    with transaction.atomic():
        schools = [make_school("pa"), make_school("pb")]
        build(schools, students, respondents)
        for school_ids in ([schools[0].pk], [s.pk for s in schools]):
            assert extracted(school_ids) == direct(school_ids)
        transaction.set_rollback(True)


# --- set-based: queries do not grow with schools and years ---------------------------------------

def queries_of(school_ids, years) -> int:
    with CaptureQueriesContext(connection) as ctx:
        extract(school_ids, years)
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_the_number_of_queries_does_not_grow_with_schools_or_years():
    schools = [make_school(f"q{i}") for i in range(3)]
    for school in schools:
        for year in YEARS:
            b = Records(school, year)
            s = b.student(f"{school.code}-{year}", "5А")
            b.marks(s, {"математика": "5"})
            b.event(s, "олимпиада", EventLevel.SCHOOL)

    one = queries_of([schools[0].pk], YEARS[:1])
    assert queries_of([s.pk for s in schools], YEARS[:1]) == one
    assert queries_of([s.pk for s in schools], YEARS) == one


# --- the SQLite plan that made extraction slow -----------------------------------------------------

@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="a SQLite query plan")
def test_sqlite_never_walks_an_in_list_per_row_in_the_ce_extractors(school):
    b = Records(school)
    s = b.student("s1", "5А")
    b.marks(s, {"математика": "5"})
    b.event(s, "олимпиада", EventLevel.SCHOOL)

    staging.create()
    with CaptureQueriesContext(connection) as ctx:
        for fn in (marks, ce_activities, ce_participation):
            for item in fn([school.pk], [2024]):
                if isinstance(item, staging.Grouped):
                    staging.insert_grouped(item)
    assert any("INSERT INTO vsoko_staged" in query["sql"] for query in ctx.captured_queries)
    with connection.cursor() as cursor:
        for query in ctx.captured_queries:
            cursor.execute(f"EXPLAIN QUERY PLAN {query['sql']}")
            plan = " | ".join(row[-1] for row in cursor.fetchall())
            assert "LIST SUBQUERY" not in plan, query["sql"]


# --- only the difference is written ---------------------------------------------------------------

def stored(school) -> list[tuple]:
    """The school's data values as the database holds them, without ids; the breakdown as its items
    (JSON text on SQLite may list them in any order)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT year_id, period, code, key, source, value, breakdown FROM datavalues_datavalue "
            "WHERE org_unit_id = %s", [school.pk])
        rows = [(*row[:6], sorted((json.loads(row[6]) if isinstance(row[6], str) else row[6]).items()))
                for row in cursor.fetchall()]
        return sorted(rows, key=repr)


def stored_with_ids(school) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, code, key, value FROM datavalues_datavalue WHERE org_unit_id = %s ORDER BY id",
                       [school.pk])
        return cursor.fetchall()


@pytest.mark.django_db
def test_recomputing_unchanged_records_rewrites_nothing(school):
    b = Records(school)
    s = b.student("s1", "5А")
    b.marks(s, {"математика": "5", "русский язык": "4"})
    b.manual("reg000.1.5", value=Decimal("98.4"), scope="region")
    recompute(school, [2024])
    before, rows = stored(school), stored_with_ids(school)

    recompute(school, [2024])

    # A rewritten value would have a new id.
    assert stored_with_ids(school) == rows
    assert stored(school) == before


@pytest.mark.django_db
def test_writing_the_difference_leaves_what_a_full_rewrite_leaves(school):
    b = Records(school)
    s1 = b.student("s1", "5А")
    s2 = b.student("s2", "6А")
    b.marks(s1, {"математика": "5"})
    b.marks(s2, {"математика": "3"})
    b.manual("reg000.1.5", value=Decimal("98.4"))
    recompute(school, [2024])
    unchanged = DataValue.objects.get(org_unit=school, code="marks.period", key="grade=6|mark=3|subject=математика")

    PeriodMark.objects.filter(student=s1).update(mark="4")  # a value moves to another key
    Enrollment.objects.filter(student=s2).update(outcome=Outcome.LEFT)  # rows disappear
    b.event(s1, "олимпиада", EventLevel.REGIONAL)  # new codes appear
    ManualValue.objects.update(value=Decimal("97.5"))  # same key, another value
    # The same breakdown written with another key order: on SQLite the JSON text differs, and is left so.
    row = DataValue.objects.get(org_unit=school, code="students.enrolled", key="grade=5|in_ce=yes")
    DataValue.objects.filter(pk=row.pk).update(breakdown={"in_ce": "yes", "grade": "5"})
    recompute(school, [2024])
    difference = stored(school)
    assert DataValue.objects.filter(pk=unchanged.pk).exists()  # left alone, not rewritten

    DataValue.objects.filter(org_unit=school).delete()
    recompute(school, [2024])

    assert difference == stored(school)
    assert DataValue.objects.get(org_unit=school, source=Source.ENTERED, code="reg000.1.5").value == Decimal("97.5")
    assert not DataValue.objects.filter(org_unit=school, code="marks.year", key__startswith="grade=6").exists()


# --- a whole demo school ---------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.django_db
def test_a_whole_demo_school_recomputes(tmp_path, school):
    """The time of this is measured by benchmarks/run.py; here only that it works at full size."""
    from vsoko.demo.generator import generate_school
    from vsoko.demo.model import SchoolProfile
    from vsoko.imports.service import import_package
    from vsoko.indicators.catalogs import load_shipped_catalogs

    load_shipped_catalogs()  # the demo's `values` rows name catalog codes

    package = generate_school(SchoolProfile(code="perf", name="Скорость", seed="perf-1"), 3)
    package.write_csv(tmp_path)
    assert import_package(tmp_path, school=school).ok
    years = sorted(set(PeriodMark.objects.values_list("year_id", flat=True)))

    written = recompute(school, years)

    assert written > 10_000
    assert Result.objects.exists() and Assessment.objects.exists()
