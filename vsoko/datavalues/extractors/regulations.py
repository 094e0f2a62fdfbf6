"""Data values for the shipped catalogs of the two regulations and of Order 1324.

The codes here are the ones the core vocabulary (extractors/core.py) does not give:
graduates' destinations, age and health group, ОВЗ among participants, unions of
event and program kinds, staff events by kind, level and topic, and a few
per-participant statistics (sum of ОГЭ marks, the three best ЕГЭ scores). They are
documented in docs/data-values.md, "Data values added for the regulation catalogs".

As in core, every query is grouped in the database; where a per-person statistic is
needed (a participant's sum of marks), the database groups per person and the loop
only counts those grouped rows.
"""

from __future__ import annotations

from collections import Counter

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.db.models.lookups import Exact

from vsoko.datavalues.extractors.core import (
    BASE_MATH,
    FEDERAL_LEVELS,
    RESULT_DIMS,
    RESULT_FIELDS,
    WINNING,
    Counted,
    ce_student_counts,
    ce_students,
    full_years_on_first_september,
    not_removed,
    passed_case,
)
from vsoko.datavalues.populations import ce_enrollments, cutoff_date, main_result, main_results
from vsoko.datavalues.registry import (
    DIMS,
    YES_NO,
    Code,
    Row,
    extractor,
    present_in,
    register_dim,
)
from vsoko.datavalues.staging import Grouped, Output, grouped, regroup
from vsoko.records.enums import (
    AssessmentKind,
    Attempt,
    Destination,
    EventKind,
    EventLevel,
    Outcome,
    ProgramKind,
    QualificationCategory,
    SocialCategory,
    StaffEventKind,
    StaffEventLevel,
    StaffEventTopic,
)
from vsoko.records.models import (
    Assessment,
    AssessmentTask,
    Enrollment,
    Event,
    Program,
    Result,
    SchoolClass,
    SocialStatus,
    StaffEvent,
    StaffYear,
    Student,
    Subject,
    TaskScore,
)
from vsoko.records.years import school_year_days

for _name, _label, _values in [
    ("health_group", "группа здоровья", None),
    ("destination", "продолжение обучения", dict(Destination.choices)),
    ("destination_profile", "по профилю", YES_NO),
    ("profile_match", "образование по профилю", YES_NO),
    ("staff_event", "вид события развития педагога", dict(StaffEventKind.choices)),
    ("staff_level", "уровень события развития педагога", dict(StaffEventLevel.choices)),
    ("staff_topic", "тема события развития педагога", dict(StaffEventTopic.choices)),
]:
    if _name not in DIMS:
        register_dim(_name, _label, values=_values)


def spellings(*names: str) -> list[str]:
    """A subject as schools write it: «русский язык» and «Русский язык» (stored as first imported)."""
    return [v for name in names for v in dict.fromkeys((name, name[:1].upper() + name[1:]))]


RUSSIAN = spellings("русский язык")
OGE_MATH = spellings("математика")
BASE_MATH_NAMES = spellings(BASE_MATH)
EGE_MATH = spellings("математика (база)", "математика (профиль)", "математика")
CORE_SUBJECTS = RUSSIAN + EGE_MATH
LISTED_EVENTS = [EventKind.VSOSH, EventKind.LISTED_OLYMPIAD, EventKind.CONTEST, EventKind.COMPETITION,
                 EventKind.CONFERENCE]
OLYMPIADS = [EventKind.VSOSH, EventKind.LISTED_OLYMPIAD, EventKind.OLYMPIAD]
ABOVE_SCHOOL = [EventLevel.MUNICIPAL, EventLevel.REGIONAL, EventLevel.FINAL, EventLevel.ALL_RUSSIAN]
CONTEST_LEVELS = [*ABOVE_SCHOOL, EventLevel.INTERNATIONAL]
RISK_GROUPS = [
    SocialCategory.ORPHAN, SocialCategory.LOW_INCOME, SocialCategory.SINGLE_PARENT, SocialCategory.ZPR,
    SocialCategory.ADAPTATION, SocialCategory.HARDSHIP, SocialCategory.SPT_RISK,
]
COURSES = [StaffEventKind.COURSES, StaffEventKind.RETRAINING]
OVERLOAD_HOURS = 36
FL_SOLVED_SHARE = 2  # solved = points × 2 ≥ max points (at least half)


