import os
import re
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import PHONE, open_from_menu
from vsoko.accounts.enums import Role
from vsoko.accounts.models import Membership
from vsoko.records.models import Subject

pytestmark = pytest.mark.e2e


def test_login_opens_the_overview_with_the_school_counts(logged_in_page, world, tmp_path):
    page = logged_in_page("director")

    expect(page.get_by_role("heading", level=1)).to_have_text("Обзор за 2024/2025 учебный год")
    expect(page.locator("[data-stat=students]")).to_have_text("3")
    expect(page.locator(".usertools__name")).to_have_text("Анна Директорова")
    shots = Path(os.environ.get("VSOKO_SCREENSHOT_DIR") or tmp_path)
    page.screenshot(path=str(shots / "overview-test.png"), full_page=True)
    assert (shots / "overview-test.png").stat().st_size > 10_000


def test_wrong_password_is_explained_on_the_login_page(page, world):
    page.goto("/login/")
    page.get_by_label("Логин").fill("director")
    page.get_by_label("Пароль").fill("not-the-password")
    page.get_by_role("button", name="Войти").click()

    expect(page.get_by_role("alert")).to_contain_text("Неверный логин или пароль")


def test_student_list_search_finds_a_student_and_opens_the_page(logged_in_page, world):
    page = logged_in_page("director")

    page.get_by_role("link", name="Обучающиеся").first.click()
    expect(page.locator("tbody tr")).to_have_count(4)
    page.get_by_label("Поиск по ФИО или коду").fill("петров")
    page.get_by_role("button", name="Найти").click()

    expect(page.locator("tbody th")).to_have_text(["Петров Борис"])
    # The surname never in the address (history, proxies, Referer): the form is POSTed, the list has a token.
    assert re.search(r"/students/\?search=[\w-]+$", page.url), page.url
    assert "петров" not in unquote(page.url).lower() and quote("петров") not in page.url.lower(), page.url
    page.reload()  # a GET after the redirect: no «resubmit the form?» dialog, the same result
    expect(page.locator("tbody th")).to_have_text(["Петров Борис"])
    page.get_by_role("link", name="Петров Борис").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Петров Борис")
    page.go_back()
    expect(page.locator("tbody th")).to_have_text(["Петров Борис"])


def test_class_teacher_sees_only_their_class_in_the_browser(logged_in_page, world):
    page = logged_in_page("class-teacher")

    page.get_by_role("link", name="Мой класс: 5А").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Класс 5А")
    expect(page.locator("tbody th")).to_have_text(["Иванов Алексей"])


def test_year_selector_switches_the_year(logged_in_page, world):
    page = logged_in_page("director")

    page.get_by_label("Учебный год").select_option(label="2023/2024")
    page.get_by_role("button", name="Показать").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Обзор за 2023/2024 учебный год")


def test_phone_viewport_collapses_the_menu_behind_a_button(logged_in_page, world):
    page = logged_in_page("director", viewport=PHONE)
    menu_button = page.get_by_role("button", name="Меню")
    results = page.locator("summary.mainnav__summary", has_text="Результаты")
    indicators = page.get_by_role("link", name="Показатели", exact=True)

    expect(menu_button).to_be_visible()
    expect(menu_button).to_have_attribute("aria-expanded", "false")
    expect(results).to_be_hidden()
    menu_button.click()
    expect(menu_button).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("link", name="Решения", exact=True)).to_be_visible()
    results.click()
    expect(indicators).to_be_visible()
    expect(page.get_by_role("button", name="Выйти")).to_be_visible()
    # Nothing but the tables scrolls sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_desktop_shows_the_menu_without_a_button(logged_in_page, world):
    page = logged_in_page("director")

    expect(page.get_by_role("button", name="Меню")).to_be_hidden()
    expect(page.get_by_role("link", name="Решения", exact=True)).to_be_visible()


def test_a_menu_group_opens_one_at_a_time_and_closes_on_escape(logged_in_page, world):
    page = logged_in_page("director")
    results = page.locator("details.mainnav__details", has_text="Результаты")
    monitoring = page.locator("details.mainnav__details", has_text="Мониторинг")
    indicators = page.get_by_role("link", name="Показатели", exact=True)

    expect(indicators).to_be_hidden()
    results.locator("summary").click()
    expect(indicators).to_be_visible()
    monitoring.locator("summary").click()
    expect(indicators).to_be_hidden()  # the other group closed
    expect(page.get_by_role("link", name="План мониторинга", exact=True)).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("link", name="План мониторинга", exact=True)).to_be_hidden()
    open_from_menu(page, "Результаты", "Показатели")
    expect(page).to_have_url(re.compile(r"/indicators/$"))


def test_logout_returns_to_the_login_page(logged_in_page, world, live_server):
    page = logged_in_page("director")

    page.get_by_role("button", name="Выйти").click()

    page.wait_for_url(f"{live_server.url}/login/")
    page.goto("/students/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Вход в ВСОКО")


def test_pages_load_no_inline_script_and_report_no_csp_violation(logged_in_page, world):
    page = logged_in_page("director")
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    for path in ("/", "/students/", "/classes/", "/staff/"):
        page.goto(path)

    assert errors == []
    assert page.evaluate("document.documentElement.classList.contains('js')")


def test_a_teacher_of_three_subjects_keeps_the_header_on_one_row_at_1366(logged_in_page, world):
    # Three roles written in one line pushed «Выйти» under the name on a 1366 px laptop.
    teacher = world.users["teacher"]
    for name in ("Алгебра и начала математического анализа", "Геометрия"):
        subject = Subject.objects.create(name=name)
        Membership.objects.create(user=teacher, role=Role.TEACHER, org_unit=world.school, subject=subject)
    page = logged_in_page("teacher", viewport={"width": 1366, "height": 768})

    expect(page.locator(".usertools__roles")).to_contain_text("Геометрия")
    name = page.locator(".usertools__name").bounding_box()
    logout = page.get_by_role("button", name="Выйти").bounding_box()
    assert logout["y"] < name["y"] + name["height"]
