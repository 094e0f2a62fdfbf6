"""«По учителям МО»: the head of a methodical association's subjects, teacher by teacher — the table the МО's
analysis of a period or the year starts with (who teaches where, with what успеваемость and качество).

A teacher's classes are those of the distribution of teaching load (vsoko.teaching): the data package does
not say who teaches a class. Each line sums the marks of the teacher's (class, subject) cells of «Ваши предметы
по классам», already counted for the page by one GROUP BY (`PeriodPage.subjects_by_class`); this module adds
one query, the load of those cells (and one more when none of them has a teacher: is the load entered at all). A class whose subject two teachers share (groups: английский язык,
информатика) cannot be split — its marks count for both, and the line says so.

Only for the МО head: a subject teacher sees their own classes, not their colleagues'; the administration sees
every teacher on the teacher pages of «Оценочные процедуры» and in the rating.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from vsoko.accounts import permissions
from vsoko.accounts.enums import Role
from vsoko.progress.figures import SubjectResult
from vsoko.progress.page import PeriodPage
from vsoko.teaching.assignments import has_load
from vsoko.teaching.models import TeachingAssignment


@dataclass(frozen=True)
class TeacherLine:
    name: str
    classes: str  # «5А, 5Б (математика); 7А (алгебра, геометрия)»
    result: SubjectResult  # the marks of all the teacher's cells, with their shares
    shared: bool  # a class of theirs has another teacher of the subject: its marks count for both


@dataclass(frozen=True)
class TeacherTable:
    lines: list[TeacherLine]
    without_teacher: list[str]  # cells of the МО's subjects no teacher is assigned to: «9В (алгебра)»
    load_entered: bool  # the school's load of the year at all (vsoko.teaching.assignments.has_load)

    @property
    def shared(self) -> bool:
        return any(line.shared for line in self.lines)


def heads_association(user) -> bool:
    return any(m.role == Role.MO_HEAD for m in permissions.memberships_of(user))


def teacher_table(page: PeriodPage) -> TeacherTable:
    cells: dict[tuple[int, int], tuple[str, SubjectResult]] = {
        (row.result.class_id, s.subject_id): (row.result.name, s)
        for row in page.rows if not row.hidden
        for s in page.subjects_by_class.get(row.result.class_id, []) if s.subject_id in page.scope.subjects}
    if not cells:
        return TeacherTable([], [], load_entered=False)
    load = (TeachingAssignment.objects
            .filter(school=page.school, year_id=page.year, subject_id__in=page.scope.subjects,
                    school_class_id__in={class_id for class_id, _ in cells})
            .values_list("staff_id", "staff__last_name", "staff__first_name", "staff__middle_name", "staff__staff_id",
                         "school_class_id", "subject_id"))
    cells_of: dict[int, list[tuple[int, int]]] = defaultdict(list)
    names: dict[int, str] = {}
    teachers_of_cell: dict[tuple[int, int], int] = defaultdict(int)
    for staff_id, last, first, middle, code, class_id, subject_id in load:
        if (class_id, subject_id) not in cells:
            continue
        names[staff_id] = " ".join(p for p in (last, first, middle) if p) or code
        cells_of[staff_id].append((class_id, subject_id))
        teachers_of_cell[(class_id, subject_id)] += 1
    order = list(cells)  # the classes' order, then the subjects' (as «Ваши предметы по классам»)
    position = {cell: index for index, cell in enumerate(order)}
    lines = []
    for staff_id, own in cells_of.items():
        own.sort(key=position.__getitem__)
        marks = SubjectResult(0, names[staff_id])
        for cell in own:
            marks.marks.update(cells[cell][1].marks)
        lines.append(TeacherLine(names[staff_id], _classes(own, cells), marks,
                                 shared=any(teachers_of_cell[cell] > 1 for cell in own)))
    lines.sort(key=lambda line: line.name.casefold())
    without = [f"{cells[cell][0]} ({cells[cell][1].name})" for cell in order if cell not in teachers_of_cell]
    return TeacherTable(lines, without, load_entered=bool(teachers_of_cell) or has_load(page.school, page.year))


def _classes(own: list[tuple[int, int]], cells: dict[tuple[int, int], tuple[str, SubjectResult]]) -> str:
    """The teacher's classes grouped by subject, subjects of the same classes together, in the table's order:
    «5А, 5Б (математика); 7А, 7Б (алгебра, геометрия)»."""
    by_subject: dict[str, list[str]] = {}
    for cell in own:
        class_name, subject = cells[cell]
        by_subject.setdefault(subject.name, []).append(class_name)
    by_classes: dict[tuple[str, ...], list[str]] = {}
    for subject in sorted(by_subject, key=str.casefold):
        by_classes.setdefault(tuple(by_subject[subject]), []).append(subject)
    return "; ".join(f"{', '.join(classes)} ({', '.join(subjects)})" for classes, subjects in by_classes.items())
