"""Extractors of the core data values (docs/data-values.md, spec/core-indicators.md).

Every function runs a handful of GROUP BY queries for many schools and years at
once; per-student conditions (attestation, passing every exam) are decided inside
the database with Exists / conditional aggregation, then counted per grade.
"""

from __future__ import annotations

from typing import NamedTuple

from django.db import connection, connections
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    ExpressionWrapper,
    F,
    FilteredRelation,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear

from vsoko.assessments.subjects import BASE_MATHEMATICS, subject_key
from vsoko.datavalues.populations import (
    ce_condition,
    ce_enrollments,
    ce_grade_path,
    cutoff_date,
    in_ce,
    main_results,
)
from vsoko.datavalues.registry import SATISFACTION_ANSWERS, Code, Row, extractor, present_in
from vsoko.datavalues.staging import Grouped, Output, SqlRows, grouped, regroup
from vsoko.records.enums import (
    AssessmentKind,
    EventKind,
    EventLevel,
    EventResult,
    Mark,
    Period,
    ProgramKind,
    SocialCategory,
    StaffEventKind,
)
from vsoko.records.models import (
    Assessment,
    Enrollment,
    Event,
    PeriodMark,
    Program,
    Result,
    SchoolClass,
    SocialStatus,
    StaffEvent,
    StaffMember,
    StaffYear,
    Student,
    Subject,
    SurveyAnswer,
)

BASE_MATH = BASE_MATHEMATICS
HIGH_EGE_SCORE = 81
FEDERAL_LEVELS = [EventLevel.FINAL, EventLevel.ALL_RUSSIAN]
WINNING = [EventResult.PRIZE, EventResult.WINNER]
SATISFACTION_SCALE = {text: code for code, text in SATISFACTION_ANSWERS.items()}  # answer text -> dimension value


def grouped_rows(rows, code: str, dims: dict[str, str], *, value: str = "n", school: str = "school_id",
                  year: str = "year_id", period: str | None = None):
    """`Row`s from grouped rows already read into Python (`regrouped`): dims maps dimension name -> key of
    the row. A grouped queryset is `staging.grouped(...)` instead: its rows stay in the database."""
    for r in rows:
        yield Row(
            r[school], r[year], code, r[value],
            {dim: r[field] for dim, field in dims.items()},
            r[period] if period else None,
        )


def regrouped(qs, keys: list[str], aggregates: dict[str, str], having: str = ""):
    """Group the rows of a grouped queryset once more, in the database: a GROUP BY over it as a subquery.

    For per-result or per-participant statistics counted per breakdown (two levels of
    aggregation, which the ORM does not express). `keys` and the SQL of `aggregates`
    name columns of `qs.values()`; `having` filters the inner rows (a WHERE of the outer query).
    Values come as the database returns them: use it for counts.
    """
    connection = connections[qs.db]
    sql, params = qs.query.sql_with_params()
    columns = ", ".join(connection.ops.quote_name(k) for k in keys)
    selected = ", ".join(f"{expr} AS {connection.ops.quote_name(name)}" for name, expr in aggregates.items())
    where = f" WHERE {having}" if having else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}, {selected} FROM ({sql}) grouped{where} GROUP BY {columns}", params)
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


# --- contingent -------------------------------------------------------------------------------

# A CE student's year-end attestation from the counts of their year marks (one category per student).
ATTESTATION = Case(
    When(graded=0, then=Value("none")),
    When(failing__gt=0, then=Value("failing")),
    When(numeric__gt=0, below_five=0, then=Value("excellent")),
    When(numeric__gt=0, three=0, then=Value("good")),
    default=Value("satisfactory"),
    output_field=CharField(),
)


