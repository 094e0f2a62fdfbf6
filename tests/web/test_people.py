"""Classes, students and staff: who gets 200, 403 or 404, and exactly what the pages show."""

import datetime
from urllib.parse import quote, quote_plus, unquote, urljoin

import pytest

from tests.accounts.personas import YEAR
from tests.web.pages import first_column, main_text, parse, table_rows, texts
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.records.models import Enrollment, SchoolClass, Student

pytestmark = pytest.mark.django_db


def get(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


def search(client, user, url, text, **filters):
    """The search as the page's form sends it: POSTed, then the list at the address the answer redirects to."""
    client.force_login(user)
    posted = client.post(url, {"q": text, **filters})
    assert posted.status_code == 302, posted.status_code
    return client.get(posted["Location"])


def assert_not_in_url(url: str, name: str):
    """Neither the name as typed nor any percent-encoding of it (upper or lower hex, %20 or + for a space)."""
    for form in {name, name.lower(), name.capitalize()}:
        for written in (form, quote(form), quote_plus(form), quote(form).lower(), quote_plus(form).lower()):
            assert written not in url, f"{written!r} in {url}"
    assert name.lower() not in unquote(url.replace("+", " ")).lower(), url


# --- classes -----------------------------------------------------------------------


def test_class_list_shows_teacher_and_pupils_at_the_year_end(client, world):
    response = get(client, world.users["director"], "/classes/")

    assert table_rows(response) == [
        ["5А", "Ирина Классная", "1"],
        ["5Б", "не указан", "1"],
        ["10А", "не указан", "1"],
    ]


def test_class_teacher_lists_only_their_class(client, world):
    response = get(client, world.users["class_teacher"], "/classes/")

    assert first_column(response) == ["5А"]


def test_class_page_lists_pupils_with_status_in_words(client, world):
    response = get(client, world.users["director"], f"/classes/{world.classes['5Б'].pk}/")

    assert texts(response, "h1") == ["Класс 5Б"]
    assert table_rows(response) == [
        ["1", "Орлов Денис", "S-004", "01.03.2013", "выбыл(а) 20.01.2025", "выбыл"],
        ["2", "Петров Борис", "S-002", "01.03.2013", "обучается", "—"],
    ]


@pytest.mark.parametrize("persona, klass, status", [
    ("class_teacher", "5А", 200),
    ("class_teacher", "5Б", 404),
    ("class_teacher", "other-5А", 404),
    ("teacher", "10А", 200),
    ("teacher", "5А", 404),
    ("other_director", "5А", 404),
    ("other_director", "other-5А", 200),
    ("observer", "5А", 403),
])
def test_class_page_access(client, world, persona, klass, status):
    response = get(client, world.users[persona], f"/classes/{world.classes[klass].pk}/")

    assert response.status_code == status


@pytest.mark.parametrize("extra", [1, 3])
def test_class_list_query_count_does_not_grow_with_classes(client, world, django_assert_num_queries, extra):
    from vsoko.records.models import SchoolClass

    for i in range(extra):
        SchoolClass.objects.create(school=world.school, year_id=YEAR, name=f"7{i}", grade=7, letter=str(i))
    client.force_login(world.users["director"])
    client.get("/classes/")

    # session, user, memberships, years, classes, class teachers, pupils per class
    with django_assert_num_queries(7):
        client.get("/classes/")


def test_observer_cannot_list_classes(client, world):
    assert get(client, world.users["observer"], "/classes/").status_code == 403


# --- student list ------------------------------------------------------------------


def test_director_lists_the_students_of_the_year(client, world):
    response = get(client, world.users["director"], "/students/")

    assert table_rows(response) == [
        ["Иванов Алексей", "S-001", "5А", "01.03.2013", "обучается"],
        ["Орлов Денис", "S-004", "5Б", "01.03.2013", "выбыл(а) 20.01.2025"],
        ["Петров Борис", "S-002", "5Б", "01.03.2013", "обучается"],
        ["Сидорова Вера", "S-003", "10А", "01.03.2013", "обучается"],
    ]
    assert texts(response, "p", "result-count") == ["Всего: 4"]


@pytest.mark.parametrize("query, names", [
    ("иванов", ["Иванов Алексей"]),
    ("ИВАНОВ", ["Иванов Алексей"]),
    ("вера сидорова", ["Сидорова Вера"]),
    ("S-002", ["Петров Борис"]),
    ("s-00", ["Иванов Алексей", "Орлов Денис", "Петров Борис", "Сидорова Вера"]),
    ("Кузнецов", []),  # a pupil of the other school
])
def test_student_search_by_name_or_id(client, world, query, names):
    response = search(client, world.users["director"], "/students/", query)

    assert (first_column(response) if names else []) == names
    assert texts(response, "p", "result-count") == [f"Найдено по запросу «{query}»: {len(names)}"]


def test_student_list_filters_by_class(client, world):
    response = get(client, world.users["director"], "/students/", **{"class": world.classes["5Б"].pk})

    assert first_column(response) == ["Орлов Денис", "Петров Борис"]


def test_class_teacher_lists_and_finds_only_their_pupils(client, world):
    teacher = world.users["class_teacher"]

    assert first_column(get(client, teacher, "/students/")) == ["Иванов Алексей"]
    found = search(client, teacher, "/students/", "Петров")
    assert texts(found, "p", "result-count") == ["Найдено по запросу «Петров»: 0"]
    assert texts(found, "table") == []


def test_filtering_by_a_class_outside_the_scope_shows_nothing(client, world):
    response = get(client, world.users["class_teacher"], "/students/", **{"class": world.classes["5Б"].pk})

    assert texts(response, "p", "alert__title") == ["Фильтр не применён"]
    assert "Петров" not in main_text(response)


def test_class_filter_offers_only_visible_classes(client, world):
    response = get(client, world.users["teacher"], "/students/")

    assert texts(response, "option")[-2:] == ["Все классы", "10А"]


def test_student_list_pages_by_fifty(client, world):
    school_class = world.classes["5А"]
    students = Student.objects.bulk_create(
        Student(school=world.school, student_id=f"N-{i:03}", last_name=f"Ученик{i:03}") for i in range(120)
    )
    Enrollment.objects.bulk_create(
        Enrollment(school=world.school, year_id=YEAR, student=s, school_class=school_class) for s in students
    )
    director = world.users["director"]

    first = search(client, director, "/students/", "Ученик")
    second = client.get(next_page_link(first))
    last = client.get(next_page_link(second))

    assert len(table_rows(first)) == 50
    assert first_column(last) == [f"Ученик{i:03}" for i in range(100, 120)]
    assert texts(last, "span", "pagination__status") == ["Страница 3 из 3"]


@pytest.mark.parametrize("extra", [1, 3])
def test_student_list_query_count_does_not_grow_with_rows(client, world, django_assert_num_queries, extra):
    for i in range(extra):
        student = Student.objects.create(school=world.school, student_id=f"X-{i}", last_name=f"Новый{i}")
        world.enroll(student, "5А")
    client.force_login(world.users["director"])
    client.get("/students/")

    # session, user, memberships, years, count, page, which rows are on roll, classes for the select, audit insert
    with django_assert_num_queries(9):
        client.get("/students/")


def test_observer_cannot_list_students(client, world):
    assert get(client, world.users["observer"], "/students/").status_code == 403


def test_list_view_is_written_to_the_audit_log(client, world):
    search(client, world.users["director"], "/students/", "иванов")

    entry = AuditEntry.objects.get(action=AuditAction.VIEW_LIST)
    assert (entry.username, entry.object_type, entry.details) == (
        "director", "student_list", {"year": 2024, "q": "иванов", "page": 1}
    )


# --- the searched name never reaches an address ------------------------------------------
# A surname typed in the search is a minor's personal data: in an address it would stay in the browser's history,
# the proxy's log and the Referer of the next request. The form is POSTed, the text is kept in the session and the
# list is shown at an address with an opaque token (vsoko.web.search).


def address(response) -> str:
    query = response.request["QUERY_STRING"]
    return response.request["PATH_INFO"] + (f"?{query}" if query else "")


def links(response) -> list[str]:
    """Every link of the page as the browser follows it («?page=2» is relative to the page's address)."""
    return [urljoin(address(response), a.attrs["href"]) for a in parse(response).find_all("a") if "href" in a.attrs]


def next_page_link(response) -> str:
    return next(urljoin(address(response), a.attrs["href"])
                for a in parse(response).find_all("a") if a.attrs.get("rel") == "next")


def excel_link(response) -> str:
    return next(urljoin(address(response), a.attrs["href"])
                for a in parse(response).find_all("a") if a.text == "Скачать в Excel")


def many_pupils(world, count: int, last_name: str = "Лебедев") -> list[Student]:
    students = Student.objects.bulk_create(
        Student(school=world.school, student_id=f"L-{i:03}", last_name=last_name, first_name=f"Имя{i:03}")
        for i in range(count)
    )
    Enrollment.objects.bulk_create(
        Enrollment(school=world.school, year_id=YEAR, student=s, school_class=world.classes["5А"]) for s in students
    )
    return students


def test_the_search_form_posts_the_name_with_the_csrf_token(client, world):
    form = parse(get(client, world.users["deputy"], "/students/")).find_all("form", "filters")[0]

    assert form.attrs["method"] == "post"
    assert [i.attrs["name"] for i in form.find_all("input") if i.attrs.get("type") == "hidden"] == [
        "csrfmiddlewaretoken"]


def test_a_searched_surname_is_found_and_never_in_an_address(client, world):
    many_pupils(world, 55)
    deputy = world.users["deputy"]
    client.force_login(deputy)

    posted = client.post("/students/", {"q": "Лебедев", "class": world.classes["5А"].pk})
    location = posted["Location"]
    found = client.get(location)

    assert posted.status_code == 302 and location.startswith("/students/?")
    assert texts(found, "p", "result-count") == ["Найдено по запросу «Лебедев»: 55"]
    assert first_column(found)[:2] == ["Лебедев Имя000", "Лебедев Имя001"]
    addresses = [location, next_page_link(found), excel_link(found), *links(found)]
    for address in addresses:
        assert_not_in_url(address, "Лебедев")
    assert f"class={world.classes['5А'].pk}" in location  # a class is not personal: it stays in the address
    second = client.get(next_page_link(found))
    assert first_column(second) == [f"Лебедев Имя{i:03}" for i in range(50, 55)]
    for address in links(second):
        assert_not_in_url(address, "Лебедев")


def test_the_download_of_a_search_is_exactly_the_pupils_found(client, world):
    many_pupils(world, 3)
    found = search(client, world.users["deputy"], "/students/", "лебедев")

    rows = xlsx_rows(client.get(excel_link(found)))

    header = rows.index(STUDENT_HEADER)
    assert [r[0] for r in rows[header + 1:]] == ["Лебедев Имя000", "Лебедев Имя001", "Лебедев Имя002"]
    assert "Поиск: «лебедев»" in [r[0] for r in rows[:4]]


def test_a_second_search_does_not_change_the_first_ones_address(client, world):
    # Two tabs, or «Назад» in the browser: each address keeps showing its own search.
    deputy = world.users["deputy"]
    client.force_login(deputy)
    first = client.post("/students/", {"q": "Иванов"})["Location"]
    second = client.post("/students/", {"q": "Петров"})["Location"]

    assert first != second
    assert first_column(client.get(first)) == ["Иванов Алексей"]
    assert first_column(client.get(second)) == ["Петров Борис"]
    assert client.post("/students/", {"q": "Иванов"})["Location"] == first  # the same search, the same address


def test_an_empty_search_and_reset_give_the_plain_list(client, world):
    found = search(client, world.users["deputy"], "/students/", "Иванов")
    reset = next(a.attrs["href"] for a in parse(found).find_all("a") if a.text == "Сбросить")
    posted_empty = client.post("/students/", {"q": "  "})

    assert reset == "/students/"
    assert posted_empty["Location"] == "/students/"
    assert texts(client.get(reset), "p", "result-count") == ["Всего: 4"]


def test_another_sessions_search_address_shows_no_name_and_says_so(client, world):
    found_by = search(client, world.users["deputy"], "/students/", "Иванов")
    client.logout()
    client.force_login(world.users["director"])  # a new session: the token means nothing there

    response = client.get(address(found_by), follow=True)

    assert response.redirect_chain == [("/students/", 302)]
    assert texts(response, "p", "result-count") == ["Всего: 4"]
    assert texts(response, "ul", "messages") == [
        "Поиск по этой ссылке больше не действует (его помнит только сеанс, в котором искали): введите его снова."]


def test_a_download_with_another_sessions_search_gives_the_page_not_the_whole_list(client, world):
    client.force_login(world.users["deputy"])

    response = client.get("/students/", {"search": "not-this-sessions", "format": "xlsx", "class": world.classes["5Б"].pk})

    assert (response.status_code, response["Location"]) == (302, f"/students/?class={world.classes['5Б'].pk}")
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_a_staff_search_posts_and_keeps_the_name_out_of_the_address(client, world):
    client.force_login(world.users["director"])

    posted = client.post("/staff/", {"q": "Смирнова"})
    found = client.get(posted["Location"])

    assert first_column(found) == ["Смирнова Мария"]
    for address in [posted["Location"], excel_link(found), *links(found)]:
        assert_not_in_url(address, "Смирнова")


def test_a_search_without_the_csrf_token_is_refused(world):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.users["deputy"])

    assert browser.post("/students/", {"q": "Иванов"}).status_code == 403


