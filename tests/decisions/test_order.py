"""«Проект приказа» of a decision (Положение 000, п. 4.18: по итогам анализа данных мониторинга готовятся
аналитические справки и приказы): the Word file read back with python-docx, paragraph by paragraph."""

import datetime
from urllib.parse import unquote

import pytest
from django.urls import reverse

from tests.accounts.personas import YEAR
from tests.decisions.conftest import decision
from tests.reports.readers import docx_paragraphs
from vsoko.audit.models import AuditEntry
from vsoko.decisions.enums import Basis, Body
from vsoko.decisions.order import DECISION_OF, order_document
from vsoko.plan.models import PlanItem
from vsoko.records.models import StaffMember, StaffYear
from vsoko.reports.enums import Format
from vsoko.reports.writers import WRITERS

pytestmark = pytest.mark.django_db

PREAMBLE = (
    "В соответствии с Положением о внутренней системе оценки качества образования, на основании "
)
ACQUAINTED = [
    "С приказом ознакомлены:",
    *["________________ ________________ «___» __________ 20___ г."] * 3,
]


def test_an_order_on_an_indicator_names_its_value_and_change_and_the_councils_decision(
    falling_school,
):
    # Knowledge quality: 3 of 4 = 75 % in 2022/2023, 3 of 5 = 60 % in 2023/2024 — down 15 п. п.
    member = StaffMember.objects.create(
        school=falling_school,
        staff_id="d1",
        last_name="Орлова",
        first_name="Анна",
        middle_name="Петровна",
    )
    StaffYear.objects.create(
        school=falling_school, year_id=2023, staff=member, position="Директор", pedagogical=False
    )
    made = decision(
        falling_school,
        2023,
        ["core.quality"],
        title="ВШК по математике в 5-х классах",
        text="Посетить уроки математики в 5-х классах\n\n2) Провести контрольную работу по математике;",
        basis=Basis.INDICATOR,
        body=Body.TEACHERS_COUNCIL,
        document_number="3",
        date=datetime.date(2024, 5, 30),
        responsible="Петрова Н. В., заместитель директора по УВР",
        deadline=datetime.date(2024, 12, 20),
    )

    paragraphs = docx_paragraphs(WRITERS[Format.DOCX](order_document(made)))

    assert paragraphs == [
        "МБОУ «Тестовая СОШ»",
        "ПРИКАЗ",
        "от «___» __________ 20___ г. № ___",
        "О реализации управленческого решения «ВШК по математике в 5-х классах»",
        PREAMBLE
        + "результатов мониторинга показателя «Качество знаний» (60,0 % в 2023/2024 учебном году, "
        "−15,0 п. п. по сравнению с 2022/2023 учебным годом) и решения педагогического совета от "
        "30.05.2024 № 3,",
        "ПРИКАЗЫВАЮ:",
        "1. Посетить уроки математики в 5-х классах.",
        "2. Провести контрольную работу по математике.",
        "Ответственный: Петрова Н. В., заместитель директора по УВР",
        "Срок: 20.12.2024",
        "Контроль за исполнением приказа оставляю за собой.",
        "Директор ________________ А. П. Орлова",
        *ACQUAINTED,
    ]


def test_an_order_on_a_plan_item_downloads_from_the_decision_page_and_is_audited(client, world):
    item = PlanItem.objects.create(
        school=world.school, year_id=YEAR, object="Анкетирование родителей", months=[3]
    )
    made = decision(
        world.school,
        YEAR,
        [],
        title="Анкетирование родителей о качестве образования",
        text="Провести анкетирование родителей 5-х классов.",
        basis=Basis.PLAN_ITEM,
        plan_item=item,
        body=Body.ORDER,
        document_number="45-о",
        date=datetime.date(2025, 3, 1),
    )
    client.force_login(world.users["mo_head"])  # reads decisions, does not keep them
    assert (
        "Проект приказа (Word)"
        in client.get(reverse("decisions:detail", args=[made.pk])).content.decode()
    )

    response = client.get(reverse("decisions:order", args=[made.pk]))

    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert unquote(response["Content-Disposition"]).endswith(
        "''Проект приказа — решение от 01.03.2025.docx"
    )
    assert docx_paragraphs(response.content) == [
        "МБОУ «Школа №1»",
        "ПРИКАЗ",
        "от 01.03.2025 № 45-о",
        "О реализации управленческого решения «Анкетирование родителей о качестве образования»",
        PREAMBLE
        + "результатов мониторинга по пункту «Анкетирование родителей» плана мониторинга на 2024/2025 "
        "учебный год,",
        "ПРИКАЗЫВАЮ:",
        "1. Провести анкетирование родителей 5-х классов.",
        "Ответственный: ________________",
        "Срок: ________________",
        "Контроль за исполнением приказа оставляю за собой.",
        "Директор ________________ (инициалы, фамилия директора)",
        *ACQUAINTED,
    ]
    entry = AuditEntry.objects.get(action="export", object_type="decision")
    assert (entry.object_id, entry.username, entry.details["формат"]) == (
        str(made.pk),
        "mo-head",
        "docx",
    )

    client.force_login(world.users["other_director"])
    assert client.get(reverse("decisions:order", args=[made.pk])).status_code == 404


def test_the_basis_in_words_by_the_basis_and_the_body(world):
    expected = [
        (
            Basis.REPORT,
            Body.METHODICAL_COUNCIL,
            "аналитической справки и решения методического совета от 01.03.2025",
        ),
        (
            Basis.RISK_FLAG,
            Body.DIRECTORS_MEETING,
            "выявленных признаков необъективности результатов и решения "
            "совещания при директоре от 01.03.2025",
        ),
        (
            Basis.OTHER,
            Body.ORDER,
            "результатов мониторинга качества образования за 2024/2025 учебный год",
        ),
    ]
    said = []
    for basis, body, _ in expected:
        made = decision(
            world.school, YEAR, [], basis=basis, body=body, date=datetime.date(2025, 3, 1)
        )
        said.append(order_document(made).sections[0].blocks[2].text)

    assert said == [PREAMBLE + words + "," for _, _, words in expected]


@pytest.mark.django_db(False)
def test_every_body_says_whose_decision_the_order_puts_into_effect_or_none():
    assert set(DECISION_OF) == set(Body)
    assert [body for body, whose in DECISION_OF.items() if whose is None] == [
        Body.ORDER,
        Body.OTHER,
    ]
