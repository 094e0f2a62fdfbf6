"""Screenshots for the docs, taken from a running site (`make demo` or `vsoko serve`).

    .venv/bin/python -m tests.e2e.screenshots --url http://127.0.0.1:8000 --user director

Logs in with the demo user (password = login) and saves the overview to
docs/screenshots/overview.png, and the overview on a phone to overview-phone.png.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.e2e.browser import DESKTOP, PHONE, launch

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def login(browser, url: str, user: str, password: str, viewport: dict):
    """A new page of the browser, logged in as the demo user: every screenshot script starts so."""
    page = browser.new_page(viewport=viewport, locale="ru-RU")
    page.goto(f"{url}/login/")
    page.get_by_label("Логин").fill(user)
    page.get_by_label("Пароль").fill(password)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url(f"{url}/")
    return page


def shoot(url: str, user: str, password: str, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for name, viewport in (("overview.png", DESKTOP), ("overview-phone.png", PHONE)):
            page = login(browser, url, user, password, viewport)
            page.screenshot(path=str(out / name), full_page=True)
            saved.append(out / name)
            page.close()
        browser.close()
    return saved


def screenshot_command(description: str, shoot: Callable[[str, str, str, Path], list[Path]], user: str) -> None:
    """The command line every screenshot script shares: --url, --user, --password, --out; prints the saved files."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="адрес работающего сайта")
    parser.add_argument("--user", default=user, help="логин (демо-пользователь)")
    parser.add_argument("--password", help="пароль (по умолчанию равен логину, как у демо-пользователей)")
    parser.add_argument("--out", type=Path, default=OUT, help="папка для снимков")
    args = parser.parse_args()
    for path in shoot(args.url.rstrip("/"), args.user, args.password or args.user, args.out):
        print(path)


def main() -> None:
    screenshot_command(__doc__.splitlines()[0], shoot, "director")


if __name__ == "__main__":
    main()
