"""Screenshots of «Успеваемость» for the docs, from a running demo site.

    .venv/bin/python -m tests.progress.screenshots --url http://127.0.0.1:8000 --user deputy

Saves the top of docs/screenshots/progress.png (the 2nd quarter of the latest year), progress-phone.png and
attestation.png (the «Перечень предметов промежуточной аттестации» of the year before the latest, as entered).
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.e2e.browser import DESKTOP, PHONE, launch
from tests.e2e.screenshots import login, screenshot_command


def shoot(url: str, user: str, password: str, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = login(browser, url, user, password, DESKTOP)
        page.goto(f"{url}/progress/?period=q2")
        height = min(1500, page.evaluate("document.body.scrollHeight"))
        page.screenshot(path=str(out / "progress.png"), full_page=True,
                        clip={"x": 0, "y": 0, "width": DESKTOP["width"], "height": height})
        phone = login(browser, url, user, password, PHONE)
        phone.goto(f"{url}/progress/?period=q2")
        phone.screenshot(path=str(out / "progress-phone.png"), full_page=False)
        page.goto(f"{url}/progress/attestation/?year=2024")
        height = min(1100, page.evaluate("document.body.scrollHeight"))
        page.screenshot(path=str(out / "attestation.png"), full_page=True,
                        clip={"x": 0, "y": 0, "width": DESKTOP["width"], "height": height})
        browser.close()
    return [out / "progress.png", out / "progress-phone.png", out / "attestation.png"]


if __name__ == "__main__":
    screenshot_command(__doc__.splitlines()[0], shoot, "deputy")
