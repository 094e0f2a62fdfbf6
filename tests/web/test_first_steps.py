"""«Начало работы» on the overview: a new school sees what is loaded and what is missing, each line linking to the
page that fills it; the list folds once pupils, staff and marks are in and is gone when every line is done."""

from __future__ import annotations

import pytest

from tests.accounts.personas import make_user
from tests.web.pages import parse
from vsoko.accounts.enums import Role
from vsoko.imports.service import import_package
from vsoko.indicators.catalogs import load_shipped_catalogs
from vsoko.indicators.models import Catalog, SchoolCatalog
from vsoko.records import enums
from vsoko.records.models import Assessment, ManualValue, OrgUnit, SurveyAnswer

pytestmark = pytest.mark.django_db

PUPILS = """Код обучающегося;Фамилия;Имя;Дата рождения;Пол
P1;Акимов;Артём;01.02.2015;М
P2;Белова;Вера;03.04.2015;Ж
P3;Волков;Глеб;05.06.2014;М
"""
CLASSES = """Учебный год;Код обучающегося;Класс
2025/2026;P1;5А
2025/2026;P2;5А
2025/2026;P3;6Б
"""
STAFF = """Учебный год;Код работника;Фамилия;Имя;Должность;Педагогический работник
2025/2026;T1;Орлова;Нина;учитель;да
"""
MARKS = """Учебный год;Период;Код обучающегося;Предмет;Отметка
2025/2026;1 четверть;P1;Математика;5
2025/2026;1 четверть;P2;Математика;4
"""


