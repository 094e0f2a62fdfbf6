"""Every page of today's parts on a 375 px phone: nothing wider than the screen, exactly one h1, every table
in its scrolling frame (.table-wrap, a named, focusable region), every field with a label, every status
badge with words (never colour alone).

The parts: «Рейтинг педагогов», «Дошкольное образование» (with «по организациям» for the observer), «Внешняя
оценка», «Социальный контекст», «Текст публичного доклада» and «Распределение нагрузки». Each test opens all pages
of one part with data on them and reports every problem found at once (page and what is wrong). The load's grid is
also used by keyboard (each select in view, then the save button), and the two newest pages are found where their
neighbours are (menu, section's links, eyebrow).
"""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.accounts.personas import YEAR, make_user
from tests.e2e.browser import open_from_menu
from vsoko.accounts.enums import Role
from vsoko.accounts.models import StaffAccount
from vsoko.oversight.enums import (
    Body,
    CredentialKind,
    InspectionKind,
    InspectionResult,
    ParticipationRole,
    Represents,
)
from vsoko.oversight.models import (
    Credential,
    Finding,
    Inspection,
    NokoMeasure,
    NokoResult,
    Participation,
    PublicExpert,
)
from vsoko.preschool.areas import areas
from vsoko.preschool.models import Evaluation, PreschoolGroup
from vsoko.rating import workflow
from vsoko.rating.models import RatingSheet
from vsoko.records.models import Assessment, SchoolClass, Subject
from vsoko.schedule.models import SubjectHours
from vsoko.teaching.models import TeachingAssignment

pytestmark = pytest.mark.e2e

SMALL_PHONE = {"width": 375, "height": 667}

# What a page shows wrongly, as a list of words (empty when all is well): run in the page.
PROBLEMS_JS = """(limit) => {
  const problems = [];
  const width = document.documentElement.scrollWidth;
  if (width > limit) problems.push(`шире экрана: ${width} px`);
  const h1 = document.querySelectorAll("h1").length;
  if (h1 !== 1) problems.push(`заголовков h1: ${h1}`);
  document.querySelectorAll("table").forEach((table, i) => {
    const frame = table.closest(".table-wrap");
    if (!frame) problems.push(`таблица ${i + 1} вне .table-wrap`);
    else if (frame.getAttribute("role") !== "region" || !frame.getAttribute("aria-label")
             || frame.getAttribute("tabindex") !== "0")
      problems.push(`рамка таблицы ${i + 1} без role=region, aria-label или tabindex`);
  });
  document.querySelectorAll("input, select, textarea").forEach((field) => {
    if (["hidden", "submit", "button"].includes(field.type)) return;
    const named = (field.labels && field.labels.length && field.labels[0].textContent.trim())
      || field.getAttribute("aria-label") || field.getAttribute("aria-labelledby");
    if (!named) problems.push(`поле без подписи: ${field.name || field.id}`);
  });
  document.querySelectorAll(".badge").forEach((badge) => {
    if (!badge.textContent.trim()) problems.push("состояние только цветом (пустой .badge)");
  });
  // A big figure (.stat__value) must fit its card: a sum of money in roubles did not on the phone.
  document.querySelectorAll(".stat__value").forEach((value) => {
    const range = document.createRange();
    range.selectNodeContents(value);
    if (range.getBoundingClientRect().right > value.closest(".stat").getBoundingClientRect().right)
      problems.push(`не помещается в карточку: «${value.textContent.trim()}»`);
  });
  // A heading of a panel inside it, not on its top border (a fieldset's legend sits on the border).
  document.querySelectorAll(".panel h2, .panel h3").forEach((heading) => {
    if (heading.getBoundingClientRect().top < heading.closest(".panel").getBoundingClientRect().top + 1)
      problems.push(`заголовок на рамке панели: «${heading.textContent.trim()}»`);
  });
  // Buttons of one row wrapped onto two lines on the phone must not touch (nor overlap) each other.
  const buttons = Array.from(document.querySelectorAll(".button")).filter((b) => b.offsetParent);
  buttons.forEach((a, i) => buttons.slice(i + 1).forEach((b) => {
    if (a.parentElement !== b.parentElement) return;
    const upper = a.getBoundingClientRect(), lower = b.getBoundingClientRect();
    const sideBySide = upper.right > lower.left && lower.right > upper.left;
    if (sideBySide && lower.top - upper.bottom < 2 && lower.bottom > upper.top)
      problems.push(`кнопки вплотную: «${a.textContent.trim()}» и «${b.textContent.trim()}»`);
  }));
  return problems;
}"""


