import datetime

import pytest
from django.urls import reverse

from tests.oversight.conftest import expert, finding, inspection
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.oversight.enums import InspectionResult, Represents
from vsoko.oversight.models import (
    Credential,
    Finding,
    Inspection,
    NokoResult,
    Participation,
    PublicExpert,
)
from vsoko.records.models import Assessment

pytestmark = pytest.mark.django_db

D = datetime.date


def login(client, world, persona):
    client.force_login(world.users[persona])
    return client


def snapshot() -> list:
    return [list(model.objects.values()) for model in (Credential, Inspection, Finding, NokoResult, PublicExpert,
                                                        Participation)]


INSPECTION = {"body": "consumer", "body_note": "", "kind": "planned", "started_on": "2024-10-01",
              "finished_on": "2024-10-10", "subject": "санитарные требования", "result": "violations", "act": ""}


def test_the_deputy_records_an_inspection_and_a_finding_and_the_changes_are_audited(client, world):
    response = login(client, world, "deputy").post(reverse("oversight:inspection_new") + "?school=s1", INSPECTION)

    made = Inspection.objects.get()
    assert response.status_code == 302
    assert (made.school, made.year, made.finished_on) == (world.school, 2024, D(2024, 10, 10))
    client.post(reverse("oversight:finding_new", args=[made.pk]),
                {"text": "освещённость", "deadline": "2024-12-01", "responsible": world.staff["smirnova"].pk})
    assert Finding.objects.get().responsible == world.staff["smirnova"]
    assert list(AuditEntry.objects.filter(action=AuditAction.CHANGE).order_by("pk").values_list(
        "object_type", "details__действие")) == [("inspection", "записано: проверка"),
                                                  ("inspection_finding", "записано: нарушение")]


@pytest.mark.parametrize(("url", "data", "error"), [
    ("oversight:credential_new", {"kind": "licence", "number": "1", "issued_on": "2016-05-12", "issuer": "Минобр",
                                  "scope": "НОО", "indefinite": "on", "valid_until": "2030-01-01"},
     "Документ отмечен «бессрочно»: срок действия не указывается"),
    ("oversight:credential_new", {"kind": "licence", "number": "1", "issued_on": "2016-05-12", "issuer": "Минобр",
                                  "scope": "НОО"},
     "Укажите, до какого дня действует документ, или отметьте «бессрочно»."),
    ("oversight:credential_new", {"kind": "licence", "number": "", "issued_on": "12.05.2016", "issuer": "Минобр",
                                  "scope": "НОО", "indefinite": "on"}, "Заполните поле «Номер (регистрационный номер"),
    ("oversight:inspection_new", INSPECTION | {"finished_on": "2024-09-30"},
     "Дата окончания 30.09.2024 раньше даты начала 01.10.2024."),
    ("oversight:inspection_new", INSPECTION | {"started_on": "2024-13-01"},
     "«Дата начала»: дата не распознана, нужна дата вида 25.03.2025."),
    ("oversight:inspection_new", INSPECTION | {"body": "kgb"}, "«Орган контроля (надзора)»: выберите значение из списка."),
    ("oversight:noko_new", {"year": "2024", "openness": "120"}, "балл не может быть больше 100."),
    ("oversight:noko_new", {"year": "2024", "openness": "много"}, "нужно число от 0 до 100"),
    ("oversight:noko_new", {"year": "2024"}, "Укажите баллы школы хотя бы по одному критерию НОКО."),
    ("oversight:noko_new", {"year": "2024", "openness": "90", "place": "15", "places": "12"},
     "Место 15 больше числа организаций в рейтинге (12)."),
    ("oversight:expert_new", {"last_name": "Щербакова", "first_name": "", "represents": "parents"},
     "Заполните поле «Имя»."),
    ("oversight:expert_new", {"last_name": "Щербакова", "first_name": "Ульяна", "represents": "parents",
                              "training": "курсы РЦОКО"}, "Указано обучение: укажите и дату"),
    ("oversight:inspection_new", INSPECTION | {"subject": "по жалобе на травму Иванова Алексея"},
     "В предмете проверки назван обучающийся школы: «Иванова Алексея» (Иванов Алексей)."),
    ("oversight:expert_new", {"last_name": "Щербакова", "first_name": "Ульяна", "represents": "parents",
                              "trained_on": "2999-01-10"}, "Дата обучения 10.01.2999 ещё не наступила."),
    ("oversight:credential_new", {"kind": "licence", "number": "Л035-1", "issued_on": "2999-05-12", "issuer": "Минобр",
                                  "scope": "НОО", "indefinite": "on"}, "Дата документа 12.05.2999 ещё не наступила."),
])
def test_errors_are_in_russian_name_the_field_and_nothing_is_saved(client, world, url, data, error):
    NokoResult.objects.create(school=world.school, year=2023, openness=80)
    before = snapshot()

    response = login(client, world, "director").post(reverse(url) + "?school=s1", data)

    assert response.status_code == 200
    assert error in response.content.decode()
    assert snapshot() == before


