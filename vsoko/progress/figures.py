"""Results of a period (четверть, триместр, полугодие, год) from the period marks: one student, one category.

The rules are those of the year indicators (spec/core-indicators.md, docs/indicators.md), applied to
the marks of one period, so the «год» of this page agrees with core.quality, core.success and core.sou:

- counted: pupils of grades 2–11 enrolled in a class of the school in that year who have marks of the
  period (a pupil who left counts in the periods he has marks of); for the «год» only the contingent
  at the year's end, CE(Y), as the year indicators do. A pupil on roll without marks of the period is
  shown as «без отметок» and is outside every share;
- the denominator (аттестуемые): counted pupils with a mark other than «осв»; only «осв» is «освобождён»;
- успеваемость: no 1, 2, «н/а», «незачет»; качество: at least one numeric mark, all numeric 4 or 5,
  none of those; «зачёт» alone is успевает, not качество;
- СОУ (В. П. Симонов): over the numeric and «н/а» marks, weights 5 → 1,00, 4 → 0,64, 3 → 0,36,
  2 → 0,16, 1 and «н/а» → 0,07, times 100; средний балл over numeric marks only.

Reading: one GROUP BY over the enrollments with the period's marks joined (conditional counts per
pupil), one GROUP BY over the marks per class and subject; the classes and the school are added up
from the per-pupil rows (at most about a thousand per school) in one pass. Both read the period's marks from
the index mark_period_counts (school, year, period, then what they count) without touching the marks table.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Count, F, Q, Subquery

from vsoko.datavalues.populations import ce_condition, in_ce
from vsoko.progress.enums import Category
from vsoko.records.enums import Mark, Outcome, Period
from vsoko.records.models import Enrollment, OrgUnit, PeriodMark

if TYPE_CHECKING:
    from vsoko.progress.page import Change

# Mark counts kept per pupil and per subject, in the order of the tables' columns.
MARK_FIELDS: dict[str, Mark] = {
    "n5": Mark.FIVE, "n4": Mark.FOUR, "n3": Mark.THREE, "n2": Mark.TWO, "n1": Mark.ONE,
    "na": Mark.NOT_ASSESSED, "passed": Mark.PASS, "failed": Mark.FAIL, "exempt": Mark.EXEMPT,
}
SOU_WEIGHTS: dict[str, Fraction] = {
    "n5": Fraction(1), "n4": Fraction(64, 100), "n3": Fraction(36, 100), "n2": Fraction(16, 100),
    "n1": Fraction(7, 100), "na": Fraction(7, 100),
}
POINTS = {"n5": 5, "n4": 4, "n3": 3, "n2": 2, "n1": 1}
LOWEST_GRADE = 2  # grade 1 is taught without marks (безотметочное обучение), as in the year indicators


def category(marks: Mapping[str, int]) -> Category:
    """The pupil's category from the counts of their marks of the period (keys of MARK_FIELDS)."""
    total = sum(marks[k] for k in MARK_FIELDS)
    if total == 0:
        return Category.NO_MARKS
    if total == marks["exempt"]:
        return Category.EXEMPT
    if marks["na"]:
        return Category.NOT_ASSESSED
    if marks["n2"] or marks["n1"] or marks["failed"]:
        return Category.FAILING
    if not (marks["n5"] or marks["n4"] or marks["n3"]):
        return Category.PASSED
    if marks["n3"] == 1:
        return Category.ONE_THREE
    if marks["n3"]:
        return Category.SATISFACTORY
    if marks["n4"] == 0:
        return Category.EXCELLENT
    return Category.ONE_FOUR if marks["n4"] == 1 else Category.GOOD


def percent(part: int | Fraction, whole: int) -> Fraction | None:
    return Fraction(part) * 100 / whole if whole else None


def sou(marks: Counter) -> Fraction | None:
    weighed = sum(marks[k] for k in SOU_WEIGHTS)
    return percent(sum(w * marks[k] for k, w in SOU_WEIGHTS.items()), weighed)


def average(marks: Counter) -> Fraction | None:
    numeric = sum(marks[k] for k in POINTS)
    return Fraction(sum(p * marks[k] for k, p in POINTS.items()), numeric) if numeric else None


@dataclass
class Figures:
    """The figures of a group of pupils (a class, the school) in a period."""

    categories: Counter = field(default_factory=Counter)
    marks: Counter = field(default_factory=Counter)

    def merge(self, other: Figures) -> None:
        self.categories.update(other.categories)
        self.marks.update(other.marks)

    def count(self, item: Category) -> int:
        # A method, not __getitem__: templates look f.categories up as f["categories"] first.
        return self.categories[item]

    @property
    def listed(self) -> int:
        """On roll: counted pupils and those without marks of the period («по списку»)."""
        return sum(self.categories.values())

    @property
    def attested(self) -> int:
        return sum(self.categories[c] for c in Category.attested())

    @property
    def good(self) -> int:
        """«Хорошисты»: on 4 and 5 with at least one «4» (the one-«4» pupils included)."""
        return self.categories[Category.ONE_FOUR] + self.categories[Category.GOOD]

    @property
    def on_fours_and_fives(self) -> int:
        return sum(self.categories[c] for c in Category.quality())

    @property
    def unsuccessful(self) -> int:
        return sum(self.categories[c] for c in Category.unsuccessful())

    @property
    def success(self) -> Fraction | None:
        return percent(self.attested - self.unsuccessful, self.attested)

    @property
    def quality(self) -> Fraction | None:
        return percent(self.on_fours_and_fives, self.attested)

    @property
    def excellent_share(self) -> Fraction | None:
        return percent(self.categories[Category.EXCELLENT], self.attested)

    @property
    def sou(self) -> Fraction | None:
        return sou(self.marks)

    @property
    def average(self) -> Fraction | None:
        return average(self.marks)


