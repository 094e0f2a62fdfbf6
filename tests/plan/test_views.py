import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.accounts.personas import YEAR
from vsoko.plan.models import PlanItem
from vsoko.records.models import SchoolYear, StaffYear

pytestmark = pytest.mark.django_db


def login(client, world, persona):
    client.force_login(world.users[persona])
    return client


def test_the_director_drafts_the_plan_and_everyone_reads_it(client, world):
    response = login(client, world, "director").post(reverse("plan:draft"))

    assert response.status_code == 302
    assert PlanItem.objects.filter(school=world.school, year_id=YEAR).count() == 14
    page = login(client, world, "teacher").get(reverse("plan:index")).content.decode()
    assert "Анкета родителей" in page and "заместитель директора по ВР" in page
    assert "Изменить" not in page  # a teacher reads the plan but does not change it


def test_the_month_filter_shows_what_is_due_then(client, world):
    login(client, world, "deputy").post(reverse("plan:draft"))

    march = client.get(reverse("plan:index"), {"month": 3}).content.decode()

    assert "Анкета родителей" in march and "Анкета обучающихся" in march
    assert "Кадровый состав" not in march


def test_an_item_is_edited_marked_done_and_deleted(client, world):
    login(client, world, "deputy")
    client.post(reverse("plan:new"), {"object": "Адаптация пятиклассников", "group": "Воспитание",
                                      "indicator_codes": "core.quality, core.success", "months": ["10", "11"],
                                      "responsible": "педагог-психолог", "result_form": "справка"})
    item = PlanItem.objects.get()
    assert (item.indicators, item.months, item.school, item.year_id) == (
        ["core.quality", "core.success"], [10, 11], world.school, YEAR)

    client.post(reverse("plan:done", args=[item.pk]))
    item.refresh_from_db()
    assert item.done_on is not None
    client.post(reverse("plan:done", args=[item.pk]), {"action": "undo"})
    item.refresh_from_db()
    assert item.done_on is None
    client.post(reverse("plan:delete", args=[item.pk]))
    assert not PlanItem.objects.exists()


def test_unknown_indicator_codes_are_named_and_nothing_is_saved(client, world):
    response = login(client, world, "deputy").post(reverse("plan:new"), {
        "object": "Что-то", "indicator_codes": "core.quality, core.nonsense", "result_form": "справка"})

    assert response.status_code == 200
    assert "Нет показателей с кодами: core.nonsense." in response.content.decode()
    assert not PlanItem.objects.exists()


def test_the_other_schools_director_cannot_touch_the_plan(client, world):
    item = PlanItem.objects.create(school=world.school, year_id=YEAR, object="x", months=[4])

    login(client, world, "other_director")

    assert client.get(reverse("plan:edit", args=[item.pk])).status_code == 404
    assert client.post(reverse("plan:delete", args=[item.pk])).status_code == 404
    assert PlanItem.objects.filter(pk=item.pk).exists()


def test_the_observer_chooses_the_school_whose_plan_to_read(client, world):
    PlanItem.objects.create(school=world.school, year_id=YEAR, object="План первой школы", months=[4])
    PlanItem.objects.create(school=world.other_school, year_id=YEAR, object="План второй школы", months=[4])
    login(client, world, "observer")

    first = client.get(reverse("plan:index")).content.decode()
    second = client.get(reverse("plan:index"), {"school": world.other_school.code}).content.decode()

    assert 'name="school"' in first  # the selector of the observer's two schools
    assert "План первой школы" in first and "План второй школы" not in first
    assert "План второй школы" in second and "Выполнено" not in second  # read only


def field_value(page: str, name: str) -> str:
    import re

    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)
    value = re.search(r'value="([^"]*)"', tag)
    return value.group(1) if value else ""