def ce_attested(school_ids, years, *fields):
    """One row per CE(Y) enrollment: `fields` and the student's year-end attestation (`attestation`).

    The student's year marks of that year are joined to the enrollment and counted by kind
    (conditional counts), then the category is chosen from the counts; no year marks at all
    is «none». A subquery per enrollment looked the marks up student by student (0.9 s for
    25 schools); the join is one hash join.
    """
    year_marks = FilteredRelation(
        "student__marks", condition=Q(student__marks__year=F("year"), student__marks__period=Period.YEAR),
    )
    return (
        ce_enrollments(school_ids, years).alias(year_marks=year_marks)
        .values("id", *fields)
        .annotate(**attestation_counts("year_marks"))
        .annotate(attestation=ATTESTATION)
    )


def attestation_counts(year_marks: str) -> dict[str, Count]:
    """The counts of a student's year marks (`year_marks`: the joined relation) that ATTESTATION reads."""
    failing = [Mark.TWO, Mark.ONE, Mark.NOT_ASSESSED, Mark.FAIL]
    mark = f"{year_marks}__mark"
    return {
        "graded": Count(year_marks, filter=~Q(**{mark: Mark.EXEMPT})),
        "failing": Count(year_marks, filter=Q(**{f"{mark}__in": failing})),
        "numeric": Count(year_marks, filter=Q(**{f"{mark}__in": Mark.numeric()})),
        "below_five": Count(year_marks, filter=Q(**{f"{mark}__in": [Mark.FOUR, Mark.THREE]})),
        "three": Count(year_marks, filter=Q(**{mark: Mark.THREE})),
    }


CE_DIMS = {
    "grade": "school_class__grade", "sex": "student__sex", "outcome": "outcome",
    "certificate": "certificate", "gia_admitted": "gia_admitted", "ovz": "ovz",
    "disability": "disability", "attestation": "attestation",
}
CE_FIELDS = [field for field in CE_DIMS.values() if field != "attestation"]  # columns of the enrollment row


@extractor(
    reads=(Enrollment, SchoolClass, Student),
    codes=[
        Code("students.ce", "обучающиеся в контингенте на конец учебного года (CE)", dims=tuple(CE_DIMS)),
        Code("students.enrolled", "все зачисления учебного года, включая выбывших", dims=("grade", "in_ce")),
    ],
    present=present_in(Enrollment),
)
def contingent(school_ids, years):
    per_student = ce_attested(school_ids, years, "school_id", "year_id", *CE_FIELDS)
    ce = regroup(per_student, ["school_id", "year_id", *CE_DIMS.values()], {"n": "COUNT(*)"})
    yield grouped(ce, "students.ce", CE_DIMS)

    enrolled = (
        Enrollment.objects.filter(school_id__in=school_ids, year_id__in=years)
        .annotate(in_ce=Case(
            When(ce_condition(school_ids, years), then=Value("yes")),
            default=Value("no"), output_field=CharField(),
        ))
        .values("school_id", "year_id", "school_class__grade", "in_ce")
        .annotate(n=Count("id"))
    )
    yield grouped(enrolled, "students.enrolled", {"grade": "school_class__grade", "in_ce": "in_ce"})


class Counted(NamedTuple):
    """A code counted by `ce_student_counts`: over the rows meeting `where` (None = every row)."""

    code: str
    where: Q | None = None
    fixed: dict[str, str] | None = None  # dimensions added to every row, e.g. {"level": "federal"}


def ce_student_counts(qs, school_ids, years, counts: list[Counted], extra: dict[str, str] | None = None) -> Grouped:
    """Distinct CE students among the rows of a per-student model (events, programs, social), per grade.

    One grouped query for several codes (conditional distinct counts); a code gets a value
    only where at least one of its students is found, as if counted by a query of its own.
    """
    extra = extra or {}
    grade = ce_grade_path()
    rows = (
        qs.filter(in_ce(school_ids, years))
        .values("school_id", "year_id", grade, *extra.values())
        .annotate(**{f"n{i}": Count("student", distinct=True, filter=c.where) for i, c in enumerate(counts)})
    )
    dims = {"grade": grade, **extra}
    return Grouped(rows, tuple(
        Output(counted.code, dims, f"n{i}", fixed=counted.fixed or {}, nonzero=True)
        for i, counted in enumerate(counts)
    ))