def _within_school_year(field: str, years: list[int]) -> Q:
    """The date falls within the row's school year (1 September to 31 August)."""
    first = cutoff_date(years, cutoff=lambda y: school_year_days(y)[0])
    last = cutoff_date(years, cutoff=lambda y: school_year_days(y)[1])
    return Q(**{f"{field}__gte": first, f"{field}__lte": last})


def _same_student_year(year: str = "year") -> dict:
    return {"student": OuterRef("student"), "year": OuterRef(year)}


# --- contingent --------------------------------------------------------------------------------

@extractor(
    reads=(Enrollment, Event, Program, SchoolClass, Student),
    codes=[
        Code("students.ce.age", "обучающиеся CE по возрасту (полных лет на 1 сентября) и группе здоровья",
             dims=("grade", "age", "health_group")),
        Code("students.ce.additional.age",
             "обучающиеся CE, занятые в дополнительном образовании или спортивной секции, по возрасту",
             dims=("grade", "age")),
        Code("students.graduates",
             "выпускники: обучающиеся CE 9 и 11 классов с итогом года «окончил», по продолжению обучения",
             dims=("grade", "destination", "destination_profile", "ovz", "disability")),
        Code("students.ce.sport", "обучающиеся CE, занимающиеся в спортивной секции или участвовавшие в соревнованиях",
             dims=("grade",)),
    ],
    present=present_in(Enrollment),
)
def contingent_details(school_ids, years):
    age_parts, age = full_years_on_first_september("student__birth_date")
    ce = ce_enrollments(school_ids, years).annotate(**age_parts, age=age)
    by_age = ce.values("school_id", "year_id", "school_class__grade", "age", "health_group").annotate(n=Count("id"))
    yield grouped(by_age, "students.ce.age",
                             {"grade": "school_class__grade", "age": "age", "health_group": "health_group"})

    programs = Program.objects.filter(**_same_student_year())
    additional = programs.filter(kind__in=[ProgramKind.ADDITIONAL, ProgramKind.SPORTS])
    busy = (
        ce.filter(Exists(additional))
        .values("school_id", "year_id", "school_class__grade", "age").annotate(n=Count("id"))
    )
    yield grouped(busy, "students.ce.additional.age", {"grade": "school_class__grade", "age": "age"})

    competitions = Event.objects.filter(**_same_student_year(), kind=EventKind.COMPETITION)
    sport = (
        ce_enrollments(school_ids, years)
        .filter(Exists(programs.filter(kind=ProgramKind.SPORTS)) | Exists(competitions))
        .values("school_id", "year_id", "school_class__grade").annotate(n=Count("id"))
    )
    yield grouped(sport, "students.ce.sport", {"grade": "school_class__grade"})

    dims = {"grade": "school_class__grade", "destination": "destination",
            "destination_profile": "destination_matches_profile", "ovz": "ovz", "disability": "disability"}
    graduates = (
        ce_enrollments(school_ids, years)
        .filter(school_class__grade__in=[9, 11], outcome=Outcome.GRADUATED)
        .values("school_id", "year_id", *dims.values()).annotate(n=Count("id"))
    )
    yield grouped(graduates, "students.graduates", dims)


