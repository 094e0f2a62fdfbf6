"""Every page of today's parts on a 375 px phone: nothing wider than the screen, exactly one h1, every table
in its scrolling frame (.table-wrap, a named, focusable region), every field with a label, every status
badge with words (never colour alone).

The parts: «Рейтинг педагогов», «Дошкольное образование», «Внешняя оценка», «Социальный контекст» and
«Текст публичного доклада». Each test opens all pages of one part with data on them and reports every
problem found at once (page and what is wrong).
"""

import datetime
from decimal import Decimal

import pytest

from tests.accounts.personas import YEAR, make_user
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
from vsoko.records.models import Assessment

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
