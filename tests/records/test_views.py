import pytest
from django.urls import reverse

from tests.accounts.personas import build_world, make_user
from tests.web.pages import main_text, parse, table_rows
from vsoko.accounts.enums import Role
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.records.approval import set_status, year_status
from vsoko.records.enums import ApprovalStatus
from vsoko.records.models import YearApproval

pytestmark = pytest.mark.django_db
BOARD = "/data/approval/"
CHANGE = "/data/approval/change/"
PERIODS_TABLE, HISTORY_TABLE = 1, 2


@pytest.fixture
def world(db):
    w = build_world()
    w.users["admin"] = make_user("admin", role=Role.ADMIN, org_unit=w.school)
    w.users["mun_admin"] = make_user("mun-admin", role=Role.ADMIN, org_unit=w.municipality)
    return w


def as_user(client, world, who):
    client.force_login(world.users[who])
    return client


def step(client, world, action, year=2024, school=None, period=""):
    return client.post(CHANGE, {"school": (school or world.school).pk, "year": year, "action": action, "period": period})


def buttons(response, index: int = 0) -> list[list[str]]:
    """The step buttons of each row of the index-th table."""
    table = parse(response).find_all("table")[index]
    return [[b.text for b in row.find_all("button")] for row in table.find_all("tbody")[0].find_all("tr")]


def test_the_page_lists_the_years_with_data_and_their_state(client, world):
    response = as_user(client, world, "deputy").get(BOARD)

    assert response.status_code == 200
    assert [row[:2] for row in table_rows(response)] == [["2024/2025", "открыт для изменений"],
                                                        ["2023/2024", "открыт для изменений"]]
    assert buttons(response) == [["Передать на утверждение"], ["Передать на утверждение"]]


def test_the_director_may_also_approve_directly(client, world):
    response = as_user(client, world, "director").get(BOARD)

    assert buttons(response)[0] == ["Передать на утверждение", "Утвердить"]


def test_submit_approve_reopen_each_logged_with_who_and_when(client, world):
    as_user(client, world, "deputy")
    submitted = step(client, world, "submit")
    page = client.get(BOARD)

    assert submitted.status_code == 302
    assert table_rows(page)[0][1] == "передан на утверждение"
    assert "Данные за 2024/2025 учебный год переданы директору на утверждение." in main_text(page)
    assert buttons(page)[0] == ["Вернуть на доработку"]

    as_user(client, world, "director")
    page = client.get(BOARD)
    assert buttons(page)[0] == ["Утвердить", "Вернуть на доработку"]
    step(client, world, "approve")
    page = client.get(BOARD)

    row = table_rows(page)[0]
    assert row[1] == "утверждён"
    assert row[2].startswith("Анна Директорова, ")
    assert buttons(page)[0] == ["Снять утверждение"]
    assert year_status(world.school, 2024) == ApprovalStatus.APPROVED

    step(client, world, "reopen")

    assert year_status(world.school, 2024) == ApprovalStatus.OPEN
    actions = list(AuditEntry.objects.filter(object_type="year_approval").order_by("pk").values_list("action", "username"))
    assert actions == [(AuditAction.CHANGE, "deputy"), (AuditAction.APPROVE, "director"), (AuditAction.REOPEN, "director")]
    history = table_rows(client.get(BOARD), HISTORY_TABLE)
    assert history[0][1:] == ["2024/2025", "Анна Директорова", "снятие утверждения: утверждён → открыт для изменений"]


def test_the_deputy_cannot_approve_nor_reopen(client, world):
    as_user(client, world, "deputy")

    assert step(client, world, "approve").status_code == 403
    set_status(school=world.school, year=2024, status=ApprovalStatus.APPROVED, user=world.users["director"])
    page = client.get(BOARD)

    assert step(client, world, "reopen").status_code == 403
    assert year_status(world.school, 2024) == ApprovalStatus.APPROVED
    assert buttons(page)[0] == []
    assert "снять утверждение может директор" in table_rows(page)[0][3]


def test_a_step_from_the_wrong_state_is_explained_and_changes_nothing(client, world):
    as_user(client, world, "director")

    response = step(client, world, "reopen")
    page = client.get(BOARD)

    assert response.status_code == 302
    assert "уже в состоянии «открыт для изменений»" in main_text(page)
    assert not YearApproval.objects.exists()


def test_another_schools_director_gets_404_for_school_one(client, world):
    as_user(client, world, "other_director")

    assert step(client, world, "approve").status_code == 404
    assert [row[0] for row in table_rows(client.get(BOARD))] == ["2024/2025"]


