import datetime

import pytest

from tests.accounts.personas import YEAR
from tests.datavalues.records import Records
from vsoko.audit.models import AuditEntry
from vsoko.indicators.models import Indicator
from vsoko.plan.approval import approve_plan
from vsoko.plan.carryover import NothingToCarryOver, carry_over_plan, source_year
from vsoko.plan.drafting import PlanExists
from vsoko.plan.models import PlanItem
from vsoko.plan.problems import indicator_problems
from vsoko.records.models import SchoolYear, StaffMember

pytestmark = pytest.mark.django_db

NEXT = YEAR + 1  # 2025/2026, the year being prepared in August 2025


def old_plan(world):
    """Last year's (2024/2025) plan of three items, the first done and noted. The personas' staff of 2024/2025:
    Смирнова, Волков, Белова."""
    school = world.school
    SchoolYear.objects.get_or_create(start=NEXT)
    PlanItem.objects.bulk_create([
        PlanItem(school=school, year_id=YEAR, group="Удовлетворённость", object="Анкета родителей",
                 indicators=["core.parents_satisfied", "core.quality"], method="анкетирование", periodicity="ежегодно",
                 months=[3], responsible="Смирнова М. И.", result_form="справка", position=1,
                 done_on=datetime.date(2025, 3, 28), note="рассмотрено на педсовете", problems="цель не достигнута"),
        PlanItem(school=school, year_id=YEAR, group="Кадры", object="Кадровый состав", indicators=[],
                 method="кадровые данные", months=[9, 1], responsible="Волков О. П., учитель физики", position=2),
        PlanItem(school=school, year_id=YEAR, group="Воспитание", object="Профилактика", indicators=["core.quality"],
                 months=[6], responsible="заместитель директора по ВР", position=3),
    ])


def test_last_years_plan_is_copied_with_its_months_methods_and_responsible(world):
    old_plan(world)

    made = carry_over_plan(school=world.school, year=NEXT, user=world.users["deputy"])

    assert made.source_year == YEAR
    items = list(PlanItem.objects.filter(school=world.school, year_id=NEXT))
    assert [(i.group, i.object, i.indicators, i.method, i.periodicity, i.months, i.responsible, i.result_form)
            for i in items] == [
        ("Удовлетворённость", "Анкета родителей", ["core.parents_satisfied", "core.quality"], "анкетирование",
         "ежегодно", [3], "Смирнова М. И.", "справка"),
        ("Кадры", "Кадровый состав", [], "кадровые данные", "", [9, 1], "Волков О. П., учитель физики",
         "аналитическая справка"),
        ("Воспитание", "Профилактика", ["core.quality"], "", "", [6], "заместитель директора по ВР",
         "аналитическая справка"),
    ]
    first = items[0]
    # The old year's execution and reasoning stay there; the deadline is March of the new year.
    assert (first.done_on, first.note, first.problems) == (None, "", "")
    assert first.deadline == datetime.date(2026, 3, 31)
    assert PlanItem.objects.filter(year_id=YEAR).count() == 3  # last year's plan is untouched
    assert made.notice == []
    entry = AuditEntry.objects.get(object_type="plan", object_id=str(NEXT))
    assert (entry.user, entry.details["пунктов"]) == (world.users["deputy"], 3)
    assert entry.details["действие"] == "план составлен по плану 2024/2025 учебного года"


def test_who_is_not_on_the_new_years_staff_list_is_left_empty_and_named(world):
    old_plan(world)
    # The staff list of 2025/2026 is loaded: Смирнова stays, Волков and Белова have left.
    Records(world.school).staff("P-001", year=NEXT, position="учитель")

    made = carry_over_plan(school=world.school, year=NEXT)

    responsible = dict(PlanItem.objects.filter(year_id=NEXT).values_list("object", "responsible"))
    assert responsible == {"Анкета родителей": "Смирнова М. И.", "Кадровый состав": "",
                           "Профилактика": "заместитель директора по ВР"}
    assert made.notice == ["Пункт «Кадровый состав»: ответственный не указан — в списке работников 2025/2026 учебного "
                           "года нет: Волков Олег (было: «Волков О. П., учитель физики»)."]


