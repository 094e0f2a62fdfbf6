"""The distribution of teaching load of a year: reading it as a grid (a grade's classes × subjects), saving the
grid all-or-nothing, proposing last year's teachers for this year's classes (5А → 6А).

Every change is written to the audit log by `apply`, the one place that writes assignments.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Exists

from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.imports.cells import class_name
from vsoko.records.models import (
    Enrollment,
    OrgUnit,
    PeriodMark,
    SchoolClass,
    StaffMember,
    StaffYear,
    Subject,
)
from vsoko.schedule.models import SubjectHours
from vsoko.teaching.models import TeachingAssignment

Cell = tuple[int, int]  # (class id, subject id)
LAST_GRADE = 11


class AssignmentError(ValueError):
    """A change that cannot be saved; the message says where and why (Russian, for the user)."""


def has_load(school: OrgUnit | int, year: int) -> bool:
    """Whether the school's load of the year is entered: then a teacher's classes are their own."""
    return TeachingAssignment.objects.filter(school=school, year_id=year).exists()


def loaded_teachers(school: OrgUnit | int, year: int) -> set[int]:
    """The staff members the year's load gives a class (one query). With the load entered in part, a teacher not
    among them is measured by subject, as without a load."""
    return set(TeachingAssignment.objects.filter(school=school, year_id=year)
               .values_list("staff_id", flat=True).distinct().order_by())


def waiting_for_load(school: OrgUnit | int, year: int) -> set[int]:
    """The subject teachers a load entered in part does not name yet: staff rows of the year with a subject and no
    assignment of the year (one query). Empty without a load (everyone is measured by subject then) and for a
    worker without a subject (a psychologist is not waiting for a class)."""
    assigned = TeachingAssignment.objects.filter(school=school, year_id=year)
    return set(StaffYear.objects.filter(Exists(assigned), school=school, year_id=year, subjects__isnull=False)
               .exclude(staff_id__in=assigned.values("staff_id"))
               .values_list("staff_id", flat=True).distinct().order_by())


def short_name(last: str, first: str, middle: str) -> str:
    """«Смирнова М. И.»"""
    initials = " ".join(f"{p[0]}." for p in (first, middle) if p)
    return f"{last} {initials}".strip()


@dataclass(frozen=True)
class Teacher:
    pk: int  # the StaffMember
    staff_id: str
    name: str
    subjects: frozenset[int]


def teachers_of(school: OrgUnit, year: int) -> list[Teacher]:
    """The pedagogical staff of the year (a staff row of the year), by name."""
    rows = (StaffYear.objects.filter(school=school, year_id=year, pedagogical=True)
            .select_related("staff").prefetch_related("subjects").order_by("staff__last_name", "staff__first_name"))
    return [Teacher(r.staff_id, r.staff.staff_id, short_name(r.staff.last_name, r.staff.first_name,
                                                              r.staff.middle_name) or r.staff.staff_id,
                    frozenset(s.pk for s in r.subjects.all())) for r in rows]


@dataclass
class GridCell:
    school_class: SchoolClass
    subject: Subject
    staff: list[int]  # chosen teachers (several: groups); [] — nobody yet

    @property
    def key(self) -> str:
        return f"{self.school_class.pk}-{self.subject.pk}"

    @property
    def choices(self) -> list[int | None]:
        """One select per chosen teacher; an empty cell has one empty select."""
        return self.staff or [None]


@dataclass
class GridRow:
    subject: Subject
    cells: list[GridCell]
    first: list[Teacher]  # teachers whose subjects of the year include this one
    others: list[Teacher]
    options_html: str | None = None  # the row's <option>s, escaped once (teaching_grid.teacher_options)
    # Stored in a cell of the grade but no longer a teacher of the year (their staff row changed): shown, kept.
    former: dict[int, str] = field(default_factory=dict)


@dataclass
class Grid:
    grade: int | None
    grades: list[int]
    classes: list[SchoolClass]
    rows: list[GridRow]
    teachers: list[Teacher]
    entered: int  # assignments of the whole year


def _marked_subjects(classes: list[SchoolClass], school: OrgUnit, year: int) -> set[Cell]:
    """(class, subject) pairs with a period mark of the year: one DISTINCT read through the enrolments."""
    rows = (PeriodMark.objects.filter(school=school, year_id=year, student__enrollments__year_id=year,
                                      student__enrollments__school_class__in=classes)
            .values_list("student__enrollments__school_class_id", "subject_id").distinct().order_by())
    return set(rows)


def build_grid(school: OrgUnit, year: int, grade: int | None, *, added: list[int] = (),
               proposed: dict[Cell, set[int]] | None = None) -> Grid:
    """The grade's classes × the subjects taught in them: marked in the year, in the curriculum hours of the
    grade, already assigned, proposed (last year's) or added by the user. `proposed` fills empty cells only."""
    all_classes = list(SchoolClass.objects.filter(school=school, year_id=year).order_by("grade", "name"))
    grades = sorted({c.grade for c in all_classes})
    if grade not in grades:
        grade = grades[0] if grades else None
    classes = [c for c in all_classes if c.grade == grade]
    assigned: dict[Cell, list[int]] = defaultdict(list)
    for class_id, subject_id, staff_id in (TeachingAssignment.objects.filter(school=school, year_id=year,
                                                                             school_class__in=classes)
                                           .values_list("school_class_id", "subject_id", "staff_id")
                                           .order_by("staff__last_name")):
        assigned[(class_id, subject_id)].append(staff_id)
    for cell, staff in (proposed or {}).items():
        if cell not in assigned and cell[0] in {c.pk for c in classes}:
            assigned[cell] = sorted(staff)
    subject_ids = {s for _, s in _marked_subjects(classes, school, year)} | {s for _, s in assigned} | set(added)
    subject_ids |= set(SubjectHours.objects.filter(school=school, year_id=year, grade=grade)
                       .values_list("subject_id", flat=True))
    teachers = teachers_of(school, year)
    known = {t.pk for t in teachers}
    stored = {pk for staff in assigned.values() for pk in staff} - known
    former = {m.pk: short_name(m.last_name, m.first_name, m.middle_name) or m.staff_id
              for m in StaffMember.objects.filter(pk__in=stored)} if stored else {}
    rows = []
    for subject in Subject.objects.filter(pk__in=subject_ids).order_by("name"):
        cells = [GridCell(c, subject, assigned.get((c.pk, subject.pk), [])) for c in classes]
        rows.append(GridRow(subject, cells, [t for t in teachers if subject.pk in t.subjects],
                            [t for t in teachers if subject.pk not in t.subjects], former=former))
    entered = TeachingAssignment.objects.filter(school=school, year_id=year).count()
    return Grid(grade, grades, classes, rows, teachers, entered)


@dataclass
class Change:
    """What one save did, for the message and the audit log."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    hours: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.hours)

    @property
    def summary(self) -> str:
        parts = [f"{label}: {len(items)}" for label, items in
                 (("назначено", self.added), ("снято", self.removed), ("изменены часы", self.hours)) if items]
        return ", ".join(parts) if parts else "изменений нет"


def apply(school: OrgUnit, year: int, wanted: dict[Cell, dict[int, Decimal | None]], *, user, request=None,
          source: str = "grid") -> Change:
    """Make the listed cells hold exactly the wanted teachers ({staff member: weekly hours or None — keep});
    cells not listed stay as they are. All-or-nothing: an unknown class, subject or teacher refuses the whole
    change (AssignmentError). One audit entry lists every assignment added, removed or re-houred."""
    classes = {c.pk: c for c in SchoolClass.objects.filter(school=school, year_id=year,
                                                            pk__in={c for c, _ in wanted})}
    subjects = {s.pk: s for s in Subject.objects.filter(pk__in={s for _, s in wanted})}
    teachers = {t.pk: t for t in teachers_of(school, year)}
    for class_id, subject_id in wanted:
        if class_id not in classes:
            raise AssignmentError(f"Класс (номер {class_id}) не найден среди классов школы этого года.")
        if subject_id not in subjects:
            raise AssignmentError(f"Предмет (номер {subject_id}) не найден.")
    change = Change()
    with transaction.atomic():
        # One save of a school's load at a time: two deputies saving the same new cell at once would both find it
        # empty and the second insert break the unique constraint (a 500). The second now waits and finds the
        # first one's teacher. (SQLite's IMMEDIATE transactions serialize writers anyway.)
        list(OrgUnit.objects.select_for_update().filter(pk=school.pk).values_list("pk", flat=True))
        existing = {(a.school_class_id, a.subject_id, a.staff_id): a for a in TeachingAssignment.objects
                    .select_for_update(of=("self",)).select_related("staff")
                    .filter(school=school, year_id=year, school_class_id__in=classes)}
        # A teacher stored in a cell may stay there after their staff row stopped being pedagogical (the grid shows
        # them); a new one must be a teacher of the year.
        for (class_id, subject_id), staff in wanted.items():
            for staff_id in staff:
                if staff_id not in teachers and (class_id, subject_id, staff_id) not in existing:
                    raise AssignmentError(f"Класс {classes[class_id].name}, {subjects[subject_id].name}: учитель "
                                          f"(номер {staff_id}) не найден среди педагогов школы этого года.")
        by_cell: dict[Cell, list[TeachingAssignment]] = defaultdict(list)
        for a in existing.values():
            by_cell[(a.school_class_id, a.subject_id)].append(a)
        gone: list[int] = []
        new: list[TeachingAssignment] = []
        rehoured: list[TeachingAssignment] = []
        for (class_id, subject_id), staff in wanted.items():
            where = f"{classes[class_id].name}, {subjects[subject_id].name}"
            for a in by_cell.get((class_id, subject_id), ()):
                if a.staff_id not in staff:
                    gone.append(a.pk)
                    change.removed.append(f"{where}: {a.staff.staff_id}")
            for staff_id, hours in staff.items():
                a = existing.get((class_id, subject_id, staff_id))
                if a is None:
                    new.append(TeachingAssignment(school=school, year_id=year, staff_id=staff_id,
                                                  school_class_id=class_id, subject_id=subject_id, weekly_hours=hours))
                    change.added.append(f"{where}: {teachers[staff_id].staff_id}"
                                        + (f", {hours} ч" if hours is not None else ""))
                elif hours is not None and a.weekly_hours != hours:
                    change.hours.append(f"{where}: {a.staff.staff_id}, {a.weekly_hours} → {hours} ч")
                    a.weekly_hours = hours
                    rehoured.append(a)
        # One query each, whatever the number of cells (a whole school's file is hundreds of assignments).
        if gone:
            TeachingAssignment.objects.filter(pk__in=gone).delete()
        TeachingAssignment.objects.bulk_create(new)
        if rehoured:
            TeachingAssignment.objects.bulk_update(rehoured, ["weekly_hours"])
        if change:
            record(user=user, action=AuditAction.CHANGE, object_type="teaching_load", object_id=year, school=school,
                   details={"source": source, "added": change.added, "removed": change.removed,
                            "hours": change.hours}, request=request)
    return change


@dataclass
class Transfer:
    proposed: dict[Cell, set[int]]
    kept: int  # cells of this year already filled, left as they are
    unmapped: list[str]


def _successors(school: OrgUnit, year: int) -> dict[int, tuple[SchoolClass, SchoolClass]]:
    """Last year's class → (this year's class of the next grade holding more than half of its pupils who are in
    that grade this year — a class whose letter changed: 5А → 6Б —, and last year's class whose load it takes:
    of two merged, the one that gave it most pupils). One GROUP BY over the two years' enrolments."""
    classes = {c.pk: c for c in SchoolClass.objects.filter(school=school, year_id__in=(year - 1, year))}
    moved: dict[int, dict[int, int]] = defaultdict(dict)
    for r in (Enrollment.objects.filter(school=school, year_id=year - 1, student__enrollments__school=school,
                                        student__enrollments__year_id=year)
              .values("school_class_id", "student__enrollments__school_class_id")
              .annotate(n=Count("student_id", distinct=True)).order_by()):
        old, new = classes[r["school_class_id"]], classes[r["student__enrollments__school_class_id"]]
        if new.grade == old.grade + 1:
            moved[old.pk][new.pk] = r["n"]
    found: dict[int, tuple[int, int]] = {}  # old class → (new class, pupils who went there)
    for old, counts in moved.items():
        new, n = max(counts.items(), key=lambda item: item[1])
        if 2 * n > sum(counts.values()):
            found[old] = (new, n)
    # Two classes merged into one: the class gets the load of the one that gave it most pupils.
    main = {}
    for old, (new, _) in sorted(found.items(), key=lambda item: -item[1][1]):
        main.setdefault(new, old)
    return {old: (classes[new], classes[main[new]]) for old, (new, _) in found.items()}