def ce_students(qs, school_ids, years, code, extra: dict[str, str] | None = None) -> Grouped:
    """Distinct CE students among the rows of a per-student model (events, programs, social), per grade."""
    return ce_student_counts(qs, school_ids, years, [Counted(code)], extra)


def not_removed(years):
    """Social rows still in force at the year's end: `until` empty or on/after 25 May."""
    return Q(until__isnull=True) | Q(until__gte=cutoff_date(years))


@extractor(
    reads=(Enrollment, Event, Program, SocialStatus, SchoolClass, Student),
    codes=[
        Code("students.ce.events", "обучающиеся CE с хотя бы одним мероприятием (олимпиада, конкурс) в году",
             dims=("grade",)),
        Code("students.ce.events.level", "обучающиеся CE с мероприятием данного уровня",
             dims=("grade", "level"), fixed=("level",)),
        Code("students.ce.event_winners", "обучающиеся CE — призёры или победители мероприятий",
             dims=("grade",)),
        Code("students.ce.event_winners.level", "обучающиеся CE — призёры или победители мероприятий данного уровня",
             dims=("grade", "level"), fixed=("level",)),
        Code("students.ce.vsosh_municipal", "обучающиеся CE — участники муниципального этапа ВСОШ",
             dims=("grade",)),
        Code("students.ce.additional",
             "обучающиеся CE, занятые в дополнительном образовании или спортивной секции", dims=("grade",)),
        Code("students.ce.programs", "обучающиеся CE с программой данного вида",
             dims=("grade", "program_kind"), fixed=("program_kind",)),
        Code("students.ce.prevention",
             "обучающиеся CE на учёте ПДН, КДН или внутришкольном учёте на конец года", dims=("grade",)),
        Code("students.ce.social", "обучающиеся CE с данной категорией социального статуса на конец года",
             dims=("grade", "social"), fixed=("social",)),
    ],
    present=present_in(Enrollment),
)
def ce_activities(school_ids, years):
    events = Event.objects.filter(school_id__in=school_ids, year_id__in=years)
    winning = Q(result__in=WINNING)
    # The grouped level «federal» = заключительный or всероссийский (a student counted once).
    federal = Q(level__in=FEDERAL_LEVELS)
    yield ce_student_counts(events, school_ids, years, [
        Counted("students.ce.events"),
        Counted("students.ce.events.level", federal, {"level": "federal"}),
        Counted("students.ce.event_winners", winning),
        Counted("students.ce.event_winners.level", winning & federal, {"level": "federal"}),
        Counted("students.ce.vsosh_municipal", Q(kind=EventKind.VSOSH, level=EventLevel.MUNICIPAL)),
    ])
    yield ce_student_counts(events, school_ids, years, [
        Counted("students.ce.events.level"),
        Counted("students.ce.event_winners.level", winning),
    ], {"level": "level"})

    programs = Program.objects.filter(school_id__in=school_ids, year_id__in=years)
    yield ce_students(
        programs.filter(kind__in=[ProgramKind.ADDITIONAL, ProgramKind.SPORTS]), school_ids, years,
        "students.ce.additional",
    )
    yield ce_students(programs.exclude(kind=""), school_ids, years, "students.ce.programs",
                            {"program_kind": "kind"})

    social = SocialStatus.objects.filter(school_id__in=school_ids, year_id__in=years).filter(not_removed(years))
    yield ce_students(social.filter(category__in=SocialCategory.prevention()), school_ids, years,
                            "students.ce.prevention")
    yield ce_students(social, school_ids, years, "students.ce.social", {"social": "category"})


