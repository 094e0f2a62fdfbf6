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

from django.db.models import Count, Exists, F, FilteredRelation, OuterRef, Q, Sum

from vsoko.datavalues.extractors.core import base_math_subject_ids, grouped_rows, passed_case
from vsoko.datavalues.populations import main_result, main_results
from vsoko.datavalues.registry import Code, Row, extractor, present_in, register_dim
from vsoko.records.enums import Attempt
from vsoko.records.models import AssessmentTask, Result, SchoolClass, TaskScore

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


def _rows(qs, code: str, extra: dict[str, str] | None = None, value: str = "n"):
    return grouped_rows(qs, code, {**DIMS, **(extra or {})}, value=value, year=YEAR)


@extractor(
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
    for r in totals:
        yield from _rows([r], "assessment.results")
        yield from _rows([r], "assessment.passed", value="passed_n")

    yield from _rows(main.filter(mark__isnull=False).values(*FIELDS, "mark").annotate(n=Count("id")),
                     "assessment.marks", {"mark": "mark"})
    yield from _rows(main.filter(primary_score__isnull=False).values(*FIELDS, "primary_score").annotate(n=Count("id")),
                     "assessment.score.dist", {"score": "primary_score"})
    yield from _rows(main.filter(test_score__isnull=False).values(*FIELDS, "test_score").annotate(n=Count("id")),
                     "assessment.test_score.dist", {"score": "test_score"})
    yield from _rows(
        main.filter(mark__isnull=False, journal_mark__isnull=False)
        .values(*FIELDS, "mark", "journal_mark").annotate(n=Count("id")),
        "assessment.journal", {"mark": "mark", "journal_mark": "journal_mark"},
    )

    # A retake of the same kind, subject and year that passed, by the same student.
    passed_retake = (
        Result.objects.filter(
            student=OuterRef("student"), attempt=Attempt.RETAKE, absent=False,
            assessment__year=OuterRef("assessment__year"), assessment__kind=OuterRef("assessment__kind"),
            assessment__subject=OuterRef("assessment__subject"),
        )
        .annotate(passed=passed).filter(passed=1)
    )
    yield from _rows(
        main.filter(passed=0).filter(Exists(passed_retake)).values(*FIELDS).annotate(n=Count("id")),
        "assessment.failed.retake_passed",
    )

    registered = Result.objects.filter(school_id__in=school_ids, assessment__year_id__in=years)
    yield from _rows(
        with_class(registered.filter(attempt=Attempt.MAIN, absent=True)).values(*FIELDS).annotate(n=Count("id")),
        "assessment.absent",
    )
    retakes = with_class(registered.filter(attempt=Attempt.RETAKE, absent=False)).annotate(passed=passed)
    for r in retakes.values(*FIELDS).annotate(n=Count("id"), passed_n=Sum("passed")):
        yield from _rows([r], "assessment.retakes")
        yield from _rows([r], "assessment.retakes.passed", value="passed_n")

    yield from task_figures(school_ids, years)


def task_figures(school_ids, years):
    """Task points and maximum points of main results: per procedure, class and task, per procedure, task and
    mark, and (`results.task_*`) per kind, grade, subject and difficulty.

    Two passes over the task scores grouped by integer ids only (school, task, class or mark),
    the maximum being the task's maximum times the number of scores: sorting 2.3 million
    rows by nine text columns spilled to disk and took most of a municipality's
    recomputation. Names come from the tasks and classes afterwards, per group.
    """
    scores = TaskScore.objects.filter(main_result(school_ids, years, "result"))
    tasks = {
        t["pk"]: t for t in AssessmentTask.objects.filter(
            assessment__school_id__in=school_ids, assessment__year_id__in=years,
        ).values("pk", "max_points", "task", "difficulty", "assessment__year_id", *(DIMS[d] for d in PROCEDURE))
    }
    classes = dict(SchoolClass.objects.filter(school_id__in=school_ids, year_id__in=years).values_list("pk", "name"))

    def dims(task: dict, **more) -> dict:
        return {**{d: task[DIMS[d]] for d in PROCEDURE}, "task": task["task"], "difficulty": task["difficulty"],
                **more}

    by_class = (
        with_class(scores, student="result__student", year="result__assessment__year", field="school_class_id")
        .values("result__school_id", "task_id", "class_id").annotate(points=Sum("points"), n=Count("id"))
    )
    core: dict[tuple, list] = {}
    for r in by_class:
        task = tasks[r["task_id"]]
        school, year, maximum = r["result__school_id"], task["assessment__year_id"], task["max_points"] * r["n"]
        breakdown = dims(task, **{"class": classes.get(r["class_id"])})
        yield Row(school, year, "assessment.task.points", r["points"], breakdown)
        yield Row(school, year, "assessment.task.max", maximum, breakdown)
        key = (school, year, task[DIMS["kind"]], task[DIMS["grade"]], task[DIMS["subject"]], task["difficulty"])
        sums = core.setdefault(key, [0, 0])
        sums[0] += r["points"]
        sums[1] += maximum
    for (school, year, kind, grade, subject, difficulty), (points, maximum) in core.items():
        breakdown = {"kind": kind, "grade": grade, "subject": subject, "difficulty": difficulty}
        yield Row(school, year, "results.task_points", points, breakdown)
        yield Row(school, year, "results.task_max", maximum, breakdown)

    by_mark = scores.values("result__school_id", "task_id", "result__mark").annotate(points=Sum("points"),
                                                                                     n=Count("id"))
    for r in by_mark:
        task = tasks[r["task_id"]]
        breakdown = dims(task, mark=r["result__mark"])
        school, year = r["result__school_id"], task["assessment__year_id"]
        yield Row(school, year, "assessment.task.points.mark", r["points"], breakdown)
        yield Row(school, year, "assessment.task.max.mark", task["max_points"] * r["n"], breakdown)