def transfer_from_last_year(school: OrgUnit, year: int) -> Transfer:
    """Last year's assignments moved one grade up with the same teacher, where this year has both the class and
    the teacher's staff row: into the class where most of the class's pupils went, else the one with the same
    letter (5А → 6А). Nothing is saved: the grid shows the proposal."""
    classes = {c.name: c for c in SchoolClass.objects.filter(school=school, year_id=year)}
    successors = _successors(school, year)
    working = dict(StaffYear.objects.filter(school=school, year_id=year).values_list("staff_id", "pedagogical"))
    filled = set(TeachingAssignment.objects.filter(school=school, year_id=year)
                 .values_list("school_class_id", "subject_id"))
    proposed: dict[Cell, set[int]] = defaultdict(set)
    kept: set[Cell] = set()
    unmapped = []
    last = (TeachingAssignment.objects.filter(school=school, year_id=year - 1)
            .select_related("school_class", "subject", "staff")
            .order_by("school_class__grade", "school_class__name", "subject__name"))
    for a in last:
        old = a.school_class
        where = f"{old.name}, {a.subject.name}, {a.staff}"
        if old.grade >= LAST_GRADE:
            unmapped.append(f"{where}: класс {old.name} выпущен")
            continue
        target, main = successors.get(old.pk) or (classes.get(class_name(old.grade + 1, old.letter)), old)
        if main != old:
            unmapped.append(f"{where}: ученики класса перешли в {target.name} вместе с {main.name} — нагрузка "
                            f"{target.name} переносится из {main.name}")
        elif target is None:
            unmapped.append(f"{where}: класса {class_name(old.grade + 1, old.letter)} в этом году нет")
        elif a.staff_id not in working:
            unmapped.append(f"{where}: у учителя нет кадровой строки этого года (не работает или не загружен)")
        elif not working[a.staff_id]:  # `apply` takes the pedagogical staff only
            unmapped.append(f"{where}: в кадровой строке этого года учитель не педагог")
        elif (target.pk, a.subject_id) in filled:
            kept.add((target.pk, a.subject_id))
        else:
            proposed[(target.pk, a.subject_id)].add(a.staff_id)
    return Transfer(dict(proposed), len(kept), unmapped)


def teacher_classes(staff: StaffMember, year: int) -> dict[int, set[str]]:
    """{subject id: names of the classes} the teacher is assigned in the year."""
    classes: dict[int, set[str]] = defaultdict(set)
    for subject_id, name in (TeachingAssignment.objects.filter(staff=staff, year_id=year)
                             .values_list("subject_id", "school_class__name")):
        classes[subject_id].add(name)
    return dict(classes)

