"""«Признаки необъективности по школам»: the municipality's ВПР, ОГЭ and ЕГЭ flags school by school on the web, as
the municipal report counts them (fixture of tests/reports/test_municipal_objectivity.py: A — journal lowered 5 of
10, high; B — 4 of 10 lowered, withheld (four people); C — high marks, low score, high)."""

import pytest
from django.urls import reverse

from tests.accounts.personas import make_user
from tests.reports.readers import xlsx_rows
from tests.reports.test_municipal_objectivity import LOW_SCORE_C, LOWERED_A, municipality  # noqa: F401 — fixture
from vsoko.accounts.enums import Role
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.records.models import Assessment, OrgUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def observer(client, municipality, settings):  # noqa: F811 — the fixture imported above
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = make_user("observer", role=Role.OBSERVER, org_unit=municipality)
    client.force_login(user)
    return user


def test_the_schools_with_flags_are_counted_and_lead_to_their_procedures(client, observer):
    html = client.get(reverse("comparison:objectivity")).content.decode()

    a_vpr = Assessment.objects.get(school__code="a")
    # Two of three schools: B's only flag tells of four pupils and is not shown to a reader of aggregates.
    assert "Признаки найдены у 2 из 3 школ." in html
    assert ('<tr><th scope="row"><a href="/assessments/?school=a&amp;year=2024">Школа A</a></th>'
            '<td class="num">1</td><td class="num">1</td><td class="num">1</td><td class="num">1</td>'
            '<td class="num">0</td></tr>') in html
    assert ('<tr><th scope="row"><a href="/assessments/?school=c&amp;year=2024">Школа C</a></th>'
            '<td class="num">1</td><td class="num">1</td><td class="num">1</td><td class="num">0</td>'
            '<td class="num">1</td></tr>') in html
    assert "Школа B</a></th>" not in html
    # counts stand right-aligned under right-aligned headings, as in every other table of figures
    assert '<th scope="col" class="wrap num">Процедур</th>' in html
    assert (f'<td><a href="/assessments/{a_vpr.pk}/">ВПР, математика, 5 класс</a></td>'
            f'<td class="wrap">Отметки по журналу выше результатов работы</td><td class="wrap">{LOWERED_A}</td>') in html
    assert LOW_SCORE_C in html


def test_the_flags_download_as_the_reports_tables_and_the_download_is_logged(client, observer):
    workbook = client.get(reverse("comparison:objectivity"), {"format": "xlsx"})

    rows = xlsx_rows(workbook.content)
    assert ["Школа A", 1, 1, 1, 1, 0] in rows and ["Школа C", 1, 1, 1, 0, 1] in rows
    assert ["Школа C", "ВПР, математика, 5 класс", "Высокие отметки при низком среднем балле", LOW_SCORE_C] in [
        row[:4] for row in rows]
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert (entry.user, entry.object_type, entry.details["учебный год"]) == (observer, "objectivity", "2024/2025")


def test_a_user_of_one_school_is_not_let_in(client, municipality):  # noqa: F811
    client.force_login(make_user("director", role=Role.DIRECTOR, org_unit=OrgUnit.objects.get(code="a")))

    assert client.get(reverse("comparison:objectivity")).status_code == 403
