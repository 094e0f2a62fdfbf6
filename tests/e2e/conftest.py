"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live_server.

Fixtures for every e2e test of the project:
- `browser` (session): headless /usr/bin/chromium; the tests skip, saying why, where it is missing;
- `page`: a fresh browser context and page whose relative URLs go to the live server;
- `new_page(viewport=None, touch=False, javascript=True)`: more such pages (each with its own cookies), e.g. a
  touch phone's: `new_page(PHONE, touch=True)`;
- `logged_in_page(username, password=None, viewport=None)`: logs in through the login form
  (password defaults to the login, as for the demo users) and returns the page on the overview;
- `world`: the named personas of tests/accounts/personas.py (director, class-teacher, observer …).

Never run `playwright install`: the system Chromium is used as it is.
"""

from __future__ import annotations

import os

import pytest

from tests.accounts.personas import build_world
from tests.e2e.browser import CHROMIUM, DESKTOP, MISSING, launch

# Playwright's sync API runs an event loop in the test thread; the ORM must still work there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(MISSING)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def new_page(browser, live_server):
    """A factory of pages in fresh contexts (separate cookies), all closed after the test."""
    contexts = []

    def make(viewport: dict | None = None, *, touch: bool = False, javascript: bool = True):
        context = browser.new_context(viewport=viewport or DESKTOP, has_touch=touch, is_mobile=touch,
                                      java_script_enabled=javascript, locale="ru-RU", base_url=live_server.url)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def logged_in_page(new_page, live_server):
    def login(username: str, password: str | None = None, *, viewport: dict | None = None):
        page = new_page(viewport)
        page.goto("/login/")
        page.get_by_label("Логин").fill(username)
        page.get_by_label("Пароль").fill(password or username)
        page.get_by_role("button", name="Войти").click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    return login


@pytest.fixture
def world(transactional_db):
    return build_world()