def check(logged_in_page, username: str, urls: list[str]) -> None:
    page = logged_in_page(username, viewport=SMALL_PHONE)
    found = []
    for url in urls:
        response = page.goto(url)
        if not response.ok:
            found.append(f"{url}: HTTP {response.status}")
            continue
        found += [f"{url}: {problem}" for problem in page.evaluate(PROBLEMS_JS, SMALL_PHONE["width"])]
    assert not found, "\n".join(found)


def test_the_check_sees_what_it_looks_for(logged_in_page, world):
    page = logged_in_page("deputy", viewport=SMALL_PHONE)
    page.goto("/rating/")
    assert page.evaluate(PROBLEMS_JS, SMALL_PHONE["width"]) == []

    page.evaluate("""() => {
      const main = document.querySelector("main");
      main.insertAdjacentHTML("beforeend", '<h1>Второй</h1><table><tr><td>1</td></tr></table>'
        + '<input name="bare"><span class="badge badge--invalid"></span><div style="width: 600px">широко</div>');
    }""")

    wide, *others = page.evaluate(PROBLEMS_JS, SMALL_PHONE["width"])
    assert wide.startswith("шире экрана: 6")  # the 600 px block and the page's margins
    assert others == ["заголовков h1: 2", "таблица 1 вне .table-wrap", "поле без подписи: bare",
                      "состояние только цветом (пустой .badge)"]


def link_teacher(world, who: str):
    user = make_user(who, role=Role.TEACHER, org_unit=world.school, subject=world.subjects["math"])
    StaffAccount.objects.create(user=user, staff=world.staff[who])
    return user


@pytest.fixture
def rating(world):
    """Смирнова's sheet submitted (the commission's form), Волков's confirmed (a row of the rating), a fund."""
    link_teacher(world, "smirnova")
    period = workflow.open_period(world.school, YEAR, fund=Decimal("15000"))
    sheets = {s.staff_id: s for s in RatingSheet.objects.filter(period=period)}
    submitted, confirmed = sheets[world.staff["smirnova"].pk], sheets[world.staff["volkov"].pk]
    for sheet in (submitted, confirmed):
        workflow.save_self(sheet, {"2.3": (2, "Кружок «Юный математик», приказ № 12 от 02.09.2024"),
                                   "3.6": (1, "Открытый урок")})
        workflow.submit(sheet)
    workflow.confirm(confirmed, None)
    return period, submitted


def test_the_rating_pages_fit_the_phone(logged_in_page, world, rating):
    period, sheet = rating
    check(logged_in_page, "deputy", ["/rating/", f"/rating/{period.pk}/", f"/rating/{period.pk}/rating/",
                                     f"/rating/sheet/{sheet.pk}/"])


def test_the_teachers_rating_pages_fit_the_phone(logged_in_page, world, rating):
    period, sheet = rating
    workflow.return_sheet(sheet, "Приложите приказ о кружке.")  # editable again, with the remark
    check(logged_in_page, "smirnova", ["/rating/", "/rating/my/"])
    check(logged_in_page, "teacher", ["/rating/my/"])  # no staff record linked: the empty page


@pytest.fixture
def group(world):
    group = PreschoolGroup.objects.create(school=world.school, year_id=YEAR, name="Младшая разновозрастная группа",
                                          age_band="2–4 года", children=15, children_ovz=1)
    Evaluation.objects.bulk_create(
        Evaluation(group=group, indicator=ind.key, level=1 if i == 0 else 3, evaluator="Иванова И. И.",
                   evaluated_on=datetime.date(2025, 4, 20), comment="Нет информационного стенда" if i == 0 else "")
        for i, ind in enumerate(ind for area in areas() for ind in area.indicators))
    return group