@pytest.mark.parametrize("url", ["/students/", "/staff/"])
def test_the_observer_cannot_post_a_search(client, world, url):
    client.force_login(world.users["observer"])

    assert client.post(url, {"q": "Иванов"}).status_code == 403


# --- student page ------------------------------------------------------------------


@pytest.mark.parametrize("persona, student, status", [
    ("director", "ivanov", 200),
    ("deputy", "ivanov", 200),
    ("class_teacher", "ivanov", 200),
    ("class_teacher", "petrov", 404),
    ("class_teacher", "kuznetsov", 404),
    ("teacher", "sidorova", 200),
    ("teacher", "ivanov", 404),
    ("mo_head", "petrov", 200),
    ("other_director", "ivanov", 404),
    ("other_director", "kuznetsov", 200),
    ("observer", "ivanov", 403),
    ("observer", "kuznetsov", 403),
])
def test_student_page_access(client, world, persona, student, status):
    response = get(client, world.users[persona], f"/students/{world.students[student].pk}/")

    assert response.status_code == status


def test_student_page_shows_marks_results_events_and_programs(client, world):
    response = get(client, world.users["class_teacher"], f"/students/{world.students['ivanov'].pk}/")

    assert texts(response, "h1") == ["Иванов Алексей"]
    assert table_rows(response, 0) == [["2024/2025", "5А", "—", "—", "—", "—", "—"]]
    assert table_rows(response, 1) == [["Математика", "5", "", "", "", "5"]]
    assert table_rows(response, 2) == [["2024/2025", "ВПР, 5 кл.", "Математика", "—", "17 из 20", "—", "5", ""]]
    assert table_rows(response, 3) == [["2024/2025", "Олимпиада по математике", "—", "муниципальный", "—", "призер"]]
    assert table_rows(response, 4) == [["2024/2025", "Шахматы", "дополнительное образование", "—", "—"]]