def test_before_the_new_staff_list_the_latest_one_says_who_works(world):
    old_plan(world)
    PlanItem.objects.filter(object="Профилактика").update(responsible="Орлова Т. С.")
    # Орлова worked in 2023/2024 only; 2025/2026 has no staff list yet, so 2024/2025's is the latest.
    orlova = StaffMember.objects.create(school=world.school, staff_id="P-009", last_name="Орлова", first_name="Татьяна")
    Records(world.school).staff("P-009", year=YEAR - 1)
    assert orlova.years.count() == 1

    made = carry_over_plan(school=world.school, year=NEXT)

    assert made.staff_year == YEAR
    assert PlanItem.objects.get(year_id=NEXT, object="Профилактика").responsible == ""
    assert PlanItem.objects.get(year_id=NEXT, object="Кадровый состав").responsible == "Волков О. П., учитель физики"
    assert [v.left for v in made.vacated] == [["Орлова Татьяна"]]


def test_indicators_gone_from_the_catalogs_are_left_out_and_reported(world):
    old_plan(world)
    PlanItem.objects.filter(object="Анкета родителей").update(indicators=["core.parents_satisfied", "core.removed"])
    Indicator.objects.filter(code="core.quality").update(retired=True)

    made = carry_over_plan(school=world.school, year=NEXT)

    indicators = dict(PlanItem.objects.filter(year_id=NEXT).values_list("object", "indicators"))
    assert indicators == {"Анкета родителей": ["core.parents_satisfied"], "Кадровый состав": [], "Профилактика": []}
    assert made.notice == [
        "Пункт «Анкета родителей»: показателей core.removed больше нет в каталогах школы — они не перенесены.",
        "Пункт «Профилактика»: показателей core.quality больше нет в каталогах школы — они не перенесены.",
    ]


def test_a_year_that_has_a_plan_is_refused_and_nothing_changes(world):
    old_plan(world)
    PlanItem.objects.create(school=world.school, year_id=NEXT, object="Свой пункт")

    with pytest.raises(PlanExists, match="План на 2025/2026 учебный год уже есть"):
        carry_over_plan(school=world.school, year=NEXT)

    assert list(PlanItem.objects.filter(year_id=NEXT).values_list("object", flat=True)) == ["Свой пункт"]
    assert not AuditEntry.objects.filter(object_type="plan", object_id=str(NEXT)).exists()


def test_an_approved_plan_whose_items_were_all_deleted_is_refused(world):
    old_plan(world)
    item = PlanItem.objects.create(school=world.school, year_id=NEXT, object="Свой пункт")
    approve_plan(school=world.school, year=NEXT, order_date=datetime.date(2024, 9, 1), order_number="1-о",
                 user=world.users["director"])
    item.delete()

    with pytest.raises(PlanExists, match="утверждён приказом директора"):
        carry_over_plan(school=world.school, year=NEXT)
    assert not PlanItem.objects.filter(year_id=NEXT).exists()


def test_without_an_earlier_plan_there_is_nothing_to_start_from(world):
    with pytest.raises(NothingToCarryOver, match="Плана ни на один учебный год до 2025/2026 нет"):
        carry_over_plan(school=world.school, year=NEXT)
    assert not PlanItem.objects.exists()


def test_the_source_is_the_latest_earlier_plan_of_the_school(world):
    PlanItem.objects.create(school=world.school, year_id=YEAR - 1, object="Позапрошлый")
    PlanItem.objects.create(school=world.other_school, year_id=YEAR, object="Чужой")

    assert source_year(world.school, NEXT) == YEAR - 1
    assert source_year(world.school, YEAR - 1) is None


def test_last_years_problems_are_said_as_in_the_draft_from_the_catalogs(falling_school):
    """Regulation 000, п. 1.18: the plan follows last year's problems, whichever way it is made. The school's
    knowledge quality in 2023/2024 missed its target, fell and is below the municipality's (conftest)."""
    from tests.decisions.conftest import decision

    PlanItem.objects.create(school=falling_school, year_id=2023, object="Качество знаний", months=[6],
                            indicators=["core.quality"], problems="проблема позапрошлого года", position=1)
    decision(falling_school, 2023, [], title="Открыть кружок робототехники", responsible="педагог ДО",
             deadline=datetime.date(2024, 12, 20))

    made = carry_over_plan(school=falling_school, year=2024)

    items = list(PlanItem.objects.filter(year_id=2024))
    # The sentences themselves are tested in test_problems: here, that they are those of 2023/2024, not the old ones.
    quality = indicator_problems(falling_school, 2023, [Indicator.objects.get(code="core.quality")])["core.quality"]
    assert len(quality) == 3  # below the target, worse than 2022/2023, worse than the municipality
    assert (items[0].object, items[0].problem_lines) == ("Качество знаний", quality)
    assert (items[1].group, items[1].object, items[1].months, items[1].responsible) == (
        "Проблемы и задачи по итогам 2023/2024 учебного года", "Исполнение решения «Открыть кружок робототехники»",
        [12], "педагог ДО")
    assert len(made.items) == 2