def test_the_preschool_pages_fit_the_phone(logged_in_page, world, group):
    check(logged_in_page, "deputy", ["/preschool/", "/preschool/groups/new/", f"/preschool/groups/{group.pk}/",
                                     f"/preschool/groups/{group.pk}/edit/", "/preschool/conclusion/"])
    check(logged_in_page, "teacher", [f"/preschool/groups/{group.pk}/"])  # the levels to read, in tables


@pytest.fixture
def oversight(world):
    today = datetime.date.today()
    school = world.school
    Credential.objects.create(school=school, kind=CredentialKind.LICENCE, number="Л035-01234-56/00123456",
                              issued_on=datetime.date(2016, 3, 1), issuer="Министерство образования области",
                              scope="начальное общее, основное общее, среднее общее образование")
    Credential.objects.create(school=school, kind=CredentialKind.ACCREDITATION, number="А007-01234-56/00987654",
                              issued_on=datetime.date(2015, 5, 1), issuer="Министерство образования области",
                              scope="основное общее образование", indefinite=False, valid_until=datetime.date(2027, 5, 1))
    inspection = Inspection.objects.create(school=school, body=Body.EDUCATION, body_note="Министерство образования "
                                           "и науки области, отдел государственного контроля (надзора)",
                                           kind=InspectionKind.UNPLANNED, started_on=today - datetime.timedelta(days=40),
                                           subject="соблюдение требований законодательства об образовании",
                                           result=InspectionResult.VIOLATIONS, act="№ 17 от 12.03.2025")
    Finding.objects.create(inspection=inspection, text="На официальном сайте не размещён отчёт о самообследовании "
                           "за прошлый год (п. 3 ч. 2 ст. 29 Федерального закона № 273-ФЗ)",
                           deadline=today - datetime.timedelta(days=1), responsible=world.staff["smirnova"])
    Finding.objects.create(inspection=inspection, text="Локальный акт о формах обучения", fixed_on=today,
                           deadline=today + datetime.timedelta(days=5))
    Inspection.objects.create(school=school, body=Body.FIRE, kind=InspectionKind.PLANNED, subject="пожарная "
                              "безопасность", started_on=today - datetime.timedelta(days=400),
                              result=InspectionResult.CLEAN)
    scores = {"openness": Decimal("90"), "comfort": Decimal("80"), "accessibility": Decimal("70.5"),
              "courtesy": Decimal("100"), "satisfaction": Decimal("60")}
    NokoResult.objects.create(school=school, year=YEAR - 1, **scores)
    noko = NokoResult.objects.create(school=school, year=YEAR, place=3, places=12,
                                     **scores | {"accessibility": None})
    NokoMeasure.objects.create(result=noko, text="Установить пандус у входа в здание", deadline=today)
    expert = PublicExpert.objects.create(school=school, last_name="Щербакова", first_name="Ульяна",
                                         represents=Represents.PARENTS, trained_on=datetime.date(2024, 10, 1),
                                         training="Курсы общественных наблюдателей")
    vpr = Assessment.objects.get(school=school, assessment_id="VPR-5-M")
    Participation.objects.create(expert=expert, assessment=vpr, date=datetime.date(2025, 4, 15),
                                 role=ParticipationRole.OBSERVER)
    return inspection, noko, expert


def test_the_oversight_pages_fit_the_phone(logged_in_page, world, oversight):
    inspection, noko, expert = oversight
    check(logged_in_page, "deputy", [
        "/oversight/", "/oversight/inspections/", "/oversight/noko/", "/oversight/experts/",
        f"/oversight/credentials/new/?kind={CredentialKind.ACCREDITATION}", "/oversight/inspections/new/",
        f"/oversight/inspections/{inspection.pk}/", f"/oversight/inspections/{inspection.pk}/findings/new/",
        "/oversight/noko/new/", f"/oversight/noko/{noko.pk}/", f"/oversight/noko/{noko.pk}/measures/new/",
        "/oversight/experts/new/", f"/oversight/experts/{expert.pk}/participations/new/"])


def test_the_social_context_and_the_public_report_texts_fit_the_phone(logged_in_page, world):
    check(logged_in_page, "director", ["/assessments/context/", "/reports/public/texts/"])
    check(logged_in_page, "deputy", ["/assessments/context/"])


