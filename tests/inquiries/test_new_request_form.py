"""«Новый запрос» as walked through: the title follows the chosen form, only forms that reach someone are offered."""

import datetime

from django.urls import reverse
from django.utils import timezone

from vsoko.inquiries.models import Inquiry
from vsoko.records.years import school_year_of


def test_an_empty_title_is_the_chosen_forms_title(client, world):
    client.force_login(world.users["observer"])
    page = client.get(reverse("inquiries:new"))
    assert page.context["form"]["title"].value() in (None, "")  # no first form's title left behind

    deadline = timezone.localdate() + datetime.timedelta(days=10)
    client.post(reverse("inquiries:new"), {"sender": "mun", "form": "school_head", "title": "",
                                           "year": school_year_of(timezone.localdate()),
                                           "deadline": deadline.isoformat()})
    assert Inquiry.objects.get().title == "Анкета руководителя ОО"


def test_a_municipality_is_offered_only_the_forms_that_go_to_its_schools(client, world):
    client.force_login(world.users["observer"])
    page = client.get(reverse("inquiries:new"))
    assert [code for code, _ in page.context["form"].fields["form"].choices] == ["context", "school_head"]
    assert list(page.context["forms"]) == ["context", "school_head"]
    assert "Анкета руководителя органа управления образованием" not in page.content.decode()
