"""Who gets what, persona by persona: every role of the school reads, the administration keeps, the observer sees
aggregates only, and nobody reaches a group of another school."""

import pytest

from tests.preschool.conftest import YEAR
from vsoko.accounts import permissions
from vsoko.preschool import access
from vsoko.preschool.models import PreschoolGroup

pytestmark = pytest.mark.django_db

PERSONAS = ("director", "deputy", "mo_head", "class_teacher", "teacher", "observer", "other_director")


def statuses(client, world, url) -> dict[str, int]:
    got = {}
    for persona in PERSONAS:
        client.force_login(world.users[persona])
        got[persona] = client.get(url).status_code
    return got


def test_the_group_page_is_for_the_school_staff_only(client, monitoring):
    got = statuses(client, monitoring.world, f"/preschool/groups/{monitoring.old.pk}/")

    assert got == {"director": 200, "deputy": 200, "mo_head": 200, "class_teacher": 200, "teacher": 200,
                   "observer": 403, "other_director": 404}


def test_keeping_groups_is_for_the_administration(client, monitoring):
    got = statuses(client, monitoring.world, f"/preschool/groups/{monitoring.old.pk}/edit/")

    assert got == {"director": 200, "deputy": 200, "mo_head": 403, "class_teacher": 403, "teacher": 403,
                   "observer": 403, "other_director": 404}


def test_another_school_sees_its_own_empty_year_not_ours(client, monitoring):
    client.force_login(monitoring.world.users["other_director"])

    page = client.get(f"/preschool/?year={YEAR}").content.decode()

    assert "Дошкольных групп за год нет" in page and "Старшая" not in page


def test_the_observer_reads_the_municipality_schools_aggregates(monitoring):
    observer = monitoring.world.users["observer"]

    assert permissions.can_view_preschool(observer, monitoring.world.school)
    assert not access.sees_texts(observer, monitoring.world.school)
    assert not permissions.can_edit_preschool(observer, monitoring.world.school)


def test_the_menu_rule_asks_no_query_for_the_keepers(monitoring, django_assert_num_queries):
    deputy = monitoring.world.users["deputy"]
    permissions.memberships_of(deputy)  # fetched once per request by the shell

    with django_assert_num_queries(0):
        assert access.shows_section(deputy)


def test_a_group_of_another_school_is_not_reached_by_post(client, monitoring):
    other = PreschoolGroup.objects.create(school=monitoring.world.other_school, year_id=YEAR, name="Чужая",
                                          age_band="3–7 лет", children=5)
    client.force_login(monitoring.world.users["director"])

    assert client.post(f"/preschool/groups/{other.pk}/", {}).status_code == 404
    assert client.post(f"/preschool/groups/{other.pk}/edit/", {"name": "X"}).status_code == 404
