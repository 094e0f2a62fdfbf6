"""Who enters the distribution of load: the school-wide roles (administrator, director, deputy), as for the
schedule of assessment procedures and the subjects' hours. Teachers and the municipal observer get 403: the
load names every teacher's classes, a staff record the staff list also keeps from them."""

from __future__ import annotations

from django.db.models import QuerySet

from vsoko.accounts import permissions
from vsoko.records.models import OrgUnit

KEEPERS_ONLY = "Распределение нагрузки вводит администрация школы (администратор, директор, заместитель директора)."


def schools_keeping_load(user) -> QuerySet[OrgUnit]:
    return permissions.schools_administered_by(user)


def can_enter_load(user, school: OrgUnit | int) -> bool:
    school_id = school if isinstance(school, int) else school.pk
    return schools_keeping_load(user).filter(pk=school_id).exists()
