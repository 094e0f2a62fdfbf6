import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.accounts.personas import YEAR, make_user
from tests.decisions.conftest import decision
from vsoko.accounts.enums import Role
from vsoko.audit.models import AuditEntry
from vsoko.decisions.enums import Basis, DecisionStatus
from vsoko.decisions.models import Decision
from vsoko.plan.models import PlanItem
from vsoko.records.models import SchoolYear

pytestmark = pytest.mark.django_db

VALID = {"title": "ВШК по математике в 5-х классах", "text": "Посетить уроки, проверить тетради.",
         "date": "2025-03-01", "basis": Basis.INDICATOR, "indicator_codes": "core.quality, core.success",
         "body": "teachers_council", "document_number": "3", "responsible": "Петрова Н. В., заместитель по УВР",
         "deadline": "2025-05-31", "status": DecisionStatus.PLANNED, "result_note": ""}


def login(client, world, persona):
    client.force_login(world.users[persona])
    return client


def test_the_deputy_records_a_decision_and_the_change_is_audited(client, world):
    response = login(client, world, "deputy").post(reverse("decisions:new"), VALID)

    made = Decision.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("decisions:detail", args=[made.pk])
    assert (made.school, made.year_id, made.indicators, made.deadline) == (
        world.school, YEAR, ["core.quality", "core.success"], datetime.date(2025, 5, 31))
    entry = AuditEntry.objects.get(object_type="decision")
    assert (entry.object_id, entry.details["действие"], entry.username) == (str(made.pk), "записано решение", "deputy")

    client.post(reverse("decisions:edit", args=[made.pk]), VALID | {"status": DecisionStatus.IN_PROGRESS})
    client.post(reverse("decisions:delete", args=[made.pk]))

    assert not Decision.objects.exists()
    assert list(AuditEntry.objects.filter(object_type="decision").order_by("pk").values_list(
        "details__действие", flat=True)) == ["записано решение", "изменено решение", "удалено решение"]


@pytest.mark.parametrize(("changed", "field_error"), [
    ({"title": ""}, "Сформулируйте решение кратко"),
    ({"date": ""}, "Укажите дату решения."),
    ({"date": "31.02.2025"}, "Дата решения не распознана"),
    ({"indicator_codes": ""}, "Основание — значение показателя: укажите код хотя бы одного показателя."),
    ({"indicator_codes": "core.quality, core.nonsense"}, "Нет показателей с кодами: core.nonsense."),
    ({"basis": Basis.PLAN_ITEM}, "Основание — пункт плана мониторинга: выберите пункт."),
    ({"deadline": "2025-02-01"}, "Срок исполнения 01.02.2025 раньше даты решения 01.03.2025."),
    ({"status": DecisionStatus.DONE}, "напишите итог исполнения"),
])
def test_errors_are_in_russian_and_nothing_is_saved(client, world, changed, field_error):
    response = login(client, world, "director").post(reverse("decisions:new"), VALID | changed)

    assert response.status_code == 200
    assert field_error in response.content.decode()
    assert not Decision.objects.exists()


def test_a_plan_item_of_another_school_cannot_be_chosen(client, world):
    foreign = PlanItem.objects.create(school=world.other_school, year_id=YEAR, object="Чужой пункт", months=[4])

    response = login(client, world, "deputy").post(reverse("decisions:new"), VALID | {
        "basis": Basis.PLAN_ITEM, "plan_item": foreign.pk})

    assert "Такого пункта нет в плане мониторинга школы на этот учебный год." in response.content.decode()


def test_the_list_marks_overdue_decisions_in_words_and_filters_by_status(client, world):
    decision(world.school, YEAR, [], title="Просроченное", deadline=datetime.date(2025, 1, 10))
    decision(world.school, YEAR, [], title="Выполненное", status=DecisionStatus.DONE, result_note="сделано")
    decision(world.other_school, YEAR, [], title="Чужое")
    login(client, world, "deputy")

    page = client.get(reverse("decisions:index")).content.decode()
    done_only = client.get(reverse("decisions:index"), {"status": "done"}).content.decode()

    assert "Просроченное" in page and "запланировано, срок прошёл" in page and "Чужое" not in page
    assert "Выполненное" in done_only and "Просроченное" not in done_only