@dataclass(frozen=True)
class Pupil:
    student_id: int
    class_id: int
    category: Category


@dataclass
class ClassResult:
    class_id: int
    name: str
    grade: int
    figures: Figures = field(default_factory=Figures)


@dataclass
class SubjectResult:
    """Marks of one subject (in a class or the school) and their shares."""

    subject_id: int
    name: str
    marks: Counter = field(default_factory=Counter)
    withheld: set[str] = field(default_factory=set)  # the observer's cells not shown (vsoko.progress.withheld)
    # качество against the same period a year before: the school's page only (vsoko.progress.page)
    last_year: Change | None = None

    @property
    def graded(self) -> int:
        """Marks other than «осв»: the denominator of успеваемость and качество."""
        return sum(self.marks[k] for k in MARK_FIELDS if k != "exempt")

    @property
    def success(self) -> Fraction | None:
        return percent(self.marks["n5"] + self.marks["n4"] + self.marks["n3"] + self.marks["passed"], self.graded)

    @property
    def quality(self) -> Fraction | None:
        """None for a subject marked «зачёт»/«незачёт» only: it has no качество."""
        if not any(self.marks[k] for k in POINTS):
            return None
        return percent(self.marks["n5"] + self.marks["n4"], self.graded)

    @property
    def sou(self) -> Fraction | None:
        return sou(self.marks)

    @property
    def average(self) -> Fraction | None:
        return average(self.marks)


@dataclass
class PeriodResults:
    school: OrgUnit
    year: int
    period: Period
    classes: list[ClassResult]
    total: Figures
    pupils: list[Pupil]

    @property
    def empty(self) -> bool:
        return self.total.attested == 0 and not self.total.count(Category.EXEMPT)


def counted_enrollments(school: OrgUnit, year: int, period: str, class_ids: set[int] | None = None):
    """Enrollments whose pupils the period's figures may count: grades 2–11, CE(Y) for the year's marks."""
    enrollments = Enrollment.objects.filter(school=school, year_id=year, school_class__grade__gte=LOWEST_GRADE)
    if class_ids is not None:
        enrollments = enrollments.filter(school_class_id__in=class_ids)
    if period == Period.YEAR:
        enrollments = enrollments.filter(ce_condition([school.pk], [year]))
    return enrollments


def period_results(school: OrgUnit, year: int, period: str, class_ids: set[int] | None = None) -> PeriodResults:
    """The figures of the period for the school's classes (only `class_ids`, if given): one query."""
    classes: dict[int, ClassResult] = {}
    marks_of_class: dict[int, list[tuple]] = {}  # the pupils' mark counts, added up per class once at the end
    pupils = []
    for student_id, class_id, name, grade, left_on, outcome, *counts in _pupils_with_marks(school, year, period,
                                                                                           class_ids):
        kind = category(dict(zip(MARK_FIELDS, counts, strict=True)))
        if kind == Category.NO_MARKS and (left_on is not None or outcome == Outcome.LEFT):
            continue  # left the school: not on roll, and no marks of this period to count
        result = classes.get(class_id)
        if result is None:
            result = classes[class_id] = ClassResult(class_id, name, grade)
            marks_of_class[class_id] = []
        result.figures.categories[kind] += 1
        marks_of_class[class_id].append(counts)
        pupils.append(Pupil(student_id, class_id, kind))
    total = Figures()
    for class_id, result in classes.items():
        columns = zip(*marks_of_class[class_id], strict=True)
        result.figures.marks = Counter(dict(zip(MARK_FIELDS, map(sum, columns), strict=True)))
        total.merge(result.figures)
    return PeriodResults(school, year, Period(period), list(classes.values()), total, pupils)


