"""Who may see what: the one module every view, export and report asks.

A user's rights are the union of their Membership rows (role × org unit, narrowed
to a class name or a subject). The helpers return querysets, so a view filters
by them inside the database and never loads what it may not show. The role
matrix is documented in docs/access.md; keep the two in step.

- school-wide roles (администратор, директор, заместитель) see every student,
  class and staff member of the schools at or under their org unit;
- a class teacher sees the students of the class with their class name in the
  selected year (the scope follows the name from year to year, as the journal does);
- a teacher or head of a methodical association sees the students of the classes
  where their subject is taught that year — a class that has period marks in
  the subject; without a subject in the membership, all students of the school;
- the head of a methodical association also sees the staff who teach its subject;
- the municipal observer sees aggregates of its schools only: every personal-data
  helper returns nothing for it, and views answer 403;
- sensitive categories (health, ОВЗ, social status, профилактический учёт) need
  `Membership.sees_sensitive` on a personal-data role in that school;
- a Django superuser counts as administrator of every school, sensitive data included.

Views: `require_personal_data(user)` (403 for the observer), then fetch the object
through `students_visible_to(...).filter(pk=...)` and answer 404 when it is not there,
so an outsider cannot even learn that the record exists.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Value

from vsoko.accounts.enums import Role
from vsoko.accounts.models import Membership
from vsoko.records.enums import OrgUnitKind
from vsoko.records.models import (
    Enrollment,
    OrgUnit,
    PeriodMark,
    SchoolClass,
    StaffMember,
    StaffYear,
    Student,
)
from vsoko.teaching.models import TeachingAssignment

ALL_UNITS = None  # sentinel: the superuser's scope is every school


def memberships_of(user) -> tuple[Membership, ...]:
    """The user's memberships, fetched once per user object (one query per request)."""
    if user is None or not user.is_authenticated:
        return ()
    cached = getattr(user, "_vsoko_memberships", None)
    if cached is None:
        cached = tuple(Membership.objects.filter(user=user).select_related("org_unit", "subject").order_by("pk"))
        user._vsoko_memberships = cached
    return cached


def roles_of(user) -> list[Role]:
    return [Role(m.role) for m in memberships_of(user)]


def _is_superuser(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_superuser)


def _units(user, roles: Iterable[Role]) -> list[int] | None:
    """Org unit ids where the user has one of the roles; ALL_UNITS for a superuser."""
    if _is_superuser(user):
        return ALL_UNITS
    roles = set(roles)
    return [m.org_unit_id for m in memberships_of(user) if m.role in roles]


def _schools_under(units: list[int] | None) -> QuerySet[OrgUnit]:
    """Schools at or under these org units (region > municipality > school, at most three levels)."""
    schools = OrgUnit.objects.filter(kind=OrgUnitKind.SCHOOL)
    if units is ALL_UNITS:
        return schools
    if not units:
        return schools.none()
    return schools.filter(Q(pk__in=units) | Q(parent_id__in=units) | Q(parent__parent_id__in=units))


def _any(conditions: list[Q]) -> Q | None:
    return reduce(or_, conditions) if conditions else None


# --- capabilities ------------------------------------------------------------------


def schools_for(user) -> QuerySet[OrgUnit]:
    """Every school the user has any role in, the observer's included: the scope of aggregates."""
    return _schools_under(_units(user, Role))


def works_above_schools(user) -> bool:
    """A role at a municipality or region (or a superuser): the user's schools can be compared. Read from
    the memberships already fetched, so the menu asks no query."""
    return _is_superuser(user) or any(m.org_unit.kind != OrgUnitKind.SCHOOL for m in memberships_of(user))


def can_see_personal_data(user, school: OrgUnit | None = None) -> bool:
    """Whether the user has a role that shows people at all (in this school, if given)."""
    return _has_role_in(user, Role.personal_data(), school)


def require_personal_data(user) -> None:
    """403 for users whose roles show aggregates only (the municipal observer)."""
    if not can_see_personal_data(user):
        raise PermissionDenied("Ваша роль позволяет видеть только сводные показатели, без персональных данных.")


def can_see_sensitive(user, school: OrgUnit | None = None) -> bool:
    """Health, ОВЗ, social status and профилактический учёт: only with explicit permission."""
    if _is_superuser(user):
        return True
    personal = set(Role.personal_data())
    units = [m.org_unit_id for m in memberships_of(user) if m.sees_sensitive and m.role in personal]
    return _covers(units, school)