@extractor(
    reads=(Event,),
    codes=[
        Code("vsosh.participants", "разные обучающиеся с хотя бы одной записью ВСОШ в году"),
        Code("vsosh.winners", "разные обучающиеся — призёры или победители ВСОШ в году"),
    ],
    present=present_in(Event),
)
def vsosh(school_ids, years):
    rows = (
        Event.objects.filter(school_id__in=school_ids, year_id__in=years, kind=EventKind.VSOSH)
        .values("school_id", "year_id")
        .annotate(
            n=Count("student", distinct=True),
            w=Count("student", distinct=True, filter=Q(result__in=WINNING)),
        )
    )
    yield Grouped(rows, (Output("vsosh.participants"), Output("vsosh.winners", value="w")))


# --- marks ------------------------------------------------------------------------------------

@extractor(
    reads=(PeriodMark, Enrollment, SchoolClass, Subject),
    codes=[
        Code("marks.year", "годовые отметки обучающихся CE", dims=("grade", "subject", "mark")),
        Code("marks.period", "отметки за период обучающихся, зачисленных в учебном году",
             dims=("grade", "subject", "mark", "period"), fixed=("period",)),
    ],
    present=present_in(PeriodMark),
)
def marks(school_ids, years):
    # One pass over the marks, grouped by the enrollment's grade and whether the mark is a year
    # mark in CE: marks.period adds up both, marks.year takes the year marks in CE.
    dims = {"grade": "grade", "subject": "subject", "mark": "mark"}
    yield Grouped(mark_counts(school_ids, years), (
        Output("marks.period", dims, period="period"),
        Output("marks.year", dims, where="year_in_ce"),
    ))


def mark_counts(school_ids, years) -> SqlRows:
    """Marks per school, year, grade, subject, mark and period, and whether they are year marks in CE.

    Each mark is joined to its student's enrollment of the mark's year: the enrollment's grade and
    whether it is in CE (`ce_condition`) are worked out once per enrollment, in a subquery that
    PostgreSQL does not flatten («OFFSET 0»), and the marks are grouped by the subject's id, its
    name joined to the groups. The ORM's query joined the students' table too (the path from a mark
    to an enrollment), evaluated the CE condition on each of the 0.9 million marks of ten schools
    and grouped them by the subject's name: 1.5–1.7 s of PostgreSQL's processor instead of 0.9–1.0
    (docs/data-values.md, «Производительность»). SQLite flattens the subquery as it was.
    """
    def table(model):
        return connection.ops.quote_name(model._meta.db_table)

    enrollments = (
        Enrollment.objects.filter(year_id__in=years)
        .annotate(grade=F("school_class__grade"),
                  in_ce=ExpressionWrapper(ce_condition(school_ids, years), output_field=BooleanField()))
        .values("student_id", "year_id", "grade", "in_ce")
    )
    enrollment_sql, enrollment_params = enrollments.query.sql_with_params()
    not_flattened = " OFFSET 0" if connection.vendor == "postgresql" else ""
    schools = ", ".join(["%s"] * len(school_ids))
    year_list = ", ".join(["%s"] * len(years))
    year_in_ce = "e.in_ce AND m.period = %s"
    sql = (
        "SELECT g.school_id, g.year_id, g.grade, s.name, g.mark, g.period, g.year_in_ce, g.n "
        f"FROM (SELECT m.school_id, m.year_id, e.grade, m.subject_id, m.mark, m.period, {year_in_ce} AS year_in_ce, "
        f"COUNT(*) AS n FROM {table(PeriodMark)} m "
        f"JOIN ({enrollment_sql}{not_flattened}) e ON e.student_id = m.student_id AND e.year_id = m.year_id "
        f"WHERE m.school_id IN ({schools}) AND m.year_id IN ({year_list}) "
        f"GROUP BY m.school_id, m.year_id, e.grade, m.subject_id, m.mark, m.period, {year_in_ce}) g "
        f"JOIN {table(Subject)} s ON s.id = g.subject_id"
    )
    columns = (("school_id", "IntegerField"), ("year_id", "IntegerField"), ("grade", "IntegerField"),
               ("subject", "CharField"), ("mark", "CharField"), ("period", "CharField"),
               ("year_in_ce", "BooleanField"), ("n", "IntegerField"))
    return SqlRows(sql, (Period.YEAR, *enrollment_params, *school_ids, *years, Period.YEAR), columns)