def test_a_second_noko_result_of_the_same_year_is_refused(client, world):
    NokoResult.objects.create(school=world.school, year=2024, openness=80)

    response = login(client, world, "director").post(reverse("oversight:noko_new") + "?school=s1",
                                                     {"year": "2024", "openness": "90"})

    assert "Результаты НОКО за 2024/2025 учебный год уже записаны" in response.content.decode()
    assert NokoResult.objects.get().openness == 80


def test_findings_of_a_clean_inspection_are_refused_and_a_result_with_findings_cannot_become_clean(client, world):
    clean = inspection(world.school, D(2024, 10, 1), result=InspectionResult.CLEAN)
    found = inspection(world.school, D(2024, 11, 1))
    finding(found, deadline=D(2024, 12, 1))
    before = snapshot()
    login(client, world, "director")

    refused = client.post(reverse("oversight:finding_new", args=[clean.pk]), {"text": "x", "deadline": "2024-12-01"})
    early = client.post(reverse("oversight:finding_new", args=[found.pk]), {"text": "x", "deadline": "2024-10-01"})
    cleaned = client.post(reverse("oversight:inspection_edit", args=[found.pk]),
                          INSPECTION | {"started_on": "2024-11-01", "finished_on": "", "result": "clean"})

    assert "сначала измените результат проверки на «выявлены нарушения»" in refused.content.decode()
    assert "Срок устранения 01.10.2024 раньше начала проверки 01.11.2024." in early.content.decode()
    assert "У проверки записано нарушений: 1." in cleaned.content.decode()
    assert snapshot() == before


def test_participation_must_be_in_the_procedures_year_and_once(client, world):
    who = expert(world.school)
    vpr = Assessment.objects.get(school=world.school, assessment_id="VPR-5-M")  # of 2024/2025
    Participation.objects.create(expert=who, assessment=vpr, date=D(2025, 4, 15))
    before = snapshot()
    url = reverse("oversight:participation_new", args=[who.pk])
    login(client, world, "deputy")

    again = client.post(url, {"assessment": vpr.pk, "date": "2025-04-16", "role": "observer"})
    wrong_year = client.post(url, {"assessment": vpr.pk, "date": "2025-09-02", "role": "observer"})

    assert "Участие Щербакова Ульяна в этой процедуре уже записано." in again.content.decode()
    assert "Дата 02.09.2025 не в 2024/2025 учебном году" in wrong_year.content.decode()
    assert snapshot() == before


def test_school_staff_see_who_is_responsible_the_municipal_observer_does_not(client, world):
    made = inspection(world.school, D(2024, 10, 1))
    finding(made, deadline=D(2024, 12, 1), text="маркировка мебели", responsible=world.staff["smirnova"])
    url = reverse("oversight:inspections")

    for persona, sees in (("teacher", True), ("director", True), ("observer", False)):
        page = login(client, world, persona).get(url, {"school": "s1"}).content.decode()
        assert "маркировка мебели" in page, persona
        assert ("Смирнова" in page) is sees, persona


def test_the_observers_register_is_for_the_administration_and_its_opening_is_audited(client, world):
    expert(world.school, represents=Represents.COUNCIL)
    url = reverse("oversight:experts")

    for persona in ("teacher", "mo_head", "class_teacher", "observer"):
        assert login(client, world, persona).get(url).status_code == 403, persona
    page = login(client, world, "deputy").get(url)

    assert page.status_code == 200 and "Щербакова Ульяна" in page.content.decode()
    entry = AuditEntry.objects.get(action=AuditAction.VIEW_LIST)
    assert (entry.object_type, entry.username, entry.school) == ("public_experts", "deputy", world.school)
    who = PublicExpert.objects.get()
    assert client.get(reverse("oversight:expert_edit", args=[who.pk])).status_code == 200
    opened = AuditEntry.objects.get(action=AuditAction.VIEW_PERSON)
    assert (opened.object_type, opened.object_id, opened.username) == ("public_expert", str(who.pk), "deputy")