def can_see_staff(user, school: OrgUnit | None = None) -> bool:
    return _has_role_in(user, Role.staff_viewers(), school)


def can_see_staff_birth_dates(user, school: OrgUnit | None = None) -> bool:
    """A colleague's date of birth is for the administration (age groups, attestation); the head of a
    methodical association sees the staff of the subject without it."""
    return _has_role_in(user, Role.school_wide(), school)


def require_staff_access(user) -> None:
    if not can_see_staff(user):
        raise PermissionDenied("Сведения о педагогах доступны администрации школы и руководителям МО.")


def schools_with_staff_seen_by(user) -> QuerySet[OrgUnit]:
    """Schools where the user sees staff records (which of them: `staff_visible_to`)."""
    return _schools_under(_units(user, Role.staff_viewers()))


def can_manage_data(user, school: OrgUnit | None = None) -> bool:
    """Loading packages and entering values (the «Данные» section)."""
    return _has_role_in(user, Role.data_managers(), school)


def schools_managed_by(user) -> QuerySet[OrgUnit]:
    return _schools_under(_units(user, Role.data_managers()))


MERGING_SUBJECTS = (Role.ADMIN, Role.DEPUTY)


def can_merge_subjects(user, school: OrgUnit | None = None) -> bool:
    """«Объединить предметы» (a misspelt subject into the right one): the administrator and the deputy,
    who load the data the typo came with."""
    return _has_role_in(user, MERGING_SUBJECTS, school)


def schools_merging_subjects_for(user) -> QuerySet[OrgUnit] | None:
    """The schools whose rows the user's merge may move; None for the superuser (every row of every school)."""
    return None if _is_superuser(user) else _schools_under(_units(user, MERGING_SUBJECTS))


def can_read_uploaded_rows(user, school: OrgUnit, uploader_id: int | None) -> bool:
    """The rows of an uploaded file as they were typed (an import's errors name pupils, some not yet in the
    base): whoever uploaded it, and the administrator and the deputy of the school, who load its data."""
    authenticated = getattr(user, "is_authenticated", False)
    return bool(authenticated and (uploader_id is not None and user.pk == uploader_id
                                   or _has_role_in(user, MERGING_SUBJECTS, school)))


def can_make_reports(user, school: OrgUnit | None = None) -> bool:
    """The school's reports (аналитическая справка, самообследование, публичный доклад): the school-wide roles."""
    return _has_role_in(user, Role.school_wide(), school)


def schools_reported_by(user) -> QuerySet[OrgUnit]:
    return _schools_under(_units(user, Role.school_wide()))


def _oo1_readers() -> list[Role]:
    return [*Role.school_wide(), Role.OBSERVER]


def can_draft_oo1(user, school: OrgUnit | None = None) -> bool:
    """«Черновик формы ОО-1» (counts only, regulation 004 прил. 7.5): the school's administration, and the municipal
    observer for the schools of its municipality, one school per file."""
    return _has_role_in(user, _oo1_readers(), school)


def schools_with_oo1_for(user) -> QuerySet[OrgUnit]:
    return _schools_under(_units(user, _oo1_readers()))


def can_run_surveys(user, school: OrgUnit | None = None) -> bool:
    """Creating surveys, giving out their links and reading their results: the school-wide roles."""
    return _has_role_in(user, Role.school_wide(), school)


def schools_administered_by(user) -> QuerySet[OrgUnit]:
    """Schools where the user has a school-wide role: where they run surveys and keep the monitoring plan."""
    return _schools_under(_units(user, Role.school_wide()))


def can_edit_plan(user, school: OrgUnit | None = None) -> bool:
    """Drafting and changing the monitoring plan, marking its items done: the school-wide roles.
    Every role of the school reads it (the plan binds all staff)."""
    return _has_role_in(user, Role.school_wide(), school)


def can_approve_plan(user, school: OrgUnit | None = None) -> bool:
    """Recording the director's order that approves the year's monitoring plan: the director and the
    administrator (who may enter the signed order). Lifting the approval: `can_lift_plan_approval`."""
    return _has_role_in(user, [Role.ADMIN, *Role.approvers()], school)


def can_lift_plan_approval(user, school: OrgUnit | None = None) -> bool:
    """Lifting the approval of the monitoring plan: the director only, as for approved data."""
    return _has_role_in(user, Role.approvers(), school)


