"""A teacher who uses NVDA and the keyboard only: the questionnaire is answered and sent with Tab, Space, the
arrows and Enter; the menu opens a section and the indicators' table an indicator; every control reached shows
where the focus is (a 3 px ring)."""

import pytest
from playwright.sync_api import expect

from tests.accounts.personas import YEAR
from tests.assessments.builders import write_workbook
from tests.surveys.conftest import open_survey  # noqa: F401 — the fixture, shared with tests/surveys
from vsoko.indicators.catalogs import load_shipped_catalogs
from vsoko.records.models import SurveyAnswer

pytestmark = pytest.mark.e2e

# The focused element: what it is, and whether its focus ring is drawn (an outline of 2 px and more, or a shadow).
FOCUSED = """() => {
  const e = document.activeElement, style = getComputedStyle(e);
  const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
  return {tag: e.tagName.toLowerCase(), type: e.type || '', name: e.name || '', value: e.value || '',
          text: (e.innerText || '').trim().slice(0, 60), ring};
}"""


def tab(page) -> dict:
    page.keyboard.press("Tab")
    return page.evaluate(FOCUSED)


def test_the_questionnaire_is_answered_and_sent_with_the_keyboard_only(new_page, open_survey):  # noqa: F811
    page = new_page()
    page.goto(f"/s/{open_survey.links.get().token}/")
    reached, unringed = [], []

    for _ in range(80):
        focused = tab(page)
        reached.append((focused["tag"], focused["name"] or focused["text"]))
        if not focused["ring"]:
            unringed.append(reached[-1])
        if focused["name"] == "grade":
            page.keyboard.press("ArrowDown")  # a closed select takes the arrows: the first class
        elif focused["name"] == "q_overall":
            page.keyboard.press("Space")  # the group's first answer
        elif focused["name"] == "q_safety":
            page.keyboard.press("ArrowDown")  # an arrow moves to the next answer and chooses it
        elif focused["tag"] == "button" and focused["text"] == "Отправить ответы":
            page.keyboard.press("Enter")
            break
    else:
        pytest.fail(f"«Отправить ответы» not reached by Tab: {reached}")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Спасибо")
    assert unringed == []
    answers = dict(SurveyAnswer.objects.values_list("question", "answer"))
    assert answers == {"overall": "полностью удовлетворен", "safety": "скорее удовлетворен"}
    grades = set(SurveyAnswer.objects.values_list("grade", flat=True))
    assert len(grades) == 1 and None not in grades  # the class chosen with the arrow
    # Every question is reached in its order, once: a group of answers is one stop of Tab (docs/surveys.md).
    assert [name for tag, name in reached if tag == "input" and name.startswith("q_")] == [
        "q_overall", "q_facilities", "q_safety", "q_staff", "q_climate", "q_extracurricular", "q_information",
        "q_upbringing"]


def test_the_menu_and_the_indicators_table_are_used_with_the_keyboard(logged_in_page, world):
    load_shipped_catalogs()
    page = logged_in_page("deputy")
    page.goto(f"/?year={YEAR}")

    for _ in range(40):
        if tab(page)["text"].startswith("Результаты"):
            break
    else:
        pytest.fail("the menu's «Результаты» not reached by Tab")
    page.keyboard.press("Enter")
    expect(page.locator("details.mainnav__details[open] summary", has_text="Результаты")).to_be_visible()
    page.keyboard.press("Escape")  # closes the group, the focus stays on its heading
    expect(page.locator("details.mainnav__details[open]")).to_have_count(0)
    page.keyboard.press("Enter")
    focused = tab(page)
    assert focused["text"] == "Показатели" and focused["ring"]
    page.keyboard.press("Enter")

    page.wait_for_url("**/indicators/**")
    for _ in range(60):
        focused = tab(page)
        if focused["tag"] == "a" and focused["text"] == "Численность обучающихся на конец учебного года":
            break
    else:
        pytest.fail("the first indicator not reached by Tab")
    assert focused["ring"]
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Численность обучающихся на конец учебного года")


def test_the_column_mapping_of_an_unknown_file_is_filled_in_with_the_keyboard(logged_in_page, world, settings,
                                                                             tmp_path):
    settings.UPLOAD_DIR = tmp_path / "uploads"
    path = write_workbook(tmp_path / "работа.xlsx", {"Лист1": [["Ученики", "Кл", "Итог"],
                                                             ["Иванов Иван Ильич", "5А", 3]]})
    page = logged_in_page("deputy")
    page.goto("/assessments/import/")
    page.get_by_label("Файл протокола").set_input_files(str(path))
    page.get_by_role("button", name="Проверить файл").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Что в столбцах файла «работа.xlsx»")

    # From the procedure's first field to «Сохранить сопоставление»: every field one stop of Tab, with its ring.
    page.get_by_label("Вид процедуры").focus()
    reached = []
    for _ in range(40):
        focused = page.evaluate(FOCUSED)
        reached.append((focused["tag"], focused["name"] or focused["text"], focused["ring"]))
        if focused["text"] == "Сохранить сопоставление":
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail(f"«Сохранить сопоставление» not reached by Tab: {reached}")

    assert [name for _, name, ring in reached if not ring] == []
    assert {"role_0", "role_1", "role_2", "task_2", "max_2"} <= {name for _, name, _ in reached}
