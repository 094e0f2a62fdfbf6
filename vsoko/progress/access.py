"""Who sees which classes of «Итоги периода», built on vsoko.accounts.permissions (the one module of rights).

- the school-wide roles (администратор, директор, заместитель) see every class and the school;
- the municipal observer sees every class and the school as aggregates: no names, and classes too small
  to show (VSOKO_MIN_GROUP_SIZE) withheld (`Privacy`, as on the analysis pages);
- a class teacher sees their class, a teacher or head of a methodical association the classes where
  their subject is taught: exactly `permissions.classes_visible_to`; their total is the total of those
  classes, not the school's;
- a teacher or head of a methodical association also gets their subjects (`Scope.subjects`): the page shows
  those subjects class by class first, since the class figures count every subject of the class;
- names of pupils (lists «с одной 3», неуспевающие…) only for the students the user may see
  (`permissions.students_visible_to`), never for the observer; every list shown is audit-logged.
"""

from __future__ import annotations

from dataclasses import dataclass

from vsoko.accounts import permissions
from vsoko.accounts.enums import Role
from vsoko.analysis.access import Privacy
from vsoko.records.models import OrgUnit
from vsoko.web import school_year


def chosen_school(user, code: str | None) -> tuple[OrgUnit, list[OrgUnit]]:
    return school_year.chosen_school(permissions.schools_for(user), code,
                                     "Вашей учётной записи не назначена роль в школе или муниципалитете.")


@dataclass(frozen=True)
class Scope:
    """The classes of one school and year the user sees; `class_ids` None = the whole school."""

    class_ids: set[int] | None
    names: bool  # may see pupils' names at all (the observer may not)
    privacy: Privacy
    subjects: frozenset[int] = frozenset()  # a subject teacher's or МО head's subjects, shown class by class

    @property
    def whole_school(self) -> bool:
        return self.class_ids is None


def scope_for(user, school: OrgUnit, year: int) -> Scope:
    names = permissions.can_see_personal_data(user, school)
    privacy = Privacy(on=not names)
    if not names or permissions.can_make_reports(user, school):
        return Scope(None, names, privacy)
    visible = set(permissions.classes_visible_to(user, year).filter(school=school).values_list("pk", flat=True))
    return Scope(visible, names, privacy, own_subjects(user))


def own_subjects(user) -> frozenset[int]:
    """The subjects of the user's teacher and МО head roles (none for a role without a subject)."""
    return frozenset(m.subject_id for m in permissions.memberships_of(user)
                     if m.role in Role.subject_scoped() and m.subject_id is not None)