def can_edit_decisions(user, school: OrgUnit | None = None) -> bool:
    """Recording management decisions and their execution: the school-wide roles."""
    return _has_role_in(user, Role.school_wide(), school)


def can_view_decisions(user, school: OrgUnit | None = None) -> bool:
    """Reading the school's management decisions: the school-wide roles and the head of a methodical
    association (decisions name the staff responsible; the observer and teachers get 403)."""
    return _has_role_in(user, Role.staff_viewers(), school)


def schools_with_decisions_for(user) -> QuerySet[OrgUnit]:
    return _schools_under(_units(user, Role.staff_viewers()))


def can_edit_schedule(user, school: OrgUnit | None = None) -> bool:
    """Keeping the schedule of assessment procedures and the subjects' yearly hours: the school-wide roles."""
    return _has_role_in(user, Role.school_wide(), school)


def can_read_schedule(user, school: OrgUnit | None = None) -> bool:
    """Reading the schedule itself: every role held in the school (it binds all staff and is published);
    the municipal observer reads the counts of its problems per school."""
    return _has_role_in(user, Role.school_roles(), school)


def can_view_diagnostics(user, school: OrgUnit | None = None) -> bool:
    """The pupils' monitoring diagnostics (готовность, адаптация, тревожность, воспитанность): every role of
    the school reads the counts per level of the classes it sees, the observer with small groups hidden;
    a pupil's level only `classes_with_diagnostic_levels_for`."""
    return _has_role_in(user, Role, school)


def can_edit_diagnostics(user, school: OrgUnit | None = None) -> bool:
    """Holding diagnostics and entering the pupils' levels: the school-wide roles for every class, the class
    teacher for their own class (`classes_with_diagnostic_levels_for`)."""
    return _has_role_in(user, [*Role.school_wide(), Role.CLASS_TEACHER], school)


def can_see_confidential_diagnostics(user, school: OrgUnit | None = None) -> bool:
    """The levels of a diagnostic whose results are confidential (the СПТ: procedures.yaml `levels_published: false`),
    per class and per grade as much as a pupil's: the school-wide roles — the director and the deputy who organise
    the testing (a psychologist is given the deputy's role). A class teacher, a subject teacher and an МО head see
    how many took part only; the observer the school's levels as a whole (vsoko.diagnostics.summary)."""
    return _has_role_in(user, Role.school_wide(), school)


def classes_with_diagnostic_levels_for(user, year: int) -> QuerySet[SchoolClass]:
    """Classes of the year whose pupils' diagnostic levels the user sees and enters: every class of the
    school-wide roles' schools, the class teacher's own class. A subject teacher sees counts only."""
    led = classes_led_by(user, year)
    if (wide := _wide_schools(user)) is not None:
        return led | SchoolClass.objects.filter(year_id=year, school__in=wide)
    return led


def can_view_preschool(user, school: OrgUnit | None = None) -> bool:
    """«Дошкольное образование» (мониторинг качества дошкольного образования): every role of the school reads the
    levels with their grounds; the municipal observer the aggregate levels only, without the texts
    (vsoko.preschool.access)."""
    return _has_role_in(user, Role, school)


def can_edit_preschool(user, school: OrgUnit | None = None) -> bool:
    """Keeping the preschool groups, rating the indicators, writing the conclusion: the school-wide roles."""
    return _has_role_in(user, Role.school_wide(), school)


def can_view_support(user, school: OrgUnit | None = None) -> bool:
    """«Работа с неуспевающими»: every role of the school within its scope (vsoko.support.access: the
    administration all cases, the class teacher those of their class, a subject teacher those of their subject
    in the classes they teach); the municipal observer the counts only, small groups hidden."""
    return _has_role_in(user, Role, school)


def can_edit_support(user, school: OrgUnit | None = None) -> bool:
    """Opening support cases and keeping their measures: the school-wide roles for every class, the class
    teacher for their own class (`classes_led_by`); a subject teacher marks done the measures they are
    responsible for."""
    return _has_role_in(user, [*Role.school_wide(), Role.CLASS_TEACHER], school)


