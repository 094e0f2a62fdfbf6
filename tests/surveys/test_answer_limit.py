"""The limit of stored answers per hour from one client address through one link (vsoko.surveys.answer_limit)."""

import datetime

import pytest
from django.core.cache import caches
from django.db import connection
from django.urls import reverse

from vsoko.records.models import SurveyAnswer
from vsoko.surveys import answer_limit
from vsoko.surveys.models import SurveyLink

pytestmark = pytest.mark.django_db

FULL = "полностью удовлетворен"
SCHOOL_ADDRESS = "203.0.113.7"
OTHER_ADDRESS = "198.51.100.4"


@pytest.fixture(autouse=True)
def three_per_hour(settings):
    settings.VSOKO_SURVEY_ANSWERS_PER_HOUR = 3
    settings.VSOKO_TRUSTED_PROXIES = []


def send(client, link, address=SCHOOL_ADDRESS, answer=FULL, **headers):
    return client.post(reverse("survey_form:respond", args=[link.token]), {"grade": "4", "q_overall": answer},
                       REMOTE_ADDR=address, **headers)


def stored(link) -> int:
    link.refresh_from_db()
    return link.responses


def test_the_answer_over_the_limit_is_not_stored_and_the_page_says_why(client, open_survey):
    link = open_survey.links.get()
    for _ in range(3):
        assert send(client, link).status_code == 302

    over = send(client, link)

    assert over.status_code == 429
    html = over.content.decode()
    assert "Ответ не сохранён" in html
    assert "С этого подключения к интернету за час по этой ссылке уже отправлено 3 ответа" in html
    assert stored(link) == 3
    assert SurveyAnswer.objects.count() == 3  # one question answered in each of the three stored responses


def test_another_address_and_another_link_still_get_through(client, open_survey):
    link = open_survey.links.get()
    for _ in range(3):
        send(client, link)
    class_link = SurveyLink.objects.create(survey=open_survey, label="4а", grade=4)

    assert send(client, link, address=OTHER_ADDRESS).status_code == 302
    assert send(client, class_link).status_code == 302
    assert (stored(link), stored(class_link)) == (4, 1)


def test_only_completed_sends_count(client, open_survey):
    # A pupil who sends the form with a mistake and then corrects it has answered once.
    link = open_survey.links.get()
    for _ in range(5):
        assert send(client, link, answer="очень доволен").status_code == 400
        assert client.get(reverse("survey_form:respond", args=[link.token]), REMOTE_ADDR=SCHOOL_ADDRESS).status_code == 200

    assert [send(client, link).status_code for _ in range(4)] == [302, 302, 302, 429]


def test_zero_turns_the_limit_off(client, open_survey, settings):
    settings.VSOKO_SURVEY_ANSWERS_PER_HOUR = 0
    link = open_survey.links.get()

    assert {send(client, link).status_code for _ in range(5)} == {302}
    assert stored(link) == 5


def test_the_count_starts_again_the_next_hour(rf, open_survey):
    link = open_survey.links.get()
    request = rf.post("/", REMOTE_ADDR=SCHOOL_ADDRESS)
    ten = datetime.datetime(2026, 12, 7, 10, 5, tzinfo=datetime.UTC)
    for _ in range(3):
        answer_limit.count_answer(request, link, now=ten)

    assert answer_limit.reached(request, link, now=ten + datetime.timedelta(minutes=54))
    assert not answer_limit.reached(request, link, now=ten + datetime.timedelta(minutes=55))


def test_the_address_is_stored_nowhere_and_yesterdays_salt_is_gone(client, open_survey, rf):
    link = open_survey.links.get()
    yesterday = datetime.datetime(2026, 12, 6, 12, 0, tzinfo=datetime.UTC)
    answer_limit.count_answer(rf.post("/", REMOTE_ADDR=SCHOOL_ADDRESS), link, now=yesterday)
    assert caches[answer_limit.CACHE].get("salt:2026-12-06") is not None

    answer_limit.count_answer(rf.post("/", REMOTE_ADDR=SCHOOL_ADDRESS), link,
                              now=yesterday + datetime.timedelta(days=1))
    send(client, link)

    assert caches[answer_limit.CACHE].get("salt:2026-12-06") is None
    table = connection.ops.quote_name(caches[answer_limit.CACHE]._table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key, value FROM {table}")
        rows = cursor.fetchall()
    assert len(rows) >= 3  # two days' counters and today's salt
    assert not any(SCHOOL_ADDRESS in key or SCHOOL_ADDRESS.encode() in _unpickled(value) for key, value in rows)


def _unpickled(value: str) -> bytes:
    import base64
    return base64.b64decode(value)


def test_behind_a_trusted_proxy_the_forwarded_address_counts(client, open_survey, settings):
    # The school's nginx in front of `vsoko serve`: every request comes from 127.0.0.1.
    settings.VSOKO_TRUSTED_PROXIES = ["127.0.0.1"]
    link = open_survey.links.get()
    for _ in range(3):
        send(client, link, address="127.0.0.1", HTTP_X_FORWARDED_FOR=SCHOOL_ADDRESS)

    assert send(client, link, address="127.0.0.1", HTTP_X_FORWARDED_FOR=SCHOOL_ADDRESS).status_code == 429
    # A forged first address does not make a new client: the proxy appends the real one last.
    assert send(client, link, address="127.0.0.1",
                HTTP_X_FORWARDED_FOR=f"10.0.0.1, {SCHOOL_ADDRESS}").status_code == 429
    assert send(client, link, address="127.0.0.1", HTTP_X_FORWARDED_FOR=OTHER_ADDRESS).status_code == 302


def test_an_untrusted_sender_cannot_choose_its_address(client, open_survey):
    link = open_survey.links.get()
    for n in range(3):
        send(client, link, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")

    assert send(client, link, HTTP_X_FORWARDED_FOR="10.0.0.9").status_code == 429
