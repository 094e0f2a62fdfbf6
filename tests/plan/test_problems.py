"""Last year's problems in words (vsoko.plan.problems), and the draft of a year's plan that says which items they
concern (vsoko.plan.drafting). The school (conftest.falling_school): knowledge quality 75 % in 2022/2023 and 60 % in
2023/2024 against a target of 70 %, the municipality's 68 % and the region's 55 %; success 100 % both years."""

import datetime

import pytest
from django.urls import reverse

from tests.accounts.personas import make_user
from tests.decisions.conftest import decision
from vsoko.accounts.enums import Role
from vsoko.audit.models import AuditEntry
from vsoko.decisions.enums import Body, DecisionStatus
from vsoko.indicators.models import Indicator
from vsoko.plan.drafting import draft_plan
from vsoko.plan.models import PlanItem
from vsoko.plan.problems import decision_problem, indicator_problems, open_decisions

pytestmark = pytest.mark.django_db

YEAR = 2024  # the year planned; its problems are those of 2023/2024
QUALITY = [
    "в 2023/2024 показатель «Качество знаний» ниже целевого: 60,0 % при цели 70,0 %",
    "в 2023/2024 показатель «Качество знаний» хуже, чем в 2022/2023: 60,0 % против 75,0 %",
    "в 2023/2024 показатель «Качество знаний» хуже, чем по муниципалитету: 60,0 % против 68,0 %",
]

# СОУ = (n5 + 0,64·n4 + 0,36·n3 + 0,16·n2) / n of the marks: 2022/2023 — three 5, three 4, two 3: 5,64/8 = 70,5 %;
# 2023/2024 — three 5, three 4, four 3: 6,36/10 = 63,6 %.
SOU = "в 2023/2024 показатель «Степень обученности (СОУ)» хуже, чем в 2022/2023: 63,6 % против 70,5 %"


def indicators(*codes):
    return list(Indicator.objects.filter(code__in=codes).order_by("code"))


def test_a_missed_target_a_fall_and_a_worse_benchmark_are_said_with_the_values(falling_school):
    problems = indicator_problems(falling_school, YEAR - 1, indicators("core.quality", "core.success"))

    # Success, 100 % both years with no target, has none; the region's 55 % is below the school's 60 %.
    assert problems == {"core.quality": QUALITY}


def test_a_benchmark_worse_only_beyond_the_shown_digits_is_no_problem(falling_school):
    """The municipality's 60,04 % against the school's 60 %: «хуже … 60 % против 60 %» says nothing a reader can
    see; the region's 60,06 % is shown as 60,1 % and stays a problem."""
    from vsoko.datavalues.compute import recompute
    from vsoko.records.enums import ValueScope
    from vsoko.records.models import ManualValue

    ManualValue.objects.filter(indicator="core.quality", year_id=YEAR - 1, scope=ValueScope.MUNICIPALITY).update(
        value="60.04")
    ManualValue.objects.filter(indicator="core.quality", year_id=YEAR - 1, scope=ValueScope.REGION).update(
        value="60.06")
    recompute(falling_school, [YEAR - 1])

    problems = indicator_problems(falling_school, YEAR - 1, indicators("core.quality"))

    assert problems == {"core.quality": QUALITY[:2] + [
        "в 2023/2024 показатель «Качество знаний» хуже, чем по региону: 60,0 % против 60,1 %"]}


def test_a_year_without_values_has_no_problems(falling_school):
    assert indicator_problems(falling_school, 2020, indicators("core.quality")) == {}
    assert indicator_problems(falling_school, YEAR - 1, []) == {}


def test_a_change_under_the_decisions_threshold_is_no_fall(falling_school):
    """2023/2024 → 2024/2025: 60 % → 1/2 = 50 % is a fall; with no target and no benchmark in 2024/2025, only it."""
    assert indicator_problems(falling_school, YEAR, indicators("core.quality")) == {"core.quality": [
        "в 2024/2025 показатель «Качество знаний» хуже, чем в 2023/2024: 50,0 % против 60,0 %"]}
    # The number of pupils (no direction) changes 5 → 2 and is never a problem.
    assert indicator_problems(falling_school, YEAR, indicators("core.students_total")) == {}


