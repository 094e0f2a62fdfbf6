"""A pupil's page as a teacher reads it: subjects in alphabetical order, whatever their case, and the year
marks of every year up to the page's year side by side (how the pupil got on over the years)."""

import pytest

from tests.accounts.personas import PREVIOUS_YEAR, YEAR
from tests.web.pages import parse, table_rows, texts
from vsoko.records.enums import Period
from vsoko.records.models import Enrollment, PeriodMark, SchoolClass, SchoolYear, Subject

pytestmark = pytest.mark.django_db


def get(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


def mark(world, student, subject, mark, *, year=YEAR, period=Period.YEAR):
    PeriodMark.objects.create(school=world.school, year_id=year, period=period, student=student, subject=subject,
                              mark=mark)


def test_subjects_of_the_marks_table_go_in_alphabetical_order_whatever_their_case(client, world):
    ivanov = world.students["ivanov"]
    mark(world, ivanov, Subject.objects.create(name="ОДНКНР"), "5", period=Period.Q1)
    mark(world, ivanov, Subject.objects.create(name="английский язык"), "4", period=Period.Q1)

    response = get(client, world.users["director"], f"/students/{ivanov.pk}/")

    # «ОДНКНР» used to come first: capital Cyrillic letters sort before small ones in a plain ORDER BY.
    assert [row[0] for row in table_rows(response, 1)] == ["английский язык", "Математика", "ОДНКНР"]


def test_year_marks_of_every_year_up_to_the_pages_year_side_by_side(client, world):
    ivanov, math, physics = world.students["ivanov"], world.subjects["math"], world.subjects["physics"]
    fourth = SchoolClass.objects.create(school=world.school, year_id=PREVIOUS_YEAR, name="4А", grade=4, letter="А")
    Enrollment.objects.create(school=world.school, year_id=PREVIOUS_YEAR, student=ivanov, school_class=fourth)
    mark(world, ivanov, math, "4", year=PREVIOUS_YEAR)
    mark(world, ivanov, math, "3", year=PREVIOUS_YEAR, period=Period.Q1)  # a quarter's mark is not a year's
    mark(world, ivanov, physics, "3", year=PREVIOUS_YEAR)
    later, _ = SchoolYear.objects.get_or_create(start=YEAR + 1)
    mark(world, ivanov, math, "2", year=later.start)  # after the page's year: not shown on it

    response = get(client, world.users["class_teacher"], f"/students/{ivanov.pk}/")

    assert "Годовые отметки по годам" in texts(response, "h2")
    section = [s for s in parse(response).find_all("section") if s.attrs.get("aria-labelledby") == "years-title"][0]
    assert [th.text for th in section.find_all("thead")[0].find_all("th")] == ["Предмет", "2023/2024", "2024/2025"]
    rows = [[c.text for c in tr.children if getattr(c, "tag", None) in ("th", "td")]
            for tr in section.find_all("tbody")[0].find_all("tr")]
    assert rows == [["Математика", "4", "5"], ["Физика", "3", ""]]


def test_one_year_of_marks_needs_no_table_of_years(client, world):
    response = get(client, world.users["class_teacher"], f"/students/{world.students['ivanov'].pk}/")

    assert "Годовые отметки по годам" not in texts(response, "h2")


def links(response) -> list[str]:
    return [a.attrs.get("href", "") for a in parse(response).find_all("main")[0].find_all("a")]


def test_a_class_page_leads_to_the_class_results_and_the_class_teacher_to_the_pupil_sheets(client, world):
    fifth = world.classes["5А"]
    found = links(get(client, world.users["class_teacher"], f"/classes/{fifth.pk}/"))

    assert f"/progress/classes/{fifth.pk}/" in found
    assert f"/progress/classes/{fifth.pk}/sheets.docx" in found


def test_a_subject_teacher_gets_the_results_but_not_the_pupil_sheets(client, world):
    tenth = world.classes["10А"]
    found = links(get(client, world.users["teacher"], f"/classes/{tenth.pk}/"))

    assert f"/progress/classes/{tenth.pk}/" in found
    assert not [href for href in found if href.endswith("sheets.docx")]
