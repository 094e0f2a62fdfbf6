import csv
import datetime
import io

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from tests.accounts.personas import make_user
from tests.web.pages import main_text, parse, table_rows, texts
from vsoko.accounts.enums import Role
from vsoko.audit import journal
from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.audit.models import AuditEntry

pytestmark = pytest.mark.django_db
LOG = "/audit/"


@pytest.fixture
def entries(world):
    """A few entries of both schools; returns them by name."""
    u = world.users
    made = {
        "director_student": record(user=u["director"], action=AuditAction.VIEW_PERSON, object_type="student",
                                   object_id=world.students["ivanov"].pk, school=world.school),
        "teacher_list": record(user=u["teacher"], action=AuditAction.VIEW_LIST, object_type="student_list",
                               details={"year": 2024, "q": "Иванов", "page": 1}),
        "failed_director": record(user=None, action=AuditAction.LOGIN_FAILED, details={"username": "director"}),
        "other_student": record(user=u["other_director"], action=AuditAction.VIEW_PERSON, object_type="student",
                                object_id=world.students["kuznetsov"].pk, school=world.other_school),
        "failed_other": record(user=None, action=AuditAction.LOGIN_FAILED, details={"username": "other-director"}),
        "failed_unknown": record(user=None, action=AuditAction.LOGIN_FAILED, details={"username": "nobody"}),
        "approve": record(user=u["director"], action=AuditAction.APPROVE, object_type="year_approval",
                          object_id="2024", school=world.school, details={"status": ["submitted", "approved"]}),
    }
    return made


def login(client, user):
    """Log in without leaving the login's own entry, so the tests count only their entries."""
    client.force_login(user)
    AuditEntry.objects.filter(action=AuditAction.LOGIN).delete()


def visible_ids(user) -> set[int]:
    return set(journal.entries_visible_to(user).values_list("pk", flat=True))


def test_a_director_sees_the_entries_of_the_school_and_of_its_people_only(world, entries):
    seen = visible_ids(world.users["director"])

    assert seen == {entries[k].pk for k in ("director_student", "teacher_list", "failed_director", "approve")}


def test_the_other_schools_director_sees_nothing_of_school_one(world, entries):
    assert visible_ids(world.users["other_director"]) == {entries["other_student"].pk, entries["failed_other"].pk}


def test_a_municipal_administrator_sees_both_schools_and_a_superuser_everything(world, entries, django_user_model):
    root = django_user_model.objects.create_superuser("root", password="root")

    assert visible_ids(world.users["mun_admin"]) == {e.pk for k, e in entries.items() if k != "failed_unknown"}
    assert visible_ids(root) == {e.pk for e in entries.values()}


@pytest.mark.parametrize("who", ["deputy", "class_teacher", "teacher", "mo_head", "observer"])
def test_other_roles_get_403(client, world, who):
    login(client, world.users[who])

    assert client.get(LOG).status_code == 403
    assert client.get(reverse("audit:export", args=["csv"])).status_code == 403
    assert journal.entries_visible_to(world.users[who]).count() == 0


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(LOG)

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_the_page_lists_entries_newest_first_with_russian_labels(client, world, entries):
    login(client, world.users["director"])

    response = client.get(LOG)

    assert response.status_code == 200
    rows = table_rows(response)
    assert [r[2] for r in rows] == ["утверждение", "неудачный вход", "просмотр списка с персональными данными",
                                    "просмотр персональных данных"]
    assert rows[0][3] == "утверждение данных 2024"
    assert rows[0][-1] == "состояние: передан на утверждение → утверждён"
    assert "Кузнецов" not in main_text(response)
    link = reverse("web:student_detail", args=[world.students["ivanov"].pk])
    assert link in [a.attrs.get("href") for a in parse(response).find_all("a")]


@pytest.mark.parametrize("query, expected", [
    ({"action": "view_person"}, ["director_student"]),
    ({"user": "TEACH"}, ["teacher_list"]),
    ({"object_type": "year_approval"}, ["approve"]),
])
def test_filters_narrow_the_list(client, world, entries, query, expected):
    login(client, world.users["director"])

    response = client.post(LOG, query, follow=True)  # the form is POSTed, then the log shown at its address

    assert len(table_rows(response)) == len(expected)
    assert f"Найдено записей: {len(expected)}" in main_text(response)


def test_a_login_searched_in_the_log_never_reaches_an_address(client, world, entries):
    # A login is often a surname («ivanova»): like the lists' search, it is POSTed and kept in the session
    # (vsoko.web.search); the other filters stay in the address.
    login(client, world.users["director"])

    posted = client.post(LOG, {"user": "teach", "action": "view_list"})
    found = client.get(posted["Location"])
    csv_link = next(a.attrs["href"] for a in parse(found).find_all("a") if a.text == "Выгрузить в CSV")
    exported = client.get(csv_link)

    assert posted.status_code == 302
    assert posted["Location"].startswith(f"{LOG}?action=view_list&search=")
    for address in (posted["Location"], csv_link, *[a.attrs.get("href", "") for a in parse(found).find_all("a")]):
        assert "teach" not in address.lower(), address
    assert [r[2] for r in table_rows(found)] == ["просмотр списка с персональными данными"]
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig")), delimiter=";"))
    assert [r[1] for r in rows[1:]] == ["teacher"]


