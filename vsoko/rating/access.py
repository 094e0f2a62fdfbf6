"""Whose sheets a user sees, built on vsoko.accounts.permissions (the one permission module).

- the school-wide roles (администратор, директор, заместитель): every sheet of their schools, and they check
  and confirm them (the commission's work);
- the head of a methodical association: the sheets of the teachers of its subject (`staff_visible_to`),
  read-only, and their own;
- a teacher or class teacher: their own sheet only (`staff_records_of`); the class teacher's role gives
  nothing more;
- the municipal observer: nothing (403).

Nobody assesses themselves: a member of the commission who has a sheet (a deputy who teaches) fills it as a
teacher, and another member checks, confirms or returns it (`judges`).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from vsoko.accounts import permissions
from vsoko.accounts.enums import Role
from vsoko.rating.models import RatingPeriod, RatingSheet
from vsoko.records.models import OrgUnit

READERS_ONLY = ("Рейтинг педагогов доступен сотрудникам школы: администрации — все оценочные листы, руководителю "
                "МО — листы учителей предмета, педагогу — свой лист.")
KEEPERS_ONLY = "Рейтинг открывает, а оценочные листы проверяет и подтверждает администрация школы (комиссия)."
OWN_SHEET = ("Свой лист подтверждает другой член комиссии: свой оценочный лист член комиссии заполняет как педагог, "
             "но не ставит по нему баллы комиссии, не подтверждает и не возвращает его.")


def keeps(user, school: OrgUnit) -> bool:
    return permissions.can_keep_rating(user, school)


def sheets_visible_to(user, period: RatingPeriod) -> QuerySet[RatingSheet]:
    sheets = RatingSheet.objects.filter(period=period)
    if keeps(user, period.school):
        return sheets
    if not permissions.can_view_rating(user, period.school):
        return sheets.none()
    condition = Q(staff__in=permissions.staff_records_of(user, period.school))
    if any(m.role == Role.MO_HEAD for m in permissions.memberships_of(user)):
        condition |= Q(staff__in=permissions.staff_visible_to(user, period.year_id).filter(school=period.school))
    return sheets.filter(condition)


def own_sheets(user, school: OrgUnit) -> QuerySet[RatingSheet]:
    """The user's own sheets in the school, latest year first («Мой оценочный лист»)."""
    return (RatingSheet.objects.filter(period__school=school, staff__in=permissions.staff_records_of(user, school))
            .select_related("period").order_by("-period__year_id"))


def is_own(user, sheet: RatingSheet) -> bool:
    """The sheet is the user's: the staff record linked to the account, or the one namesake
    (`permissions.staff_records_of`)."""
    return permissions.is_staff_member(user, sheet.staff)


def judges(user, sheet: RatingSheet) -> bool:
    """The user checks, confirms and returns this sheet: a member of the commission who is not its teacher.

    Regulation 000, п. 2.2 gives the rating and the stimulating payments to the commission's collegial
    evaluation; a member who confirmed their own points would decide their own pay.
    """
    return keeps(user, sheet.period.school) and not is_own(user, sheet)


def sees_list(user, school: OrgUnit) -> bool:
    """The period's list of sheets: the administration and the head of an МО (its teachers only)."""
    return permissions.can_see_staff(user, school)
