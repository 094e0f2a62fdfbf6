"""«Рейтинг педагогов» in the browser: the teacher fills and submits her sheet, the deputy returns it or
confirms it with other points, and the rating shows the place and the money of the fund.

The data of tests/rating/conftest.py: Смирнова Мария (login `smirnova`) teaches mathematics; with the
records added there her computed criteria give 2+2+3 + 1+0 + 2+1+1+2+1 = 15 points (see that module).
"""

import re

import pytest
from playwright.sync_api import expect

from tests.accounts.personas import YEAR, make_user
from tests.e2e.browser import open_from_menu
from tests.rating.conftest import add_records
from vsoko.accounts.enums import Role
from vsoko.accounts.models import StaffAccount
from vsoko.rating import workflow
from vsoko.rating.models import RatingSheet

pytestmark = pytest.mark.e2e


@pytest.fixture
def sheet(world):
    """Смирнова's draft sheet of 2024/2025, her account linked to her staff record."""
    add_records(world)
    user = make_user("smirnova", role=Role.TEACHER, org_unit=world.school, subject=world.subjects["math"])
    StaffAccount.objects.create(user=user, staff=world.staff["smirnova"])
    period = workflow.open_period(world.school, YEAR)
    return RatingSheet.objects.get(period=period, staff=world.staff["smirnova"])


def status_of(page):
    """The sheet's state, the badge under the heading (the eyebrow's badge is the period's)."""
    return page.locator("h1 + p .badge")


