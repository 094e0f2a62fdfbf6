import datetime

import pytest

from tests.accounts.personas import YEAR
from vsoko.audit.models import AuditEntry
from vsoko.indicators.catalogs import CATALOG_DIR, read_catalog, store_catalog
from vsoko.indicators.enums import Method
from vsoko.indicators.models import Catalog, Indicator, SchoolCatalog
from vsoko.plan.drafting import PlanExists, draft_plan, months_for, stated_months
from vsoko.plan.enums import PlanStatus
from vsoko.plan.models import PlanItem, month_end

pytestmark = pytest.mark.django_db

PARENTS = ["core.parents_satisfied", "core.parents_satisfied.facilities", "core.parents_satisfied.safety",
           "core.parents_satisfied.staff", "core.parents_satisfied.climate",
           "core.parents_satisfied.extracurricular", "core.parents_satisfied.information"]


def test_the_draft_has_an_item_per_criterion_of_the_catalog(world):
    items = draft_plan(school=world.school, year=YEAR, user=world.users["deputy"])

    core = Catalog.objects.get(code="core").name
    # core.yaml has 14 criteria in 6 groups (Контингент … Профилактика).
    assert [item.object for item in items] == [
        "Контингент", "Успеваемость", "Выпускники", "ОГЭ", "ЕГЭ", "Результаты ВПР", "Объективность ВПР",
        "Олимпиады и конкурсы", "Дополнительное образование", "Кадровый состав", "Квалификация",
        "Анкета родителей", "Анкета обучающихся", "Профилактика"]
    parents = PlanItem.objects.get(school=world.school, year_id=YEAR, object="Анкета родителей")
    assert (parents.group, parents.indicators, parents.method, parents.periodicity, parents.months,
            parents.responsible) == (
        f"{core}: Удовлетворённость", PARENTS, "анкетирование (лист «Ответы анкет» или анкеты vsoko)", "ежегодно",
        [3], "заместитель директора по ВР")
    oge = PlanItem.objects.get(object="ОГЭ")
    assert (oge.months, oge.periodicity) == ([7], "по мере проведения")
    assert AuditEntry.objects.filter(object_type="plan", object_id=str(YEAR), user=world.users["deputy"]).exists()


def test_a_second_draft_is_refused_and_adds_nothing(world):
    draft_plan(school=world.school, year=YEAR)

    with pytest.raises(PlanExists, match="План на 2024/2025 учебный год уже есть"):
        draft_plan(school=world.school, year=YEAR)
    assert PlanItem.objects.count() == 14


@pytest.mark.parametrize(("collection", "months"), [
    ("анкетирование родителей", [3]), ("выгрузка из ГИС ФИС ОКО (п. 7.1)", [4, 5]),
    ("протоколы ГИА (листы «Оценочные процедуры», «Результаты участников»)", [7]), ("протоколы проведения этапов ВСОШ", [12, 2]),
    ("кадровые данные (листы «Педагогические работники», «Развитие педагогов»)", [9]), ("формы федерального статистического наблюдения", [10]),
    ("годовые отметки (лист «Отметки за периоды»)", [6]),
])
def test_months_follow_the_way_of_collection(collection, months):
    assert months_for(collection) == months