def test_the_head_of_mo_reads_but_does_not_change(client, world):
    made = decision(world.school, YEAR, ["core.quality"], title="Семинар МО", responsible="Смирнова О. П.")
    login(client, world, "mo_head")

    listing = client.get(reverse("decisions:index")).content.decode()
    detail = client.get(reverse("decisions:detail", args=[made.pk])).content.decode()

    assert "Семинар МО" in listing and "Записать решение" not in listing
    assert "Смирнова О. П." in detail and "Изменить" not in detail
    assert client.get(reverse("decisions:edit", args=[made.pk])).status_code == 403
    assert client.post(reverse("decisions:delete", args=[made.pk])).status_code == 403
    assert Decision.objects.filter(pk=made.pk).exists()


@pytest.mark.parametrize("persona", ["teacher", "class_teacher", "observer"])
def test_teachers_and_the_observer_get_403(client, world, persona):
    made = decision(world.school, YEAR, [])
    login(client, world, persona)

    assert client.get(reverse("decisions:index")).status_code == 403
    assert client.get(reverse("decisions:detail", args=[made.pk])).status_code == 403


def test_the_other_schools_director_gets_404(client, world):
    made = decision(world.school, YEAR, [])
    login(client, world, "other_director")

    assert client.get(reverse("decisions:detail", args=[made.pk])).status_code == 404
    assert client.post(reverse("decisions:delete", args=[made.pk])).status_code == 404


def test_from_an_indicator_page_the_basis_and_code_are_prefilled(client, world):
    indicator_page = login(client, world, "deputy").get(reverse("indicators:detail", args=["core.quality"]))
    assert "Принять решение" in indicator_page.content.decode()

    form = client.get(reverse("decisions:new"), {"indicator": "core.quality", "year": YEAR}).content.decode()

    assert 'value="indicator" selected' in form
    assert "core.quality</textarea>" in form


def test_from_an_indicator_page_the_plan_item_of_the_indicator_is_chosen(client, world):
    """The deputy decides on a weak ОГЭ from the indicator's page: the decision belongs to the plan's item that
    monitors the indicator, as when taken from the plan (the self-examination report and next year's draft
    plan read decisions by their items); the basis stays the indicator's value."""
    PlanItem.objects.create(school=world.school, year_id=YEAR, object="Успеваемость", indicators=["core.success"])
    item = PlanItem.objects.create(school=world.school, year_id=YEAR, object="Качество знаний", months=[6],
                                   indicators=["core.success", "core.quality"])
    PlanItem.objects.create(school=world.other_school, year_id=YEAR, object="Качество", indicators=["core.quality"])
    login(client, world, "deputy")

    form = client.get(reverse("decisions:new"), {"indicator": "core.quality", "year": YEAR}).content.decode()
    without = client.get(reverse("decisions:new"), {"indicator": "core.excellent", "year": YEAR}).content.decode()

    assert 'value="indicator" selected' in form
    assert f'value="{item.pk}" selected' in form
    assert not any(f'value="{i.pk}" selected' in without for i in PlanItem.objects.all())


def test_teachers_see_no_decision_link_on_the_indicator_page(client, world):
    page = login(client, world, "teacher").get(reverse("indicators:detail", args=["core.quality"])).content.decode()

    assert "Принять решение" not in page


def test_from_a_plan_item_its_school_year_and_indicators_are_prefilled(client, world):
    item = PlanItem.objects.create(school=world.school, year_id=YEAR, object="Качество знаний", months=[5],
                                   indicators=["core.quality"])
    plan = login(client, world, "director").get(reverse("plan:index")).content.decode()
    assert f"{reverse('decisions:new')}?plan_item={item.pk}" in plan

    form = client.get(reverse("decisions:new"), {"plan_item": item.pk}).content.decode()
    client.post(f"{reverse('decisions:new')}?plan_item={item.pk}", VALID | {
        "basis": Basis.PLAN_ITEM, "plan_item": item.pk, "indicator_codes": "core.quality"})

    assert 'value="plan_item" selected' in form and f'value="{item.pk}" selected' in form
    assert Decision.objects.get().plan_item == item


def test_the_detail_shows_the_effect_computed_from_the_indicators(client, known_school):
    deputy = make_user("deputy-known", role=Role.DEPUTY, org_unit=known_school)
    made = decision(known_school, 2023, ["core.quality"])
    client.force_login(deputy)

    page = client.get(reverse("decisions:detail", args=[made.pk])).content.decode()

    # 50 % in 2023/2024, 5 of 7 in 2024/2025.
    assert "50,0 %" in page and "71,4 %" in page and "+21,4 п. п." in page and "улучшение" in page


