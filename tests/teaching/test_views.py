"""«Распределение нагрузки» through the client (tests/teaching/conftest.py)."""

from io import BytesIO

import pytest
from openpyxl import Workbook

from tests.accounts.personas import YEAR
from tests.web.pages import parse
from vsoko.audit.models import AuditEntry
from vsoko.teaching.models import TeachingAssignment

URL = f"/data/load/?school=s1&year={YEAR}"


def as_user(client, world, persona: str):
    client.force_login(world.users[persona])
    return client


def select(response, label: str):
    return next(s for s in parse(response).find_all("select") if s.attrs.get("aria-label") == label)


def test_the_deputy_sees_the_grade_with_a_teacher_select_per_cell(client, world):
    response = as_user(client, world, "deputy").get(URL + "&grade=5")

    assert response.status_code == 200
    math_5a = select(response, "5А, Математика")
    groups = [(g.attrs["label"], [o.text for o in g.find_all("option")]) for g in math_5a.find_all("optgroup")]
    assert groups == [("Ведут предмет", ["Козлова А. П.", "Смирнова М."]), ("Другие учителя", ["Волков О."])]
    assert "Нагрузка 2024/2025 не введена" in response.content.decode()


@pytest.mark.parametrize("persona", ["teacher", "mo_head", "class_teacher", "observer"])
def test_only_the_administration_enters_the_load(client, world, persona):
    assert as_user(client, world, persona).get(URL).status_code == 403
    assert as_user(client, world, persona).post("/data/load/transfer/", {"school": "s1"}).status_code == 403


def test_saving_the_grid_stores_the_teachers_and_audits(client, world):
    kozlova = world.staff["kozlova"].pk
    cells = [f"{world.classes[c].pk}-{world.subjects['math'].pk}" for c in ("5А", "5Б")]

    response = as_user(client, world, "deputy").post(URL + "&grade=5", {
        "school": "s1", "grade": "5", "cells": cells, f"t-{cells[0]}": "", f"t-{cells[1]}": str(kozlova)})

    assert response.status_code == 302
    assert list(TeachingAssignment.objects.values_list("school_class__name", "staff__staff_id")) == [("5Б", "P-010")]
    assert AuditEntry.objects.get(object_type="teaching_load").details["added"] == ["5Б, Математика: P-010"]


def test_a_refused_grid_saves_nothing_and_keeps_the_choice(client, world):
    kozlova, other = world.staff["kozlova"].pk, world.staff["other"].pk  # Зайцева works in school 2
    cells = [f"{world.classes[c].pk}-{world.subjects['math'].pk}" for c in ("5А", "5Б")]

    response = as_user(client, world, "deputy").post(URL + "&grade=5", {
        "school": "s1", "grade": "5", "cells": cells, f"t-{cells[0]}": str(kozlova), f"t-{cells[1]}": str(other)})

    assert response.status_code == 400
    assert TeachingAssignment.objects.count() == 0
    chosen = [o.text for o in select(response, "5А, Математика").find_all("option") if "selected" in o.attrs]
    assert chosen == ["Козлова А. П."]
    assert "Ничего не сохранено: Класс 5Б, Математика: учитель" in response.content.decode()


@pytest.mark.usefixtures("last_year")
def test_transfer_saves_what_it_can_and_lists_the_rest(client, world):
    response = as_user(client, world, "deputy").post(f"/data/load/transfer/?school=s1&year={YEAR}", {"school": "s1"})

    page = response.content.decode()
    assert response.status_code == 200
    assert set(TeachingAssignment.objects.filter(year_id=YEAR).values_list("school_class__name", "staff__staff_id")) == {
        ("6А", "P-001"), ("6А", "P-010")}
    assert "Перенос с прошлого года: назначено: 2" in page
    assert "4В, Математика, Смирнова Мария: класса 5В в этом году нет" in page


def test_an_upload_with_an_error_shows_it_and_stores_nothing(client, world):
    book = Workbook()
    book.active.append(["Класс", "Предмет", "Учитель"])
    book.active.append(["7А", "Математика", "Смирнова Мария"])
    data = BytesIO()
    book.save(data)
    data.name = "нагрузка.xlsx"
    data.seek(0)

    response = as_user(client, world, "deputy").post(f"/data/load/upload/?school=s1&year={YEAR}",
                                                      {"school": "s1", "file": data})

    assert response.status_code == 400
    assert ("Файл нагрузка.xlsx, лист «Sheet», строка 2, столбец A «Класс», значение «7А»: такого класса в школе в "
            "2024/2025 учебном году нет.") in response.content.decode()
    assert TeachingAssignment.objects.count() == 0


def test_the_template_is_an_audited_download(client, world):
    response = as_user(client, world, "director").get(f"/data/load/template/?school=s1&year={YEAR}")

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response.content[:2] == b"PK"
    assert AuditEntry.objects.filter(object_type="teaching_load", action="export").count() == 1


@pytest.mark.parametrize("grade", [5, 10])  # two classes with marks; one class
def test_the_page_asks_a_fixed_number_of_queries(client, world, django_assert_num_queries, grade):
    as_user(client, world, "deputy")
    with django_assert_num_queries(15):  # session, user, roles; the audit entry; classes, load, marks, hours, teachers…
        client.get(URL + f"&grade={grade}")


