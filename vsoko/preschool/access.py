"""Who sees what of the monitoring of preschool education, on vsoko.accounts.permissions:

- the school-wide roles (администратор, директор, заместитель) keep the groups, rate the indicators and write the
  conclusion and measures;
- every other role of the school reads it all: the levels per group, their grounds, who rated them, the справка;
- the municipal observer sees the year's page with the aggregate levels (means, shares, dynamics, зоны роста)
  and nothing written: no grounds, no evaluators, no conclusion; a group's page and the справка answer 403 —
  as vsoko.diagnostics shows the observer the counts and nothing of a pupil; the Excel book of the overview goes
  to everyone who sees the overview (levels and means only, no texts);
- the roles above a school (the observer, a municipal administration) see the municipality's organisations side
  by side; a role in one school gets 403 there, as on «Сравнение школ».
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from vsoko.accounts import permissions
from vsoko.preschool.models import PreschoolGroup
from vsoko.records.models import OrgUnit

READERS_ONLY = "Мониторинг качества дошкольного образования доступен работникам школы и наблюдателю муниципалитета."
KEEPERS_ONLY = ("Дошкольные группы и оценки показателей ведёт администрация школы (администратор, директор, "
                "заместитель директора).")
MUNICIPAL_ONLY = ("Дошкольное образование по организациям муниципалитета — для тех, кто работает с несколькими "
                  "школами: наблюдателя муниципалитета и администрации на уровне муниципалитета.")
AGGREGATES_ONLY = ("Наблюдателю муниципалитета доступны только средние уровни качества по областям, без "
                   "обоснований, фамилий оценивавших и текстов выводов.")


def sees_texts(user, school: OrgUnit) -> bool:
    """Grounds, evaluators, conclusion and measures: every role held in the school, not the observer."""
    return permissions.can_see_personal_data(user, school)


def shows_section(user) -> bool:
    """The menu shows «Дошкольное образование» to those who may create groups, and to the others of a school
    that has groups (the keepers' check is in memory; the others' one EXISTS)."""
    if permissions.can_edit_preschool(user):
        return True
    return permissions.can_view_preschool(user) and PreschoolGroup.objects.filter(
        school__in=permissions.schools_for(user)).exists()


def readable_groups(user) -> QuerySet[PreschoolGroup]:
    return PreschoolGroup.objects.filter(school__in=permissions.schools_for(user)).select_related("school")


def group_read(user, pk: int) -> PreschoolGroup:
    """A group whose levels and grounds the user reads: 404 outside the user's schools, 403 for the observer."""
    if not permissions.can_view_preschool(user):
        raise PermissionDenied(READERS_ONLY)
    group = get_object_or_404(readable_groups(user), pk=pk)
    if not sees_texts(user, group.school):
        raise PermissionDenied(AGGREGATES_ONLY)
    return group


def group_kept(user, pk: int) -> PreschoolGroup:
    group = group_read(user, pk)
    if not permissions.can_edit_preschool(user, group.school):
        raise PermissionDenied(KEEPERS_ONLY)
    return group