def classes_led_by(user, year: int) -> QuerySet[SchoolClass]:
    """Classes of the year whose class teacher the user is (the class name of the membership)."""
    condition = _any([Q(school__in=_schools_under([m.org_unit_id]), name=m.class_name)
                      for m in memberships_of(user) if m.role == Role.CLASS_TEACHER and m.class_name])
    classes = SchoolClass.objects.filter(year_id=year)
    return classes.filter(condition) if condition is not None else classes.none()


def can_view_observations(user, school: OrgUnit | None = None) -> bool:
    """The lesson-visit journal («Посещение уроков»): every role of the school, each within its scope
    (vsoko.observations.access: the administration all visits, the head of an МО those of its subject's
    teachers, a teacher the visits to their own lessons); the municipal observer sees counts only."""
    return _has_role_in(user, Role, school)


def can_edit_observations(user, school: OrgUnit | None = None) -> bool:
    """Recording, changing and deleting any lesson visit: the school-wide roles."""
    return _has_role_in(user, Role.school_wide(), school)


def can_record_observations(user, school: OrgUnit | None = None) -> bool:
    """Recording lesson visits at all: the school-wide roles, and the head of a methodical association for
    the lessons of its subject's teachers, as the visitor (vsoko.observations.access decides which visits)."""
    return _has_role_in(user, [*Role.school_wide(), Role.MO_HEAD], school)


def schools_recording_observations_for(user) -> QuerySet[OrgUnit]:
    return _schools_under(_units(user, [*Role.school_wide(), Role.MO_HEAD]))


def schools_with_observations_for(user) -> QuerySet[OrgUnit]:
    return _schools_under(_units(user, Role))


def can_view_oversight(user, school: OrgUnit | None = None) -> bool:
    """«Внешняя оценка» (licence, accreditation, inspections, НОКО): every role of the school; the municipal
    observer too, without the names of the staff responsible for findings (`can_see_oversight_names`)."""
    return _has_role_in(user, Role, school)


def schools_with_oversight_for(user) -> QuerySet[OrgUnit]:
    return _schools_under(_units(user, Role))


def can_see_oversight_names(user, school: OrgUnit | None = None) -> bool:
    """The staff responsible for putting inspection findings right: school staff, not the observer."""
    return _has_role_in(user, Role.personal_data(), school)


def can_edit_oversight(user, school: OrgUnit | None = None) -> bool:
    """Keeping the licence, inspections, НОКО and the public observers' register: the school-wide roles."""
    return _has_role_in(user, Role.school_wide(), school)


def _site_audit_readers() -> list[Role]:
    return [*Role.school_wide(), Role.OBSERVER]


def can_view_site_audits(user, school: OrgUnit | None = None) -> bool:
    """«Аудит сайта» (regulation 004, прил. 7.6): the school's administration and the municipal observer read the
    audits of the official site; the teachers do not (it is the administration's check)."""
    return _has_role_in(user, _site_audit_readers(), school)


def schools_with_site_audits_for(user) -> QuerySet[OrgUnit]:
    return _schools_under(_units(user, _site_audit_readers()))


def can_edit_site_audits(user, school: OrgUnit | None = None) -> bool:
    """Recording an audit of the site and its checklist: the school-wide roles."""
    return _has_role_in(user, Role.school_wide(), school)


def can_view_public_experts(user, school: OrgUnit | None = None) -> bool:
    """The public observers' and experts' register (adults' personal data): the school-wide roles only."""
    return _has_role_in(user, Role.school_wide(), school)


def schools_with_public_experts_for(user) -> QuerySet[OrgUnit]:
    return _schools_under(_units(user, Role.school_wide()))


def can_view_rating(user, school: OrgUnit | None = None) -> bool:
    """«Рейтинг педагогов»: every role of the school, each within its scope (vsoko.rating.access: the
    administration every sheet, the head of an МО the sheets of its subject's teachers, read-only, a teacher
    their own); the municipal observer never (a sheet is a colleague's personal data)."""
    return _has_role_in(user, Role.personal_data(), school)


def schools_with_rating_for(user) -> QuerySet[OrgUnit]:
    return _schools_under(_units(user, Role.personal_data()))


def can_keep_rating(user, school: OrgUnit | None = None) -> bool:
    """Opening the year's rating, checking and confirming the teachers' sheets, the fund and the commission's
    protocol: the school-wide roles."""
    return _has_role_in(user, Role.school_wide(), school)


def can_manage_users(user, school: OrgUnit | None = None) -> bool:
    """Giving and taking roles in the school, new passwords, switching accounts off: administrator, director."""
    return _has_role_in(user, Role.user_managers(), school)


