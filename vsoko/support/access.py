"""Who sees and keeps which support cases, built on vsoko.accounts.permissions (the one module of rights).

- the school-wide roles (администратор, директор, заместитель) see and keep every case of the school;
- a class teacher sees and keeps the cases of their class (`permissions.classes_led_by`);
- a teacher or head of a methodical association sees the cases of their subject in the classes where it
  is taught (`permissions.classes_taught_by`: the classes with period marks in it), and marks done
  the measures they are responsible for; without a subject in the membership, every case of the school;
- the municipal observer sees counts only (opened, closed as успевает / не успевает), small groups hidden.

A case's class is the pupil's class in the case's year (an enrollment is unique per pupil and year).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.core.exceptions import PermissionDenied
from django.db.models import F, FilteredRelation, IntegerField, Q, QuerySet, Value
from django.http import Http404
from django.shortcuts import get_object_or_404

from vsoko.accounts import permissions
from vsoko.analysis.access import Privacy, is_the_teacher
from vsoko.records.models import OrgUnit
from vsoko.support.models import SupportCase, SupportMeasure
from vsoko.support.risk import AtRisk
from vsoko.web import school_year

NOT_YOURS = "Это сопровождение ведут администрация школы и классный руководитель класса обучающегося."


def chosen_school(user, code: str | None) -> tuple[OrgUnit, list[OrgUnit]]:
    return school_year.chosen_school(permissions.schools_for(user), code,
                                     "Вашей учётной записи не назначена роль в школе или муниципалитете.")


@dataclass(frozen=True)
class Scope:
    names: bool  # may see pupils at all (not the observer)
    edit_all: bool  # the school-wide roles
    see_all: bool
    led: frozenset[int] = frozenset()  # classes the user leads: seen and kept
    taught: Mapping[int, frozenset[int]] = field(default_factory=dict)  # subject → classes where it is taught
    privacy: Privacy = field(default_factory=lambda: Privacy(on=False))

    def sees(self, class_id: int | None, subject_id: int | None) -> bool:
        return (self.see_all or class_id in self.led
                or (subject_id is not None and class_id in self.taught.get(subject_id, ())))

    def edits(self, class_id: int | None) -> bool:
        return self.edit_all or class_id in self.led

    @property
    def opens(self) -> bool:
        """May open cases at all (in some class)."""
        return self.edit_all or bool(self.led)

    @property
    def whole_school(self) -> bool:
        return self.see_all


ADMINISTRATION = Scope(names=True, edit_all=True, see_all=True)  # the school-wide roles, the «Отчёты» registry


def scope_for(user, school: OrgUnit, year: int) -> Scope:
    names = permissions.can_see_personal_data(user, school)
    if not names:
        return Scope(False, False, False, privacy=Privacy(on=True))
    if permissions.can_make_reports(user, school):  # the school-wide roles
        return ADMINISTRATION
    led = frozenset(permissions.classes_led_by(user, year).filter(school=school).values_list("pk", flat=True))
    taught = {subject: classes.filter(school=school)
              for subject, classes in permissions.classes_taught_by(user, year).items()}
    if (every_class := taught.pop(None, None)) is not None and every_class.exists():  # a role without a subject
        return Scope(True, False, True, led)
    return Scope(True, False, False, led, _classes_by_subject(taught))


def _classes_by_subject(taught: dict[int, QuerySet]) -> dict[int, frozenset[int]]:
    """{subject: its classes' pks} of `permissions.classes_taught_by`, read in one statement (UNION ALL of the
    subjects' queries) rather than one per subject."""
    parts = [classes.order_by().annotate(taught_subject=Value(subject, output_field=IntegerField()))
             .values_list("taught_subject", "pk") for subject, classes in taught.items()]
    found: dict[int, set[int]] = {subject: set() for subject in taught}
    if parts:
        for subject, pk in parts[0].union(*parts[1:], all=True).order_by():
            found[subject].add(pk)
    return {subject: frozenset(pks) for subject, pks in found.items()}


def with_class(cases: QuerySet[SupportCase]) -> QuerySet[SupportCase]:
    """The pupil's class in the case's year, as `class_id`, `class_name`, `class_grade` and `class_letter`: one
    left join (an enrollment is unique per pupil and year, so no case is repeated)."""
    enrollment = FilteredRelation("student__enrollments", condition=Q(student__enrollments__year=F("year")))
    return cases.annotate(enrollment=enrollment).annotate(
        class_id=F("enrollment__school_class_id"), class_name=F("enrollment__school_class__name"),
        class_grade=F("enrollment__school_class__grade"), class_letter=F("enrollment__school_class__letter"))


def cases_for(scope: Scope, school: OrgUnit, year: int) -> QuerySet[SupportCase]:
    """The cases of the school and year the scope sees (none for the observer: it reads counts elsewhere)."""
    cases = with_class(SupportCase.objects.filter(school=school, year_id=year))
    if not scope.names:
        return cases.none()
    if scope.see_all:
        return cases
    conditions = [Q(class_id__in=sorted(scope.led))] if scope.led else []
    conditions += [Q(subject_id=s, class_id__in=sorted(c)) for s, c in scope.taught.items() if c]
    return cases.filter(reduce(or_, conditions)) if conditions else cases.none()


def visible_risk(scope: Scope, rows: list[AtRisk]) -> list[AtRisk]:
    """The at-risk pupils the scope sees; a subject teacher sees only the signals of their subject."""
    if scope.see_all:
        return rows
    shown = []
    for row in rows:
        if row.class_id in scope.led:
            shown.append(row)
            continue
        own = [s for s in row.signals if s.subject_id is not None and row.class_id in scope.taught.get(s.subject_id, ())]
        if own:
            shown.append(AtRisk(row.student_id, row.class_id, row.class_name, own))
    return shown


def case_for(user, pk: int) -> tuple[SupportCase, Scope]:
    """A case the user sees: 403 for the observer, 404 outside the user's schools or scope."""
    permissions.require_personal_data(user)
    case = get_object_or_404(with_class(SupportCase.objects.select_related("school", "student", "subject")),
                             pk=pk, school__in=permissions.schools_for(user))
    scope = scope_for(user, case.school, case.year_id)
    if not scope.sees(case.class_id, case.subject_id) or not permissions.students_visible_to(
            user, case.year_id).filter(pk=case.student_id).exists():
        raise Http404("Этого сопровождения нет среди ваших.")
    return case, scope


def editable_case(user, pk: int) -> tuple[SupportCase, Scope]:
    case, scope = case_for(user, pk)
    if not scope.edits(case.class_id):
        raise PermissionDenied(NOT_YOURS)
    return case, scope


def may_mark_done(user, scope: Scope, case: SupportCase, measure: SupportMeasure) -> bool:
    """Those who keep the case, and the teacher responsible for the measure."""
    return scope.edits(case.class_id) or (measure.responsible is not None
                                          and is_the_teacher(user, measure.responsible))