@pytest.fixture
def load(world):
    """Grade 5 of five classes (5А–5Д) and three subjects by the curriculum, one of them with a long name:
    a grid of 5 × 3 selects, wider than a phone."""
    for letter in "ВГД":
        SchoolClass.objects.create(school=world.school, year_id=YEAR, name=f"5{letter}", grade=5, letter=letter)
    odnknr = Subject.objects.create(name="Основы духовно-нравственной культуры народов России")
    for subject in (world.subjects["math"], world.subjects["physics"], odnknr):
        SubjectHours.objects.create(school=world.school, year_id=YEAR, grade=5, subject=subject, hours=34)
    TeachingAssignment.objects.create(school=world.school, year_id=YEAR, school_class=world.classes["5Б"],
                                      subject=world.subjects["math"], staff=world.staff["smirnova"])
    return odnknr


# Each select of the grid with the names of its column («5Б») and of its row («Математика»), as a screen reader
# reads them out of the table's headers.
GRID_SELECTS_JS = """() => Array.from(document.querySelectorAll("form table select")).map((select) => {
  const cell = select.closest("td"), row = cell.closest("tr");
  const column = cell.closest("table").tHead.rows[0].cells[cell.cellIndex].textContent.trim();
  return [select.getAttribute("aria-label"), `${column}, ${row.cells[0].textContent.trim()}`];
})"""


def test_the_load_page_fits_the_phone(logged_in_page, world, load):
    check(logged_in_page, "deputy", ["/data/load/?grade=5", "/data/load/?grade=10"])

    page = logged_in_page("deputy", viewport=SMALL_PHONE)
    page.goto("/data/load/?grade=5")
    labels = page.evaluate(GRID_SELECTS_JS)
    assert len(labels) == 5 * 3
    assert [given for given, _ in labels] == [expected for _, expected in labels]
    assert labels[0][0] == "5А, Математика" and labels[-1][0] == "5Д, Физика"  # rows by name
    # The grid is wider than the phone: it scrolls inside its frame, the page does not.
    frame = page.get_by_role("region", name="Нагрузка 5 класса")
    assert frame.evaluate("(f) => f.scrollWidth > f.clientWidth")
    # Scrolled to its last class, the grid still names each row: the subjects' column stays at the left edge.
    frame.evaluate("(f) => { f.scrollLeft = f.scrollWidth; }")
    subject = frame.get_by_role("rowheader", name="Физика")
    subject.scroll_into_view_if_needed()
    assert subject.bounding_box()["x"] >= frame.bounding_box()["x"]
    assert page.evaluate("(el) => document.elementFromPoint(el.getBoundingClientRect().left + 5, "
                         "el.getBoundingClientRect().top + 5) === el", subject.element_handle())
    assert page.evaluate("() => document.documentElement.scrollWidth") <= SMALL_PHONE["width"]


# The focused element's name, and whether it is on the screen and not covered: the point in its middle (after the
# browser scrolled it into view) belongs to it, not to the pinned column of subjects or anything else.
FOCUSED_JS = """() => {
  const el = document.activeElement, box = el.getBoundingClientRect();
  const x = box.left + box.width / 2, y = box.top + box.height / 2;
  const onScreen = x > 0 && x < window.innerWidth && y > 0 && y < window.innerHeight;
  const top = document.elementFromPoint(x, y);
  return [el.getAttribute("aria-label") || el.textContent.trim(), onScreen && !!top && el.contains(top)];
}"""


def test_the_load_grid_is_used_by_keyboard_on_the_phone(logged_in_page, world, load):
    """From the grid's frame Tab walks the selects in the table's order, row by row, and then reaches the save
    button, which stands on the screen without scrolling sideways."""
    page = logged_in_page("deputy", viewport=SMALL_PHONE)
    page.goto("/data/load/?grade=5")
    page.get_by_role("region", name="Нагрузка 5 класса").focus()
    walked, hidden = [], []
    for _ in range(5 * 3 + 1):
        page.keyboard.press("Tab")
        name, seen = page.evaluate(FOCUSED_JS)
        walked.append(name)
        if not seen:
            hidden.append(name)
    rows = ("Математика", "Основы духовно-нравственной культуры народов России", "Физика")
    assert walked == [f"5{letter}, {subject}" for subject in rows for letter in "АБВГД"] + [
        "Сохранить нагрузку 5 класса"]
    save = page.get_by_role("button", name="Сохранить нагрузку 5 класса")
    assert hidden == []  # each select came into view, clear of the subjects' column pinned at the left
    box = save.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= SMALL_PHONE["width"]
    assert page.evaluate("() => window.scrollX") == 0

    page.keyboard.press("Enter")  # saved by keyboard: nothing changed, the page says so
    expect(page.get_by_text("Распределение нагрузки сохранено: изменений нет.")).to_be_visible()