def test_the_overview_agenda_lists_decisions_due_soon(client, world):
    today = timezone.localdate()
    decision(world.school, YEAR, [], title="Скоро срок", deadline=today + datetime.timedelta(days=3))
    decision(world.school, YEAR, [], title="Не скоро", deadline=today + datetime.timedelta(days=40))

    page = login(client, world, "director").get(reverse("web:overview")).content.decode()

    assert "Скоро срок" in page and "Не скоро" not in page


def test_the_list_takes_the_same_queries_for_one_decision_and_for_many(client, world, django_assert_max_num_queries):
    decision(world.school, YEAR, ["core.quality"])
    login(client, world, "deputy")
    client.get(reverse("decisions:index"))  # warm the session
    with django_assert_max_num_queries(40) as first:
        client.get(reverse("decisions:index"))
    for n in range(6):
        decision(world.school, YEAR, ["core.quality", "core.success"], title=f"Ещё {n}")

    with django_assert_max_num_queries(len(first.captured_queries)):
        page = client.get(reverse("decisions:index")).content.decode()

    assert "Ещё 5" in page


@pytest.mark.parametrize(("body", "label"), [
    ("school_council", "Совет школы"), ("subject_association", "заседание методического объединения"),
    ("consilium", "педагогический консилиум"),
])
def test_the_form_offers_the_new_bodies_and_the_page_names_them(client, world, body, label):
    form = login(client, world, "deputy").get(reverse("decisions:new")).content.decode()
    assert f'<option value="{body}">{label}</option>' in form

    client.post(reverse("decisions:new"), VALID | {"body": body, "document_number": "4"})

    made = Decision.objects.get()
    assert made.body == body
    assert f"{label}, № 4" in client.get(reverse("decisions:detail", args=[made.pk])).content.decode()


def date_value(form: str) -> str:
    return form.split('name="date"')[1].split('value="')[1].split('"')[0]


def test_a_decision_in_a_finished_year_defaults_to_its_last_day(client, world, monkeypatch):
    # 6 December 2026: the personas' 2024/2025 year ended on 31 August 2025; «today» would lie outside it.
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: datetime.date(2026, 12, 6))
    item = PlanItem.objects.create(school=world.school, year_id=YEAR, object="Качество знаний", months=[5],
                                   indicators=["core.quality"])
    login(client, world, "deputy")

    from_header = client.get(reverse("decisions:new")).content.decode()
    from_indicator = client.get(reverse("decisions:new"), {"indicator": "core.quality", "year": YEAR}).content.decode()
    from_plan = client.get(reverse("decisions:new"), {"plan_item": item.pk}).content.decode()

    assert [date_value(form) for form in (from_header, from_indicator, from_plan)] == ["2025-08-31"] * 3


def test_a_decision_in_the_current_year_defaults_to_today(client, world, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: datetime.date(2024, 10, 7))

    form = login(client, world, "deputy").get(reverse("decisions:new")).content.decode()

    assert date_value(form) == "2024-10-07"


@pytest.mark.parametrize(("date", "saved"), [
    ("2024-09-01", True), ("2025-08-31", True),  # the first and last day of 2024/2025
    ("2024-08-31", False), ("2025-09-01", False),
])
def test_a_decision_is_dated_inside_its_school_year(client, world, date, saved):
    response = login(client, world, "deputy").post(reverse("decisions:new"), VALID | {
        "date": date, "deadline": "2025-12-31"})

    assert Decision.objects.exists() is saved
    if not saved:
        day = datetime.date.fromisoformat(date)
        assert (f"Дата решения {day:%d.%m.%Y} — не в 2024/2025 учебном году решения (01.09.2024–31.08.2025)."
                in response.content.decode())