def test_the_diagnostics_of_regulation_000_are_planned_in_their_procedures_months(world):
    # Regulation 000, п. 4.4: the 1st grade's readiness is studied in September and its adaptation, the 5th grade's
    # adaptation and the anxiety «в период адаптации» in October (vsoko/diagnostics/procedures.yaml), not at the
    # end of the year in June, where the way of collection alone («мониторинговые исследования и диагностики») put
    # them.
    errors: list[str] = []
    store_catalog(read_catalog(CATALOG_DIR / "reg000.yaml", errors))
    assert errors == []
    SchoolCatalog.objects.create(school=world.school, catalog=Catalog.objects.get(code="reg000"))

    items = draft_plan(school=world.school, year=YEAR)

    diagnostics = {item.object: item.months for item in items if item.group.endswith("Диагностики обучающихся (п. 4.4)")}
    assert diagnostics == {
        "Оценка качества образовательных результатов обучающихся (п. 4.4.1)": [9, 10],
        "Оценка качества организации образовательной деятельности (п. 4.4.2)": [10],
        "Оценка качества воспитательной работы (п. 4.4.4)": [4],
        "Оценка здоровья обучающихся (п. 4.4.6)": [9],
    }
    # «Социализация обучающихся»: graduates' placement «по итогам трудоустройства выпускников (сентябрь)» (4.1, 4.3)
    # and pupils on the ПДН/КДН register «на конец учебного года» (4.2).
    socialisation = next(item for item in items if item.object == "Социализация обучающихся")
    assert socialisation.months == [9, 6]
    # ...and the periodicity says so in the catalog's words, not the bare «ежегодно».
    assert socialisation.periodicity == "по итогам трудоустройства выпускников (сентябрь), на конец учебного года"
    # «Внешняя оценка»: ГИА «по итогам ГИА» in July; the regional study «по мере проведения» and the olympiads
    # («образовательная статистика») have no month and are guessed at the end of the year.
    external = next(item for item in items if item.object == "Внешняя оценка")
    assert external.months == [6, 7]
    # Nothing fixes a month for «Доля обучающихся, которые занимаются спортом» and its neighbours: still the guess.
    health = next(item for item in items if item.object == "Здоровье обучающихся")
    assert health.months == [6]


@pytest.mark.parametrize(("periodicity_text", "formula", "months"), [
    ("на 1 сентября", "", {9}),
    ("по итогам поступления (сентябрь)", "", {9}),
    ("на начало учебного года", "", {9}),
    ("на конец учебного года", "", {6}),
    ("до 20 апреля", "", {4}),
    ("до 1 мая", "", {5}),
    ("по итогам ГИА", "", {7}),
    ("по итогам ВПР", "", {4, 5}),
    ("по итогам допуска к ГИА", "", set()),
    ("ежегодно (отчёт о самообследовании)", "", set()),
    ("", "percent(diagnostics.pupils[diagnostic=anxiety, diagnostic_level=high], diagnostics.pupils[diagnostic=anxiety])",
     {10}),
    ("", "percent(diagnostics.pupils[diagnostic=readiness_1|upbringing, favourable=yes], diagnostics.pupils[grade=1])",
     {9, 4}),
])
def test_stated_months_of_an_indicator(periodicity_text, formula, months):
    indicator = Indicator(code="x", name="x", periodicity_text=periodicity_text, formula=formula,
                          method=Method.COMPUTED if formula else Method.ENTERED)
    assert stated_months(indicator) == months


def test_a_periodicity_naming_vpr_results_gets_both_months_of_the_vpr():
    # «по итогам ВПР» fixed April and May as two entries of the same phrase; one phrase with both months now.
    indicator = Indicator(code="x", name="x", periodicity_text="ежегодно, по итогам ВПР (в сроки Рособрнадзора)",
                          method=Method.ENTERED)
    assert stated_months(indicator) == {4, 5}


def test_month_ends_fall_in_the_school_year():
    assert month_end(2024, 10) == datetime.date(2024, 10, 31)
    assert month_end(2024, 2) == datetime.date(2025, 2, 28)
    assert month_end(2023, 2) == datetime.date(2024, 2, 29)


@pytest.mark.parametrize(("months", "done_on", "today", "status"), [
    ([4], None, datetime.date(2025, 3, 31), PlanStatus.PLANNED),
    ([4], None, datetime.date(2025, 4, 1), PlanStatus.DUE),
    ([4], None, datetime.date(2025, 4, 30), PlanStatus.DUE),
    ([4], None, datetime.date(2025, 5, 1), PlanStatus.OVERDUE),
    ([10, 4], None, datetime.date(2024, 12, 1), PlanStatus.PLANNED),  # between its months
    ([10, 4], None, datetime.date(2024, 10, 15), PlanStatus.DUE),
    ([4], datetime.date(2025, 6, 2), datetime.date(2025, 9, 1), PlanStatus.DONE),
    ([], None, datetime.date(2025, 9, 1), PlanStatus.PLANNED),  # no months: never overdue
])
def test_status_against_the_months(world, months, done_on, today, status):
    item = PlanItem(school=world.school, year_id=YEAR, object="x", months=months, done_on=done_on)

    assert item.status(today) == status
