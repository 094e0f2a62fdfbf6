from dataclasses import replace

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from tests.web.pages import main_text, parse, texts
from vsoko.records.years import school_year_of
from vsoko.surveys.campaigns import create_survey
from vsoko.web import navigation
from vsoko.web.school_year import SESSION_KEY

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/students/", "/students/1/", "/staff/", "/classes/", "/reports/", "/indicators/"])
def test_anonymous_is_sent_to_the_login_page(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"/login/?next={url}"


def test_the_browsers_favicon_request_gets_the_icon_without_a_login(client):
    response = client.get("/favicon.ico", follow=True)

    assert response.redirect_chain == [("/static/web/favicon.svg", 301)]
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"


def test_login_page_is_russian_and_has_labelled_fields(client):
    response = client.get("/login/")

    assert response.status_code == 200
    assert texts(response, "h1") == ["Вход в ВСОКО"]
    assert texts(response, "label") == ["Логин", "Пароль"]
    assert texts(response, "nav") == []


def test_login_with_the_right_password_opens_the_overview(client, world):
    response = client.post("/login/", {"username": "director", "password": "director"})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").context["user"].username == "director"


def test_login_with_a_wrong_password_says_so_in_russian(client, world):
    response = client.post("/login/", {"username": "director", "password": "wrong"})

    assert response.status_code == 200
    assert texts(response, "div", "alert") == [
        "Не удалось войти Неверный логин или пароль. Проверьте раскладку клавиатуры и Caps Lock."
    ]


def test_login_after_too_many_failures_says_to_wait(client, world, settings):
    settings.VSOKO_LOGIN_MAX_FAILURES = 2
    for _ in range(2):
        client.post("/login/", {"username": "director", "password": "wrong"})

    response = client.post("/login/", {"username": "director", "password": "director"})

    assert texts(response, "div", "alert") == [
        "Не удалось войти Слишком много неудачных попыток входа. Подождите 15 минут и попробуйте снова."
    ]


def test_logout_needs_post_and_ends_the_session(client, world):
    client.force_login(world.users["director"])

    assert client.get("/logout/").status_code == 405
    response = client.post("/logout/")

    assert response["Location"] == "/login/"
    assert client.get("/").status_code == 302


def test_header_shows_the_name_the_role_and_a_logout_button(client, world):
    client.force_login(world.users["class_teacher"])

    response = client.get("/")

    assert texts(response, "span", "usertools__name") == ["Ирина Классная"]
    assert texts(response, "span", "usertools__roles") == ["классный руководитель 5А"]
    logout = parse(response).find_all("form", "usertools__logout")[0]
    assert (logout.attrs["method"], logout.attrs["action"]) == ("post", "/logout/")


def menu(response) -> list:
    """The menu as the user sees it: a section's title, or (group title, [its sections' titles])."""
    (top,) = parse(response).find_all("ul", "mainnav__list")
    items = []
    for li in (child for child in top.children if getattr(child, "tag", "") == "li"):
        if summary := li.find_all("summary"):
            items.append((summary[0].text, [a.text for a in li.find_all("a")]))
        else:
            items.append(li.find_all("a")[0].text)
    return items


def test_menu_groups_the_sections_and_shows_surveys_reports_and_data_only_for_managers(client, world):
    client.force_login(world.users["director"])
    director_menu = menu(client.get("/"))
    client.force_login(world.users["teacher"])
    teacher_menu = menu(client.get("/"))

    results = ("Результаты", ["Показатели", "Оценочные процедуры", "Успеваемость", "Посещаемость",
                              "Работа с неуспевающими", "Диагностики"])
    assert director_menu == ["Обзор", results, ("Мониторинг", ["План мониторинга", "График работ", "Анкеты",
                                                               "Посещение уроков", "Внешняя оценка",
                                                               "Аудит сайта", "Дошкольное образование",
                                                               "Рейтинг педагогов", "Запросы"]),
                             "Решения", "Отчёты", "Данные"]
    # No «Дошкольное образование» for the teacher: the school has no preschool group and the teacher keeps none.
    assert teacher_menu == ["Обзор", results, ("Мониторинг", ["План мониторинга", "График работ",
                                                              "Посещение уроков", "Внешняя оценка",
                                                              "Рейтинг педагогов"])]


def test_a_group_of_which_the_user_sees_one_section_is_that_section(monkeypatch):
    seen = {"overview", "plan", "indicators", "progress"}
    monkeypatch.setattr(navigation, "SECTIONS", tuple(
        replace(section, visible=lambda user, key=section.key: key in seen) for section in navigation.SECTIONS))

    got = navigation.menu_for(object())

    assert [(item.title, [s.title for s in item.sections]) if isinstance(item, navigation.MenuGroup) else item.title
            for item in got] == ["Обзор", ("Результаты", ["Показатели", "Успеваемость"]), "План мониторинга"]


def test_menu_marks_the_current_section_for_screen_readers(client, world):
    client.force_login(world.users["director"])

    page = parse(client.get("/plan/"))
    current = [a for a in page.find_all("a", "mainnav__link") if "aria-current" in a.attrs]

    assert [a.text for a in current] == ["План мониторинга"]
    # …and its group's heading says it holds the current section.
    assert [s.text for s in page.find_all("summary", "is-current")] == [
        "Мониторинг (текущий раздел)"]


def test_year_selector_offers_years_with_data_latest_first(client, world):
    client.force_login(world.users["director"])

    response = client.get("/")

    options = parse(response).find_all("option")
    assert [o.text for o in options] == ["2024/2025", "2023/2024"]
    assert [o.text for o in options if "selected" in o.attrs] == ["2024/2025"]


def test_choosing_a_year_is_kept_in_the_session(client, world):
    client.force_login(world.users["director"])

    response = client.post("/year/", {"year": "2023", "next": "/classes/"})

    assert response["Location"] == "/classes/"
    assert client.session[SESSION_KEY] == 2023
    assert texts(client.get("/"), "h1") == ["Обзор за 2023/2024 учебный год"]


def test_the_page_returned_to_drops_its_own_year_so_the_chosen_one_shows(client, world):
    client.force_login(world.users["director"])

    response = client.post("/year/", {"year": "2023", "next": "/indicators/core.quality/?year=2024&school=3#chart"})

    assert response["Location"] == "/indicators/core.quality/?school=3#chart"
    assert client.session[SESSION_KEY] == 2023


def test_a_year_without_data_or_a_foreign_next_is_ignored(client, world):
    client.force_login(world.users["director"])

    response = client.post("/year/", {"year": "1999", "next": "https://evil.example/"})

    assert response["Location"] == "/"
    assert SESSION_KEY not in client.session
    assert texts(client.get("/"), "h1") == ["Обзор за 2024/2025 учебный год"]


def test_year_selector_lists_only_the_years_of_the_users_schools(client, world):
    client.force_login(world.users["other_director"])

    assert [o.text for o in parse(client.get("/")).find_all("option")] == ["2024/2025"]


@pytest.mark.parametrize("path, title", [
    ("/assessments/", "Оценочные процедуры"),
    ("/surveys/", "Анкеты"),
    ("/plan/", "План мониторинга"),
])
def test_unbuilt_sections_say_honestly_what_will_be_there(client, world, path, title):
    client.force_login(world.users["teacher"])

    response = client.get(path)

    if response.templates[0].name != "web/placeholder.html":
        pytest.skip(f"{path} is served by its own app now")
    assert texts(response, "h1") == [title]
    assert texts(response, "p", "notice__title") == ["Раздел пока не готов"]


def test_observer_gets_a_russian_403_page_on_personal_data(client, world):
    client.force_login(world.users["observer"])

    response = client.get("/students/")

    assert response.status_code == 403
    assert texts(response, "h1") == ["Доступ ограничен"]
    assert "только сводные показатели" in main_text(response)


def test_user_without_roles_sees_an_explanation(client, db):
    client.force_login(get_user_model().objects.create_user("nobody"))

    response = client.get("/")

    assert texts(response, "p", "notice__title") == ["Нет доступных школ"]
    assert texts(response, "span", "usertools__roles") == ["роль не назначена"]


def test_form_errors_are_titled_by_the_form_not_as_a_failed_login():
    from django import forms
    from django.template.loader import render_to_string

    class Broken(forms.Form):
        def clean(self):
            raise forms.ValidationError("Дата окончания раньше даты начала.")

    form = Broken(data={})
    form.is_valid()
    html = render_to_string("web/partials/form_errors.html", {"form": form})

    assert "Форма не сохранена" in html and "Дата окончания раньше даты начала." in html
    assert "Не удалось войти" not in html


def test_a_server_error_page_is_russian_and_shows_nothing_technical(rf):
    from django.views.defaults import server_error

    html = server_error(rf.get("/s/token/")).content.decode()

    assert "Ошибка на сервере" in html and "Введённые данные, которые уже были сохранены, не потеряны." in html
    assert "Traceback" not in html


def test_serving_to_the_network_in_debug_mode_is_warned_about(settings):
    from vsoko.web.management.commands.serve import network_debug_warning

    settings.DEBUG = True
    assert network_debug_warning("127.0.0.1") == ""
    assert network_debug_warning("0.0.0.0").startswith("Внимание: сайт открыт для сети (0.0.0.0) в режиме отладки")
    settings.DEBUG = False
    assert network_debug_warning("0.0.0.0") == ""


def test_the_staff_footer_says_viewing_is_logged(client, world):
    client.force_login(world.users["director"])

    assert texts(client.get("/"), "footer") == [
        "vsoko — внутренняя система оценки качества образования. Персональные данные обучающихся защищены "
        "152-ФЗ: просмотр записывается в журнал."
    ]


def test_a_respondent_of_an_anonymous_survey_is_not_told_that_viewing_is_logged(client, world):
    today = timezone.localdate()
    survey = create_survey(school=world.school, year=school_year_of(today), questionnaire="parents",
                           title="Родители", opens_on=today, closes_on=today)
    token = survey.links.get(grade=None).token

    for url in (f"/s/{token}/", f"/s/{token}/thanks/"):
        assert texts(client.get(url), "footer") == [
            "МБОУ «Школа №1» — анкетирование о качестве образования. Анкета анонимная: имя и контакты не спрашиваются."
        ]


def test_the_users_page_marks_no_menu_section_as_current(client, world):
    client.force_login(world.users["director"])

    page = parse(client.get("/users/").content.decode())

    assert [a.text for a in page.find_all("a") if a.attrs.get("aria-current") == "page"] == []
