"""The pages: the overview for every role (aggregates only for the observer), the group's form saved whole or
not at all with Russian errors that say where, the groups and the conclusion kept by the administration."""

import datetime

import pytest

from tests.preschool.conftest import YEAR
from tests.web.pages import main_text
from vsoko.audit.models import AuditEntry
from vsoko.preschool.areas import indicators
from vsoko.preschool.forms import comment_field, level_field
from vsoko.preschool.models import Evaluation, PreschoolGroup, YearConclusion
from vsoko.records.enums import ApprovalStatus
from vsoko.records.models import YearApproval

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return main_text(response)


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


def full_form(**changes) -> dict:
    data = {"evaluator": "Петрова Н. Н., заместитель директора", "evaluated_on": "2025-04-20"}
    data |= {level_field(ind.key): "3" for ind in indicators()}
    return data | changes


def test_the_overview_shows_areas_dynamics_and_growth_zones(client, monitoring):
    page = text(get(client, monitoring.world.users["teacher"], f"/preschool/?year={YEAR}"))

    assert "Взаимодействие с семьей «взаимодействия с семьей» 2,50 83,3 % 6 ▲ выше на 0,50" in page
    assert "Образовательные условия «образовательных условий» 3,00 100,0 % 2 ▼ ниже на 1,00" in page
    assert "Все области 2,63 87,5 % 8" in page  # 21 / 8 = 2,625, a half rounded up as in Excel
    assert "Информирование родителей (законных представителей) (Взаимодействие с семьей) — ниже базового уровня в " \
           "группах: Старшая" in page
    assert "Справка в Word" in page and "Добавить группу" not in page


def test_the_observer_sees_the_levels_but_no_texts_nor_group_pages(client, monitoring):
    YearConclusion.objects.create(school=monitoring.world.school, year_id=YEAR, conclusion="Секретный вывод",
                                  measures="Купить стенд")
    observer = monitoring.world.users["observer"]

    page = text(get(client, observer, f"/preschool/?year={YEAR}"))
    group = get(client, observer, f"/preschool/groups/{monitoring.old.pk}/")
    report = get(client, observer, f"/preschool/report.docx?year={YEAR}")

    assert "2,50 83,3 %" in page and "Секретный вывод" not in page and "Справка в Word" not in page
    assert (group.status_code, report.status_code) == (403, 403)


def test_staff_read_the_group_with_grounds_and_who_rated(client, monitoring):
    page = text(get(client, monitoring.world.users["class_teacher"], f"/preschool/groups/{monitoring.old.pk}/"))

    assert "1 — ниже базового (требования не выполняются) не хватает стенда Петрова Н. Н., 20.04.2025" in page
    assert "Сохранить все оценки" not in page


def test_a_complete_form_saves_every_indicator_and_is_audited(client, monitoring):
    client.force_login(monitoring.world.users["deputy"])
    group = monitoring.new

    response = client.post(f"/preschool/groups/{group.pk}/", full_form(**{level_field("care_food"): "0"}))

    assert response.status_code == 302
    levels = dict(Evaluation.objects.filter(group=group).values_list("indicator", "level"))
    assert len(levels) == 29 and levels["care_food"] == 0 and levels["programs_oop"] == 3
    assert AuditEntry.objects.filter(object_type="preschool_group", object_id=str(group.pk)).count() == 1