def test_the_draft_says_why_an_item_concerns_last_years_problems(falling_school):
    items = draft_plan(school=falling_school, year=YEAR)

    by_object = {item.object: item for item in items}
    assert len(items) == 14  # one per criterion: no item added for indicators
    progress = by_object["Успеваемость"]
    assert "core.quality" in progress.indicators
    assert progress.problem_lines == [*QUALITY, SOU]  # success 100 %, no excellent pupils either year: none
    assert by_object["Контингент"].problems == ""
    stored = PlanItem.objects.get(school=falling_school, year_id=YEAR, object="Успеваемость")
    assert stored.problem_lines == progress.problem_lines
    entry = AuditEntry.objects.get(object_type="plan")
    assert entry.details["по проблемам прошлого года"] == sum(1 for item in items if item.problems)


def test_open_decisions_of_last_year_mark_their_items_or_become_items(falling_school):
    last = YEAR - 1
    asked = PlanItem.objects.create(school=falling_school, year_id=last, object="Анкета родителей", months=[3])
    by_indicator = decision(falling_school, last, ["core.quality"], title="ВШК по математике", body=Body.TEACHERS_COUNCIL,
                            document_number="3", status=DecisionStatus.IN_PROGRESS,
                            deadline=datetime.date(2024, 12, 31))
    by_item = decision(falling_school, last, [], title="Обсудить итоги анкеты", plan_item=asked,
                       body=Body.SCHOOL_COUNCIL, document_number="2")
    alone = decision(falling_school, last, ["core.no_such_code"], title="Открыть логопункт",
                     body=Body.CONSILIUM, responsible="учитель-логопед", deadline=datetime.date(2024, 10, 15))
    decision(falling_school, last, ["core.quality"], title="Выполнено", status=DecisionStatus.DONE,
             result_note="проведено")
    decision(falling_school, last, [], title="Отменено", status=DecisionStatus.CANCELLED)
    decision(falling_school, last - 1, [], title="Позапрошлогоднее")

    assert open_decisions(falling_school, last) == [by_indicator, by_item, alone]
    items = draft_plan(school=falling_school, year=YEAR)

    by_object = {item.object: item for item in items}
    assert by_object["Успеваемость"].problem_lines[4:] == [
        "решение 2023/2024 учебного года «ВШК по математике» (педагогический совет, № 3, 30.05.2024) не исполнено: "
        "выполняется, срок 31.12.2024"]
    assert by_object["Анкета родителей"].problem_lines == [
        "решение 2023/2024 учебного года «Обсудить итоги анкеты» (Совет школы, № 2, 30.05.2024) не исполнено: "
        "запланировано"]
    added = items[-1]
    assert len(items) == 15
    assert (added.group, added.object, added.indicators, added.months, added.responsible, added.problems,
            added.position) == (
        "Проблемы и задачи по итогам 2023/2024 учебного года", "Исполнение решения «Открыть логопункт»", [], [10],
        "учитель-логопед", decision_problem(alone), 15)
    assert not any("Выполнено" in item.problems or "Отменено" in item.problems or "Позапрошлогоднее" in item.problems
                   for item in items)


def test_a_decision_whose_deadline_is_outside_the_year_is_checked_in_september(falling_school):
    decision(falling_school, YEAR - 1, [], title="Без срока")
    decision(falling_school, YEAR - 1, [], title="Просрочено", deadline=datetime.date(2024, 5, 1))

    items = draft_plan(school=falling_school, year=YEAR)

    assert [(item.object, item.months) for item in items[-2:]] == [
        ("Исполнение решения «Без срока»", [9]), ("Исполнение решения «Просрочено»", [9])]


def test_the_deputy_drafts_on_the_page_and_every_role_reads_why(client, falling_school):
    deputy = make_user("deputy", role=Role.DEPUTY, org_unit=falling_school)
    teacher = make_user("teacher", role=Role.TEACHER, org_unit=falling_school)
    client.force_login(deputy)

    response = client.post(reverse("plan:draft"), follow=True)

    marked = PlanItem.objects.filter(school=falling_school, year_id=YEAR).exclude(problems="").count()
    assert marked >= 1
    assert (f"Проект плана составлен по каталогам: пунктов — 14, из них по проблемам 2023/2024 учебного года — "
            f"{marked}." in response.content.decode())
    client.force_login(teacher)
    page = client.get(reverse("plan:index")).content.decode()
    assert "По итогам прошлого года:" in page
    assert f"<li>{QUALITY[0]}</li>" in page