# --- assessments ------------------------------------------------------------------------------

def base_math_subject_ids() -> list[int]:
    """Subjects that are ЕГЭ базовая математика however spelled («Математика (база)», «математика базовая»)."""
    return [pk for pk, name in Subject.objects.values_list("pk", "name") if subject_key(name) == BASE_MATH]


def passed_case(base_math: list[int] | None = None) -> Case:
    """1 when a main result passes its threshold (docs/data-values.md, results.passed), else 0."""
    base_math = base_math_subject_ids() if base_math is None else base_math
    ege = Q(assessment__kind=AssessmentKind.EGE)
    base = ege & Q(assessment__subject_id__in=base_math)
    no_threshold = Q(assessment__min_score__isnull=True)
    return Case(
        When(base & Q(mark__gte=3), then=Value(1)),
        When(base, then=Value(0)),
        When(no_threshold & Q(mark__gte=3), then=Value(1)),
        When(no_threshold, then=Value(0)),
        When(ege & Q(test_score__gte=F("assessment__min_score")), then=Value(1)),
        When(~ege & Q(primary_score__gte=F("assessment__min_score")), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


RESULT_DIMS = {"kind": "assessment__kind", "grade": "assessment__grade", "subject": "assessment__subject__name"}
RESULT_FIELDS = ["school_id", "assessment__year_id", *RESULT_DIMS.values()]


@extractor(
    reads=(Result, Assessment, Subject),
    codes=[
        Code("results.main", "основные результаты процедур года (одна работа — один результат)",
             dims=tuple(RESULT_DIMS)),
        Code("results.marks", "основные результаты с данной отметкой", dims=(*RESULT_DIMS, "mark")),
        Code("results.mark.sum", "сумма отметок основных результатов", dims=tuple(RESULT_DIMS)),
        Code("results.passed", "основные результаты, преодолевшие минимальный порог", dims=tuple(RESULT_DIMS)),
        Code("results.test_score.sum", "сумма тестовых баллов основных результатов (без математики базовой)",
             dims=tuple(RESULT_DIMS)),
        Code("results.test_score.count", "число основных результатов с тестовым баллом (без математики базовой)",
             dims=tuple(RESULT_DIMS)),
        Code("results.primary_score.sum", "сумма первичных баллов основных результатов", dims=tuple(RESULT_DIMS)),
        Code("results.primary_score.dist", "число основных результатов с данным первичным баллом",
             dims=(*RESULT_DIMS, "score"), dist=True),
        Code("results.journal", "основные результаты с отметкой и отметкой по журналу: ниже, равна, выше",
             dims=(*RESULT_DIMS, "relation")),
        Code("results.participants", "участники: разные обучающиеся с хотя бы одним основным результатом",
             dims=("kind",), fixed=("kind",)),
        Code("results.participants.passed_all", "участники, у которых все основные результаты преодолели порог",
             dims=("kind",), fixed=("kind",)),
        Code("results.participants.score81",
             "участники с хотя бы одним основным результатом 81 тестовый балл и выше (без математики базовой)",
             dims=("kind",), fixed=("kind",)),
    ],
    present=present_in(Result, year_field="assessment__year"),
)
def results(school_ids, years):
    base_math = base_math_subject_ids()
    main = main_results(school_ids, years).annotate(passed=passed_case(base_math))
    not_base = ~Q(assessment__subject_id__in=base_math) | Q(assessment__subject__isnull=True)
    per_subject = main.values(*RESULT_FIELDS).annotate(
        n=Count("id"),
        passed_n=Sum("passed"),
        mark_sum=Sum("mark"),
        ts_sum=Sum("test_score", filter=not_base),
        ts_count=Count("test_score", filter=not_base),
        ps_sum=Sum("primary_score"),
    )
    dims = RESULT_DIMS
    year = "assessment__year_id"
    yield Grouped(per_subject, tuple(
        Output(code, dims, value, nonzero=True) for code, value in [
            ("results.main", "n"), ("results.passed", "passed_n"), ("results.mark.sum", "mark_sum"),
            ("results.test_score.sum", "ts_sum"), ("results.test_score.count", "ts_count"),
            ("results.primary_score.sum", "ps_sum"),
        ]
    ), year=year)

    by_mark = main.filter(mark__isnull=False).values(*RESULT_FIELDS, "mark").annotate(n=Count("id"))
    yield grouped(by_mark, "results.marks", {**dims, "mark": "mark"}, year=year)
    by_score = main.filter(primary_score__isnull=False).values(*RESULT_FIELDS, "primary_score").annotate(n=Count("id"))
    yield grouped(by_score, "results.primary_score.dist", {**dims, "score": "primary_score"}, year=year)
    relation = Case(
        When(mark__lt=F("journal_mark"), then=Value("lowered")),
        When(mark=F("journal_mark"), then=Value("confirmed")),
        default=Value("raised"), output_field=CharField(),
    )
    by_relation = (
        main.filter(mark__isnull=False, journal_mark__isnull=False).annotate(relation=relation)
        .values(*RESULT_FIELDS, "relation").annotate(n=Count("id"))
    )
    yield grouped(by_relation, "results.journal", {**dims, "relation": "relation"}, year=year)

    participants = Count("student", distinct=True)
    people = main.values("school_id", "assessment__year_id", "assessment__kind").annotate(
        n=participants,
        passed_all=participants - Count("student", distinct=True, filter=Q(passed=0)),
        # ЕГЭ базовая математика gives a mark, not a test score: a score written there is not a «81 and more».
        high=Count("student", distinct=True, filter=Q(test_score__gte=HIGH_EGE_SCORE) & not_base),
    )
    kind = {"kind": "assessment__kind"}
    yield Grouped(people, (
        Output("results.participants", kind),
        Output("results.participants.passed_all", kind, "passed_all"),
        Output("results.participants.score81", kind, "high"),
    ), year=year)


# --- staff ------------------------------------------------------------------------------------

def full_years_on_first_september(date_field: str) -> tuple[dict, ExpressionWrapper]:
    """Annotations giving full years from a date to 1 September of the row's school year."""
    prefix = date_field.replace("__", "_")
    annotations = {
        f"{prefix}_y": ExtractYear(date_field),
        f"{prefix}_m": ExtractMonth(date_field),
        f"{prefix}_d": ExtractDay(date_field),
    }
    not_yet = Case(
        When(Q(**{f"{prefix}_m__gt": 9}) | Q(**{f"{prefix}_m": 9, f"{prefix}_d__gt": 1}), then=Value(1)),
        default=Value(0), output_field=IntegerField(),
    )
    return annotations, ExpressionWrapper(F("year_id") - F(f"{prefix}_y") - not_yet, output_field=IntegerField())


STAFF_DIMS = ("category", "education", "age", "experience", "courses_ago", "employment")


@extractor(
    reads=(StaffYear, StaffEvent, StaffMember),
    codes=[
        Code("staff.p", "педагогические работники учебного года (P)", dims=STAFF_DIMS),
        Code("staff.other", "непедагогические работники учебного года", dims=STAFF_DIMS),
    ],
    present=present_in(StaffYear),
)
def staff(school_ids, years):
    rows = (
        staff_years(school_ids, years)
        .annotate(other=ExpressionWrapper(Q(pedagogical=False), output_field=BooleanField()))
        .values("school_id", "year_id", "pedagogical", "other", *STAFF_DIMS).annotate(n=Count("id"))
    )
    dims = {dim: dim for dim in STAFF_DIMS}
    yield Grouped(rows, (Output("staff.p", dims, where="pedagogical"), Output("staff.other", dims, where="other")))


def staff_years(school_ids, years):
    """Staff-year rows with the staff dimensions annotated (age and experience on 1 September, years since courses)."""
    age_parts, age = full_years_on_first_september("staff__birth_date")
    exp_parts, experience = full_years_on_first_september("experience_since")
    last_courses = (
        StaffEvent.objects.filter(
            staff=OuterRef("staff"), year_id__lte=OuterRef("year_id"),
            kind__in=[StaffEventKind.COURSES, StaffEventKind.RETRAINING],
        )
        .order_by("-year_id").values("year_id")[:1]
    )
    return (
        StaffYear.objects.filter(school_id__in=school_ids, year_id__in=years)
        .annotate(**age_parts, **exp_parts, last_courses=Subquery(last_courses, output_field=IntegerField()))
        .annotate(
            age=age,
            experience_raw=experience,
            courses_ago=ExpressionWrapper(F("year_id") - F("last_courses"), output_field=IntegerField()),
        )
        .annotate(experience=Case(When(experience_raw__lt=0, then=Value(0)), default=F("experience_raw")))
    )


# --- surveys ----------------------------------------------------------------------------------

def normalize_answer(text: str) -> str | None:
    """The answer's dimension value: a code of the satisfaction scale, else the text in lower case."""
    cleaned = " ".join(text.replace("ё", "е").replace("Ё", "Е").split()).lower()
    if not cleaned:
        return None
    return SATISFACTION_SCALE.get(cleaned, cleaned)


@extractor(
    reads=(SurveyAnswer,),
    codes=[
        Code("survey.respondents", "респонденты анкеты (хотя бы один ответ на любой вопрос)",
             dims=("survey", "grade"), fixed=("survey",)),
        Code("survey.answers", "респонденты, давшие на вопрос данный ответ",
             dims=("survey", "question", "answer", "grade"), fixed=("survey", "question")),
    ],
    present=present_in(SurveyAnswer),
)
def surveys(school_ids, years):
    # A respondent's grade is the lowest grade given in any of their rows (normally all rows agree):
    # a window over the respondent's rows, then those rows grouped again in the database.
    respondent = [F("school_id"), F("year_id"), F("survey"), F("respondent")]
    answers = (
        SurveyAnswer.objects.filter(school_id__in=school_ids, year_id__in=years)
        .annotate(respondent_grade=Window(Min("grade"), partition_by=respondent))
        .values("school_id", "year_id", "survey", "respondent", "question", "answer", "respondent_grade")
    )
    # Respondents are counted from one row per respondent (its lowest grade), inside the database:
    # no window over every answer (a third of the time).
    per_respondent = (
        SurveyAnswer.objects.filter(school_id__in=school_ids, year_id__in=years)
        .values("school_id", "year_id", "survey", "respondent").annotate(respondent_grade=Min("grade"))
    )
    respondents = regroup(per_respondent, ["school_id", "year_id", "survey", "respondent_grade"], {"n": "COUNT(*)"})
    yield grouped(respondents, "survey.respondents", {"survey": "survey", "grade": "respondent_grade"})
    # Answers are grouped by their raw text in the database; the scale is recognised per group
    # (SQLite's lower() does not fold Cyrillic). A respondent answers a question once, so
    # groups that normalise to the same answer add up exactly. Empty answers are left out
    # after the window: the respondent's grade still comes from all of their rows.
    given = regrouped(answers, ["school_id", "year_id", "survey", "question", "answer", "respondent_grade"],
                      {"n": "COUNT(*)"}, having="answer <> ''")
    for r in given:
        answer = normalize_answer(r["answer"])
        if answer is None:
            continue
        yield Row(r["school_id"], r["year_id"], "survey.answers", r["n"], {
            "survey": r["survey"], "question": r["question"], "answer": answer, "grade": r["respondent_grade"],
        })
