"""Which visits of the journal a user sees, built on vsoko.accounts.permissions (the one permission module).

- the school-wide roles (администратор, директор, заместитель): every visit of their schools;
- the head of a methodical association: the visits to the teachers of its subject
  (`permissions.staff_visible_to`), and to their own lessons; they record visits to those teachers'
  lessons themselves (взаимопосещение, 000 п. 3.3: МО «проводят экспертизу»), and change or delete
  the visits they made, not the administration's;
- a teacher or class teacher: the visits to their own lessons only — the staff records that are the user
  (`permissions.staff_records_of`: the account's link to the staff record, else the one staff member of
  the school with the account's first and last name);
- the municipal observer: counts only (`counts_only`), never a name or a text.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from vsoko.accounts import permissions
from vsoko.accounts.enums import Role
from vsoko.observations.models import LessonVisit
from vsoko.records.models import OrgUnit, StaffMember

READERS_ONLY = "Журнал посещения уроков доступен сотрудникам школы и наблюдателю муниципалитета (только количества)."
KEEPERS_ONLY = ("Посещения уроков записывает и меняет администрация школы (директор, заместители), а руководитель "
                "МО — свои посещения уроков учителей предмета МО.")
COUNTS_ONLY = "Наблюдателю муниципалитета журнал показывает только количества посещений, без имён и текстов."


def counts_only(user, school: OrgUnit) -> bool:
    """The user sees how many visits there were, and nothing of whom they were to or what they found."""
    return not permissions.can_see_personal_data(user, school)


def sees_all(user, school: OrgUnit) -> bool:
    return permissions.can_edit_observations(user, school)


def own_staff(user, school: OrgUnit) -> QuerySet[StaffMember]:
    """The staff records of the school that are the user («my lessons»)."""
    return permissions.staff_records_of(user, school)


def recordable_teachers(user, school: OrgUnit, year: int) -> QuerySet[StaffMember] | None:
    """Whose lessons the user may record a visit to: None — any of the school's staff (the administration);
    for the head of an МО, the teachers of its subject."""
    if sees_all(user, school):
        return None
    return permissions.staff_visible_to(user, year).filter(school=school)


def recording_visitors(user, school: OrgUnit) -> QuerySet[StaffMember] | None:
    """Who may be written as the visitor: None — anyone (the administration records for colleagues); the
    head of an МО records their own visits only."""
    return None if sees_all(user, school) else own_staff(user, school)


def may_change(user, visit: LessonVisit) -> bool:
    """Changing or deleting a visit: the administration any; the head of an МО a visit they made to a teacher
    of its subject."""
    school = visit.school
    if sees_all(user, school):
        return True
    if not permissions.can_record_observations(user, school):
        return False
    return (own_staff(user, school).filter(pk=visit.observer_id).exists()
            and recordable_teachers(user, school, visit.year_id).filter(pk=visit.teacher_id).exists())


def visits_visible_to(user, school: OrgUnit, year: int | None) -> QuerySet[LessonVisit]:
    """The visits of the school's year whose teacher, texts and scores the user may read."""
    visits = LessonVisit.objects.filter(school=school, year_id=year)
    if sees_all(user, school):
        return visits
    if counts_only(user, school):
        return visits.none()
    condition = Q(teacher__in=own_staff(user, school))
    if any(m.role == Role.MO_HEAD for m in permissions.memberships_of(user)):
        condition |= Q(teacher__in=permissions.staff_visible_to(user, year))
    return visits.filter(condition)
