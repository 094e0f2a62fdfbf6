"""The teachers an index links to (vsoko/analysis/access.py: teacher_links), on the world of tests/analysis/world.py."""

from __future__ import annotations

import pytest

from tests.accounts.personas import YEAR, make_user
from vsoko.accounts.enums import Role
from vsoko.analysis.access import teacher_links
from vsoko.records.models import StaffMember, StaffYear, Subject

pytestmark = pytest.mark.django_db


def more_teachers(aw, n: int) -> None:
    physics = Subject.objects.get(name="Физика")
    for i in range(n):
        member = StaffMember.objects.create(school=aw.school, staff_id=f"X-{i}", last_name=f"Учитель{i}",
                                            first_name="Иван")
        StaffYear.objects.create(school=aw.school, year_id=YEAR, staff=member).subjects.set([physics])


def test_a_teacher_is_linked_to_their_own_page_only_in_queries_that_do_not_grow_with_the_staff(
        aw, django_assert_max_num_queries):
    volkov = aw.world.staff["volkov"]  # physics
    himself = make_user("volkov", role=Role.TEACHER, org_unit=aw.school, first_name="Олег", last_name="Волков",
                        subject=aw.world.subjects["physics"])
    more_teachers(aw, 12)

    # memberships, the account's link, the namesakes of the school, the teachers of the year: before, each of
    # the school's teachers cost three queries of its own (41 teachers, 123 queries on the demo school)
    with django_assert_max_num_queries(6):
        linked = teacher_links(himself, aw.school, YEAR)

    assert linked == [volkov]
    assert teacher_links(aw.users["class_teacher"], aw.school, YEAR) == []