@extractor(
    reads=(Enrollment, Event, Program, SocialStatus, SchoolClass, Student),
    codes=[
        Code("students.ce.programs.ovz", "обучающиеся CE с программой данного вида, по ОВЗ и инвалидности",
             dims=("grade", "program_kind", "ovz", "disability"), fixed=("program_kind",)),
        Code("students.ce.do_certificate", "обучающиеся CE с сертификатом дополнительного образования",
             dims=("grade",)),
        Code("students.ce.individual_route", "обучающиеся CE, осваивающие программу по индивидуальному маршруту",
             dims=("grade",)),
        Code("students.ce.career_guidance",
             "обучающиеся CE с программой профориентации или проекта «Билет в будущее»", dims=("grade",)),
        Code("students.ce.events.listed",
             "обучающиеся CE — участники ВСОШ, перечневых олимпиад, конкурсов, соревнований, конференций",
             dims=("grade", "ovz")),
        Code("students.ce.events.listed_winners",
             "обучающиеся CE — победители и призёры ВСОШ, перечневых олимпиад, конкурсов, соревнований, конференций",
             dims=("grade",)),
        Code("students.ce.olympiad_winners.mun_reg",
             "обучающиеся CE — победители и призёры предметных олимпиад муниципального или регионального уровня",
             dims=("grade",)),
        Code("students.ce.events.mun_up",
             "обучающиеся CE — участники мероприятий муниципального, регионального, всероссийского уровня",
             dims=("grade",)),
        Code("students.ce.pdn_kdn", "обучающиеся CE на учёте ПДН или КДН на конец года", dims=("grade",)),
        Code("students.ce.risk",
             "обучающиеся CE хотя бы в одной группе риска (социальные категории и группа риска СПТ) на конец года",
             dims=("grade",)),
        Code("students.ce.prevention.year",
             "обучающиеся CE, состоявшие на учёте ПДН, КДН или внутришкольном в течение учебного года",
             dims=("grade",)),
        Code("students.ce.prevention.removed",
             "обучающиеся CE, снятые с учёта ПДН, КДН или внутришкольного в течение учебного года", dims=("grade",)),
    ],
    present=present_in(Enrollment),
)
def ce_participation(school_ids, years):
    programs = Program.objects.filter(school_id__in=school_ids, year_id__in=years)
    ovz = {"ovz": "student__enrollments__ovz", "disability": "student__enrollments__disability"}
    yield ce_students(programs.exclude(kind=""), school_ids, years, "students.ce.programs.ovz",
                            {"program_kind": "kind", **ovz})
    yield ce_student_counts(programs, school_ids, years, [
        Counted("students.ce.do_certificate", Q(certificate=True)),
        Counted("students.ce.individual_route", Q(individual_route=True)),
        Counted("students.ce.career_guidance", Q(kind__in=[ProgramKind.CAREER, ProgramKind.TICKET_TO_FUTURE])),
    ])

    events = Event.objects.filter(school_id__in=school_ids, year_id__in=years)
    listed = Q(kind__in=LISTED_EVENTS)
    yield ce_students(events.filter(listed), school_ids, years, "students.ce.events.listed", {"ovz": ovz["ovz"]})
    yield ce_student_counts(events, school_ids, years, [
        Counted("students.ce.events.listed_winners", listed & Q(result__in=WINNING)),
        Counted("students.ce.olympiad_winners.mun_reg",
                Q(kind__in=OLYMPIADS, level__in=[EventLevel.MUNICIPAL, EventLevel.REGIONAL], result__in=WINNING)),
        Counted("students.ce.events.mun_up", Q(level__in=ABOVE_SCHOOL)),
    ])

    social = SocialStatus.objects.filter(school_id__in=school_ids, year_id__in=years)
    in_force = not_removed(years)
    prevention = Q(category__in=SocialCategory.prevention())
    yield ce_student_counts(social, school_ids, years, [
        Counted("students.ce.pdn_kdn", in_force & Q(category__in=[SocialCategory.PDN, SocialCategory.KDN])),
        Counted("students.ce.risk", in_force & Q(category__in=RISK_GROUPS)),
        Counted("students.ce.prevention.year", prevention),
        Counted("students.ce.prevention.removed", prevention & _within_school_year("until", years)),
    ])


# --- events and programs (whether or not the student is in CE) ---------------------------------