def schools_users_managed_by(user) -> QuerySet[OrgUnit]:
    return _schools_under(_units(user, Role.user_managers()))


def roles_grantable_by(user, school: OrgUnit) -> list[Role]:
    """The roles the user may give in the school: every school role for its administrator, all but the
    administrator's for its director, none for anyone else."""
    if not can_manage_users(user, school):
        return []
    roles = Role.school_roles()
    return roles if _has_role_in(user, [Role.ADMIN], school) else [r for r in roles if r != Role.ADMIN]


def can_approve_data(user, school: OrgUnit | None = None) -> bool:
    """Approving a year's data and reopening approved data: the director."""
    return _has_role_in(user, Role.approvers(), school)


def uses_inquiries(user) -> bool:
    """«Запросы» (requests and questionnaires of the education authorities, vsoko.inquiries): whoever sends them
    (the observer — the municipal specialist) or answers them (a school's administrator, director, deputy).
    Read from the memberships already fetched: the menu asks no query."""
    roles = {*Role.school_wide(), Role.OBSERVER}
    return _is_superuser(user) or any(m.role in roles for m in memberships_of(user))


def units_sending_inquiries_for(user) -> QuerySet[OrgUnit]:
    """The municipalities and regions on whose behalf the user sends requests to the units under them: those of
    the user's observer memberships; every one for a superuser."""
    above = OrgUnit.objects.exclude(kind=OrgUnitKind.SCHOOL)
    if _is_superuser(user):
        return above
    return above.filter(pk__in=[m.org_unit_id for m in memberships_of(user) if m.role == Role.OBSERVER])


def units_answering_inquiries_for(user) -> QuerySet[OrgUnit]:
    """The org units whose requests the user answers: the schools of the school-wide roles, and the municipality
    of an observer membership on it (a region's observer does not answer for a municipality); all for a superuser."""
    if _is_superuser(user):
        return OrgUnit.objects.all()
    return units_answering_inquiries_by_role(user)


def units_answering_inquiries_by_role(user) -> QuerySet[OrgUnit]:
    """The units of `units_answering_inquiries_for` by the user's own roles, a superuser's too: whose requests
    «Входящие» and the overview list. A superuser opens and answers any unit's request (as the administrator of
    every school), but every unit's answers in one list are nobody's incoming requests; without a role, none."""
    school_wide = set(Role.school_wide())
    administered = [m.org_unit_id for m in memberships_of(user) if m.role in school_wide]  # not _units: ALL_UNITS
    observed = [m.org_unit_id for m in memberships_of(user) if m.role == Role.OBSERVER]
    return OrgUnit.objects.filter(Q(pk__in=_schools_under(administered))
                                  | Q(pk__in=observed, kind=OrgUnitKind.MUNICIPALITY))


def can_answer_inquiry(user, unit: OrgUnit) -> bool:
    """Filling and sending the answer of an org unit (`units_answering_inquiries_for`)."""
    if _is_superuser(user):
        return True
    if unit.kind == OrgUnitKind.SCHOOL:
        return _has_role_in(user, Role.school_wide(), unit)
    return unit.kind == OrgUnitKind.MUNICIPALITY and any(
        m.role == Role.OBSERVER and m.org_unit_id == unit.pk for m in memberships_of(user))


def can_view_audit_log(user, school: OrgUnit | None = None) -> bool:
    """Reading the audit log (who saw and changed what): the administrator and the director."""
    return _has_role_in(user, Role.auditors(), school)


def schools_audited_by(user) -> QuerySet[OrgUnit]:
    return _schools_under(_units(user, Role.auditors()))


def _has_role_in(user, roles: Iterable[Role], school: OrgUnit | None) -> bool:
    units = _units(user, roles)
    return _covers(units, school)


def _covers(units: list[int] | None, school: OrgUnit | None) -> bool:
    if units is ALL_UNITS:
        return True
    if not units:
        return False
    if school is None:
        return True
    if school.pk in units or school.parent_id in units:
        return True
    return _schools_under(units).filter(pk=school.pk).exists()


# --- people ------------------------------------------------------------------------