def test_a_class_of_the_history_is_a_link_only_where_its_page_opens(client, world):
    previous = world.classes["5А-2023"].year
    fourth = SchoolClass.objects.create(school=world.school, year=previous, name="4А", grade=4, letter="А")
    Enrollment.objects.create(school=world.school, year=previous, student=world.students["ivanov"], school_class=fourth)
    url = f"/students/{world.students['ivanov'].pk}/"

    def class_links(persona):
        history = parse(get(client, world.users[persona], url)).find_all("table")[0]
        return [a.text for a in history.find_all("a")]

    assert table_rows(get(client, world.users["class_teacher"], url), 0)[1][:2] == ["2023/2024", "4А"]
    assert class_links("class_teacher") == ["5А"]  # last year's 4А is not theirs: plain text, not a 404
    assert class_links("director") == ["5А", "4А"]


def test_sensitive_categories_are_hidden_without_permission(client, world):
    response = get(client, world.users["director"], f"/students/{world.students['ivanov'].pk}/")

    body = response.content.decode()
    assert "Группа здоровья" not in body
    assert "подготовительная" not in body
    assert "учет ПДН" not in body
    assert texts(response, "h2", None).count("Здоровье и социальный статус") == 1
    assert "Скрыто: для просмотра сведений о здоровье" in main_text(response)