@extractor(
    reads=(Event, Enrollment),
    codes=[
        Code("vsosh.winners.level", "разные обучающиеся — призёры или победители ВСОШ данного этапа",
             dims=("level",), fixed=("level",)),
        Code("vsosh.participants.ovz", "разные обучающиеся с ОВЗ с хотя бы одной записью ВСОШ в году"),
        Code("contests.participants",
             "разные обучающиеся — участники конкурсов муниципального, регионального, всероссийского или "
             "международного уровня, по ОВЗ", dims=("ovz",)),
    ],
    present=present_in(Event),
)
def events_details(school_ids, years):
    events = Event.objects.filter(school_id__in=school_ids, year_id__in=years)
    vsosh = events.filter(kind=EventKind.VSOSH)
    winners = vsosh.filter(result__in=WINNING)
    by_level = winners.values("school_id", "year_id", "level").annotate(n=Count("student", distinct=True))
    yield grouped(by_level, "vsosh.winners.level", {"level": "level"})
    federal = (
        winners.filter(level__in=FEDERAL_LEVELS).values("school_id", "year_id")
        .annotate(n=Count("student", distinct=True))
    )
    yield grouped(federal, "vsosh.winners.level", {}, fixed={"level": "federal"})

    has_ovz = Exists(Enrollment.objects.filter(**_same_student_year(), ovz=True))
    ovz = vsosh.filter(has_ovz).values("school_id", "year_id").annotate(n=Count("student", distinct=True))
    yield grouped(ovz, "vsosh.participants.ovz", {})

    contests = (
        events.filter(kind=EventKind.CONTEST, level__in=CONTEST_LEVELS).annotate(ovz=has_ovz)
        .values("school_id", "year_id", "ovz").annotate(n=Count("student", distinct=True))
    )
    yield grouped(contests, "contests.participants", {"ovz": "ovz"})


@extractor(
    reads=(Program,),
    codes=[Code("programs.additional.count",
                "число различных программ дополнительного образования и спортивных секций в году")],
    present=present_in(Program),
)
def programs_count(school_ids, years):
    rows = (
        Program.objects.filter(school_id__in=school_ids, year_id__in=years,
                               kind__in=[ProgramKind.ADDITIONAL, ProgramKind.SPORTS])
        .values("school_id", "year_id").annotate(n=Count("program", distinct=True))
    )
    yield grouped(rows, "programs.additional.count", {})


# --- assessments -------------------------------------------------------------------------------

def _same_participant(**extra):
    """Main results of the same student, year and kind as the outer result."""
    return Result.objects.filter(
        student=OuterRef("student"), assessment__year=OuterRef("assessment__year"),
        assessment__kind=OuterRef("assessment__kind"), attempt=Attempt.MAIN, absent=False, **extra,
    ).annotate(passed=passed_case())


def _per_kind(qs, code: str, value: str = "n"):
    return grouped(qs, code, {"kind": "assessment__kind"}, value=value, year="assessment__year_id")