def test_a_municipal_administrator_sees_both_schools(client, world):
    response = as_user(client, world, "mun_admin").get(BOARD)

    assert [row[:2] for row in table_rows(response)] == [
        ["МБОУ «Школа №1»", "2024/2025"], ["МБОУ «Школа №1»", "2023/2024"], ["МБОУ «Школа №2»", "2024/2025"]]
    assert step(client, world, "submit", school=world.other_school).status_code == 302
    assert year_status(world.other_school, 2024) == ApprovalStatus.SUBMITTED


@pytest.mark.parametrize("who", ["class_teacher", "teacher", "mo_head", "observer"])
def test_roles_without_data_management_get_403(client, world, who):
    as_user(client, world, who)

    assert client.get(BOARD).status_code == 403
    assert step(client, world, "submit").status_code == 403
    assert not YearApproval.objects.exists()


def test_change_is_post_only_and_checks_its_input(client, world):
    as_user(client, world, "director")

    assert client.get(CHANGE).status_code == 405
    assert client.post(CHANGE, {"school": world.school.pk, "year": 2024, "action": "destroy"}).status_code == 400
    assert client.post(CHANGE, {"school": world.school.pk, "year": "x", "action": "approve"}).status_code == 400


def test_a_period_approved_elsewhere_is_shown(client, world):
    set_status(school=world.school, year=2024, period="q1", status=ApprovalStatus.APPROVED, user=None)

    response = as_user(client, world, "director").get(BOARD)

    assert "утверждены периоды: 1 четверть" in table_rows(response)[0][1]


def test_the_periods_of_the_latest_year_each_have_their_own_state_and_steps(client, world):
    set_status(school=world.school, year=2024, period="q2", status=ApprovalStatus.APPROVED, user=None)

    page = as_user(client, world, "director").get(BOARD)

    assert "Отметки за периоды 2024/2025 учебного года" in main_text(page)
    assert [row[:2] for row in table_rows(page, PERIODS_TABLE)] == [
        ["1 четверть", "открыт для изменений"], ["2 четверть", "утверждён"], ["3 четверть", "открыт для изменений"],
        ["4 четверть", "открыт для изменений"], ["Годовые отметки", "открыт для изменений"]]
    assert buttons(page, PERIODS_TABLE)[:2] == [["Передать на утверждение", "Утвердить"], ["Снять утверждение"]]
    assert "утверждены периоды: 2 четверть" in table_rows(page)[0][1]


def test_approving_a_quarter_approves_only_it_and_returns_to_the_periods(client, world):
    as_user(client, world, "director")

    response = step(client, world, "approve", period="q1")
    page = client.get(response.url)

    assert response.url == "/data/approval/?year=2024#periods"
    assert "Отметки за 1 четверть 2024/2025 учебного года утверждены: изменить их теперь нельзя." in main_text(page)
    assert year_status(world.school, 2024, "q1") == ApprovalStatus.APPROVED
    assert year_status(world.school, 2024) == ApprovalStatus.OPEN
    assert table_rows(page, HISTORY_TABLE)[0][1:] == ["2024/2025, 1 четверть", "Анна Директорова", "утверждение: открыт для изменений → утверждён"]

    again = step(client, world, "approve", period="q1")
    assert "Отметки за 1 четверть 2024/2025 учебного года уже в состоянии «утверждён»" in main_text(client.get(again.url))


def test_the_periods_of_an_earlier_year_on_request(client, world):
    page = as_user(client, world, "deputy").get(BOARD + "?year=2023")
    unknown = client.get(BOARD + "?year=1999")

    assert "Отметки за периоды 2023/2024 учебного года" in main_text(page)
    assert buttons(page, PERIODS_TABLE)[0] == ["Передать на утверждение"]
    assert "Отметки за периоды 2024/2025 учебного года" in main_text(unknown)


def test_a_step_for_an_unknown_period_is_refused(client, world):
    as_user(client, world, "director")

    assert step(client, world, "approve", period="q9").status_code == 400
    assert not YearApproval.objects.exists()


def test_the_data_page_links_to_approval_and_to_the_log_by_role(client, world):
    director = [a.attrs["href"] for a in parse(as_user(client, world, "director").get("/data/")).find_all("a")]
    deputy = [a.attrs["href"] for a in parse(as_user(client, world, "deputy").get("/data/")).find_all("a")]

    assert {reverse("records:approval"), reverse("audit:log")} <= set(director)
    assert reverse("records:approval") in deputy
    assert reverse("audit:log") not in deputy


def test_query_count_is_fixed(client, world, django_assert_max_num_queries):
    as_user(client, world, "mun_admin").get(BOARD)

    with django_assert_max_num_queries(12):
        client.get(BOARD)