def test_sensitive_categories_are_shown_with_permission(client, world):
    response = get(client, world.users["deputy"], f"/students/{world.students['ivanov'].pk}/")

    assert table_rows(response, 1) == [["2024/2025", "3", "подготовительная", "да", "нет", "нет"]]
    assert texts(response, "ul", "linklist") == ["2024/2025: учет ПДН"]


def test_class_teacher_reaches_last_years_pupil_through_the_year_parameter(client, world):
    teacher, orlov = world.users["class_teacher"], world.students["orlov"]

    assert get(client, teacher, f"/students/{orlov.pk}/").status_code == 404
    response = get(client, teacher, f"/students/{orlov.pk}/", year=2023)

    assert response.status_code == 200
    assert texts(response, "h2")[2] == "Отметки за 2023/2024 учебный год"


def test_student_page_view_is_audited_with_the_sensitive_flag(client, world):
    get(client, world.users["deputy"], f"/students/{world.students['ivanov'].pk}/")

    entry = AuditEntry.objects.get(action=AuditAction.VIEW_PERSON)
    assert (entry.object_type, entry.object_id, entry.school, entry.details) == (
        "student", str(world.students["ivanov"].pk), world.school, {"sensitive": True}
    )


def test_student_page_query_count(client, world, django_assert_num_queries):
    client.force_login(world.users["deputy"])
    url = f"/students/{world.students['ivanov'].pk}/"
    client.get(url)

    # session, user, memberships, years, student, sensitive check, enrollments, marks,
    # results, events, programs, social, audit insert, the history's classes the user may open
    with django_assert_num_queries(13):
        client.get(url)