@extractor(
    reads=(Result, Assessment, Enrollment, Subject),
    codes=[
        Code("results.registered", "записи на процедуру (основная попытка, включая неявки)",
             dims=tuple(RESULT_DIMS)),
        Code("results.participants.ovz", "участники с ОВЗ (по контингенту года)", dims=("kind",), fixed=("kind",)),
        Code("results.participants.ovz.passed_all",
             "участники с ОВЗ, у которых все основные результаты преодолели порог", dims=("kind",), fixed=("kind",)),
        Code("results.participants.mark5", "участники с хотя бы одной отметкой «5»", dims=("kind",), fixed=("kind",)),
        Code("results.participants.mark_sum.dist",
             "участники по сумме отметок своих основных результатов (распределение)",
             dims=("kind", "score"), fixed=("kind",), dist=True),
        Code("results.participants.score100", "участники с хотя бы одним результатом 100 тестовых баллов",
             dims=("kind",), fixed=("kind",)),
        Code("results.participants.core", "участники с основным результатом по русскому языку или математике",
             dims=("kind",), fixed=("kind",)),
        Code("results.participants.core_failed",
             "участники, не преодолевшие порог по русскому языку или ни разу по математике",
             dims=("kind",), fixed=("kind",)),
    ],
    present=present_in(Result, year_field="assessment__year"),
)
def participants(school_ids, years):
    registered = (
        Result.objects.filter(school_id__in=school_ids, assessment__year_id__in=years, attempt=Attempt.MAIN)
        .values(*RESULT_FIELDS).annotate(n=Count("id"))
    )
    yield grouped(registered, "results.registered", RESULT_DIMS, year="assessment__year_id")

    main = main_results(school_ids, years).annotate(passed=passed_case())
    has_ovz = Exists(Enrollment.objects.filter(student=OuterRef("student"), year=OuterRef("assessment__year"),
                                               ovz=True))
    students = Count("student", distinct=True)
    ovz = main.filter(has_ovz).values("school_id", "assessment__year_id", "assessment__kind").annotate(
        n=students,
        passed_all=students - Count("student", distinct=True, filter=Q(passed=0)),
    )
    yield _per_kind(ovz, "results.participants.ovz")
    yield _per_kind(ovz, "results.participants.ovz.passed_all", "passed_all")

    people = main.values("school_id", "assessment__year_id", "assessment__kind").annotate(
        mark5=Count("student", distinct=True, filter=Q(mark=5)),
        score100=Count("student", distinct=True, filter=Q(test_score__gte=100)),
    )
    yield _per_kind(people, "results.participants.mark5", "mark5")
    yield _per_kind(people, "results.participants.score100", "score100")

    # One grouped row per participant; the loop only counts those rows per sum.
    sums = (
        main.filter(mark__isnull=False)
        .values("school_id", "assessment__year_id", "assessment__kind", "student_id").annotate(s=Sum("mark"))
    )
    dist = Counter((r["school_id"], r["assessment__year_id"], r["assessment__kind"], r["s"]) for r in sums)
    for (school_id, year, kind, total), n in dist.items():
        yield Row(school_id, year, "results.participants.mark_sum.dist", n, {"kind": kind, "score": total})

    rus_failed = Exists(_same_participant(assessment__subject__name__in=RUSSIAN).filter(passed=0))
    math_any = Exists(_same_participant(assessment__subject__name__in=EGE_MATH))
    math_passed = Exists(_same_participant(assessment__subject__name__in=EGE_MATH).filter(passed=1))
    core = (
        main.filter(assessment__kind__in=[AssessmentKind.OGE, AssessmentKind.EGE],
                    assessment__subject__name__in=CORE_SUBJECTS)
        .annotate(failed=Case(When(rus_failed | (math_any & ~math_passed), then=Value(1)), default=Value(0),
                              output_field=IntegerField()))
        .values("school_id", "assessment__year_id", "assessment__kind")
        .annotate(n=Count("student", distinct=True), f=Count("student", distinct=True, filter=Q(failed=1)))
    )
    yield _per_kind(core, "results.participants.core")
    yield _per_kind(core, "results.participants.core_failed", "f")


