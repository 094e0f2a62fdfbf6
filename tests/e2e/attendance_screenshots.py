"""Screenshots of «Посещаемость» for docs/attendance.md, taken from a running demo (which generates attendance).

    .venv/bin/python -m tests.e2e.attendance_screenshots --url http://127.0.0.1:8000

Logs in as the demo deputy and saves the page of the school's classes, with the line of what the year has loaded, to
attendance.png, and the forms of the upload and of the template for a period to attendance-upload.png; logs in as
the demo class teacher on a phone and saves his class's card to attendance-phone.png. Changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from tests.e2e.browser import PHONE, launch
from tests.e2e.screenshots import login, screenshot_command

VIEWPORT = {"width": 1280, "height": 1000}  # the links, the period, the first classes of the table


def shoot(url: str, user: str, password: str, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = login(browser, url, user, password, VIEWPORT)
        page.goto(f"{url}/attendance/")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Посещаемость:")
        expect(page.get_by_text("учебный год загружено:")).to_be_visible()
        page.screenshot(path=str(out / "attendance.png"))
        upload = page.locator("section", has=page.get_by_role("heading", name="Загрузить посещаемость", level=2))
        upload.screenshot(path=str(out / "attendance-upload.png"))
        page.close()
        phone = login(browser, url, "class-teacher", "class-teacher", PHONE)
        phone.goto(f"{url}/attendance/")
        phone.screenshot(path=str(out / "attendance-phone.png"), full_page=True)
        phone.close()
        browser.close()
    return [out / "attendance.png", out / "attendance-upload.png", out / "attendance-phone.png"]


if __name__ == "__main__":
    screenshot_command(__doc__.splitlines()[0], shoot, "deputy")
