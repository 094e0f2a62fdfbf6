"""An approved year's values are not edited: the entry form says so before anything is typed (its fields are
disabled, no «Сохранить»), and a form sent anyway is refused with the reason and who may reopen the year."""

import pytest

from tests.indicators.entry_form import URL, deputy_with_catalog, fast_passwords, words  # noqa: F401 (autouse fixture)
from vsoko.indicators.models import Indicator
from vsoko.records.approval import set_status
from vsoko.records.enums import ApprovalStatus
from vsoko.records.models import ManualValue

pytestmark = pytest.mark.django_db


@pytest.fixture
def deputy(client, tmp_path):
    client = deputy_with_catalog(client, tmp_path, "catalog: {code: demo, name: Демо}\nindicators:\n"
                                 "- {code: demo.pcs, name: Число компьютеров, unit: count, method: entered}\n")
    set_status(school=client.world.school, year=2024, status=ApprovalStatus.APPROVED,
               user=client.world.users["director"])
    return client


def test_the_form_of_an_approved_year_says_so_and_takes_nothing(deputy):
    response = deputy.get(URL)

    html = response.content.decode()
    assert ("Данные за 2024/2025 учебный год утверждены: значения не изменить. Директор может снять утверждение "
            "на странице «Данные» → «Утверждение данных».") in words(response)
    assert "<fieldset disabled" in html
    assert "Сохранить</button>" not in html


def test_a_form_sent_for_an_approved_year_is_refused_and_nothing_is_saved(deputy):
    pk = Indicator.objects.get(code="demo.pcs").pk
    response = deputy.post(URL, {f"{pk}-value": "48"})

    assert response.status_code == 200
    assert "Данные за 2024/2025 учебный год утверждены и не могут быть изменены." in words(response)
    assert not ManualValue.objects.exists()
