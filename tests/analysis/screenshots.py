"""Screenshots of «Оценочные процедуры» for the docs, from a running demo site (`make demo`).

    .venv/bin/python -m tests.analysis.screenshots --url http://127.0.0.1:8000 --user deputy

Logs in as the demo user (password = login) and saves the top of docs/screenshots/analysis-index.png
(the index of the latest year) and of analysis-assessment.png (ВПР, mathematics, grade 5 — or the
first ВПР of the index), plus analysis-assessment-phone.png.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.e2e.browser import DESKTOP, PHONE, launch
from tests.e2e.screenshots import login, screenshot_command

PREFERRED = "математика, 5 класс"  # in the ВПР table of the index
HEIGHT = {"analysis-index.png": 1700, "analysis-assessment.png": 2600}


def top_of(page, path: Path) -> Path:
    """The top of the page (the whole page of a year is several screens long)."""
    height = min(HEIGHT[path.name], page.evaluate("document.body.scrollHeight"))
    page.screenshot(path=str(path), full_page=True, clip={"x": 0, "y": 0, "width": DESKTOP["width"], "height": height})
    return path


def shoot(url: str, user: str, password: str, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = login(browser, url, user, password, DESKTOP)
        page.goto(f"{url}/assessments/")
        saved.append(top_of(page, out / "analysis-index.png"))
        vpr = page.locator("section[aria-labelledby=kind-vpr]")
        link = vpr.get_by_role("link", name=PREFERRED, exact=True)
        address = (link if link.count() else vpr.get_by_role("link")).first.get_attribute("href")
        page.goto(f"{url}{address}")
        saved.append(top_of(page, out / "analysis-assessment.png"))
        phone = login(browser, url, user, password, PHONE)
        phone.goto(f"{url}{address}")
        phone.screenshot(path=str(out / "analysis-assessment-phone.png"), full_page=False)
        saved.append(out / "analysis-assessment-phone.png")
        browser.close()
    return saved


def main() -> None:
    screenshot_command(__doc__.splitlines()[0], shoot, "deputy")


if __name__ == "__main__":
    main()