def test_a_stored_teacher_no_longer_pedagogical_is_shown_in_the_cell_and_kept_by_a_save(client, world):
    # Козлова teaches 5Б mathematics; a later staff file makes her row of the year not pedagogical. The cell must
    # show her (not «—»), and saving the grade for another cell must not take her off.
    from vsoko.records.models import StaffYear
    from vsoko.teaching.assignments import apply
    math = world.subjects["math"].pk
    apply(world.school, YEAR, {(world.classes["5Б"].pk, math): {world.staff["kozlova"].pk: None}},
          user=world.users["deputy"])
    StaffYear.objects.filter(staff=world.staff["kozlova"], year_id=YEAR).update(pedagogical=False)
    page = as_user(client, world, "deputy").get(URL + "&grade=5")
    chosen = [o.text for o in select(page, "5Б, Математика").find_all("option") if "selected" in o.attrs]
    assert chosen == ["Козлова А. П. (не педагог в кадровых данных года)"]

    cells = [f"{world.classes[c].pk}-{math}" for c in ("5А", "5Б")]
    response = client.post(URL + "&grade=5", {"school": "s1", "grade": "5", "cells": cells,
                                              f"t-{cells[0]}": str(world.staff["smirnova"].pk),
                                              f"t-{cells[1]}": str(world.staff["kozlova"].pk)})

    assert response.status_code == 302
    assert set(TeachingAssignment.objects.values_list("school_class__name", "staff__staff_id")) == {
        ("5А", "P-001"), ("5Б", "P-010")}


@pytest.mark.django_db
def test_a_school_without_any_year_is_told_what_comes_first(client, settings):
    from tests.accounts.personas import make_user
    from vsoko.accounts.enums import Role
    from vsoko.records.enums import OrgUnitKind
    from vsoko.records.models import OrgUnit

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    school = OrgUnit.objects.create(code="new", name="МБОУ «Новая школа»", kind=OrgUnitKind.SCHOOL)
    client.force_login(make_user("newdeputy", role=Role.DEPUTY, org_unit=school))

    page = client.get("/data/load/")
    assert page.status_code == 200
    assert "Сначала загрузите данные школы" in page.content.decode()
    assert client.post("/data/load/", {"school": "new"}).status_code == 403  # nothing to save into
    assert not TeachingAssignment.objects.exists()


def in_order(node, tags: set[str]) -> list:
    """The descendants of node with one of the tags, in the order of the page (the order of Tab)."""
    found = []
    for child in node.children:
        if not isinstance(child, str):
            found += [child] * (child.tag in tags) + in_order(child, tags)
    return found


def test_a_skip_link_at_the_top_of_the_grid_leads_to_its_save_button(client, world):
    # A grade's table has a select per class and subject: a keyboard user skips them to «Сохранить».
    form = parse(as_user(client, world, "deputy").get(URL + "&grade=5")).find_all("form", "load-grid")[0]

    focusable = in_order(form, {"a", "select", "button"})
    skip = focusable[0]
    assert (skip.tag, skip.text, skip.attrs["class"]) == ("a", "Перейти к сохранению", "skip-link")
    assert [n.tag for n in focusable[1:]] == ["select", "select", "button"]  # 5А and 5Б mathematics, then save
    save = focusable[-1]
    assert (skip.attrs["href"], save.attrs["id"], save.text) == ("#save-load", "save-load",
                                                                 "Сохранить нагрузку 5 класса")


def test_the_grid_naming_every_teachers_classes_is_audited_as_a_list_view(client, world):
    as_user(client, world, "deputy").get(URL + "&grade=5")
    as_user(client, world, "teacher").get(URL)  # refused: no entry

    entries = AuditEntry.objects.filter(object_type="teaching_load", action="view_list")
    assert [(e.username, e.school.code, e.object_id, e.details) for e in entries] == [
        ("deputy", "s1", str(YEAR), {"grade": 5})]


def test_an_upload_named_after_a_pupil_is_quoted_in_the_message_but_not_stored_under_that_name(
        client, world, monkeypatch):
    """The copy on disk is neutral (vsoko.imports.received); the reader still quotes the user's name."""
    from vsoko.teaching import views

    seen = []
    real = views.read_upload

    def spy(path, **kwargs):
        seen.append(path.name)
        return real(path, **kwargs)

    monkeypatch.setattr(views, "read_upload", spy)
    book = Workbook()
    book.active.append(["Класс", "Предмет"])
    data = BytesIO()
    book.save(data)
    data.name = "Иванов_Пётр_8Б.xlsx"
    data.seek(0)

    response = as_user(client, world, "deputy").post(f"/data/load/upload/?school=s1&year={YEAR}",
                                                      {"school": "s1", "file": data})

    assert response.status_code == 400
    assert seen == ["upload.xlsx"]
    assert "Файл «Иванов_Пётр_8Б.xlsx»: не найдена таблица со столбцами" in response.content.decode()
