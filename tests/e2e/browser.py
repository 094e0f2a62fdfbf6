"""How the project starts a browser: Debian's Chromium, headless, with no network chatter.

Shared by the pytest fixtures (conftest.py) and the screenshot script; imports nothing of Django.
"""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 860}
PHONE = {"width": 390, "height": 844}
MISSING = f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)"


def launch(playwright):
    """A headless Chromium of the system; never a browser downloaded by `playwright install`."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)


def open_from_menu(page, group: str, section: str) -> None:
    """Open a section that the menu keeps under a group heading («Результаты», «Мониторинг»)."""
    page.locator("summary.mainnav__summary", has_text=group).click()
    page.locator(".mainnav__sub").get_by_role("link", name=section, exact=True).click()