@pytest.fixture
def school(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_shipped_catalogs()
    return OrgUnit.objects.create(code="new", name="МБОУ «Новая школа»", kind=enums.OrgUnitKind.SCHOOL)


@pytest.fixture
def deputy(school):
    return make_user("deputy", role=Role.DEPUTY, org_unit=school)


def load(tmp_path, school, **tables: str) -> None:
    folder = tmp_path / "package"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    for key, text in tables.items():
        (folder / f"{key}.csv").write_text(text, encoding="utf-8")
    report = import_package(folder, school=school)
    assert report.ok, [str(e) for e in report.errors]


def checklist(response):
    found = [d for d in parse(response).find_all("details") if d.attrs.get("id") == "first-steps"]
    return found[0] if found else None


def lines(response) -> dict[str, tuple[str, list[str]]]:
    """{line's title: (its state: «есть»/«нет», the hrefs it links to)}."""
    rows = {}
    for item in checklist(response).find_all("li", "checklist__step"):
        title = item.find_all("strong")[0].text
        rows[title] = (item.find_all("span", "badge")[0].text, [a.attrs["href"] for a in item.find_all("a")])
    return rows


def test_an_empty_school_shows_what_to_load_first_and_links_each_line_to_its_page(client, deputy):
    client.force_login(deputy)

    response = client.get("/")

    box = checklist(response)
    assert box is not None and "open" in box.attrs
    assert lines(response) == {
        "Обучающиеся и классы": ("нет", ["/data/"]),
        "Педагогические работники": ("нет", ["/data/"]),
        # Marks and protocols need the pupils first: no link yet, the line says so.
        "Отметки за периоды": ("нет", []),
        "ВПР, ОГЭ, ЕГЭ": ("нет", []),
        "Анкеты": ("нет", ["/surveys/"]),
        # The entry page needs a school year, which the first pupils or staff bring.
        "Показатели, вводимые вручную": ("нет", []),
        "Каталоги показателей": ("нет", ["/indicators/settings/"]),
    }
    text = box.text
    assert "готово 0 из 7" in text
    assert "После обучающихся" in text
    assert "Скачать шаблон пакета (.xlsx)" in text
    assert "До первой загрузки проверьте «Сведения о школе» : название (оно стоит в отчётах) и учебные периоды" in text
    assert "/school/" in [a.attrs["href"] for a in box.find_all("a")]
    # She never uses the command line: the page does not send her to one.
    assert "vsoko import" not in response.content.decode().split("<main", 1)[1]


def test_every_link_of_the_checklist_opens(client, deputy, school, tmp_path):
    load(tmp_path, school, students=PUPILS, enrollments=CLASSES)
    client.force_login(deputy)

    hrefs = {href for _, links in lines(client.get("/")).values() for href in links}

    assert "/indicators/entry/" in hrefs and "/assessments/import/" in hrefs
    assert {href: client.get(href).status_code for href in hrefs} == dict.fromkeys(hrefs, 200)


def test_after_the_pupils_are_loaded_their_line_is_done_and_marks_can_follow(client, deputy, school, tmp_path):
    load(tmp_path, school, students=PUPILS, enrollments=CLASSES)
    client.force_login(deputy)

    response = client.get("/")

    state = lines(response)
    assert state["Обучающиеся и классы"] == ("есть", ["/data/"])
    assert state["Отметки за периоды"] == ("нет", ["/assessments/import/"])
    # everyone enrolled in the year, the pupils who left too: the overview's card next to it counts the year's end
    assert "обучающихся за год (с выбывшими) — 3, классов — 2" in checklist(response).text
    assert "Начало работы — 2025/2026 учебный год" in checklist(response).text


def test_the_list_folds_when_pupils_staff_and_marks_are_in_and_counts_them(client, deputy, school, tmp_path):
    load(tmp_path, school, students=PUPILS, enrollments=CLASSES, staff=STAFF, marks=MARKS)
    client.force_login(deputy)

    response = client.get("/")

    box = checklist(response)
    assert "open" not in box.attrs
    assert "готово 3 из 7" in box.text
    assert "работников — 1" in box.text and "отметок — 2" in box.text


def load_every_line(tmp_path, school) -> None:
    """Pupils, staff, marks, a ВПР, a survey answer and an entered value: every line but the catalogs' choice."""
    load(tmp_path, school, students=PUPILS, enrollments=CLASSES, staff=STAFF, marks=MARKS)
    Assessment.objects.create(school=school, year_id=2025, assessment_id="vpr-5-math",
                              kind=enums.AssessmentKind.VPR, grade=5)
    SurveyAnswer.objects.create(school=school, year_id=2025, survey="parents", respondent="r1", question="q1",
                                answer="да")
    ManualValue.objects.create(school=school, year_id=2025, indicator="core.x", value=1)


def test_the_list_is_gone_when_every_line_is_done(client, deputy, school, tmp_path):
    load_every_line(tmp_path, school)
    SchoolCatalog.objects.create(school=school, catalog=Catalog.objects.get(code="core"))
    client.force_login(deputy)

    assert checklist(client.get("/")) is None


def test_a_teacher_does_not_get_the_checklist(client, school):
    client.force_login(make_user("teacher", role=Role.TEACHER, org_unit=school))

    assert checklist(client.get("/")) is None


def test_the_checklist_costs_the_same_queries_whatever_is_loaded(client, deputy, school, tmp_path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    load(tmp_path, school, students=PUPILS, enrollments=CLASSES)
    client.force_login(deputy)
    client.get("/")
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    load(tmp_path, school, students=PUPILS + "P4;Гусев;Дмитрий;07.08.2014;М\n",
         enrollments=CLASSES + "2025/2026;P4;6Б\n", staff=STAFF, marks=MARKS)
    with CaptureQueriesContext(connection) as more:
        client.get("/")

    assert len(more) == len(few) > 0, (len(more), len(few))


def test_a_school_with_everything_pays_one_query_for_the_checklist(client, deputy, school, tmp_path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from vsoko.datavalues.compute import recompute

    load_every_line(tmp_path, school)
    recompute(school, [2025])  # the school's data generation, under which the counts are kept
    client.force_login(deputy)
    client.get("/")

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")

    # No catalog chosen: all are shown, and that alone keeps no list.
    assert checklist(response) is None
    assert len(queries) > 0  # the page's queries were seen
    assert [q["sql"] for q in queries if "records_periodmark" in q["sql"] or "schoolcatalog" in q["sql"]] == []


def test_last_springs_protocols_count_in_the_autumn(client, deputy, school, tmp_path):
    # The pupils of 2026/2027 are in, and the ВПР of April 2026 (year 2025/2026): the autumn has no ВПР of its own.
    load(tmp_path, school, students=PUPILS, enrollments=CLASSES + CLASSES.split("\n", 1)[1].replace(
        "2025/2026", "2026/2027"))
    Assessment.objects.create(school=school, year_id=2025, assessment_id="vpr-4-rus",
                              kind=enums.AssessmentKind.VPR, grade=4)
    client.force_login(deputy)

    response = client.get("/")

    assert "Начало работы — 2026/2027 учебный год" in checklist(response).text
    assert lines(response)["ВПР, ОГЭ, ЕГЭ"][0] == "есть"
    assert ("ВПР — 0, ОГЭ — 0, ЕГЭ — 0; за 2025/2026 учебный год: ВПР — 1, ОГЭ — 0, ЕГЭ — 0"
            in checklist(response).text)


@pytest.mark.parametrize("url", ["/indicators/", "/assessments/", "/progress/", "/schedule/", "/reports/"])
def test_an_empty_page_of_a_school_without_a_year_links_to_the_first_steps(client, deputy, url):
    # «Загрузите пакет данных в разделе «Данные»» named the place but gave no way there.
    client.force_login(deputy)

    notices = parse(client.get(url)).find_all("div", "notice")

    assert notices
    for notice in notices:
        assert [a.attrs["href"] for a in notice.find_all("a")] == ["/#first-steps", "/data/"]


def test_a_teacher_of_a_school_without_a_year_gets_no_loading_links(client, school):
    client.force_login(make_user("teacher", role=Role.TEACHER, org_unit=school))

    notices = parse(client.get("/progress/")).find_all("div", "notice")

    assert notices and all(not notice.find_all("a") for notice in notices)