def test_an_incomplete_form_saves_nothing_and_says_where(client, monitoring):
    client.force_login(monitoring.world.users["director"])
    group = monitoring.young
    before = list(Evaluation.objects.filter(group=group).values_list("indicator", "level").order_by("indicator"))
    data = full_form(evaluator="", evaluated_on="2026-01-10", **{level_field("care_safety"): "",
                                                                 level_field("family_information"): "1",
                                                                 level_field("content_play"): "7"})

    response = client.post(f"/preschool/groups/{group.pk}/", data)

    page = text(response)
    assert response.status_code == 200
    assert "Ничего не сохранено: исправьте 5 ошибок" in page
    assert "Кто оценивал: Укажите, кто оценивал" in page
    assert "Дата оценки: Дата 10.01.2026 вне 2024/2025 учебного года (с 01.09.2024 по 31.08.2025)." in page
    assert ("«Обеспечение здоровья, безопасности, присмотра и ухода» → «Безопасность помещений и территории»: "
            "выберите уровень — от 1 до 4 или «не оценивался».") in page
    assert "«Содержание образовательной деятельности» → «Игра как ведущий вид деятельности, поддержка детской " \
           "инициативы»: такого уровня нет" in page
    assert ("«Взаимодействие с семьей» → «Информирование родителей (законных представителей)»: уровень «ниже "
            "базового» — напишите в обосновании, какие требования не выполняются.") in page
    after = list(Evaluation.objects.filter(group=group).values_list("indicator", "level").order_by("indicator"))
    assert after == before


def test_a_below_base_level_with_grounds_is_saved(client, monitoring):
    client.force_login(monitoring.world.users["director"])
    group = monitoring.young
    data = full_form(**{level_field("family_information"): "1", comment_field("family_information"): "нет стенда"})

    assert client.post(f"/preschool/groups/{group.pk}/", data).status_code == 302
    saved = Evaluation.objects.get(group=group, indicator="family_information")
    assert (saved.level, saved.comment, saved.evaluated_on) == (1, "нет стенда", datetime.date(2025, 4, 20))


def test_an_approved_year_refuses_the_levels(client, monitoring):
    YearApproval.objects.create(school=monitoring.world.school, year_id=YEAR, status=ApprovalStatus.APPROVED)
    client.force_login(monitoring.world.users["director"])

    response = client.post(f"/preschool/groups/{monitoring.new.pk}/", full_form(), follow=True)

    assert "Ничего не сохранено: Данные за 2024/2025 учебный год утверждены" in text(response)
    assert not Evaluation.objects.filter(group=monitoring.new).exists()


def test_staff_who_read_may_not_post_levels(client, monitoring):
    client.force_login(monitoring.world.users["mo_head"])

    response = client.post(f"/preschool/groups/{monitoring.new.pk}/", full_form())

    assert response.status_code == 403
    assert not Evaluation.objects.filter(group=monitoring.new).exists()


def test_groups_are_added_with_counts_and_checked(client, monitoring):
    client.force_login(monitoring.world.users["deputy"])
    url = f"/preschool/groups/new/?year={YEAR}"

    clash = text(client.post(url, {"name": "Старшая", "age_band": "5–7 лет", "children": "5", "children_ovz": "0"}))
    too_many = text(client.post(url, {"name": "Средняя", "age_band": "4–5 лет", "children": "5",
                                      "children_ovz": "6"}))
    negative = text(client.post(url, {"name": "Средняя", "age_band": "", "children": "-1", "children_ovz": "0"}))
    made = client.post(url, {"name": "Средняя  группа", "age_band": "4–5 лет", "children": "18", "children_ovz": "2"})

    assert "Группа «Старшая» в 2024/2025 учебном году уже есть" in clash
    assert "Детей с ОВЗ (6) больше, чем детей в группе (5)." in too_many
    assert "Укажите возраст детей группы" in negative and "«Детей в группе»: число не может быть отрицательным" \
        in negative
    group = PreschoolGroup.objects.get(school=monitoring.world.school, year_id=YEAR, name="Средняя группа")
    assert made.status_code == 302 and (group.children, group.children_ovz) == (18, 2)


