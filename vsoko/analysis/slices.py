"""Pages across procedures: a grade's classes side by side, a class, a subject, a teacher, dynamics.

Each builder reads the procedures it needs (one query) and their figures in one grouped
read of data values; nothing loops over results.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from vsoko.analysis import figures as fig
from vsoko.analysis.access import Privacy
from vsoko.analysis.flags import Flag, objectivity_flags
from vsoko.analysis.procedure import ClassRow, YearRow, class_order
from vsoko.analysis.risk import Procedure, procedure_label, task_order, weak_results
from vsoko.analysis.thresholds import Thresholds
from vsoko.assessments.subjects import subject_key
from vsoko.publication.suppression import TOTAL
from vsoko.records.enums import AssessmentKind, Difficulty
from vsoko.records.models import Assessment, OrgUnit, SchoolClass, StaffMember, StaffYear, Subject
from vsoko.teaching.assignments import has_load, teacher_classes
from vsoko.teaching.models import TeachingAssignment

FIGURE_CODES = (*fig.SUMMARY_CODES, *fig.TASK_CODES)


def label(a: Assessment) -> str:
    return procedure_label(a.kind, a.subject.name if a.subject else None, a.grade)


def _procedure(a: Assessment) -> Procedure:
    subject = a.subject.name if a.subject else ""
    return Procedure(a.pk, a.school_id, a.assessment_id, a.kind, subject, a.grade, label(a))


# --- a grade: its classes side by side --------------------------------------------------------------

@dataclass
class TaskLine:
    task: str
    difficulty: str
    by_class: list[Fraction | None]
    total: Fraction | None

    @property
    def difficulty_label(self) -> str:
        return Difficulty(self.difficulty).label if self.difficulty in Difficulty.values else "—"


@dataclass
class ClassTable:
    assessment: Assessment
    label: str
    classes: list[ClassRow]
    total: fig.Figures
    tasks: list[TaskLine] = field(default_factory=list)
    hidden_total: set = field(default_factory=set)  # marks of the total row hidden from the observer


def grade_tables(school: OrgUnit, year: int, grade: int, privacy: Privacy) -> list[ClassTable]:
    assessments = list(Assessment.objects.filter(school=school, year_id=year, grade=grade).select_related("subject")
                       .order_by("kind", "subject__name", "date"))
    return class_tables(school, year, assessments, privacy)


def class_tables(school: OrgUnit, year: int, assessments: list[Assessment], privacy: Privacy,
                 *, with_tasks: bool = True, classes_of: dict[int, set[str]] | None = None) -> list[ClassTable]:
    """`classes_of` ({subject id: class names}): only these classes of a procedure in its subject, the total
    theirs (a teacher's own classes where the load is entered)."""
    loaded = fig.load([school.pk], [year], by=("assessment", "class"),
                      assessments=[a.assessment_id for a in assessments], codes=FIGURE_CODES)
    tables = []
    for a in assessments:
        per_class = {name: f for (_, code, name), f in loaded.items() if code == a.assessment_id}
        if classes_of is not None:
            per_class = {name: f for name, f in per_class.items() if name in classes_of.get(a.subject_id, ())}
        rows = sorted((ClassRow(name, f) for name, f in per_class.items() if name is not None and f.results),
                      key=lambda r: class_order(r.name))
        total = fig.total(per_class.values())
        if not total.results:
            continue  # a reserve day of retakes only: shown on the index and the procedure's page
        hidden_total = privacy.hide_classes(rows)
        hidden_total |= privacy.hidden_groups({m: total.marks[m] for m in fig.MARKS})
        table = ClassTable(a, label(a), rows, total, hidden_total=hidden_total)
        if with_tasks:
            tasks = sorted({t for t, _ in total.tasks}, key=task_order)
            difficulty = {t: d for t, d in total.tasks}
            table.tasks = [TaskLine(t, difficulty[t], [r.figures.completion(t) for r in rows], total.completion(t))
                           for t in tasks]
        tables.append(table)
    return tables


def withheld_by_table(school: OrgUnit, year: int, assessments: list[Assessment], privacy: Privacy
                      ) -> dict[str, dict[str, set[int]]]:
    """{procedure code: {class name or TOTAL: marks}} that the procedure's table of classes (the grade's and the
    procedure's pages) hides for the observer — a small class's partners and the «Всего» beside them. A page that
    shows a class or a procedure's total alone hides the same (`Privacy.within`): the total's «2» share, say, times
    the count minus the shown classes' «2» gave a hidden class's back. Nothing without `privacy.on`."""
    if not privacy.on or not assessments:
        return {}
    return {t.assessment.assessment_id: {**{c.name: set(c.hidden_marks) for c in t.classes}, TOTAL: t.hidden_total}
            for t in class_tables(school, year, assessments, privacy, with_tasks=False)}


def year_privacy(school: OrgUnit, assessments: list[Assessment], privacy: Privacy) -> dict[int, Privacy]:
    """{year: the observer's privacy for a year's row of a procedure's dynamics} — the row is the year's «Всего» of
    its procedures (one, or a few summed), so what their tables of classes hide there is withheld too
    (`Privacy.within`): качество minus the «5» that table shows gave back the «4» of a small class it hides."""
    if not privacy.on:
        return {}
    years = {}
    for year in sorted({a.year_id for a in assessments}):
        tables = withheld_by_table(school, year, [a for a in assessments if a.year_id == year], privacy)
        years[year] = privacy.within(set().union(*(t.get(TOTAL, ()) for t in tables.values())))
    return years


# --- a class: its procedures beside the school's ----------------------------------------------------

@dataclass
class ClassLine:
    assessment: Assessment
    label: str
    mine: fig.Figures
    school: fig.Figures
    flags: list[Flag]
    hidden: bool
    # The observer's privacy for the class's and for the parallel's figures, with the marks the procedure's table of
    # classes hides (`withheld_by_table`).
    mine_privacy: Privacy | None = None
    school_privacy: Privacy | None = None


def class_lines(school_class: SchoolClass, privacy: Privacy, thresholds: Thresholds | None = None
                ) -> list[ClassLine]:
    t = thresholds or Thresholds.configured()
    year = school_class.year_id
    school = school_class.school_id
    mine = fig.load([school], [year], by=("assessment",), only={"class": school_class.name}, codes=FIGURE_CODES)
    codes = [code for (_, code) in mine]
    whole = fig.load([school], [year], by=("assessment",), assessments=codes, codes=FIGURE_CODES)
    assessments = Assessment.objects.filter(school_id=school, year_id=year, assessment_id__in=codes).select_related(
        "subject").order_by("kind", "grade", "subject__name", "date")
    withheld = withheld_by_table(school_class.school, year, list(assessments), privacy)
    lines = []
    for a in assessments:
        f = mine[(year, a.assessment_id)]
        if not f.results:
            continue  # a reserve day of retakes only
        flags = []
        if f.results >= t.risk_min_results:
            flags = objectivity_flags(f, max_score=a.max_score, mark_scale=a.mark_scale, t=t, where=school_class.name,
                                      assessment=a.pk)
            flags += weak_results(f, _procedure(a), t, where=school_class.name)
        if privacy.on:
            flags = [x for x in flags if not x.disclosive(privacy.minimum)]
        table = withheld.get(a.assessment_id, {})
        lines.append(ClassLine(a, label(a), f, whole.get((year, a.assessment_id), fig.Figures()), flags,
                               privacy.too_small(f.results), privacy.within(table.get(school_class.name, ())),
                               privacy.within(table.get(TOTAL, ()))))
    return lines


# --- a subject across grades and years --------------------------------------------------------------

@dataclass
class SubjectLine:
    assessment: Assessment
    figures: fig.Figures
    hidden: bool
    privacy: Privacy | None = None  # with the marks its procedure's table of classes hides (`withheld_by_table`)

    @property
    def label(self) -> str:
        return label(self.assessment)


def subject_lines(school: OrgUnit, subject: Subject, privacy: Privacy) -> list[SubjectLine]:
    assessments = list(Assessment.objects.filter(school=school, subject=subject).select_related("subject")
                       .order_by("kind", "grade", "-year_id", "date"))
    years = sorted({a.year_id for a in assessments})
    loaded = fig.load([school.pk], years, by=("assessment",), assessments=[a.assessment_id for a in assessments],
                      codes=FIGURE_CODES)
    withheld = {(year, code): table for year in years for code, table in withheld_by_table(
        school, year, [a for a in assessments if a.year_id == year], privacy).items()}
    lines = []
    for a in assessments:
        f = loaded.get((a.year_id, a.assessment_id), fig.Figures())
        if f.results or f.retakes:
            lines.append(SubjectLine(a, f, privacy.too_small(f.results),
                                     privacy.within(withheld.get((a.year_id, a.assessment_id), {}).get(TOTAL, ()))))
    return lines


# --- a teacher: the classes in the teacher's subjects ----------------------------------------------

@dataclass
class TeacherPage:
    staff: StaffMember
    subjects: list[Subject]
    tables: list[ClassTable]
    # Where the school's load of the year is entered: the teacher's own classes per subject, else None (every
    # class of the teacher's subjects).
    load: dict[int, set[str]] | None = None
    # The year's load is entered in part and does not name the teacher yet: every class, as without a load.
    not_in_load: bool = False

    @property
    def load_lines(self) -> list[tuple[str, list[str]]]:
        """«Математика: 5А, 6Б» for the page."""
        names = {s.pk: s.name for s in self.subjects}
        return [(names[s], sorted(c, key=class_order)) for s, c in (self.load or {}).items() if s in names]


# From the 7th grade «математика» is taught as its parts; ВПР, ОГЭ and ЕГЭ are written in «математика» (keys as
# vsoko.assessments.subjects.subject_key gives them).
MATHEMATICS_PARTS = {"алгебра", "геометрия", "вероятность и статистика"}
MATHEMATICS = {"математика", "математика (профиль)", "математика (база)"}
PARTS_FROM_GRADE = 7


def _with_mathematics(subjects: list[Subject], load: dict[int, set[str]] | None
                      ) -> tuple[list[Subject], dict[int, set[str]] | None]:
    """The subjects (and the load) of a teacher of алгебра or геометрия, with «математика» added in the same
    classes: the procedures in mathematics are that teacher's."""
    parts = [s.pk for s in subjects if subject_key(s.name) in MATHEMATICS_PARTS]
    if not parts:
        return subjects, load
    maths = [s for s in Subject.objects.all() if subject_key(s.name) in MATHEMATICS]
    if load is not None:
        classes = set().union(*(load.get(pk, set()) for pk in parts))
        load = {**load, **{m.pk: load.get(m.pk, set()) | classes for m in maths}}
    return subjects + [m for m in maths if m not in subjects], load


def teacher_page(staff: StaffMember, year: int, privacy: Privacy) -> TeacherPage:
    load = teacher_classes(staff, year) if has_load(staff.school_id, year) else None
    not_in_load, load = load == {}, load or None
    if load is None:
        subjects = list(Subject.objects.filter(staffyear__staff=staff, staffyear__year_id=year).order_by("name"))
    else:
        subjects = list(Subject.objects.filter(pk__in=load).order_by("name"))
    written_in, classes_of = _with_mathematics(subjects, load)
    assessments = list(Assessment.objects.filter(school_id=staff.school_id, year_id=year, subject__in=written_in)
                       .select_related("subject").order_by("grade", "kind", "subject__name", "date"))
    # алгебра and геометрия begin in the 7th grade: «математика» of the 5th and 6th is not theirs.
    assessments = [a for a in assessments if a.subject in subjects or not a.grade or a.grade >= PARTS_FROM_GRADE]
    # With the load, a procedure none of whose classes is the teacher's has no rows and is left out.
    tables = class_tables(staff.school, year, assessments, privacy, with_tasks=False, classes_of=classes_of)
    return TeacherPage(staff, subjects, tables, load, not_in_load)


@dataclass
class TeacherLine:
    """A teacher of the index's list with the year's subjects and, where the load names them, classes."""

    staff: StaffMember
    subjects: dict[str, set[str]]  # subject name -> the teacher's classes in it (empty outside the load)

    @property
    def words(self) -> str:
        """«Русский язык: 5А, 5Б; Литература»."""
        return "; ".join(f"{name}: {', '.join(sorted(classes, key=class_order))}" if classes else name
                         for name, classes in sorted(self.subjects.items()))


def teacher_lines(staff: list[StaffMember], year: int) -> list[TeacherLine]:
    """Each teacher with the subjects of the year's staff data and of the load, the load's classes beside them
    (two queries, whatever the number of teachers)."""
    subjects: dict[int, dict[str, set[str]]] = {m.pk: {} for m in staff}
    for staff_id, name in (StaffYear.subjects.through.objects.filter(staffyear__staff__in=staff, staffyear__year_id=year)
                           .values_list("staffyear__staff_id", "subject__name")):
        subjects[staff_id].setdefault(name, set())
    for staff_id, name, class_name in (TeachingAssignment.objects.filter(staff__in=staff, year_id=year)
                                       .values_list("staff_id", "subject__name", "school_class__name")):
        subjects[staff_id].setdefault(name, set()).add(class_name)
    return [TeacherLine(m, subjects[m.pk]) for m in staff]


# --- dynamics of a procedure ------------------------------------------------------------------------

@dataclass
class Dynamics:
    kind: str
    subject: Subject
    grade: int | None
    rows: list[YearRow]

    @property
    def label(self) -> str:
        return procedure_label(self.kind, self.subject.name, self.grade)

    @property
    def is_ege(self) -> bool:
        return self.kind == AssessmentKind.EGE


def procedure_dynamics(school: OrgUnit, kind: str, subject: Subject, grade: int | None, year: int,
                       privacy: Privacy, years: int = 3) -> Dynamics:
    span = list(range(year - years + 1, year + 1))
    same = list(Assessment.objects.filter(school=school, year_id__in=span, kind=kind, subject=subject, grade=grade)
                .select_related("subject"))
    loaded = fig.load([school.pk], span, by=(), assessments=[a.assessment_id for a in same], codes=FIGURE_CODES)
    max_scores = {a.year_id: a.max_score for a in same if a.max_score}
    privacies = year_privacy(school, same, privacy)  # a year's row hides what that year's table of classes hides
    return Dynamics(kind, subject, grade, [YearRow(y, loaded.get((y,), fig.Figures()), max_scores.get(y),
                                                   privacies.get(y, privacy)) for y in span])