@extractor(
    reads=(Result, Assessment, Subject),
    codes=[
        Code("results.participants.ege_top3.dist",
             "участники ЕГЭ по сумме трёх наибольших тестовых баллов (не меньше трёх предметов, без базовой "
             "математики; распределение)", dims=("score",), dist=True),
        Code("results.participants.ege_math_failed",
             "участники ЕГЭ по математике, ни один основной результат которых по математике не преодолел порог"),
        Code("results.participants.ege_same_as_oge",
             "участники ЕГЭ, сдававшие хотя бы один предмет ЕГЭ ранее на ОГЭ"),
    ],
    present=present_in(Result, year_field="assessment__year"),
)
def ege_details(school_ids, years):
    ege = main_results(school_ids, years).filter(assessment__kind=AssessmentKind.EGE)
    scored = ege.filter(test_score__isnull=False).exclude(assessment__subject__name__in=BASE_MATH_NAMES)
    # Rank of a result among its student's scored ЕГЭ results of the year: how many are better.
    better = (
        Result.objects.filter(
            student=OuterRef("student"), assessment__year=OuterRef("assessment__year"),
            assessment__kind=AssessmentKind.EGE, attempt=Attempt.MAIN, absent=False, test_score__isnull=False,
        )
        .exclude(assessment__subject__name__in=BASE_MATH_NAMES)
        .filter(Q(test_score__gt=OuterRef("test_score")) | Q(test_score=OuterRef("test_score"), pk__lt=OuterRef("pk")))
        .values("student").annotate(c=Count("pk")).values("c")
    )
    top3 = (
        scored.annotate(rank=Coalesce(Subquery(better, output_field=IntegerField()), 0)).filter(rank__lt=3)
        .values("school_id", "assessment__year_id", "student_id").annotate(s=Sum("test_score"), k=Count("id"))
        .filter(k=3)
    )
    dist = Counter((r["school_id"], r["assessment__year_id"], r["s"]) for r in top3)
    for (school_id, year, total), n in dist.items():
        yield Row(school_id, year, "results.participants.ege_top3.dist", n, {"score": total})

    math = ege.filter(assessment__subject__name__in=EGE_MATH)
    math_passed = Exists(_same_participant(assessment__subject__name__in=EGE_MATH).filter(passed=1))
    failed = (
        math.annotate(math_passed=math_passed).values("school_id", "assessment__year_id")
        .annotate(n=Count("student", distinct=True, filter=Q(math_passed=False)))
    )
    yield grouped(failed, "results.participants.ege_math_failed", {}, year="assessment__year_id")

    # One EXISTS (the same subject, or ОГЭ математика for ЕГЭ математика), which the database joins to the
    # student's results; two EXISTS under an OR were two subqueries per ЕГЭ result, each reading every
    # procedure of the subject (docs/data-values.md, «Производительность»).
    oge = Result.objects.filter(
        student=OuterRef("student"), assessment__kind=AssessmentKind.OGE, attempt=Attempt.MAIN, absent=False,
        assessment__year__lte=OuterRef("assessment__year"),
    )
    same = (
        ege.annotate(ege_math=ExpressionWrapper(Q(assessment__subject__name__in=EGE_MATH), output_field=BooleanField()))
        .filter(Exists(oge.filter(Q(assessment__subject=OuterRef("assessment__subject"))
                                  | Q(Exact(OuterRef("ege_math"), True), assessment__subject__name__in=OGE_MATH))))
        .values("school_id", "assessment__year_id").annotate(n=Count("student", distinct=True))
    )
    yield grouped(same, "results.participants.ege_same_as_oge", {}, year="assessment__year_id")


@extractor(
    reads=(TaskScore, AssessmentTask, Result, Assessment, Subject),
    codes=[
        Code("results.fl_scored", "основные результаты с баллами за задания на функциональную грамотность",
             dims=tuple(RESULT_DIMS)),
        Code("results.fl_solved",
             "основные результаты, набравшие не меньше половины максимальных баллов заданий на функциональную "
             "грамотность", dims=tuple(RESULT_DIMS)),
    ],
    present=present_in(Result, year_field="assessment__year"),
)
def task_flags(school_ids, years):
    task_dims = {dim: f"result__{f}" for dim, f in RESULT_DIMS.items()}
    main = main_result(school_ids, years, "result")
    # Points and maximum of the functional-literacy tasks per result (one grouped pass over
    # the task scores), then the results counted per breakdown over those per-result rows.
    fields = [f"result__{f}" for f in RESULT_FIELDS]
    per_result = (
        TaskScore.objects.filter(main, task__functional_literacy=True)
        .values("result_id", *fields)
        .annotate(fl_points=Sum("points"), fl_max=Sum("task__max_points"))
    )
    solved = regroup(per_result, fields, {
        "n": "COUNT(*)",
        "solved": f"SUM(CASE WHEN fl_points * {FL_SOLVED_SHARE} >= fl_max THEN 1 ELSE 0 END)",
    }, where="fl_max > 0")
    yield Grouped(solved, (Output("results.fl_scored", task_dims), Output("results.fl_solved", task_dims, "solved")),
                  school="result__school_id", year="result__assessment__year_id")


