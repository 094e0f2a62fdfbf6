"""Data values for the analysis of assessments (vsoko.analysis): per procedure and class.

The core codes (`results.*`, core.py) are per kind × grade × subject; the analysis
pages need the same counts per procedure and per class, plus task-by-task sums and
the cross table of work marks × journal marks. Everything stays additive:
`assessment` (the procedure's code) and `class` partition results, so summing them
away gives the kind × grade × subject figures of a school or a municipality, and
task completion anywhere is Σ points / Σ max points.

A result's class is its student's class in the assessment's school year (Enrollment
is unique per student and year); a participant with no enrollment that year has no
`class` dimension. Every figure is a GROUP BY in the database.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Count, Exists, F, FilteredRelation, OuterRef, Q, Sum

from vsoko.datavalues.extractors.core import base_math_subject_ids, passed_case
from vsoko.datavalues.populations import main_results
from vsoko.datavalues.registry import Code, extractor, present_in, register_dim
from vsoko.datavalues.staging import Grouped, Output, SqlRows
from vsoko.records.enums import Attempt
from vsoko.records.models import (
    Assessment,
    AssessmentTask,
    Enrollment,
    Result,
    SchoolClass,
    Student,
    Subject,
    TaskScore,
)

for _name, _label in [
    ("assessment", "процедура"), ("class", "класс"), ("task", "задание"), ("journal_mark", "отметка по журналу"),
]:
    register_dim(_name, _label)

# dimension -> field of a Result row (after `with_class`)
DIMS = {
    "assessment": "assessment__assessment_id",
    "kind": "assessment__kind",
    "grade": "assessment__grade",
    "subject": "assessment__subject__name",
    "class": "class_name",
}
PROCEDURE = ("assessment", "kind", "grade", "subject")
FIELDS = ["school_id", "assessment__year_id", *DIMS.values()]
YEAR = "assessment__year_id"


def with_class(results, student: str = "student", year: str = "assessment__year", field: str = "school_class__name"):
    """Results annotated with `class_name` (or `class_id` with field="school_class_id"): the student's class
    in the assessment's year.

    A LEFT JOIN to that enrollment (unique per student and year, so rows never multiply;
    no enrollment gives no class), not a subquery per row: one per task score took most
    of a school's recomputation (docs/data-values.md, «Производительность»).
    """
    enrollments = f"{student}__enrollments"
    return results.alias(
        year_enrollment=FilteredRelation(enrollments, condition=Q(**{f"{enrollments}__year": F(year)}))
    ).annotate(**{"class_id" if field.endswith("_id") else "class_name": F(f"year_enrollment__{field}")})


def _grouped(rows, *outputs: Output) -> Grouped:
    return Grouped(rows, outputs, year=YEAR)


@extractor(
    reads=(Result, Assessment, AssessmentTask, TaskScore, Enrollment, SchoolClass, Student, Subject),
    codes=[
        Code("assessment.results", "основные результаты процедуры", dims=tuple(DIMS)),
        Code("assessment.marks", "основные результаты процедуры с данной отметкой", dims=(*DIMS, "mark")),
        Code("assessment.score.dist", "основные результаты процедуры с данным первичным баллом",
             dims=(*DIMS, "score"), dist=True),
        Code("assessment.test_score.dist", "основные результаты процедуры с данным тестовым баллом",
             dims=(*DIMS, "score"), dist=True),
        Code("assessment.passed", "основные результаты процедуры, преодолевшие минимальный порог", dims=tuple(DIMS)),
        Code("assessment.journal", "основные результаты с отметкой и отметкой по журналу: пары отметок",
             dims=(*DIMS, "mark", "journal_mark")),
        Code("assessment.task.points", "сумма баллов за задание", dims=(*DIMS, "task", "difficulty")),
        Code("assessment.task.max", "сумма максимальных баллов задания по тем же результатам",
             dims=(*DIMS, "task", "difficulty")),
        Code("assessment.task.points.mark", "сумма баллов за задание у результатов с данной отметкой",
             dims=(*PROCEDURE, "task", "difficulty", "mark")),
        Code("assessment.task.max.mark", "сумма максимальных баллов задания у результатов с данной отметкой",
             dims=(*PROCEDURE, "task", "difficulty", "mark")),
        Code("results.task_points", "сумма баллов за задания данного уровня",
             dims=("kind", "grade", "subject", "difficulty")),
        Code("results.task_max", "сумма максимальных баллов заданий данного уровня",
             dims=("kind", "grade", "subject", "difficulty")),
        Code("results.task_points.meta", "сумма баллов за метапредметные задания",
             dims=("kind", "grade", "subject")),
        Code("results.task_max.meta", "сумма максимальных баллов метапредметных заданий",
             dims=("kind", "grade", "subject")),
        Code("results.task_points.fl", "сумма баллов за задания на функциональную грамотность",
             dims=("kind", "grade", "subject")),
        Code("results.task_max.fl", "сумма максимальных баллов заданий на функциональную грамотность",
             dims=("kind", "grade", "subject")),
        Code("assessment.absent", "записанные на процедуру (основная попытка), но не явившиеся", dims=tuple(DIMS)),
        Code("assessment.retakes", "результаты пересдач (явившиеся)", dims=tuple(DIMS)),
        Code("assessment.retakes.passed", "результаты пересдач, преодолевшие минимальный порог", dims=tuple(DIMS)),
        Code("assessment.failed.retake_passed",
             "основные результаты ниже порога, после которых тот же обучающийся преодолел порог на пересдаче "
             "(тот же вид процедуры, предмет и учебный год)", dims=tuple(DIMS)),
    ],
    present=present_in(Result, year_field="assessment__year"),
)
def assessment_figures(school_ids, years):
    base_math = base_math_subject_ids()
    passed = passed_case(base_math)
    main = with_class(main_results(school_ids, years)).annotate(passed=passed)

    totals = main.values(*FIELDS).annotate(n=Count("id"), passed_n=Sum("passed"))
    yield _grouped(totals, Output("assessment.results", DIMS), Output("assessment.passed", DIMS, "passed_n"))

    for code, column, field in [
        ("assessment.marks", "mark", "mark"),
        ("assessment.score.dist", "score", "primary_score"),
        ("assessment.test_score.dist", "score", "test_score"),
    ]:
        rows = main.filter(**{f"{field}__isnull": False}).values(*FIELDS, field).annotate(n=Count("id"))
        yield _grouped(rows, Output(code, {**DIMS, column: field}))
    journal = (
        main.filter(mark__isnull=False, journal_mark__isnull=False)
        .values(*FIELDS, "mark", "journal_mark").annotate(n=Count("id"))
    )
    yield _grouped(journal, Output("assessment.journal", {**DIMS, "mark": "mark", "journal_mark": "journal_mark"}))

    # A retake of the same kind, subject and year that passed, by the same student.
    passed_retake = (
        Result.objects.filter(
            student=OuterRef("student"), attempt=Attempt.RETAKE, absent=False,
            assessment__year=OuterRef("assessment__year"), assessment__kind=OuterRef("assessment__kind"),
            assessment__subject=OuterRef("assessment__subject"),
        )
        .annotate(passed=passed).filter(passed=1)
    )
    retake_passed = main.filter(passed=0).filter(Exists(passed_retake)).values(*FIELDS).annotate(n=Count("id"))
    yield _grouped(retake_passed, Output("assessment.failed.retake_passed", DIMS))

    registered = Result.objects.filter(school_id__in=school_ids, assessment__year_id__in=years)
    absent = with_class(registered.filter(attempt=Attempt.MAIN, absent=True)).values(*FIELDS).annotate(n=Count("id"))
    yield _grouped(absent, Output("assessment.absent", DIMS))
    retakes = (
        with_class(registered.filter(attempt=Attempt.RETAKE, absent=False)).annotate(passed=passed)
        .values(*FIELDS).annotate(n=Count("id"), passed_n=Sum("passed"))
    )
    yield _grouped(retakes, Output("assessment.retakes", DIMS), Output("assessment.retakes.passed", DIMS, "passed_n"))

    yield from task_figures(school_ids, years)


def task_figures(school_ids, years):
    """Task points and maximum points of main results: per procedure, class and task, per procedure, task and
    mark, per kind, grade, subject and difficulty (`results.task_*`), and of metasubject and
    functional-literacy tasks (`results.task_*.meta`, `.fl`).

    One pass over the task scores (`task_sums`); every output sums its own dimensions out of it.
    """
    summary = {d: d for d in ("kind", "grade", "subject", "difficulty")}
    procedure = {d: d for d in ("kind", "grade", "subject")}
    per_task = {"assessment": "assessment", **summary, "task": "task"}
    outputs = [
        Output("assessment.task.points", {**per_task, "class": "class_name"}, "points"),
        Output("assessment.task.max", {**per_task, "class": "class_name"}, "maximum"),
        Output("assessment.task.points.mark", {**per_task, "mark": "mark"}, "points"),
        Output("assessment.task.max.mark", {**per_task, "mark": "mark"}, "maximum"),
        Output("results.task_points", summary, "points"),
        Output("results.task_max", summary, "maximum"),
    ]
    for flag, suffix in [("metasubject", "meta"), ("functional_literacy", "fl")]:
        outputs += [Output(f"results.task_points.{suffix}", procedure, "points", where=flag),
                    Output(f"results.task_max.{suffix}", procedure, "maximum", where=flag)]
    yield Grouped(task_sums(school_ids, years), tuple(outputs))


def task_sums(school_ids, years) -> SqlRows:
    """Points of main results per school, task, class and work mark, with the task's names and flags.

    The task scores (2.3 million for 50 schools) are grouped by integer ids only: the
    main results are joined to their assessment (for the year) and to the student's enrollment
    of that year (for the class) first, in a subquery PostgreSQL does not flatten («OFFSET 0»),
    so each score meets one hash of results instead of three joins (the pass of 10 demo
    schools: 0.49–0.68 → 0.35–0.52 s of PostgreSQL's processor); the names of the task,
    procedure, subject and class are joined to each of the far fewer groups. The maximum of a
    group is the task's maximum times its scores. Four grouped passes over the scores, each
    joining every name, took three quarters of the time of the task figures
    (docs/data-values.md, «Производительность»).
    """
    def table(model):
        return connection.ops.quote_name(model._meta.db_table)

    schools = ", ".join(["%s"] * len(school_ids))
    year_list = ", ".join(["%s"] * len(years))
    not_flattened = " OFFSET 0" if connection.vendor == "postgresql" else ""
    sql = (
        "SELECT g.school_id, a.year_id, a.assessment_id, a.kind, a.grade, s.name, t.task, t.difficulty, "
        "c.name, g.mark, t.metasubject, t.functional_literacy, g.points, t.max_points * g.n "
        "FROM (SELECT r.school_id, ts.task_id, r.school_class_id, r.mark, SUM(ts.points) AS points, COUNT(*) AS n "
        f"FROM {table(TaskScore)} ts JOIN (SELECT r.id, r.school_id, e.school_class_id, r.mark "
        f"FROM {table(Result)} r JOIN {table(Assessment)} ra ON ra.id = r.assessment_id "
        f"LEFT JOIN {table(Enrollment)} e ON e.student_id = r.student_id AND e.year_id = ra.year_id "
        f"WHERE r.school_id IN ({schools}) AND ra.year_id IN ({year_list}) AND r.attempt = %s AND r.absent = %s"
        f"{not_flattened}) r ON r.id = ts.result_id "
        "GROUP BY r.school_id, ts.task_id, r.school_class_id, r.mark) g "
        f"JOIN {table(AssessmentTask)} t ON t.id = g.task_id JOIN {table(Assessment)} a ON a.id = t.assessment_id "
        f"LEFT JOIN {table(Subject)} s ON s.id = a.subject_id "
        f"LEFT JOIN {table(SchoolClass)} c ON c.id = g.school_class_id"
    )
    columns = (
        ("school_id", "IntegerField"), ("year_id", "IntegerField"), ("assessment", "CharField"),
        ("kind", "CharField"), ("grade", "IntegerField"), ("subject", "CharField"), ("task", "CharField"),
        ("difficulty", "CharField"), ("class_name", "CharField"), ("mark", "IntegerField"),
        ("metasubject", "BooleanField"), ("functional_literacy", "BooleanField"),
        ("points", "DecimalField"), ("maximum", "IntegerField"),
    )
    return SqlRows(sql, (*school_ids, *years, Attempt.MAIN, False), columns)
