"""Screenshots of «Аудит сайта» for docs/siteaudit.md, taken from a running demo.

    .venv/bin/python -m tests.e2e.siteaudit_screenshots --url http://127.0.0.1:8000

Logs in as the demo deputy; if the school has no site audit yet, records one (every item «размещено» but
«Устав» and «Языки образования», a deadline in a month) — the only thing the script changes. Saves the
audit's page to siteaudit.png and the checklist form on a phone (a card per item) to siteaudit-form-phone.png.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from tests.e2e.browser import PHONE, launch
from tests.e2e.screenshots import login, screenshot_command

VIEWPORT = {"width": 1280, "height": 1100}  # the figures, the acts and the list of defects
DEFECTS = ("Устав", "Языки образования")


def record_audit(page, url: str) -> None:
    page.get_by_role("link", name="Провести аудит сайта").click()
    page.get_by_label("Кто проверял (ФИО, должность)").fill("Сидорова М. П., заместитель директора")
    page.get_by_label("Адрес официального сайта").fill("https://school1.example.ru")
    deadline = datetime.date.today() + datetime.timedelta(days=30)
    page.get_by_label("Срок устранения замечаний").fill(deadline.isoformat())
    page.get_by_role("button", name="Отметить неотмеченные «размещено»").click()
    for name in DEFECTS:
        page.get_by_label(name, exact=True).select_option(label="не размещено")
    page.get_by_label("Комментарий: Устав").fill("на сайте редакция 2015 года")
    page.get_by_role("button", name="Сохранить").click()


def shoot(url: str, user: str, password: str, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = login(browser, url, user, password, VIEWPORT)
        page.goto(f"{url}/siteaudit/")
        audits = page.get_by_role("region", name="Аудиты сайта")
        if audits.count():
            audits.get_by_role("link").first.click()
        else:
            record_audit(page, url)
        expect(page.get_by_role("link", name="Акт аудита (Word)")).to_be_visible()
        page.screenshot(path=str(out / "siteaudit.png"))
        page.close()

        phone = login(browser, url, user, password, PHONE)
        phone.goto(f"{url}/siteaudit/new/")
        phone.get_by_role("heading", name="Перечень проверки").scroll_into_view_if_needed()
        phone.screenshot(path=str(out / "siteaudit-form-phone.png"))
        browser.close()
    return [out / "siteaudit.png", out / "siteaudit-form-phone.png"]


def main() -> None:
    screenshot_command(__doc__.splitlines()[0], shoot, "deputy")


if __name__ == "__main__":
    main()