def test_a_refused_order_or_protocol_keeps_what_was_typed(client, world):
    """The date of the future is refused; the number the director typed stays in the field, the form is open."""
    PlanItem.objects.create(school=world.school, year_id=YEAR, object="Качество знаний", months=[4, 5],
                            responsible="заместитель директора по УВР")
    director = login(client, world, "director")

    approve = director.post(f"{reverse('plan:approve')}?school=s1",
                            {"year": YEAR, "order_date": "2099-09-01", "order_number": "123-о"}, follow=True)
    page = approve.content.decode()
    assert "Дата приказа 01.09.2099 ещё не наступила" in page
    assert field_value(page, "order_number") == "123-о" and field_value(page, "order_date") == "2099-09-01"

    review = director.post(f"{reverse('plan:review')}?school=s1",
                           {"review-year": YEAR, "review-protocol_date": "", "review-protocol_number": "ПС-7"},
                           follow=True)
    page = review.content.decode()
    assert "Протокол не внесён: " in page
    assert field_value(page, "review-protocol_number") == "ПС-7"


@pytest.fixture
def august_2025(monkeypatch):
    """20 August 2025: the personas' data end with 2024/2025; 2025/2026 begins in twelve days without pupils."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: datetime.date(2025, 8, 20))


def year_options(page: str, select_id: str) -> list[str]:
    select = page.split(f'id="{select_id}"')[1].split("</select>")[0]
    return [option.split(">")[1].split("<")[0] for option in select.split("<option")[1:]]


def test_in_august_the_deputy_drafts_next_years_plan_before_its_pupils_exist(client, world, august_2025):
    login(client, world, "deputy")

    page = client.get(reverse("plan:index")).content.decode()
    coming = client.get(reverse("plan:index"), {"year": 2025}).content.decode()
    response = client.post(f"{reverse('plan:draft')}?school=s1&year=2025")

    # the plan offers the coming year; it opens on the header's year (the one with data)
    assert year_options(page, "plan-year") == ["2025/2026", "2024/2025", "2023/2024"]
    assert "2024/2025 учебный год" in page
    assert "Плана на 2025/2026 учебный год ещё нет" in coming
    assert f"{reverse('plan:draft')}?school=s1&amp;year=2025" in coming
    assert response.status_code == 302 and response["Location"] == f"{reverse('plan:index')}?school=s1&year=2025"
    assert PlanItem.objects.filter(school=world.school, year_id=2025).count() == 14
    assert not PlanItem.objects.filter(year_id=YEAR).exists()
    # the year's record now exists, but the header still offers only the years with data
    assert SchoolYear.objects.filter(start=2025).exists()
    header = client.get(reverse("plan:index"), {"year": 2025}).content.decode()
    assert year_options(header, "year-select") == ["2024/2025", "2023/2024"]
    assert "Составить проект плана" not in header and "Анкета родителей" in header


def test_an_item_of_the_coming_year_is_added_changed_and_printed(client, world, august_2025):
    login(client, world, "deputy")

    form = client.get(reverse("plan:new"), {"school": "s1", "year": 2025}).content.decode()
    client.post(f"{reverse('plan:new')}?school=s1&year=2025", {
        "object": "Адаптация пятиклассников", "months": ["10"], "responsible": "педагог-психолог",
        "result_form": "справка"})
    item = PlanItem.objects.get()
    changed = client.post(reverse("plan:edit", args=[item.pk]), {
        "object": "Адаптация пятиклассников", "months": ["10", "11"], "responsible": "Иванова А. А., педагог-психолог",
        "result_form": "справка"})
    word = client.get(reverse("reports:download", args=["plan", "docx"]), {"school": "s1", "year": 2025})

    assert "2025/2026 учебный год" in form
    assert item.year_id == 2025
    item.refresh_from_db()
    assert (item.months, item.responsible) == ([10, 11], "Иванова А. А., педагог-психолог")
    assert changed["Location"] == f"{reverse('plan:index')}?school=s1&year=2025"
    assert word.status_code == 200 and "2025-2026" in word["Content-Disposition"]


def test_a_year_that_is_neither_coming_nor_with_data_is_not_offered(client, world, august_2025):
    page = login(client, world, "deputy").get(reverse("plan:index"), {"year": 2030}).content.decode()
    response = client.post(f"{reverse('plan:draft')}?school=s1&year=2030")

    assert "2024/2025 учебный год" in page and "2030/2031" not in page
    assert not PlanItem.objects.filter(year_id=2030).exists()
    assert response["Location"] == f"{reverse('plan:index')}?school=s1&year={YEAR}"


def test_in_august_the_deputy_starts_next_years_plan_from_last_years(client, world, august_2025):
    PlanItem.objects.create(school=world.school, year_id=YEAR, object="Кадровый состав", months=[9],
                            responsible="Волков О. П.", indicators=["core.quality", "core.removed"])
    PlanItem.objects.create(school=world.school, year_id=YEAR, object="Анкета родителей", months=[3],
                            responsible="заместитель директора по ВР", position=2)
    StaffYear.objects.filter(staff=world.staff["volkov"]).delete()  # left the school during 2024/2025's list
    login(client, world, "deputy")

    coming = client.get(reverse("plan:index"), {"year": 2025}).content.decode()
    response = client.post(f"{reverse('plan:carry_over')}?school=s1&year=2025", follow=True)
    again = client.post(f"{reverse('plan:carry_over')}?school=s1&year=2025", follow=True)

    assert "Взять за основу план 2024/2025 учебного года" in coming
    assert f"{reverse('plan:carry_over')}?school=s1&amp;year=2025" in coming
    assert response.redirect_chain == [(f"{reverse('plan:index')}?school=s1&year=2025", 302)]
    page = response.content.decode()
    assert ("План на 2025/2026 учебный год составлен по плану 2024/2025 учебного года: пунктов — 2." in page)
    assert "Пункт «Кадровый состав»: ответственный не указан — в списке работников 2024/2025 учебного года нет: " \
           "Волков Олег (было: «Волков О. П.»)." in page
    assert "Пункт «Кадровый состав»: показателей core.removed больше нет в каталогах школы" in page
    assert list(PlanItem.objects.filter(year_id=2025).values_list("object", "responsible", "indicators")) == [
        ("Кадровый состав", "", ["core.quality"]), ("Анкета родителей", "заместитель директора по ВР", [])]
    assert "План на 2025/2026 учебный год уже есть" in again.content.decode()
    assert PlanItem.objects.filter(year_id=2025).count() == 2
    assert "Взять за основу" not in again.content.decode()  # offered only while the year has no plan


def test_only_the_administration_starts_a_plan_from_last_years(client, world, august_2025):
    PlanItem.objects.create(school=world.school, year_id=YEAR, object="Кадровый состав")

    teacher = login(client, world, "teacher").get(reverse("plan:index"), {"year": 2025}).content.decode()
    refused = client.post(f"{reverse('plan:carry_over')}?school=s1&year=2025")

    assert "Взять за основу" not in teacher
    assert refused.status_code == 403
    assert not PlanItem.objects.filter(year_id=2025).exists()


def test_the_half_year_filter_shows_the_second_half_years_items(client, world):
    """In late November the deputy checks the plan of the second half-year: January to the end of the school year
    (June and July included: the year's results are analysed then). An item of November and February is in both."""
    for name, months in (("Осенний срез", [10]), ("Весенний срез", [3]), ("Итоги ГИА", [7]), ("Дважды", [11, 2])):
        PlanItem.objects.create(school=world.school, year_id=YEAR, object=name, months=months)
    login(client, world, "deputy")

    second = client.get(reverse("plan:index"), {"month": "h2"}).content.decode()
    first = client.get(reverse("plan:index"), {"month": "h1"}).content.decode()

    assert "Весенний срез" in second and "Итоги ГИА" in second and "Дважды" in second
    assert "Осенний срез" not in second
    assert '<option value="h2" selected>2 полугодие (январь — август)</option>' in second
    assert re.search(r"пунктов в полугодии</dt><dd class=\"stat__value\">3<", second)
    assert "Осенний срез" in first and "Дважды" in first and "Весенний срез" not in first


def test_the_two_links_of_an_item_read_as_two(client, world):
    # «Изменить Принять решение» ran together as one link-looking phrase under the done button.
    item = PlanItem.objects.create(school=world.school, year_id=YEAR, object="Качество знаний", months=[3])

    page = login(client, world, "deputy").get(reverse("plan:index")).content.decode()

    words = " ".join(re.sub(r"<[^>]+>", "", page).split())
    assert "Изменить · Принять решение" in words
    assert f'href="{reverse("plan:edit", args=[item.pk])}"' in page
