"""Which visits of the journal a user sees, built on vsoko.accounts.permissions (the one permission module).

- the school-wide roles (администратор, директор, заместитель): every visit of their schools;
- the head of a methodical association: the visits to the teachers of its subject
  (`permissions.staff_visible_to`), and to their own lessons;
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
KEEPERS_ONLY = "Посещения уроков записывает и меняет администрация школы (директор, заместители)."
COUNTS_ONLY = "Наблюдателю муниципалитета журнал показывает только количества посещений, без имён и текстов."


def counts_only(user, school: OrgUnit) -> bool:
    """The user sees how many visits there were, and nothing of whom they were to or what they found."""
    return not permissions.can_see_personal_data(user, school)


def sees_all(user, school: OrgUnit) -> bool:
    return permissions.can_edit_observations(user, school)


def own_staff(user, school: OrgUnit) -> QuerySet[StaffMember]:
    """The staff records of the school that are the user («my lessons»)."""
    return permissions.staff_records_of(user, school)


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