# --- staff -------------------------------------------------------------------------


@pytest.mark.parametrize("persona, names", [
    ("director", ["Белова Нина", "Волков Олег", "Смирнова Мария"]),
    ("mo_head", ["Смирнова Мария"]),
    ("other_director", ["Зайцева Ольга"]),
])
def test_staff_list_by_role(client, world, persona, names):
    assert first_column(get(client, world.users[persona], "/staff/")) == names


def test_staff_list_shows_position_subjects_and_category(client, world):
    response = search(client, world.users["director"], "/staff/", "смирнова")

    assert table_rows(response) == [["Смирнова Мария", "учитель", "да", "Математика", "первая", "—"]]


@pytest.mark.parametrize("persona", ["class_teacher", "teacher", "observer"])
def test_staff_list_is_closed_to_other_roles(client, world, persona):
    assert get(client, world.users[persona], "/staff/").status_code == 403


@pytest.mark.parametrize("persona, member, status", [
    ("director", "smirnova", 200),
    ("mo_head", "smirnova", 200),
    ("mo_head", "volkov", 404),
    ("other_director", "smirnova", 404),
    ("class_teacher", "smirnova", 403),
    ("observer", "smirnova", 403),
])
def test_staff_page_access(client, world, persona, member, status):
    assert get(client, world.users[persona], f"/staff/{world.staff[member].pk}/").status_code == status


def test_staff_page_shows_years_and_development(client, world):
    response = get(client, world.users["director"], f"/staff/{world.staff['smirnova'].pk}/")

    assert texts(response, "h1") == ["Смирнова Мария"]
    assert table_rows(response, 0) == [
        ["2024/2025", "учитель", "да", "Математика", "—", "—", "первая", "—", "—", "—", "—"]
    ]
    assert table_rows(response, 1) == [["2024/2025", "курсы", "Курсы «Функциональная грамотность»", "—", "—", "36", "—"]]


def test_a_colleagues_date_of_birth_is_for_the_administration_only(client, world):
    smirnova = world.staff["smirnova"]
    smirnova.birth_date = datetime.date(1985, 4, 12)
    smirnova.save()
    url = f"/staff/{smirnova.pk}/"

    assert "12.04.1985" in main_text(get(client, world.users["deputy"], url))
    page = get(client, world.users["mo_head"], url)
    assert page.status_code == 200
    assert "12.04.1985" not in page.content.decode() and "Дата рождения" not in main_text(page)