def test_the_conclusion_is_kept_and_shown(client, monitoring):
    client.force_login(monitoring.world.users["director"])
    url = f"/preschool/conclusion/?year={YEAR}"

    empty = text(client.post(url, {"conclusion": " ", "measures": ""}))
    client.post(url, {"conclusion": "Качество на базовом уровне.", "measures": "Обновить стенды для родителей."})

    assert "Напишите выводы или меры по повышению качества: оба поля пусты." in empty
    page = text(client.get(f"/preschool/?year={YEAR}"))
    assert "Качество на базовом уровне." in page and "Обновить стенды для родителей." in page


def test_the_menu_shows_the_section_to_keepers_and_to_staff_of_a_school_with_groups(client, world):
    def menu_has(user) -> bool:
        return "Дошкольное образование" in get(client, user, "/plan/").content.decode()

    assert menu_has(world.users["deputy"])
    assert not menu_has(world.users["teacher"]) and not menu_has(world.users["observer"])
    PreschoolGroup.objects.create(school=world.school, year_id=YEAR, name="Группа", age_band="3–7 лет", children=5)
    assert menu_has(world.users["teacher"]) and menu_has(world.users["observer"])


@pytest.mark.parametrize("extra", [0, 3])
def test_the_overview_takes_a_fixed_number_of_queries(client, monitoring, django_assert_num_queries, extra):
    from tests.preschool.conftest import rate

    for i in range(extra):
        rate(PreschoolGroup.objects.create(school=monitoring.world.school, year_id=YEAR, name=f"Ещё {i}",
                                           age_band="3–7 лет", children=5), care_food=1, programs_oop=3)
    client.force_login(monitoring.world.users["deputy"])
    client.get(f"/preschool/?year={YEAR}")

    # session, user, memberships, years, schools, the tallies per year and indicator, the groups with their
    # counts, the levels below base, the conclusion
    with django_assert_num_queries(9):
        client.get(f"/preschool/?year={YEAR}")


def test_a_group_is_deleted_with_its_levels(client, monitoring):
    client.force_login(monitoring.world.users["deputy"])

    response = client.post(f"/preschool/groups/{monitoring.old.pk}/delete/", follow=True)

    assert "Группа «Старшая» удалена вместе с оценками (4)." in text(response)
    assert not PreschoolGroup.objects.filter(pk=monitoring.old.pk).exists()
    assert not Evaluation.objects.filter(group_id=monitoring.old.pk).exists()


def test_last_year_groups_are_carried_over_without_their_levels_once(client, monitoring):
    client.force_login(monitoring.world.users["director"])
    PreschoolGroup.objects.create(school=monitoring.world.school, year_id=YEAR - 1, name="старшая", age_band="5–7 лет",
                                  children=11)

    first = text(client.post(f"/preschool/groups/copy/?year={YEAR}", follow=True))
    again = text(client.post(f"/preschool/groups/copy/?year={YEAR}", follow=True))

    copied = PreschoolGroup.objects.get(school=monitoring.world.school, year_id=YEAR, name="Прошлогодняя")
    assert "Перенесено групп из 2023/2024 учебного года: 1; оцените их показатели." in first
    assert (copied.age_band, copied.children, copied.evaluations.count()) == ("3–7 лет", 20, 0)
    assert "Переносить нечего" in again
    assert PreschoolGroup.objects.filter(school=monitoring.world.school, year_id=YEAR).count() == 4


def test_the_observer_is_not_shown_how_many_children_of_a_group_have_ovz(client, monitoring):
    """ОВЗ is a sensitive category the observer never sees, and 1 of «Младшая» and 2 of «Старшая» are groups of 1–4
    children: the observer gets the groups and their children without the ОВЗ column and total; school staff keep
    them."""
    observer = text(get(client, monitoring.world.users["observer"], f"/preschool/?year={YEAR}"))
    teacher = text(get(client, monitoring.world.users["teacher"], f"/preschool/?year={YEAR}"))

    assert "Групп — 3, детей — 37." in observer and "ОВЗ" not in observer.split("Уровни качества")[0]
    assert "Групп — 3, детей — 37, из них с ОВЗ — 3." in teacher and "С ОВЗ" in teacher