def test_a_decision_on_an_item_of_the_coming_years_plan_is_listed_in_that_year(client, world, monkeypatch):
    # 15 September 2025: 2025/2026 has begun without data; its plan was drafted in August.
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: datetime.date(2025, 9, 15))
    SchoolYear.objects.get_or_create(start=2025)
    item = PlanItem.objects.create(school=world.school, year_id=2025, object="Адаптация пятиклассников", months=[10])
    login(client, world, "deputy")

    form = client.get(reverse("decisions:new"), {"plan_item": item.pk}).content.decode()
    client.post(f"{reverse('decisions:new')}?plan_item={item.pk}", VALID | {
        "date": "2025-09-15", "deadline": "2025-10-31", "basis": Basis.PLAN_ITEM, "plan_item": item.pk,
        "indicator_codes": ""})
    listed = client.get(reverse("decisions:index"), {"school": "s1", "year": 2025}).content.decode()
    by_indicator = client.get(reverse("decisions:new"), {"year": 2025}).content.decode()

    assert date_value(form) == "2025-09-15"
    assert Decision.objects.get().year_id == 2025
    assert "2025/2026 учебный год" in listed and "ВШК по математике в 5-х классах" in listed
    assert "2025/2026 учебный год" in by_indicator


def selected_options(page: str, select_id: str) -> tuple[list[str], list[str]]:
    """The labels of a select's options and those selected."""
    select = page.split(f'id="{select_id}"')[1].split("</select>")[0]
    options = select.split("<option")[1:]
    return ([o.split(">")[1].split("<")[0] for o in options],
            [o.split(">")[1].split("<")[0] for o in options if " selected" in o.split(">")[0]])


def test_the_list_has_its_own_year_select_with_the_coming_year(client, world, monkeypatch):
    # 20 August 2025: the personas' data end with 2024/2025; the plan of 2025/2026 is being prepared.
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: datetime.date(2025, 8, 20))
    SchoolYear.objects.get_or_create(start=2025)
    decision(world.school, YEAR, [], title="Решение прошлого года")
    decision(world.school, 2025, [], title="Решение наступающего года", date=datetime.date(2025, 9, 1))
    login(client, world, "deputy")

    default = client.get(reverse("decisions:index")).content.decode()
    coming = client.get(reverse("decisions:index"), {"school": "s1", "year": 2025}).content.decode()
    empty = client.get(reverse("decisions:index"), {"school": "s1", "year": YEAR - 1}).content.decode()

    assert selected_options(default, "decision-year") == (["2025/2026", "2024/2025", "2023/2024"], ["2024/2025"])
    assert "Решение прошлого года" in default and "Решение наступающего года" not in default
    assert selected_options(coming, "decision-year")[1] == ["2025/2026"]
    assert "Решение наступающего года" in coming and "Решение прошлого года" not in coming
    # the header's year choice opens the list of that year: the page's own ?year= is left behind
    assert f'name="next" value="{reverse("decisions:index")}?school=s1"' in coming
    # a year without decisions still offers the others
    assert "Решений за год нет" in empty and selected_options(empty, "decision-year")[1] == ["2023/2024"]


def test_the_list_in_excel_is_the_pages_table_with_the_status_filter(client, world):
    import io
    from urllib.parse import unquote

    import openpyxl

    decision(world.school, YEAR, [], title="Просроченное", deadline=datetime.date(2025, 1, 10))
    decision(world.school, YEAR, ["core.quality"], title="Выполненное", status=DecisionStatus.DONE,
             responsible="Смирнова О. П.", date=datetime.date(2025, 2, 3))
    decision(world.other_school, YEAR, [], title="Чужое")
    login(client, world, "deputy")
    assert "Скачать в Excel" in client.get(reverse("decisions:index")).content.decode()

    response = client.get(reverse("decisions:index"), {"status": "done", "format": "xlsx"})

    assert response["Content-Type"].endswith("spreadsheetml.sheet")
    assert unquote(response["Content-Disposition"]).endswith("''Управленческие решения 2024-2025.xlsx")
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Управленческие решения, 2024/2025 учебный год" and rows[1][0] == "МБОУ «Школа №1»"
    assert rows[2][0] == "Состояние: выполнено"
    header = next(i for i, r in enumerate(rows) if r[0] == "Дата")
    assert [r[:2] for r in rows[header + 1:]] == [("03.02.2025", "Выполненное")]
    done = rows[header + 1]
    assert "Качество знаний" in done[3] and done[5] == "Смирнова О. П." and done[7] == "выполнено"
    assert AuditEntry.objects.filter(action="export", object_type="decisions").count() == 1


@pytest.mark.parametrize("persona", ["teacher", "observer"])
def test_the_list_in_excel_is_closed_as_the_page(client, world, persona):
    decision(world.school, YEAR, [])
    assert login(client, world, persona).get(reverse("decisions:index"), {"format": "xlsx"}).status_code == 403