def test_the_load_page_follows_its_neighbours(logged_in_page, world, load):
    """Found where «Данные» keeps its pages: the section's link and the menu's current section; the eyebrow
    leads back to «Данные», the title of the tab is the page's heading."""
    page = logged_in_page("deputy")
    page.get_by_role("navigation", name="Разделы").get_by_role("link", name="Данные").click()
    # Under a heading that names it (below the history of uploads, «Утверждение и журнал» did not).
    page.get_by_role("region", name="Утверждение, нагрузка и журнал").get_by_role(
        "link", name="Распределение нагрузки").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Распределение нагрузки")
    expect(page).to_have_title("Распределение нагрузки — vsoko")
    expect(page.get_by_role("navigation", name="Разделы").locator("[aria-current=page]")).to_have_text("Данные")
    expect(page.locator(".eyebrow").get_by_role("link")).to_have_text("Данные")

    # Those who may not enter the load are not led there: no «Данные» in a teacher's menu nor the observer's.
    for who in ("teacher", "observer"):
        menu = logged_in_page(who).get_by_role("navigation", name="Разделы")
        expect(menu.get_by_role("link", name="Обзор")).to_be_visible()
        expect(menu.get_by_role("link", name="Данные")).to_have_count(0)


@pytest.fixture
def preschool_municipality(world):
    """A group in each school of the municipality, rated in one area each."""
    for school, name in ((world.school, "Младшая разновозрастная группа"), (world.other_school, "Подготовительная")):
        group = PreschoolGroup.objects.create(school=school, year_id=YEAR, name=name, age_band="3–7 лет",
                                              children=12)
        Evaluation.objects.bulk_create(
            Evaluation(group=group, indicator=ind.key, level=2, evaluator="Иванова И. И.",
                       evaluated_on=datetime.date(2025, 4, 20)) for ind in areas()[0].indicators)


def test_the_preschool_municipality_page_fits_the_phone(logged_in_page, world, preschool_municipality):
    check(logged_in_page, "observer", ["/preschool/municipality/", f"/preschool/municipality/?year={YEAR}"])


def test_the_preschool_municipality_page_follows_its_neighbours(logged_in_page, world, preschool_municipality):
    """The observer finds it under «Мониторинг» → «Дошкольное образование» and on «Сравнение школ»; the menu
    marks «Дошкольное образование» as the current section, the eyebrow leads back to it."""
    page = logged_in_page("observer")
    open_from_menu(page, "Мониторинг", "Дошкольное образование")
    page.get_by_role("link", name="Все организации муниципалитета").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Дошкольное образование по организациям")
    expect(page).to_have_title("Дошкольное образование по организациям — vsoko")
    expect(page.get_by_role("navigation", name="Разделы").locator("[aria-current=page]")).to_have_text(
        "Дошкольное образование")
    expect(page.locator(".eyebrow").get_by_role("link")).to_have_text("Дошкольное образование")

    page.get_by_role("navigation", name="Разделы").get_by_role("link", name="Сравнение школ").click()
    page.get_by_role("link", name="Дошкольное образование по организациям").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Дошкольное образование по организациям")

    # A role of one school is not led there (it would get 403): neither the button nor «Сравнение школ».
    deputy = logged_in_page("deputy")
    open_from_menu(deputy, "Мониторинг", "Дошкольное образование")
    expect(deputy.get_by_role("heading", level=1)).to_have_text("Мониторинг качества дошкольного образования")
    expect(deputy.get_by_role("link", name="Все организации муниципалитета")).to_have_count(0)
    expect(deputy.get_by_role("navigation", name="Разделы").get_by_role("link", name="Сравнение школ")).to_have_count(0)
