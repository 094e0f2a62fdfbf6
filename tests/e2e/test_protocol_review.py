"""The review of a ВПР file in a browser: a row nobody matched is chosen without scrolling the table sideways."""

import pytest
from playwright.sync_api import expect

from tests.assessments.builders import RUS4_PARTICIPANTS, write_f1
from tests.assessments.conftest import ROSTER, make_roster

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def uploads_in_tmp(settings, tmp_path):
    settings.UPLOAD_DIR = tmp_path / "uploads"


def test_the_row_to_confirm_fits_a_wide_screen(world, logged_in_page, tmp_path):
    # On the demo school at 1280 px the reason stayed on one line and pushed the list of pupils past the edge.
    make_roster(world.school, roster=[*ROSTER, ("S08", "Константинопольская", "Александра", "Владиславовна", "4А")])
    unknown = ("10009", "4А", 1, "Несуществующий Ученик Иванович", [1] * 13, 13, 3, 3)
    path = write_f1(tmp_path / "ВПР 2026 Русский язык 4 класс.xlsx", participants=[*RUS4_PARTICIPANTS, unknown])
    page = logged_in_page("deputy")

    page.goto("/assessments/import/")
    page.get_by_label("Файл протокола").set_input_files(str(path))
    page.get_by_role("button", name="Проверить файл").click()

    expect(page.get_by_role("heading", name="Подтвердите обучающихся")).to_be_visible()
    frame = page.get_by_role("region", name="Сомнительные сопоставления")
    expect(frame.get_by_label("Обучающийся для строки")).to_be_visible()
    assert frame.evaluate("frame => frame.scrollWidth <= frame.clientWidth")
