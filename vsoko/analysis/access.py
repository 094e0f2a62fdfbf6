"""Who sees what of the analysis, built on vsoko.accounts.permissions (the one permission module).

- Figures of a school (distributions, tasks, flags) are aggregates: every role of the school sees
  them, the municipal observer included — but the observer gets them with small groups hidden
  (`Privacy`), as every figure that leaves the school's staff.
- Lists of students (the journal comparison groups) only show students the user may see
  (`permissions.students_visible_to`), never to the observer, and each view is audit-logged.
- A teacher's page (results of the classes in the subjects a teacher teaches) is for the teacher,
  the head of the methodical association of the subject and the school-wide roles: exactly
  `permissions.staff_visible_to` plus the teacher themself.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from vsoko.accounts import permissions
from vsoko.accounts.enums import Role
from vsoko.analysis.figures import MARKS
from vsoko.publication.suppression import TOTAL, suppress_groups, suppress_table
from vsoko.records.models import Assessment, OrgUnit, SchoolClass, StaffMember
from vsoko.web import school_year


def schools(user) -> list[OrgUnit]:
    return list(permissions.schools_for(user).order_by("name"))


def chosen_school(user, code: str | None) -> tuple[OrgUnit, list[OrgUnit]]:
    """The school asked for (?school=code) among the user's, else the first, and all of them; 403 without any."""
    return school_year.chosen_school(permissions.schools_for(user), code,
                                     "Вашей учётной записи не назначена роль в школе или муниципалитете.")


def assessment_for(user, pk: int) -> Assessment:
    return get_object_or_404(
        Assessment.objects.select_related("school", "subject").filter(school__in=permissions.schools_for(user)),
        pk=pk,
    )


def class_for(user, pk: int) -> SchoolClass:
    return get_object_or_404(
        SchoolClass.objects.select_related("school").filter(school__in=permissions.schools_for(user)), pk=pk
    )


def teacher_for(user, pk: int, year: int) -> StaffMember:
    """The staff member whose page it is: 404 outside the user's schools, 403 when not theirs to see."""
    staff = get_object_or_404(
        StaffMember.objects.select_related("school").filter(school__in=permissions.schools_for(user)), pk=pk
    )
    if not can_see_teacher(user, staff, year):
        raise PermissionDenied(
            "Результаты классов учителя видят сам учитель, руководитель МО по его предмету и администрация школы."
        )
    return staff


def can_see_teacher(user, staff: StaffMember, year: int) -> bool:
    if permissions.staff_visible_to(user, year).filter(pk=staff.pk).exists():
        return True
    return is_the_teacher(user, staff)


def is_the_teacher(user, staff: StaffMember) -> bool:
    """The user is this teacher: a teacher's role in the school and the staff record is theirs
    (linked to the account, or of their name: `permissions.staff_records_of`)."""
    roles = {Role.TEACHER, Role.MO_HEAD}
    in_school = any(m.role in roles and m.org_unit_id in (staff.school_id, staff.school.parent_id)
                    for m in permissions.memberships_of(user))
    return in_school and permissions.is_staff_member(user, staff)


def teacher_links(user, school: OrgUnit, year: int) -> list[StaffMember]:
    """Teachers with subjects this year whose pages the user may open (for the index)."""
    staff = StaffMember.objects.filter(school=school, years__year_id=year, years__subjects__isnull=False).distinct()
    visible = list(permissions.staff_visible_to(user, year).filter(pk__in=staff.values("pk")).order_by(
        "last_name", "first_name"))
    if visible:
        return visible
    # The teacher's own page: is_the_teacher for every teacher of the school, in one query.
    roles = {Role.TEACHER, Role.MO_HEAD}
    if not any(m.role in roles and m.org_unit_id in (school.pk, school.parent_id)
               for m in permissions.memberships_of(user)):
        return []
    mine = permissions.staff_records_of(user, school).values("pk")
    return list(staff.filter(pk__in=mine).order_by("last_name", "first_name"))


def own_classes(user, school: OrgUnit, year: int | None) -> frozenset[str]:
    """The names of the school's classes of the year whose class teacher the user is (their flags come first)."""
    if year is None:
        return frozenset()
    return frozenset(permissions.classes_led_by(user, year).filter(school=school).values_list("name", flat=True))


# --- small groups -----------------------------------------------------------------------------------

TWOS, THREES, QUALITY = "twos", "threes", "quality"
MARK_GROUP = {1: TWOS, 2: TWOS, 3: THREES, 4: QUALITY, 5: QUALITY}