@pytest.mark.parametrize("extra", [1, 3])
def test_staff_list_query_count_does_not_grow_with_rows(client, world, django_assert_num_queries, extra):
    from vsoko.records.models import StaffMember, StaffYear

    for i in range(extra):
        member = StaffMember.objects.create(school=world.school, staff_id=f"Z-{i}", last_name=f"Новая{i}")
        StaffYear.objects.create(school=world.school, year_id=YEAR, staff=member).subjects.set([world.subjects["math"]])
    client.force_login(world.users["director"])
    client.get("/staff/")

    # session, user, memberships, years, count, page, subjects prefetch, audit insert
    with django_assert_num_queries(8):
        client.get("/staff/")


def test_the_staff_list_is_called_workers_everywhere(client, world):
    # It lists every worker (a column says whether one is a teacher): the tab said «Педагоги», the tab
    # of the browser «Педагогические работники», the heading «Работники».
    client.force_login(world.users["director"])

    staff = client.get("/staff/")
    overview = client.get("/")

    assert texts(staff, "title") == ["Работники — vsoko"]
    assert texts(staff, "h1")[0].startswith("Работники")
    assert "Работники" in texts(staff, "a", "tabs__link")
    assert "Работники" in texts(overview, "a")
    assert "Педагоги" not in texts(staff, "a", "tabs__link")


# --- «Скачать в Excel» of the lists ----------------------------------------------------------


def xlsx_rows(response) -> list[tuple]:
    import io

    import openpyxl

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return list(sheet.iter_rows(values_only=True))


def test_the_class_list_in_excel_is_the_pages_table_with_numbers(client, world):
    page = get(client, world.users["director"], "/classes/")
    assert "Скачать в Excel" in page.content.decode()
    response = get(client, world.users["director"], "/classes/", format="xlsx")
    rows = xlsx_rows(response)
    assert rows[0][0] == "Классы, 2024/2025 учебный год" and rows[1][0] == "МБОУ «Школа №1»"
    header = rows.index(("Класс", "Классный руководитель", "Обучающихся на конец года"))
    assert rows[header + 1:header + 4] == [("5А", "Ирина Классная", 1), ("5Б", "не указан", 1), ("10А", "не указан", 1)]
    assert unquote(response["Content-Disposition"]).endswith("''Классы 2024-2025.xlsx")  # no class, no name
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT, object_type="class_list")
    assert entry.details["строк"] == 3


def test_a_class_teachers_class_list_in_excel_is_their_class_only(client, world):
    rows = xlsx_rows(get(client, world.users["class_teacher"], "/classes/", format="xlsx"))
    assert [r[0] for r in rows if r and r[0] in {"5А", "5Б", "10А"}] == ["5А"]


def test_the_staff_list_in_excel_is_all_found_rows_of_the_search(client, world):
    response = client.get(excel_link(search(client, world.users["director"], "/staff/", "смирнова")))
    rows = xlsx_rows(response)
    assert rows[0][0] == "Работники, 2024/2025 учебный год"
    assert "Поиск: «смирнова»" in [r[0] for r in rows[:4]]
    header = rows.index(("Работник", "Должность", "Педагог", "Предметы", "Категория", "Образование"))
    assert rows[header + 1:] == [("Смирнова Мария", "учитель", "да", "Математика", "первая", "—")]
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT, object_type="staff_list")
    assert entry.details["строк"] == 1 and entry.details["поиск"] == "смирнова"
    assert "смирнова" not in response["Content-Disposition"].lower()


@pytest.mark.parametrize("persona, names", [
    ("director", ["Белова Нина", "Волков Олег", "Смирнова Мария"]),
    ("mo_head", ["Смирнова Мария"]),
])
def test_the_staff_list_in_excel_keeps_the_roles_scope(client, world, persona, names):
    rows = xlsx_rows(get(client, world.users[persona], "/staff/", format="xlsx"))
    header = next(i for i, r in enumerate(rows) if r[0] == "Работник")
    assert [r[0] for r in rows[header + 1:]] == names


