"""«Запросы» as walked through: the new request's title follows the chosen form, only forms that reach someone
are offered; the sender opening a school that has not answered reads so, not a table of dashes."""

import datetime

from django.urls import reverse
from django.utils import timezone

from tests.inquiries.conftest import send_from_page
from vsoko.inquiries.models import Inquiry
from vsoko.inquiries.workflow import save_answer, send_inquiry
from vsoko.records.years import school_year_of


def test_an_empty_title_is_the_chosen_forms_title(client, world):
    client.force_login(world.users["observer"])
    page = client.get(reverse("inquiries:new"))
    assert page.context["form"]["title"].value() in (None, "")  # no first form's title left behind

    deadline = timezone.localdate() + datetime.timedelta(days=10)
    send_from_page(client, {"sender": "mun", "form": "school_head", "title": "",
                            "year": school_year_of(timezone.localdate()), "deadline": deadline.isoformat()})
    assert Inquiry.objects.get().title == "Анкета руководителя ОО"


def test_a_municipality_is_offered_only_the_forms_that_go_to_its_schools(client, world):
    client.force_login(world.users["observer"])
    page = client.get(reverse("inquiries:new"))
    assert [code for code, _ in page.context["form"].fields["form"].choices] == ["context", "school_head"]
    assert list(page.context["forms"]) == ["context", "school_head"]
    assert "Анкета руководителя органа управления образованием" not in page.content.decode()


def test_the_sender_opening_an_answer_not_sent_reads_that_there_is_none_yet(client, world):
    inquiry = send_inquiry(sender=world.municipality, form="context", year=2024, title="Контекст", text="",
                           deadline=datetime.date(2999, 12, 1), user=world.users["observer"])
    answer = inquiry.answers.get(recipient=world.school)
    save_answer(answer, {"pupils_transported": "31"}, send=False)
    client.force_login(world.users["observer"])

    page = client.get(reverse("inquiries:answer", args=[answer.pk])).content.decode()
    assert "Ответа ещё нет" in page and "(состояние: черновик)" in page
    assert "1. Число обучающихся из многодетных семей" not in page  # no table of 14 dashes