def _scoped_class_conditions(user, year: int) -> list[Q]:
    """Conditions on SchoolClass for the class- and subject-scoped memberships. A teacher's memberships of
    one org unit (one per subject) make one condition: the classes are looked up once for all the subjects."""
    conditions = []
    # keyed by (org unit, a teacher's memberships): a teacher's classes follow the school's load, an МО head's not
    subjects: dict[tuple[int, bool], tuple[OrgUnit, set[int | None]]] = {}
    for m in memberships_of(user):
        if m.role == Role.CLASS_TEACHER and m.class_name:
            conditions.append(Q(school__in=_schools_of(m.org_unit), name=m.class_name))
        elif m.role in Role.subject_scoped():
            subjects.setdefault((m.org_unit_id, m.role == Role.TEACHER), (m.org_unit, set()))[1].add(m.subject_id)
    for (_, teacher), (unit, unit_subjects) in subjects.items():
        taught = _taught_condition(unit, unit_subjects, year)
        conditions.append(_own_load_condition(user, unit, year, taught)
                          if teacher and None not in unit_subjects else taught)
    return conditions


def _own_load_condition(user, unit: OrgUnit, year: int, taught: Q) -> Q:
    """A teacher whose account is linked to a staff record (accounts.StaffAccount) that the school's load of the
    year names sees the classes of their own assignments only, not every class where the subject is marked; a
    teacher the load does not name (not entered, entered in part, no link) sees the classes of `taught`.
    One subquery, no query of its own."""
    mine = TeachingAssignment.objects.filter(
        school__in=_schools_under([unit.pk]), year_id=year, staff__account__user=user)
    return Q(Exists(mine), pk__in=mine.values("school_class_id")) | Q(~Exists(mine), taught)


def _schools_of(unit: OrgUnit) -> list[int] | QuerySet[OrgUnit]:
    """The schools at or under a membership's org unit: a school is its own (a value, not a subquery to build
    and run); a municipality or region, `_schools_under`."""
    return [unit.pk] if unit.kind == OrgUnitKind.SCHOOL else _schools_under([unit.pk])


def _taught_condition(unit: OrgUnit, subjects: set[int | None], year: int) -> Q:
    """The classes a teacher's or МО head's memberships of an org unit see: where one of their subjects is
    taught (a pupil of the class has period marks in it in the year), or every class of the unit's schools
    when a membership has no subject."""
    schools = _schools_of(unit)
    if None in subjects:
        return Q(school__in=schools)
    # Asked per class of the year (tens), not per mark of the subject: a pupil of the class with a mark in
    # one of the subjects, found through the enrollments' class index and the marks' (student, year, …)
    # index; the first such pupil answers. An IN over the marks of the subject read every year's marks of
    # it (13–23 ms for a teacher of three subjects); a join through student → marks multiplied every
    # enrollment by its marks on PostgreSQL. Inside, the schools stay a subquery even for one school:
    # `school_id = 2` leads SQLite (no statistics) to the (school, year) indexes instead, every mark of the
    # school read for each pupil (0.1 ms → 0.9 s).
    # The subject is compared as `subject_id + 0`: for one subject SQLite otherwise reads the marks through the
    # subject's index (every mark of it in every year, for each pupil: 0.2 s a query instead of 1 ms).
    within = _schools_under([unit.pk])
    marked = PeriodMark.objects.alias(taught_subject=F("subject_id") + Value(0)).filter(
        student_id=OuterRef("student_id"), year_id=year, taught_subject__in=subjects, school__in=within
    )
    taught = Enrollment.objects.filter(Exists(marked), school_class_id=OuterRef("pk"), year_id=year, school__in=within)
    return Q(Exists(taught), school__in=schools)


def classes_taught_by(user, year: int) -> dict[int | None, QuerySet[SchoolClass]]:
    """The classes of the year a teacher or head of an МО sees pupils of, per subject of their memberships
    (the rule of `classes_visible_to`); the key None: a membership without a subject, every class of its
    schools. Empty for the other roles; lazy querysets, no query until read."""
    taught: dict[int | None, Q] = {}
    for m in memberships_of(user):
        if m.role in Role.subject_scoped():
            condition = _taught_condition(m.org_unit, {m.subject_id}, year)
            taught[m.subject_id] = taught[m.subject_id] | condition if m.subject_id in taught else condition
    return {subject: SchoolClass.objects.filter(condition, year_id=year) for subject, condition in taught.items()}


def _wide_schools(user) -> QuerySet[OrgUnit] | None:
    units = _units(user, Role.school_wide())
    if units is not ALL_UNITS and not units:
        return None
    return _schools_under(units)


