"""Screenshots of the survey pages for docs/surveys.md, taken from a running demo (`make demo`).

    .venv/bin/python -m tests.e2e.survey_screenshots --url http://127.0.0.1:8000

Logs in as the demo deputy, opens the demo's open survey («Потребности в дополнительном образовании…»)
and saves its page to docs/screenshots/survey.png; opens its general link on a phone, without logging in,
and saves the questionnaire to survey-phone.png; sends it with no class chosen (refused, nothing stored) and
saves the refusal to survey-phone-error.png; opens a mistyped link and saves its page to survey-phone-wrong-link.png.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from tests.e2e.browser import PHONE, launch
from tests.e2e.screenshots import login, screenshot_command

SURVEY = "Потребности в дополнительном образовании на следующий год"
SURVEY_VIEWPORT = {"width": 1280, "height": 1700}  # the survey, its links and the head of its summary


def shoot(url: str, user: str, password: str, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = login(browser, url, user, password, SURVEY_VIEWPORT)
        page.goto(f"{url}/surveys/")
        page.get_by_role("link", name=SURVEY).first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text(SURVEY)
        page.screenshot(path=str(out / "survey.png"))
        link = page.get_by_role("region", name="Общая ссылка").get_by_role("link").first.get_attribute("href")
        page.close()

        phone = browser.new_page(viewport=PHONE, locale="ru-RU")
        phone.goto(url + link[link.index("/s/"):])
        expect(phone.get_by_role("button", name="Отправить ответы")).to_be_visible()
        phone.screenshot(path=str(out / "survey-phone.png"), full_page=True)
        # Sent with one answer and no class: refused, nothing stored (the demo's survey keeps its count).
        phone.get_by_role("radio").first.check()
        phone.get_by_role("button", name="Отправить ответы").click()
        expect(phone.get_by_role("alert").first).to_contain_text("Ответы не отправлены")
        phone.screenshot(path=str(out / "survey-phone-error.png"))
        phone.goto(url + "/s/ссылка-с-ошибкой/")
        expect(phone.get_by_role("heading", level=1)).to_have_text("Анкета по этой ссылке не найдена")
        phone.screenshot(path=str(out / "survey-phone-wrong-link.png"))
        browser.close()
    return [out / "survey.png", out / "survey-phone.png", out / "survey-phone-error.png",
            out / "survey-phone-wrong-link.png"]


def main() -> None:
    screenshot_command(__doc__.splitlines()[0], shoot, "deputy")


if __name__ == "__main__":
    main()
