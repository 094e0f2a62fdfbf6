"""The teachers an index links to (vsoko/analysis/access.py: teacher_links), on the world of tests/analysis/world.py."""

from __future__ import annotations

import pytest

from tests.accounts.personas import YEAR, make_user
from vsoko.accounts.enums import Role
from vsoko.analysis.access import Privacy, teacher_links
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


def test_the_mean_mark_goes_with_any_hidden_mark_of_the_group(settings):
    """Beside the count and the shares the mean gives the marks back: hidden wherever a mark is hidden."""
    settings.VSOKO_MIN_GROUP_SIZE = 5
    observer = Privacy(on=True)

    assert not observer.hides_mean({2: 6, 3: 7, 4: 5, 5: 0})  # a zero tells of no one
    assert observer.hides_mean({2: 6, 3: 1, 4: 6, 5: 6})  # «3» of one: 6 + 1 + 6 + 6 and the mean give it back
    assert observer.hides_mean({2: 6, 3: 7, 4: 5, 5: 5}, hidden={4})  # «4» hidden by its table (a column partner)
    assert not Privacy(on=False).hides_mean({2: 1, 3: 1, 4: 1, 5: 1})  # the school's staff see every figure