def classes_visible_to(user, year: int) -> QuerySet[SchoolClass]:
    """Classes of the year whose pupils the user may see."""
    conditions = _scoped_class_conditions(user, year)
    if (wide := _wide_schools(user)) is not None:
        conditions.append(Q(school__in=wide))
    condition = _any(conditions)
    classes = SchoolClass.objects.filter(year_id=year)
    return classes.filter(condition) if condition is not None else classes.none()


def enrollments_visible_to(user, year: int) -> QuerySet[Enrollment]:
    """Enrollments (student × class) of the year that the user may see."""
    conditions = []
    if (wide := _wide_schools(user)) is not None:
        conditions.append(Q(school__in=wide))
    if scoped := _any(_scoped_class_conditions(user, year)):
        conditions.append(Q(school_class__in=SchoolClass.objects.filter(scoped, year_id=year)))
    condition = _any(conditions)
    enrollments = Enrollment.objects.filter(year_id=year)
    return enrollments.filter(condition) if condition is not None else enrollments.none()


def students_visible_to(user, year: int) -> QuerySet[Student]:
    """Students the user may see with the given school year selected.

    School-wide roles see every student of their schools, whatever the year (a graduate
    included); class- and subject-scoped roles see the pupils of their classes in that year.
    """
    conditions = []
    if (wide := _wide_schools(user)) is not None:
        conditions.append(Q(school__in=wide))
    if scoped := _any(_scoped_class_conditions(user, year)):
        pupils = Enrollment.objects.filter(
            year_id=year, school_class__in=SchoolClass.objects.filter(scoped, year_id=year)
        ).values("student_id")
        conditions.append(Q(pk__in=pupils))
    condition = _any(conditions)
    return Student.objects.filter(condition) if condition is not None else Student.objects.none()


def staff_records_of(user, school: OrgUnit) -> QuerySet[StaffMember]:
    """The school's staff records that are the user («my lessons», «my measures»).

    The records linked to the user (accounts.StaffAccount) where there are any in the school; without
    a link, the one staff member of the user's first and last name («ё» as «е», any case) if the user
    has a role in the school and the school has exactly one such person. A namesake is never guessed:
    two teachers of one name need the link (`vsoko user add --staff`, «Выдать роль»).
    """
    if user is None or not user.is_authenticated:
        return StaffMember.objects.none()
    linked = StaffMember.objects.filter(school=school, account__user=user)
    if linked.exists():
        return linked
    in_school = any(m.role != Role.OBSERVER and m.org_unit_id in (school.pk, school.parent_id)
                    for m in memberships_of(user))
    if not (in_school and user.first_name and user.last_name):
        return StaffMember.objects.none()
    me = (_fold_name(user.last_name), _fold_name(user.first_name))
    # A school has tens of staff: names are compared in Python, where «ё» and the case fold as people expect.
    same = [pk for pk, last, first in StaffMember.objects.filter(school=school, account__isnull=True)
            .values_list("pk", "last_name", "first_name") if (_fold_name(last), _fold_name(first)) == me]
    return StaffMember.objects.filter(pk__in=same if len(same) == 1 else [])


def is_staff_member(user, staff: StaffMember) -> bool:
    """The user is this member of staff (see `staff_records_of`)."""
    return staff_records_of(user, staff.school).filter(pk=staff.pk).exists()


def _fold_name(text: str) -> str:
    return " ".join(text.casefold().replace("ё", "е").split())


def staff_visible_to(user, year: int | None = None) -> QuerySet[StaffMember]:
    """Staff members the user may see: all of their schools for school-wide roles; for the head
    of a methodical association, those who teach its subject (in the year, if given)."""
    conditions = []
    if (wide := _wide_schools(user)) is not None:
        conditions.append(Q(school__in=wide))
    for m in memberships_of(user):
        if m.role != Role.MO_HEAD:
            continue
        schools = _schools_under([m.org_unit_id])
        if m.subject_id is None:
            conditions.append(Q(school__in=schools))
            continue
        teaching = StaffYear.objects.filter(school__in=schools, subjects=m.subject_id)
        if year is not None:
            teaching = teaching.filter(year_id=year)
        conditions.append(Q(school__in=schools, pk__in=teaching.values("staff_id")))
    condition = _any(conditions)
    return StaffMember.objects.filter(condition) if condition is not None else StaffMember.objects.none()