# --- staff -------------------------------------------------------------------------------------

def _topic(topic: str) -> Q:
    """A staff event tagged with the topic (topics are a JSON list of codes; matched on its text)."""
    return Q(topics_text__contains=f'"{topic}"')


def _with_topics(qs):
    return qs.annotate(topics_text=Cast("topics", TextField()))


@extractor(
    reads=(StaffEvent, StaffYear),
    codes=[
        Code("staff.p.event", "педагогические работники с событием развития данного вида в учебном году",
             dims=("staff_event",), fixed=("staff_event",)),
        Code("staff.p.event.level", "педагогические работники с событием данного вида и уровня",
             dims=("staff_event", "staff_level"), fixed=("staff_event", "staff_level")),
        Code("staff.p.event.topic", "педагогические работники с событием данного вида и темы",
             dims=("staff_event", "staff_topic"), fixed=("staff_event", "staff_topic")),
        Code("staff.p.topic_courses",
             "педагогические работники по числу лет с последних курсов или переподготовки данной темы",
             dims=("staff_topic", "courses_ago"), fixed=("staff_topic",)),
        Code("staff.p.courses.gifted_ovz",
             "педагогические работники с курсами по работе с одарёнными детьми с ОВЗ (темы «таланты» и «ОВЗ»)"),
        Code("staff.p.iom_after_diagnostics",
             "педагогические работники, прошедшие диагностику дефицитов и имеющие ИОМ в учебном году"),
        Code("staff.events.distinct", "различные события развития педагогов (по названию) данного вида",
             dims=("staff_event",)),
    ],
    present=present_in(StaffYear),
)
def staff_events(school_ids, years):
    pedagogical = Exists(StaffYear.objects.filter(staff=OuterRef("staff"), year=OuterRef("year"), pedagogical=True))
    all_events = StaffEvent.objects.filter(school_id__in=school_ids, year_id__in=years)
    events = _with_topics(all_events.filter(pedagogical))

    by_kind = events.values("school_id", "year_id", "kind").annotate(n=Count("staff", distinct=True))
    yield grouped(by_kind, "staff.p.event", {"staff_event": "kind"})
    by_level = (
        events.exclude(level="").values("school_id", "year_id", "kind", "level")
        .annotate(n=Count("staff", distinct=True))
    )
    yield grouped(by_level, "staff.p.event.level", {"staff_event": "kind", "staff_level": "level"})

    topics = [t.value for t in StaffEventTopic]
    by_topic = events.values("school_id", "year_id", "kind").annotate(
        **{f"t_{t}": Count("staff", distinct=True, filter=_topic(t)) for t in topics}
    )
    yield Grouped(by_topic, tuple(
        Output("staff.p.event.topic", {"staff_event": "kind"}, f"t_{t}", fixed={"staff_topic": t}, nonzero=True)
        for t in topics
    ))

    gifted_ovz = (
        events.filter(kind=StaffEventKind.COURSES).filter(_topic(StaffEventTopic.TALENTS), _topic(StaffEventTopic.SPECIAL_NEEDS))
        .values("school_id", "year_id").annotate(n=Count("staff", distinct=True))
    )
    yield grouped(gifted_ovz, "staff.p.courses.gifted_ovz", {})

    own = StaffEvent.objects.filter(staff=OuterRef("staff"), year=OuterRef("year"))
    iom = (
        StaffYear.objects.filter(school_id__in=school_ids, year_id__in=years, pedagogical=True)
        .filter(Exists(own.filter(kind=StaffEventKind.IOM)),
                Exists(own.filter(kind=StaffEventKind.DEFICIT_DIAGNOSTICS)))
        .values("school_id", "year_id").annotate(n=Count("id"))
    )
    yield grouped(iom, "staff.p.iom_after_diagnostics", {})

    distinct = all_events.values("school_id", "year_id", "kind").annotate(n=Count("title", distinct=True))
    yield grouped(distinct, "staff.events.distinct", {"staff_event": "kind"})

    for topic in topics:
        last = (
            _with_topics(StaffEvent.objects.filter(staff=OuterRef("staff"), year_id__lte=OuterRef("year_id"),
                                                   kind__in=COURSES))
            .filter(_topic(topic)).order_by("-year_id").values("year_id")[:1]
        )
        rows = (
            StaffYear.objects.filter(school_id__in=school_ids, year_id__in=years, pedagogical=True)
            .annotate(last=Subquery(last, output_field=IntegerField())).filter(last__isnull=False)
            .annotate(ago=ExpressionWrapper(F("year_id") - F("last"), output_field=IntegerField()))
            .values("school_id", "year_id", "ago").annotate(n=Count("id"))
        )
        yield grouped(rows, "staff.p.topic_courses", {"courses_ago": "ago"}, fixed={"staff_topic": topic})