@pytest.mark.parametrize("persona", ["class_teacher", "teacher", "observer"])
def test_the_staff_list_in_excel_is_closed_to_other_roles(client, world, persona):
    assert get(client, world.users[persona], "/staff/", format="xlsx").status_code == 403
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_the_class_page_in_excel_is_its_list_of_pupils(client, world):
    assert "Скачать в Excel" in get(client, world.users["director"], f"/classes/{world.classes['5Б'].pk}/").content.decode()
    response = get(client, world.users["director"], f"/classes/{world.classes['5Б'].pk}/", format="xlsx")
    rows = xlsx_rows(response)
    assert rows[0][0] == "Класс 5Б, 2024/2025 учебный год" and rows[1][0] == "МБОУ «Школа №1»"
    header = rows.index(("№", "Обучающийся", "Код", "Дата рождения", "Состояние", "Итог года"))
    assert rows[header + 1:] == [(1, "Орлов Денис", "S-004", "01.03.2013", "выбыл(а) 20.01.2025", "выбыл"),
                                 (2, "Петров Борис", "S-002", "01.03.2013", "обучается", "—")]
    assert unquote(response["Content-Disposition"]).endswith("''Класс 5Б 2024-2025.xlsx")  # no pupil's name
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT, object_type="class")
    assert entry.object_id == str(world.classes["5Б"].pk) and entry.details["строк"] == 2


@pytest.mark.parametrize("persona, klass, status", [
    ("class_teacher", "5А", 200), ("class_teacher", "5Б", 404), ("teacher", "5А", 404), ("observer", "5А", 403),
])
def test_the_class_page_in_excel_keeps_the_roles_scope(client, world, persona, klass, status):
    response = get(client, world.users[persona], f"/classes/{world.classes[klass].pk}/", format="xlsx")
    assert response.status_code == status
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT).exists() == (status == 200)


STUDENT_HEADER = ("Обучающийся", "Код", "Класс", "Дата рождения", "Состояние")


def test_the_pupils_list_in_excel_is_every_found_row_of_the_page(client, world):
    assert "Скачать в Excel" in get(client, world.users["director"], "/students/").content.decode()
    # the page's search and class filter, whatever page of 50 the button was pressed on
    found = search(client, world.users["director"], "/students/", "s-00", **{"class": world.classes["5Б"].pk})
    response = client.get(excel_link(found))
    rows = xlsx_rows(response)
    assert rows[0][0] == "Обучающиеся, 2024/2025 учебный год"
    assert [r[0] for r in rows[1:4]] == ["МБОУ «Школа №1»", "Класс: 5Б", "Поиск: «s-00»"]
    header = rows.index(STUDENT_HEADER)
    assert rows[header + 1:] == [("Орлов Денис", "S-004", "5Б", "01.03.2013", "выбыл(а) 20.01.2025"),
                                 ("Петров Борис", "S-002", "5Б", "01.03.2013", "обучается")]
    # named by the page and the year: no pupil, no search in the file's name
    assert unquote(response["Content-Disposition"]).endswith("''Обучающиеся 2024-2025.xlsx")


def test_the_pupils_list_download_is_audited_as_an_export_of_personal_data(client, world):
    get(client, world.users["director"], "/students/", format="xlsx")

    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert (entry.username, entry.object_type, entry.school) == ("director", "student_list", world.school)
    assert entry.details == {"формат": "xlsx", "персональные данные": "список обучающихся",
                             "учебный год": "2024/2025", "поиск": "", "класс": "", "строк": 4}
    # the file is not also logged as a view of the page
    assert not AuditEntry.objects.filter(action=AuditAction.VIEW_LIST).exists()


def test_a_class_teachers_pupils_list_in_excel_is_their_class_only(client, world):
    rows = xlsx_rows(get(client, world.users["class_teacher"], "/students/", format="xlsx"))
    header = rows.index(STUDENT_HEADER)
    assert rows[header + 1:] == [("Иванов Алексей", "S-001", "5А", "01.03.2013", "обучается")]


def test_the_observer_cannot_download_the_pupils_list(client, world):
    response = get(client, world.users["observer"], "/students/", format="xlsx")

    assert response.status_code == 403
    assert response.get("Content-Type", "").startswith("text/html")
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


@pytest.mark.skipif(__import__("shutil").which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_pupils_list(client, world, tmp_path):
    from tests.libreoffice import as_csv_lines

    response = get(client, world.users["director"], "/students/", format="xlsx")
    (tmp_path / "pupils.xlsx").write_bytes(response.content)

    lines = as_csv_lines(tmp_path / "pupils.xlsx")
    assert "Обучающийся,Код,Класс,Дата рождения,Состояние" in lines
    assert "Орлов Денис,S-004,5Б,01.03.2013,выбыл(а) 20.01.2025" in lines
