"""Screenshots of «Запросы» for docs/inquiries.md, taken from a running municipality demo.

    vsoko init && vsoko demo --schools 3 --seed 1 && vsoko serve
    .venv/bin/python -m tests.e2e.inquiries_screenshots --url http://127.0.0.1:8000

Logs in as the demo observer of the municipality; if the request «Контекстная информация ОО» has not been sent
yet, sends it (due in two weeks) — the only thing the script changes. The demo director opens it on a phone
(inquiries-answer-phone.png: the form, or the answer once sent); the observer's page of the request — who
answered and the summary — is saved to inquiries.png.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from tests.e2e.browser import PHONE, launch
from tests.e2e.screenshots import login, screenshot_command

TITLE = "Контекстная информация ОО"
VIEWPORT = {"width": 1280, "height": 1200}  # the request's facts, who answered and the head of the summary


def shoot(url: str, user: str, password: str, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        observer = login(browser, url, user, password, VIEWPORT)
        observer.goto(f"{url}/inquiries/")
        if not observer.get_by_role("region", name="Направленные").get_by_role("link", name=TITLE).count():
            observer.get_by_role("link", name="Новый запрос").click()
            observer.get_by_label("Название запроса").fill(TITLE)
            observer.get_by_role("button", name="Проверить и отправить").click()
            observer.get_by_role("button", name="Отправить", exact=True).click()
            observer.goto(f"{url}/inquiries/")
        observer.get_by_role("region", name="Направленные").get_by_role("link", name=TITLE).first.click()
        expect(observer.get_by_role("heading", level=1)).to_have_text(TITLE)

        director = login(browser, url, "director", "director", PHONE)
        director.goto(f"{url}/inquiries/")
        director.get_by_role("region", name="Входящие").get_by_role("link", name=TITLE).first.click()
        expect(director.get_by_role("heading", level=1)).to_have_text(TITLE)
        director.screenshot(path=str(out / "inquiries-answer-phone.png"))

        observer.reload()
        observer.screenshot(path=str(out / "inquiries.png"))
        browser.close()
    return [out / "inquiries.png", out / "inquiries-answer-phone.png"]


def main() -> None:
    screenshot_command(__doc__.splitlines()[0], shoot, "observer")


if __name__ == "__main__":
    main()
