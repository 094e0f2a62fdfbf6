"""The printed sheet greets whom its link is for: the class, the parallel or the whole school."""

import datetime
import re

import pytest
from django.urls import reverse

from tests.accounts.personas import YEAR
from vsoko.surveys.campaigns import add_class_links, create_survey
from vsoko.surveys.models import SurveyLink

pytestmark = pytest.mark.django_db


def greeting(html: str) -> list[str]:
    return re.findall(r"Уважаемые ([^!]+)!", html)


def survey_of(world, questionnaire):
    survey = create_survey(school=world.school, year=YEAR, questionnaire=questionnaire, title=questionnaire,
                           opens_on=datetime.date(2024, 10, 1), closes_on=datetime.date(2024, 10, 14))
    add_class_links(survey=survey)
    return survey


def sheet(client, world, survey, link):
    client.force_login(world.users["deputy"])
    return client.get(reverse("surveys:flyer", args=[survey.pk, link.pk])).content.decode()


def test_a_class_links_sheet_greets_the_parents_of_the_class(client, world):
    survey = survey_of(world, "parents")

    assert greeting(sheet(client, world, survey, survey.links.get(label="5А"))) == [
        "родители (законные представители) обучающихся 5А класса"]
    assert greeting(sheet(client, world, survey, survey.links.get(grade=None))) == [
        "родители (законные представители) обучающихся 1–11 классов"]


def test_a_parallels_link_greets_the_parallel(client, world):
    survey = survey_of(world, "students")
    link = SurveyLink.objects.create(survey=survey, label="10", grade=10)

    assert greeting(sheet(client, world, survey, link)) == ["обучающиеся 10-х классов"]


def test_every_sheet_of_the_print_all_page_greets_its_own_link(client, world):
    survey = survey_of(world, "do-needs")
    client.force_login(world.users["deputy"])

    html = client.get(reverse("surveys:flyers", args=[survey.pk])).content.decode()

    assert greeting(html) == [
        "обучающиеся и их родители (законные представители)",  # the general link: the questionnaire's audience
        "обучающиеся 5А класса и их родители (законные представители)",
        "обучающиеся 5Б класса и их родители (законные представители)",
        "обучающиеся 10А класса и их родители (законные представители)",
    ]


def test_a_questionnaire_without_classes_greets_its_audience(client, world):
    survey = survey_of(world, "teachers")

    assert greeting(sheet(client, world, survey, survey.links.get())) == ["педагогические работники школы"]