def test_an_export_with_another_sessions_search_exports_nothing_and_says_so(client, world, entries):
    login(client, world.users["director"])
    csv_link = reverse("audit:export", args=["csv"]) + "?action=view_list&search=not-this-sessions"

    response = client.get(csv_link, follow=True)

    assert response.redirect_chain == [(f"{LOG}?action=view_list", 302)]
    assert "Поиск по этой ссылке больше не действует" in main_text(response)
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_date_range_is_whole_days_and_a_reversed_range_is_explained(client, world, entries):
    AuditEntry.objects.filter(pk=entries["approve"].pk).update(created=datetime.datetime(2024, 9, 1, 23, 30,
                                                                                        tzinfo=datetime.UTC))
    login(client, world.users["director"])

    # 23:30 UTC is 02:30 on 2 September in Moscow.
    on_the_day = client.get(LOG, {"date_from": "2024-09-02", "date_to": "2024-09-02"})
    day_before = client.get(LOG, {"date_from": "2024-09-01", "date_to": "2024-09-01"})
    reversed_range = client.get(LOG, {"date_from": "2024-09-03", "date_to": "2024-09-01"})

    assert [r[2] for r in table_rows(on_the_day)] == ["утверждение"]
    assert "Записей не нашлось" in main_text(day_before)
    assert "Дата «по» раньше даты «с»" in main_text(reversed_range)
    assert "Записей не нашлось" in main_text(reversed_range)


def test_school_filter_is_offered_to_those_with_several_schools(client, world, entries):
    login(client, world.users["director"])
    assert not parse(client.get(LOG)).find_all("select", None) or "school" not in [
        s.attrs.get("name") for s in parse(client.get(LOG)).find_all("select")]

    login(client, world.users["mun_admin"])
    response = client.get(LOG, {"school": world.other_school.pk})

    assert "school" in [s.attrs.get("name") for s in parse(response).find_all("select")]
    assert {r[4] for r in table_rows(response)} == {world.other_school.name}


def test_a_school_outside_the_scope_cannot_be_chosen(client, world, entries):
    login(client, world.users["director"])

    response = client.get(LOG, {"school": world.other_school.pk})

    assert "Записей не нашлось" in main_text(response)


def test_the_list_is_paginated(client, world):
    for n in range(55):
        record(user=world.users["director"], action=AuditAction.VIEW_PERSON, object_type="student", object_id=n,
               school=world.school)
    login(client, world.users["director"])

    first, second = client.get(LOG), client.get(LOG, {"page": 2})

    assert len(table_rows(first)) == 50
    assert len(table_rows(second)) == 5
    assert "Страница 2 из 2" in main_text(second)


def test_csv_export_has_the_filtered_entries_neutralised_and_is_logged(client, world, entries):
    evil = make_user("=evil()", role=Role.TEACHER, org_unit=world.school)
    record(user=evil, action=AuditAction.VIEW_LIST, object_type="student_list")
    login(client, world.users["director"])

    response = client.get(reverse("audit:export", args=["csv"]), {"action": "view_list"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Когда", "Логин", "Пользователь", "Действие"]
    assert sorted(r[1] for r in rows[1:]) == ["'=evil()", "teacher"]
    export = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert (export.username, export.object_type) == ("director", "audit_log")
    assert export.details == {"format": "csv", "rows": 2, "filters": {"action": "view_list"}}


def test_xlsx_export_reads_back_with_dates_and_text(client, world, entries):
    login(client, world.users["director"])

    response = client.get(reverse("audit:export", args=["xlsx"]), {"object_type": "student"})

    rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0).to_python()
    assert rows[0][0] == "Когда"
    assert len(rows) == 2
    assert isinstance(rows[1][0], datetime.datetime)
    assert rows[1][1:4] == ["director", "Анна Директорова", "просмотр персональных данных"]
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, details__format="xlsx").exists()


def test_an_export_too_big_is_refused_with_advice(client, world, entries, monkeypatch):
    monkeypatch.setattr(journal, "EXPORT_LIMIT", 2)
    login(client, world.users["director"])

    response = client.get(reverse("audit:export", args=["csv"]), follow=True)

    assert "Записей слишком много для одной выгрузки" in main_text(response)
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_unknown_export_format_is_404(client, world):
    login(client, world.users["director"])

    assert client.get(reverse("audit:export", args=["pdf"])).status_code == 404


def test_page_query_count_does_not_grow_with_rows(client, world, django_assert_max_num_queries):
    for n in range(40):
        record(user=world.users["director"], action=AuditAction.VIEW_PERSON, object_type="student", object_id=n,
               school=world.school)
    login(client, world.users["director"])
    client.get(LOG)

    with django_assert_max_num_queries(14):
        response = client.get(LOG)
    assert texts(response, "h1") == ["Журнал доступа"]
