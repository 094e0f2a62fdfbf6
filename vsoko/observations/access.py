"""Which visits of the journal a user sees, built on vsoko.accounts.permissions (the one permission module).

- the school-wide roles (администратор, директор, заместитель): every visit of their schools;
- the head of a methodical association: the visits to the teachers of its subject
  (`permissions.staff_visible_to`), and to their own lessons;
- a teacher or class teacher: the visits to their own lessons only. Users are not linked to staff
  records, so the link is the name, as on a teacher's analysis page (vsoko.analysis.access.is_the_teacher):
  the account's first and last name equal those of a staff member of the school;
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
PERSONAL_ROLES = (Role.TEACHER, Role.MO_HEAD, Role.CLASS_TEACHER)


def counts_only(user, school: OrgUnit) -> bool:
    """The user sees how many visits there were, and nothing of whom they were to or what they found."""
    return not permissions.can_see_personal_data(user, school)


def sees_all(user, school: OrgUnit) -> bool:
    return permissions.can_edit_observations(user, school)


def own_staff(user, school: OrgUnit) -> QuerySet[StaffMember]:
    """The staff records of the school that are the user (by first and last name; none without a name or a
    teacher's role there)."""
    in_school = any(m.role in PERSONAL_ROLES and m.org_unit_id in (school.pk, school.parent_id)
                    for m in permissions.memberships_of(user))
    if not (in_school and user.first_name and user.last_name):
        return StaffMember.objects.none()
    me = (fold(user.last_name), fold(user.first_name))
    # A school has tens of staff: the names are compared in Python, where «ё» and case fold as people expect.
    ids = [pk for pk, last, first in StaffMember.objects.filter(school=school).values_list(
        "pk", "last_name", "first_name") if (fold(last), fold(first)) == me]
    return StaffMember.objects.filter(pk__in=ids)


def fold(text: str) -> str:
    return " ".join(text.casefold().replace("ё", "е").split())


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
