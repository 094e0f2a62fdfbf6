"""While new answers wait for the recomputation, the survey pages show its progress and reload when it is done
(the pattern of an import's progress: a panel with data-progress-url, polled by imports/progress.js)."""

import datetime

import pytest
from django.urls import reverse

from tests.accounts.personas import YEAR
from vsoko.datavalues.models import RecomputeRequest
from vsoko.surveys.campaigns import create_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(world):
    return create_survey(school=world.school, year=YEAR, questionnaire="parents", title="Родители",
                         opens_on=datetime.date(2024, 10, 1), closes_on=datetime.date(2024, 10, 14))


def progress_url(year=YEAR):
    return reverse("surveys:recompute_progress", args=[year]) + "?school=s1"


def test_the_progress_says_whether_the_years_recomputation_is_still_waiting(client, world):
    client.force_login(world.users["deputy"])
    RecomputeRequest.objects.create(school=world.school, year_id=YEAR)

    waiting = client.get(progress_url()).json()
    RecomputeRequest.objects.all().delete()  # the worker has recomputed the year
    done = client.get(progress_url()).json()

    assert waiting == {"finished": False, "percent": None, "status_label": "обновляется",
                       "stage": "пересчёт сводки и показателей года с новыми ответами"}
    assert done == {"finished": True, "percent": 100, "status_label": "готово", "stage": "сводка обновлена"}


def test_the_survey_page_polls_the_progress_while_its_summary_waits(client, world, survey):
    client.force_login(world.users["deputy"])
    RecomputeRequest.objects.create(school=world.school, year_id=YEAR)

    waiting = client.get(reverse("surveys:detail", args=[survey.pk])).content.decode()
    summary = client.get(reverse("surveys:summary", args=["parents"]) + f"?year={YEAR}").content.decode()
    RecomputeRequest.objects.all().delete()
    done = client.get(reverse("surveys:detail", args=[survey.pk])).content.decode()

    for html in (waiting, summary):
        assert f'data-progress-url="{progress_url()}"' in html
        assert "Сводка обновляется" in html and "<progress" in html
        assert "/static/imports/progress.js" in html
    assert "data-progress-url" not in done and "Сводка обновляется" not in done


def test_others_do_not_see_the_progress(client, world):
    client.force_login(world.users["teacher"])

    assert client.get(progress_url()).status_code == 403
