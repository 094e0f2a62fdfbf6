"""The approval page and the audit log in a real browser: the buttons work, nothing breaks the CSP."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def watch_csp(page) -> list[str]:
    """Console messages about blocked inline code or styles (a strict CSP is on)."""
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    return violations


def shot(page, tmp_path, name: str) -> None:
    folder = Path(os.environ.get("VSOKO_SCREENSHOT_DIR") or tmp_path)
    page.screenshot(path=str(folder / name), full_page=True)


def test_deputy_submits_and_director_approves_then_reopens(logged_in_page, world, tmp_path):
    deputy = logged_in_page("deputy")
    violations = watch_csp(deputy)
    deputy.get_by_role("link", name="Данные").first.click()
    deputy.get_by_role("link", name="Утверждение данных").click()
    deputy.get_by_role("button", name="Передать на утверждение: 2024/2025").click()
    expect(deputy.locator(".message--success")).to_contain_text("переданы директору на утверждение")

    director = logged_in_page("director")
    violations += watch_csp(director)
    questions = []
    director.on("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    director.goto("/data/approval/")
    director.get_by_role("button", name="Утвердить: 2024/2025").click()

    first = director.locator("tbody tr").first
    expect(first).to_contain_text("утверждён")
    expect(first).to_contain_text("Анна Директорова")
    shot(director, tmp_path, "approval.png")
    director.get_by_role("button", name="Снять утверждение: 2024/2025").click()
    expect(director.locator("tbody tr").first).to_contain_text("открыт для изменений")
    assert [q.split("?")[0] for q in questions] == ["Утвердить: 2024/2025", "Снять утверждение: 2024/2025"]
    assert violations == []


def test_director_filters_the_audit_log(logged_in_page, world, tmp_path):
    page = logged_in_page("director")
    violations = watch_csp(page)
    page.goto(f"/students/{world.students['ivanov'].pk}/")
    page.goto("/audit/")

    page.get_by_label("Пользователь (логин)").fill("direct")
    page.get_by_label("Действие").select_option(label="просмотр персональных данных")
    page.get_by_role("search", name="Фильтр журнала").get_by_role("button", name="Показать").click()

    expect(page.locator("tbody tr")).to_have_count(1)
    assert "direct" not in page.url and "action=view_person" in page.url, page.url  # a login is often a surname
    expect(page.locator("tbody tr")).to_contain_text("обучающийся")
    expect(page.get_by_role("link", name="Выгрузить в XLSX")).to_be_visible()
    shot(page, tmp_path, "audit.png")
    assert violations == []
