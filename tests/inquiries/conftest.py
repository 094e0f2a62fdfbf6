import datetime

import pytest

from tests.accounts.personas import YEAR, build_world
from vsoko.indicators.enums import Method, Unit
from vsoko.indicators.models import Catalog, Indicator
from vsoko.inquiries.workflow import send_inquiry


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def context_inquiry(world):
    """«Контекстная информация ОО» from the municipality to its two schools, 2024/2025, due 1 December 2999."""
    return send_inquiry(sender=world.municipality, form="context", year=YEAR, title="Контекст школ",
                        text="Просим заполнить.", deadline=datetime.date(2999, 12, 1),
                        user=world.users["observer"])


@pytest.fixture
def context_indicators(db):
    """The two hand-entered indicators the context form names, as their catalogs define them."""
    catalog = Catalog.objects.create(code="reg004", name="Положение 004")
    other = Catalog.objects.create(code="reg000", name="Положение 000")
    return {
        "posts": Indicator.objects.create(catalog=catalog, code="reg004.4.2.2", unit=Unit.PERCENT,
                                          method=Method.ENTERED,
                                          name="Доля фактически занятых ставок педагогических работников"),
        "medical": Indicator.objects.create(catalog=other, code="reg000.7.5", unit=Unit.BOOL, method=Method.ENTERED,
                                            name="Наличие оборудованного медицинского кабинета"),
    }


# A complete answer of the context form, as typed.
CONTEXT_ANSWER = {
    "pupils_large_families": "40", "pupils_low_income": "25", "pupils_non_native": "6", "pupils_transported": "30",
    "second_shift": "12,5", "teacher_vacancies": "2", "posts_filled": "96,5", "psychologist": "в штате на полную ставку",
    "speech_therapist": "нет", "defectologist": "нет", "social_pedagogue": "в штате на часть ставки",
    "accessible_environment": "создана частично", "medical_office": "да", "notes": "",
}


def send_from_page(client, data: dict):
    """«Новый запрос» as the specialist sends it: the form, then «Отправить» on the confirmation it leads to.
    Returns the response to «Отправить»."""
    from django.urls import reverse

    confirmation = client.post(reverse("inquiries:new"), data)
    assert confirmation.templates[0].name == "inquiries/confirm.html", confirmation.content.decode()[:2000]
    sent = {}
    for name, value in confirmation.context["hidden"]:
        sent.setdefault(name, []).append(value)
    sent["confirmed"] = [unit.code for unit in confirmation.context["recipients"]]
    sent["confirmation"] = confirmation.context["token"]
    return client.post(reverse("inquiries:new"), {**sent, "action": "send"})
