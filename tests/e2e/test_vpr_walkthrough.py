"""A deputy director's walk through ВПР in a real browser: upload a protocol, read the procedure pages."""

import pytest
from playwright.sync_api import expect

from tests.assessments.builders import write_f1
from tests.assessments.conftest import make_roster

pytestmark = pytest.mark.e2e

NARROW = {"width": 375, "height": 812}


@pytest.fixture(autouse=True)
def uploads_in_tmp(settings, tmp_path):
    settings.UPLOAD_DIR = tmp_path / "uploads"


def test_the_ready_to_load_counts_fit_a_375_px_phone(world, logged_in_page, tmp_path):
    # On the demo school the table «Добавится | Изменится | Без изменений» pushed the page 143 px sideways.
    make_roster(world.school)
    path = write_f1(tmp_path / "ВПР 2026 Русский язык 4 класс.xlsx")
    page = logged_in_page("deputy", viewport=NARROW)

    page.goto("/assessments/import/")
    page.get_by_label("Файл протокола").set_input_files(str(path))
    page.get_by_role("button", name="Проверить файл").click()

    expect(page.get_by_role("heading", name="Всё готово к загрузке")).to_be_visible()
    expect(page.get_by_role("button", name="Загрузить")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") == 0
    counts = page.get_by_role("region", name="Что изменится")
    expect(counts.get_by_role("row", name="Результаты участников 4 0 0")).to_be_visible()


def test_the_score_histogram_on_a_phone_says_it_scrolls_and_takes_the_keyboard(
    logged_in_page, world
):
    # At 375 px the histogram is 480 px wide: «4», «5» and the scores above 30 were cut off with no hint, and a
    # keyboard could not scroll the figure.
    from tests.analysis.world import build_analysis_world

    analysis = build_analysis_world(world)
    page = logged_in_page("deputy", viewport=NARROW)

    page.goto(f"/assessments/{analysis.vpr.pk}/")

    frame = page.get_by_role("region", name="Гистограмма первичных баллов")
    expect(frame.locator("svg.chart--wide")).to_be_visible()
    assert frame.evaluate("el => el.scrollWidth > el.clientWidth")
    assert frame.get_attribute("tabindex") == "0"
    hint = frame.evaluate("el => getComputedStyle(el, '::before').content")
    assert hint == '"График шире окна: прокрутите его вбок →"'
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") == 0


def test_after_loading_the_message_leads_to_the_procedures_analysis(world, logged_in_page, tmp_path):
    # «Загрузить» ended on the empty upload form: the deputy had to look for the procedure in the index.
    make_roster(world.school)
    path = write_f1(tmp_path / "ВПР 2026 Русский язык 4 класс.xlsx")
    page = logged_in_page("deputy")

    page.goto("/assessments/import/")
    page.get_by_label("Файл протокола").set_input_files(str(path))
    page.get_by_role("button", name="Проверить файл").click()
    page.get_by_role("button", name="Загрузить").click()

    message = page.get_by_role("status")
    expect(message).to_contain_text("загружен: добавлено строк 18, изменено 0. Анализ: ВПР, русский язык, 4 класс.")
    message.get_by_role("link", name="ВПР, русский язык, 4 класс").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("ВПР, русский язык, 4 класс")
    expect(page.locator("dl.facts--inline")).to_contain_text("Максимальный балл24")
    expect(page.locator("dl.facts--inline")).not_to_contain_text("Минимальный порог")  # ВПР has none
    expect(page.get_by_role("heading", name="Статистика по отметкам")).to_be_visible()
