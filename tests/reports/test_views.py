import pytest

from tests.accounts.personas import make_user
from tests.reports.conftest import YEAR
from tests.reports.readers import docx_rows, row_of
from vsoko.accounts.enums import Role
from vsoko.indicators.models import Catalog

pytestmark = pytest.mark.django_db


@pytest.fixture
def deputy(client, known_school):
    client.force_login(make_user("deputy", role=Role.DEPUTY, org_unit=known_school))
    return client


def test_the_page_lists_every_kind_with_a_link_per_format(deputy):
    page = deputy.get("/reports/", {"year": YEAR}).content.decode()

    for label in ("Аналитическая справка", "Отчёт о самообследовании", "Публичный доклад"):
        assert label in page
    for link in ("/reports/analytic.docx?", "/reports/self-exam.docx?", "/reports/self-exam.xlsx?",
                 "/reports/public.html?", "/reports/public.pdf?"):
        assert link in page
    assert '<option value="2024" selected>2024/2025</option>' in page


def test_a_download_is_the_report_of_the_year_asked_for(deputy):
    response = deputy.get("/reports/self-exam.docx", {"year": YEAR})

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="self-exam-2024-2025.docx"'
    assert row_of(docx_rows(response.content), "1.1")[3] == "7"


def test_a_format_the_kind_does_not_have_is_not_found(deputy):
    assert deputy.get("/reports/public.docx").status_code == 404
    assert deputy.get("/reports/annual.pdf").status_code == 404


def test_a_report_that_cannot_be_made_says_why(deputy):
    Catalog.objects.filter(code="order1324").delete()

    response = deputy.get("/reports/self-exam.xlsx", {"year": YEAR}, follow=True)

    assert response.redirect_chain[-1][0] == "/reports/"
    assert "Каталог «order1324» (показатели самообследования) не загружен" in response.content.decode()


def test_teachers_do_not_see_the_section(client, known_school):
    client.force_login(make_user("teacher", role=Role.TEACHER, org_unit=known_school))

    assert client.get("/reports/").status_code == 403
    assert 'href="/reports/"' not in client.get("/").content.decode()