@dataclass
class Privacy:
    """Small-group suppression for users who see aggregates only (the municipal observer)."""

    on: bool
    minimum: int = field(default_factory=lambda: settings.VSOKO_MIN_GROUP_SIZE)
    # Marks of the group hidden by the table it stands in on another page (a class's row and the «Всего» of its
    # procedure's classes: `slices.withheld_by_table`) — the shares of this page must not give them back.
    withheld: frozenset = frozenset()

    def within(self, marks: Collection[int]) -> Privacy:
        """This privacy for a group whose `marks` another page's table hides."""
        return replace(self, withheld=frozenset(marks)) if self.on else self

    @classmethod
    def for_user(cls, user, school: OrgUnit) -> Privacy:
        return cls(on=not permissions.can_see_personal_data(user, school))

    def too_small(self, n: int) -> bool:
        """A whole group (a procedure, a class) too small to show anything of it."""
        return self.on and 0 < n < self.minimum

    def hidden_groups(self, counts: Mapping) -> set:
        """Cells of a one-dimensional breakdown (shown with its total) to hide."""
        return suppress_groups(counts, minimum=self.minimum) if self.on else set()

    def hidden_cells(self, counts: Mapping) -> set:
        """Cells (row, column) of a table shown with its totals to hide."""
        return suppress_table(counts, minimum=self.minimum) if self.on else set()

    def hidden_marks(self, marks: Mapping[int, int]) -> set[int]:
        """The marks of one group (its counts shown with its total) to hide, those `withheld` included."""
        if not self.on:
            return set()
        found = suppress_table({(m, "n"): n for m, n in marks.items()}, minimum=self.minimum,
                               primary=[(m, "n") for m in self.withheld])
        return {m for m, column in found if column == "n" and m != TOTAL}

    def hidden_shares(self, marks: Mapping[int, int]) -> set[str]:
        """Which of a group's shares — «2» (with «1»: `TWOS`) and «4» и «5» (`QUALITY`) — to hide where the page
        shows them with the group's count but not the «3». The count minus both shares is the «3» (20 results,
        «2» 40 %, качество 50 %: «3» — 2), so the three groups go through the suppression as one breakdown with its
        total: a small «3» takes one share with it, a small «2» the «3» first (it is not shown), and hidden groups
        small together take another. A mark hidden by another page's table (`withheld`) hides its group."""
        if not self.on:
            return set()
        groups = {TWOS: marks.get(1, 0) + marks.get(2, 0), THREES: marks.get(3, 0),
                  QUALITY: marks.get(4, 0) + marks.get(5, 0)}
        found = suppress_table({(g, "n"): n for g, n in groups.items()}, minimum=self.minimum,
                               primary=[(MARK_GROUP[m], "n") for m in self.withheld if m in MARK_GROUP],
                               unpublished=[(THREES, "n"), (THREES, TOTAL)])  # a 1-column table: its row total too
        if (TOTAL, "n") in found:
            return {TWOS, QUALITY}
        return {g for g, column in found if column == "n"} - {THREES}

    def hides_mean(self, marks: Mapping[int, int], hidden: Collection = ()) -> bool:
        """Whether a group's mean mark is withheld. Beside its count and the shares of «2» and of «4» and «5», the mean
        gives the marks back (6 results, 2 «2», 3 of «4» and «5», mean 20/6: the «3» is 6 − 2 − 3 = 1, and
        5a + 4b = 20 − 4 − 3 with a + b = 3 gives the «5» and the «4»), so it goes wherever a mark of the group is
        hidden — by the group's own marks (`hidden_groups`) or by the table it stands in (`hidden`)."""
        return self.on and bool(set(hidden) or self.withheld or self.hidden_groups(dict(marks)))

    def count(self, n: int) -> bool:
        """Whether a lone count may be shown."""
        return not self.too_small(n)

    def hide_classes(self, rows) -> set[int]:
        """Mark the classes (ClassRow) and their cells (class × mark) the observer may not see.

        Returns the marks of the total row that the complementary suppression hides as well.
        """
        for row in rows:
            row.hidden = self.too_small(row.figures.results)
        if not self.on:
            return set()
        cells = self.hidden_cells({(r.name, m): r.figures.marks[m] for r in rows for m in MARKS})
        for row in rows:
            row.hidden_marks = {m for (name, m) in cells if name == row.name}
        return {m for (name, m) in cells if name == TOTAL}

    def discloses(self, part: int, whole: int) -> bool:
        """Whether a share part/whole tells of 1…minimum−1 people (in the part or in the rest)."""
        return self.on and any(0 < n < self.minimum for n in (part, whole - part))