def _pupils_with_marks(school: OrgUnit, year: int, period: str, class_ids: set[int] | None) -> list[tuple]:
    """(student, class, class name, grade, left on, outcome, *counts of MARK_FIELDS) of each pupil counted, in
    the classes' order: the school's marks of the period counted per pupil first, then joined to the pupils.

    Counting over the enrollments joined with every mark (and grouping by the pupil's and class's columns)
    took half as long again. Both parts are the ORM's own SQL, put side by side in one statement.
    """
    if class_ids is not None and not class_ids:
        return []  # no classes: no SQL for `IN ()`
    pupils = (counted_enrollments(school, year, period, class_ids)
              .values(p_student=F("student_id"), p_class=F("school_class_id"), p_name=F("school_class__name"),
                      p_grade=F("school_class__grade"), p_letter=F("school_class__letter"), p_left_on=F("left_on"),
                      p_outcome=F("outcome"))
              .order_by())
    marks = (PeriodMark.objects.filter(school=school, year_id=year, period=period)
             .values(m_student=F("student_id"))
             .annotate(**{f"m_{key}": Count("mark", filter=Q(mark=mark)) for key, mark in MARK_FIELDS.items()})
             .order_by())
    pupils_sql, pupils_params = pupils.query.sql_with_params()
    marks_sql, marks_params = marks.query.sql_with_params()
    counts = ", ".join(f"COALESCE(m.m_{key}, 0)" for key in MARK_FIELDS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.p_student, p.p_class, p.p_name, p.p_grade, p.p_left_on, p.p_outcome, {counts} "
            f"FROM ({pupils_sql}) p LEFT JOIN ({marks_sql}) m ON m.m_student = p.p_student "
            "ORDER BY p.p_grade, p.p_letter, p.p_name, p.p_student",
            [*pupils_params, *marks_params],
        )
        return cursor.fetchall()


def subject_results(school: OrgUnit, year: int, period: str,
                    class_ids: set[int] | None = None) -> tuple[list[SubjectResult], dict[int, list[SubjectResult]]]:
    """Per subject, for the school (the classes given) and for each class: one GROUP BY class × subject."""
    # Conditions on the pupil's joined enrollment of the year (unique per year, so no row is multiplied),
    # in one filter() so that the class below is that enrollment's; the same population as counted_enrollments.
    enrollment = Q(student__enrollments__year=F("year"), student__enrollments__school_class__grade__gte=LOWEST_GRADE)
    if class_ids is not None:
        enrollment &= Q(student__enrollments__school_class_id__in=class_ids)
    if period == Period.YEAR:
        enrollment &= in_ce([school.pk], [year])
    # Counted by mark, not by id: the marks are read from the index mark_period_counts alone. No ORDER BY: the
    # subjects are put in order below, and a sort of every mark by the subject's name took a third of the query.
    rows = (
        PeriodMark.objects.filter(enrollment, school=school, year_id=year, period=period)
        .values("student__enrollments__school_class_id", "subject_id", "subject__name")
        .annotate(**{key: Count("mark", filter=Q(mark=mark)) for key, mark in MARK_FIELDS.items()})
        .order_by()
    )
    school_wide: dict[int, SubjectResult] = {}
    by_class: dict[int, list[SubjectResult]] = {}
    for row in rows:
        counts = Counter({key: row[key] for key in MARK_FIELDS})
        by_class.setdefault(row["student__enrollments__school_class_id"], []).append(
            SubjectResult(row["subject_id"], row["subject__name"], counts))
        school_wide.setdefault(row["subject_id"], SubjectResult(row["subject_id"], row["subject__name"])).marks.update(
            counts)
    for subjects in by_class.values():
        subjects.sort(key=subject_order)
    return sorted(school_wide.values(), key=subject_order), by_class


def subject_order(subject: SubjectResult) -> str:
    """Alphabetical whatever the case: «ОБЗР» among «обществознание», not before «алгебра»."""
    return subject.name.casefold().replace("ё", "е")


# --- periods ----------------------------------------------------------------------------------

def periods_with_marks(school: OrgUnit, year: int) -> list[Period]:
    """The periods of the year that have marks in the school, in the school's order (its system first)."""
    # Per period the first mark in the order of the index mark_period_counts: the database walks the index to
    # it. A DISTINCT over the year's marks read them all; an EXISTS was planned on PostgreSQL as a scan of the
    # table to its first mark of the period, which comes after every earlier year's (30 ms each on the demo).
    present = OrgUnit.objects.filter(pk=school.pk).values(**{
        period.value: Subquery(PeriodMark.objects.filter(school=school, year_id=year, period=period)
                               .order_by("student_id").values("student_id")[:1])
        for period in Period
    }).first()
    return [p for p in period_order(school) if present and present[p.value] is not None]


def asked_period(asked: str, periods: list[Period]) -> Period | None:
    """The period a page's ?period= asks for among those with marks, else the latest of them."""
    return next((p for p in periods if p.value == asked), periods[-1] if periods else None)


def period_order(school: OrgUnit) -> list[Period]:
    """The school's periods in order, then any others (a package may carry marks of another system)."""
    own = Period.for_system(school.period_system)
    return [p for p in own if p != Period.YEAR] + [p for p in Period if p not in own] + [Period.YEAR]


def previous_period(school: OrgUnit, period: Period) -> Period | None:
    """The period before this one in the school's system (the last term before «год»); None for the first."""
    own = Period.for_system(school.period_system)
    if period not in own:
        return None
    index = own.index(period)
    return own[index - 1] if index > 0 else None