def accept_dialogs(page) -> list[str]:
    questions = []
    page.on("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    return questions


def test_the_teacher_fills_a_declared_criterion_and_submits_her_sheet(logged_in_page, sheet):
    page = logged_in_page("smirnova")
    questions = accept_dialogs(page)

    open_from_menu(page, "Мониторинг", "Рейтинг педагогов")
    page.get_by_role("link", name="2024/2025 учебный год").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Оценочный лист: Смирнова Мария")
    expect(status_of(page)).to_have_text("черновик")
    # A computed criterion shows where its points come from and cannot be typed over.
    expect(page.get_by_text("качество 66,7 % (2 из 3 годовых отметок) → 2 балла из 3")).to_be_visible()
    expect(page.get_by_label("Самооценка, 1.1")).to_have_count(0)

    page.get_by_label("Самооценка, 2.3").fill("2")
    page.get_by_label("Подтверждение, 2.3").fill("Кружок «Юный математик», приказ № 12")
    page.get_by_role("button", name="Сохранить", exact=True).click()
    expect(page.get_by_text("Лист сохранён.")).to_be_visible()
    expect(page.get_by_label("Самооценка, 2.3")).to_have_value("2")

    # 3.6 is declared too and still empty: the sheet cannot go to the commission.
    page.get_by_role("button", name="Подать на проверку").click()
    expect(page.get_by_text("Не сохранено: Критерий 3.6 «Открытые уроки, публикации, методические разработки»: "
                            "укажите баллы (0, если нечего заявить).")).to_be_visible()
    expect(status_of(page)).to_have_text("черновик")

    page.get_by_label("Самооценка, 3.6").fill("1")
    page.get_by_role("button", name="Подать на проверку").click()

    expect(page.get_by_text("Лист подан на проверку комиссии.")).to_be_visible()
    expect(status_of(page)).to_have_text("подан на проверку")
    assert questions[-1].startswith("Подать лист на проверку?")
    # Submitted: nothing to type any more, the evidence stays readable.
    expect(page.get_by_label("Самооценка, 2.3")).to_have_count(0)
    expect(page.get_by_role("button", name="Подать на проверку")).to_have_count(0)
    expect(page.get_by_text("Кружок «Юный математик», приказ № 12")).to_be_visible()
    # 15 computed + 2 + 1 = 18.
    expect(page.locator("h1 + p")).to_contain_text("самооценка 18 · баллы комиссии 18")


def test_declining_the_question_does_not_submit(logged_in_page, sheet):
    page = logged_in_page("smirnova")
    page.on("dialog", lambda dialog: dialog.dismiss())
    page.goto(f"/rating/sheet/{sheet.pk}/")

    page.get_by_label("Самооценка, 2.3").fill("2")
    page.get_by_label("Самооценка, 3.6").fill("1")
    page.get_by_role("button", name="Подать на проверку").click()

    expect(status_of(page)).to_have_text("черновик")
    expect(page.get_by_label("Самооценка, 2.3")).to_have_value("2")  # still the typed page, nothing sent


def test_the_deputy_returns_the_sheet_with_a_remark_and_the_teacher_may_change_it_again(logged_in_page, sheet):
    workflow.save_self(sheet, {"2.3": (2, "кружок"), "3.6": (1, "открытый урок")})
    workflow.submit(sheet)
    deputy = logged_in_page("deputy")

    open_from_menu(deputy, "Мониторинг", "Рейтинг педагогов")
    deputy.get_by_role("link", name="2024/2025").click()
    expect(deputy.get_by_role("heading", level=1)).to_have_text("Оценочные листы педагогов, 2024/2025 учебный год")
    row = deputy.get_by_role("row").filter(has_text="Смирнова Мария")
    expect(row).to_contain_text("подан на проверку")
    expect(deputy.get_by_role("row").filter(has_text="Волков Олег")).to_contain_text("черновик")
    row.get_by_role("link", name="Смирнова Мария").click()

    # Without a remark the sheet does not go back.
    deputy.get_by_role("button", name="Вернуть педагогу").click()
    expect(deputy.get_by_text("Не сохранено: Напишите, что педагогу исправить")).to_be_visible()
    expect(status_of(deputy)).to_have_text("подан на проверку")

    deputy.get_by_label("Что исправить").fill("Приложите приказ о кружке.")
    deputy.get_by_role("button", name="Вернуть педагогу").click()
    expect(deputy.get_by_text("Лист возвращён педагогу на доработку.")).to_be_visible()
    expect(status_of(deputy)).to_have_text("возвращён на доработку")

    teacher = logged_in_page("smirnova")
    teacher.goto("/rating/my/")
    expect(status_of(teacher)).to_have_text("возвращён на доработку")
    remark = teacher.locator(".notice", has_text="Замечание комиссии")  # beside it: the load is not entered
    expect(remark).to_contain_text("Приложите приказ о кружке.")
    expect(teacher.get_by_label("Самооценка, 2.3")).to_have_value("2")
    expect(teacher.get_by_role("button", name="Подать на проверку")).to_be_visible()


def test_the_deputy_confirms_other_points_with_a_reason_and_the_rating_pays_the_fund(logged_in_page, sheet):
    workflow.save_self(sheet, {"2.3": (2, "кружок"), "3.6": (1, "открытый урок")})
    workflow.submit(sheet)
    page = logged_in_page("deputy")
    page.goto(f"/rating/sheet/{sheet.pk}/")
    expect(page.get_by_label("Баллы комиссии, 2.3")).to_have_value("2")  # starts from the self-assessment

    page.get_by_label("Баллы комиссии, 2.3").fill("1")
    page.get_by_role("button", name="Подтвердить лист").click()

    expect(page.get_by_text("Не сохранено: Критерий 2.3 «Внеурочная деятельность, проекты и исследования "
                            "обучающихся»: баллы комиссии (1) отличаются от самооценки (2) — укажите причину "
                            "в комментарии.")).to_be_visible()
    expect(status_of(page)).to_have_text("подан на проверку")
    # Nothing of it was saved, and the page keeps what the deputy typed, to add the reason to.
    expect(page.get_by_label("Баллы комиссии, 2.3")).to_have_value("1")
    assert sheet.lines.get(code="2.3").confirmed_points == 2

    page.get_by_label("Баллы комиссии, 2.3").fill("1")
    page.get_by_label("Комментарий комиссии, 2.3").fill("Нет продуктов проектов.")
    page.get_by_role("button", name="Подтвердить лист").click()

    expect(page.get_by_text("Лист подтверждён.")).to_be_visible()
    expect(status_of(page)).to_have_text("подтверждён комиссией")
    expect(page.locator("h1 + p")).to_contain_text("самооценка 18 · баллы комиссии 17")

    page.get_by_role("link", name="Все оценочные листы года").click()
    page.get_by_label("Фонд стимулирующих выплат, руб.").fill("15000")
    page.get_by_role("button", name="Сохранить", exact=True).click()
    page.get_by_role("link", name="Рейтинг и выплаты").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Рейтинг педагогов, 2024/2025 учебный год")
    # 15 000 / 17 = 882,352… → 882,35 a point (down to the kopeck); 17 × 882,35 = 14 999,95.
    expect(page.locator(".facts div").filter(has_text="Стоимость балла").locator("dd")).to_have_text(
        re.compile(r"^882,35 руб\.$"))
    expect(page.locator(".facts div").filter(has_text="Остаток").locator("dd")).to_have_text("0,05 руб.")
    row = page.get_by_role("row").filter(has_text="Смирнова Мария")
    expect(row.get_by_role("cell").first).to_have_text("1")
    expect(row).to_contain_text(re.compile(r"14\s999,95"))
    expect(row.get_by_role("cell").nth(-2)).to_have_text("+1")  # самооценка 18 − баллы комиссии 17
    expect(page.get_by_role("heading", name="Не подтверждены комиссией")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Волков Олег")).to_contain_text("черновик")


NARROW_PHONE = {"width": 375, "height": 740}

# The sheet on the phone, as numbers: the page's and every table frame's overflow, and each field of the form
# of the criteria with its visible caption (a <label for>) and whether the field lies inside the screen.
SHEET_LAYOUT_JS = """() => ({
  page: document.documentElement.scrollWidth,
  frames: Array.from(document.querySelectorAll(".table-wrap")).map((f) => f.scrollWidth - f.clientWidth),
  fields: Array.from(document.querySelectorAll("table textarea, table input")).map((field) => {
    const box = field.getBoundingClientRect();
    const label = field.labels.length ? field.labels[0] : null;
    return {name: field.name, inside: box.left >= 0 && box.right <= window.innerWidth && box.width > 0,
            caption: label && label.getBoundingClientRect().width > 0 ? label.textContent.trim() : null};
  }),
})"""


def test_the_teacher_fills_her_sheet_on_a_phone_without_scrolling_sideways(logged_in_page, sheet):
    page = logged_in_page("smirnova", viewport=NARROW_PHONE)
    page.goto(f"/rating/sheet/{sheet.pk}/")

    layout = page.evaluate(SHEET_LAYOUT_JS)
    assert layout["page"] <= NARROW_PHONE["width"]
    assert set(layout["frames"]) == {0}  # no table scrolls inside its frame either: each criterion is a card
    # 10 computed criteria with a comment each, 2 declared with points and evidence: 14 fields.
    assert len(layout["fields"]) == 14
    captions = {"points": "Самооценка", "comment": "Подтверждение"}
    assert [f for f in layout["fields"] if not f["inside"] or f["caption"] != captions[f["name"].split("-")[0]]] == []
    expect(page.get_by_label("Самооценка, 2.3")).to_be_visible()
    expect(page.locator("label[for='points-2.3']")).to_have_text("Самооценка")
    # The column names are the captions now: the header row is left to screen readers (1 px, clipped).
    assert page.locator("thead").first.bounding_box()["height"] <= 1

    page.get_by_label("Самооценка, 2.3").fill("2")
    page.get_by_label("Подтверждение, 2.3").fill("Кружок «Юный математик», приказ № 12")
    page.get_by_label("Самооценка, 3.6").fill("1")
    page.get_by_label("Подтверждение, 1.1").fill("В 5Б не учтены отметки второго полугодия")
    page.get_by_role("button", name="Сохранить", exact=True).click()

    expect(page.get_by_text("Лист сохранён.")).to_be_visible()
    expect(page.get_by_label("Самооценка, 2.3")).to_have_value("2")
    saved = {line.code: (line.self_points, line.self_comment) for line in sheet.lines.all()}
    assert saved["2.3"] == (2, "Кружок «Юный математик», приказ № 12")
    assert saved["3.6"] == (1, "")
    assert saved["1.1"] == (2, "В 5Б не учтены отметки второго полугодия")  # computed points stay 2


def test_the_deputy_checks_a_sheet_on_a_phone_and_the_desktop_keeps_the_table(logged_in_page, sheet):
    workflow.save_self(sheet, {"2.3": (2, "кружок"), "3.6": (1, "открытый урок")})
    workflow.submit(sheet)
    phone = logged_in_page("deputy", viewport=NARROW_PHONE)
    phone.goto(f"/rating/sheet/{sheet.pk}/")

    layout = phone.evaluate(SHEET_LAYOUT_JS)
    assert layout["page"] <= NARROW_PHONE["width"] and set(layout["frames"]) == {0}
    captions = {"c-points": "Баллы комиссии", "c-comment": "Комментарий комиссии"}
    assert len(layout["fields"]) == 24  # 12 criteria × (points, comment)
    assert [f for f in layout["fields"] if not f["inside"] or f["caption"] != captions[f["name"].rsplit("-", 1)[0]]] == []

    desktop = logged_in_page("deputy")
    desktop.goto(f"/rating/sheet/{sheet.pk}/")
    expect(desktop.locator("thead").first).to_be_visible()
    expect(desktop.locator("label[for='c-points-2.3']")).to_be_hidden()  # the column's name says it
    row = desktop.get_by_role("row").filter(has=desktop.get_by_label("Баллы комиссии, 2.3"))
    tops = row.locator("th, td").evaluate_all("cells => cells.map((c) => Math.round(c.getBoundingClientRect().top))")
    assert len(set(tops)) == 1  # a table row: the six cells side by side
