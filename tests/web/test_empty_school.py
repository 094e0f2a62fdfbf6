"""A school that has loaded nothing yet: every section opens, explains itself, and links only to pages that open."""

import re

import pytest

from tests.accounts.personas import make_user
from vsoko.accounts.enums import Role
from vsoko.indicators.catalogs import load_shipped_catalogs
from vsoko.records import enums
from vsoko.records.models import Enrollment, OrgUnit, SchoolClass, SchoolYear, Student
from vsoko.web.navigation import sections_for

pytestmark = pytest.mark.django_db

LINK = re.compile(r'<a [^>]*href="(/[^"#]*)"')


@pytest.fixture
def new_deputy(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_shipped_catalogs()
    school = OrgUnit.objects.create(code="new", name="МБОУ «Новая школа»", kind=enums.OrgUnitKind.SCHOOL)
    return make_user("deputy", role=Role.DEPUTY, org_unit=school)


def main_links(response) -> set[str]:
    main = response.content.decode().split('<main', 1)[1].split('</main>', 1)[0]
    return {href.replace("&amp;", "&") for href in LINK.findall(main)}


def test_every_section_and_every_link_on_it_opens_before_any_data(client, new_deputy):
    client.force_login(new_deputy)
    broken = []

    for section in sections_for(new_deputy):
        page = client.get(section.path)
        assert page.status_code == 200, section.path
        for href in main_links(page):
            status = client.get(href).status_code
            if status not in (200, 302):
                broken.append((section.path, href, status))

    # The «Ввести значения» and «Задать цели» buttons led to «Страница не найдена» while the school had no year.
    assert broken == []


def test_the_settings_say_when_targets_can_be_set(client, new_deputy):
    client.force_login(new_deputy)

    page = client.get("/indicators/settings/?unit=new").content.decode()

    assert "Задать цели" not in page
    assert "Цели задаются на учебный год: он появится, когда будет загружен пакет данных школы." in page


@pytest.mark.parametrize("url", ["/progress/", "/support/"])
def test_a_period_page_without_any_year_has_no_button_without_a_choice(client, new_deputy, url):
    client.force_login(new_deputy)

    page = client.get(url).content.decode()

    assert "Данных пока нет" in page
    assert ">Показать</button>" not in page.split("<main", 1)[1]


@pytest.mark.parametrize("url", ["/progress/", "/support/"])
def test_a_year_without_period_marks_names_the_sheet_as_the_template_titles_it(client, new_deputy, url):
    # «лист marks» named a sheet the template does not have: its sheet is «Отметки за периоды».
    school = OrgUnit.objects.get(code="new")
    SchoolYear.objects.create(start=2024)
    pupil = Student.objects.create(school=school, student_id="p1", last_name="Иванов", first_name="Иван")
    Enrollment.objects.create(school=school, year_id=2024, student=pupil, school_class=SchoolClass.objects.create(
        school=school, year_id=2024, name="5А", grade=5, letter="А"))
    client.force_login(new_deputy)

    page = client.get(url).content.decode()

    assert "Отметок за периоды нет" in page
    assert "лист «Отметки за периоды» пакета данных" in page and "лист marks" not in page