def test_the_register_is_not_linked_for_those_who_may_not_open_it(client, world):
    assert "Общественные наблюдатели" not in login(client, world, "teacher").get(
        reverse("oversight:index")).content.decode()
    assert "Общественные наблюдатели" in login(client, world, "director").get(
        reverse("oversight:index")).content.decode()


def test_another_schools_director_finds_nothing_of_ours(client, world):
    made = inspection(world.school, D(2024, 10, 1))
    who = expert(world.school)
    login(client, world, "other_director")

    assert client.get(reverse("oversight:inspection_edit", args=[made.pk])).status_code == 404
    assert client.get(reverse("oversight:expert_edit", args=[who.pk])).status_code == 404
    assert client.post(reverse("oversight:inspection_delete", args=[made.pk])).status_code == 404
    assert Inspection.objects.filter(pk=made.pk).exists()


def test_the_licence_page_shows_the_current_record_first_and_keeps_the_history(client, world):
    for number, issued in (("1234", D(2011, 4, 20)), ("Л035-01", D(2016, 5, 12))):
        Credential.objects.create(school=world.school, kind="licence", number=number, issued_on=issued,
                                  issuer="Минобр", scope="НОО, ООО, СОО")

    page = login(client, world, "observer").get(reverse("oversight:index")).content.decode()

    assert page.index("№ Л035-01") < page.index("текущая") < page.index("№ 1234") < page.index("история")


def test_the_forms_lists_ask_to_choose_in_russian(client, world):
    page = login(client, world, "deputy").get(reverse("oversight:inspection_new")).content.decode()

    assert "— выберите —" in page and "Select an option" not in page


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, {"school": "s1"}).status_code == 200
    return len(queries)


def _add_inspections_noko_and_observers(world, n: int, first_year: int) -> None:
    from vsoko.oversight.models import NokoMeasure

    vpr = Assessment.objects.get(school=world.school, assessment_id="VPR-5-M")
    for i in range(n):
        made = inspection(world.school, D(2024, 10, 1 + i))
        for staff in ("smirnova", "volkov"):
            finding(made, deadline=D(2024, 12, 1 + i), responsible=world.staff[staff])
        result = NokoResult.objects.create(school=world.school, year=first_year + i, openness=90, comfort=80,
                                           accessibility=70, courtesy=95, satisfaction=85)
        NokoMeasure.objects.create(result=result, text="версия для слабовидящих", deadline=D(2025, 5, 1))
        who = expert(world.school, last_name=f"Наблюдатель{first_year + i}")
        Participation.objects.create(expert=who, assessment=vpr, date=D(2025, 4, 15))


@pytest.mark.parametrize("page", ["oversight:index", "oversight:inspections", "oversight:noko", "oversight:experts"])
def test_the_pages_ask_as_many_queries_for_three_records_as_for_one(client, world, page):
    login(client, world, "deputy")
    _add_inspections_noko_and_observers(world, 1, 2020)
    one = _queries(client, reverse(page))

    _add_inspections_noko_and_observers(world, 2, 2021)

    assert _queries(client, reverse(page)) == one


def test_opening_a_participation_shows_the_observers_name_and_is_audited(client, world):
    who = expert(world.school)
    vpr = Assessment.objects.get(school=world.school, assessment_id="VPR-5-M")
    made = Participation.objects.create(expert=who, assessment=vpr, date=D(2025, 4, 15))
    login(client, world, "deputy")

    for url in (reverse("oversight:participation_new", args=[who.pk]),
                reverse("oversight:participation_edit", args=[made.pk])):
        assert "Щербакова Ульяна" in client.get(url).content.decode()

    opened = AuditEntry.objects.filter(action=AuditAction.VIEW_PERSON).values_list("object_type", "object_id")
    assert list(opened) == [("public_expert", str(who.pk))] * 2