@extractor(
    reads=(StaffYear, StaffEvent, StaffYear.subjects.through, Subject),
    codes=[
        Code("staff.p.attested",
             "педагогические работники, аттестованные в учебном году (дата аттестации с 1 сентября по 31 августа)",
             dims=("category",)),
        Code("staff.p.overload", f"педагогические работники с нагрузкой более {OVERLOAD_HOURS} часов в неделю"),
        Code("staff.p.profile_match", "педагогические работники с образованием по профилю"),
        Code("staff.p.subject", "педагогические работники, преподающие предмет, по профилю образования",
             dims=("subject", "profile_match"), fixed=("subject",)),
        Code("staff.fgos_courses",
             "работники (педагогические и другие) с курсами или переподготовкой по ФГОС, по числу лет с последних",
             dims=("courses_ago",)),
    ],
    present=present_in(StaffYear),
)
def staff_details(school_ids, years):
    staff = StaffYear.objects.filter(school_id__in=school_ids, year_id__in=years)
    p = staff.filter(pedagogical=True)
    attested = (
        p.filter(category__in=[QualificationCategory.HIGHEST, QualificationCategory.FIRST])
        .filter(_within_school_year("category_date", years))
        .values("school_id", "year_id", "category").annotate(n=Count("id"))
    )
    yield grouped(attested, "staff.p.attested", {"category": "category"})

    counts = p.values("school_id", "year_id").annotate(
        overload=Count("id", filter=Q(weekly_hours__gt=OVERLOAD_HOURS)),
        profile=Count("id", filter=Q(profile_match=True)),
    )
    yield grouped(counts, "staff.p.overload", {}, value="overload")
    yield grouped(counts, "staff.p.profile_match", {}, value="profile")

    by_subject = (
        p.filter(subjects__isnull=False).values("school_id", "year_id", "subjects__name", "profile_match")
        .annotate(n=Count("id"))
    )
    yield grouped(by_subject, "staff.p.subject", {"subject": "subjects__name", "profile_match": "profile_match"})

    fgos = Q(title__contains="ФГОС") | Q(title__contains="фгос")
    last = (
        StaffEvent.objects.filter(staff=OuterRef("staff"), year_id__lte=OuterRef("year_id"), kind__in=COURSES)
        .filter(fgos).order_by("-year_id").values("year_id")[:1]
    )
    rows = (
        staff.annotate(last=Subquery(last, output_field=IntegerField())).filter(last__isnull=False)
        .annotate(ago=ExpressionWrapper(F("year_id") - F("last"), output_field=IntegerField()))
        .values("school_id", "year_id", "ago").annotate(n=Count("id"))
    )
    yield grouped(rows, "staff.fgos_courses", {"courses_ago": "ago"})
