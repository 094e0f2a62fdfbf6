"""The municipality's organisations side by side: the fixture's school 1 (tests/preschool/conftest.py) and school 2
with one group «Разновозрастная» (информирование 4, участие 4, среда 1), hand-computed:

    семья:    школа 1 15 / 6 = 2,5, групп не ниже базового 2 из 2;  школа 2 8 / 2 = 4, 1 из 1
              вместе (15 + 8) / (6 + 2) = 23 / 8 = 2,875 → 2,88 (среднее школ было бы 3,25); групп 3 из 3 = 100 %
    условия:  школа 1 6 / 2 = 3, 2 из 2;  школа 2 1 / 1 = 1, 0 из 1
              вместе 7 / 3 = 2,33 (среднее школ было бы 2); групп 2 из 3 = 66,7 %
    все:      школа 1 21 / 8, группы 11 / 4 и 10 / 4 — 2 из 2;  школа 2 9 / 3 = 3, 1 из 1
              вместе 30 / 11 = 2,73; групп 3 из 3
    групп:    школа 1 — 3 («Новая» без оценок), школа 2 — 1, вместе 4
"""

from fractions import Fraction

import pytest

from tests.preschool.conftest import YEAR, rate
from tests.web.pages import main_text
from vsoko.preschool.models import PreschoolGroup
from vsoko.preschool.municipality import municipal_overview
from vsoko.records.models import OrgUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(monitoring):
    group = PreschoolGroup.objects.create(school=monitoring.world.other_school, year_id=YEAR, name="Разновозрастная",
                                          age_band="3–7 лет", children=11)
    rate(group, family_information=4, family_participation=4, conditions_environment=1)
    return monitoring


def schools():
    return OrgUnit.objects.filter(code__in=["s1", "s2"])


def test_each_organisation_and_all_together_from_the_groups_sums(two):
    page = municipal_overview(schools(), YEAR)

    first, second = page.lines
    assert (first.school.code, first.groups, second.school.code, second.groups, page.total.groups) == (
        "s1", 3, "s2", 1, 4)
    assert (first.by_area["family"].ratings.mean, second.by_area["family"].ratings.mean) == (Fraction(5, 2), 4)
    assert page.total.by_area["family"].ratings.mean == Fraction(23, 8)
    assert page.total.by_area["conditions"].ratings.mean == Fraction(7, 3)
    assert page.total.whole.ratings.mean == Fraction(30, 11)
    assert page.total.by_area["care"].ratings.mean is None


def test_the_share_of_groups_counts_groups_by_their_own_mean(two):
    page = municipal_overview(schools(), YEAR)

    first, second = page.lines
    conditions = [line.by_area["conditions"].groups for line in (first, second, page.total)]
    assert [(g.at_base, g.rated) for g in conditions] == [(2, 2), (0, 1), (2, 3)]
    assert page.total.by_area["conditions"].groups.share == Fraction(200, 3)
    assert (page.total.whole.groups.at_base, page.total.whole.groups.rated) == (3, 3)
    assert page.total.by_area["care"].groups.share is None


def test_the_observer_sees_both_organisations_and_the_municipality(client, two):
    client.force_login(two.world.users["observer"])

    page = main_text(client.get(f"/preschool/municipality/?year={YEAR}"))

    means, shares = page.split("Доля групп не ниже базового уровня", 1)
    assert "МБОУ «Школа №2» 1 — — 1,00 — 4,00 — — 3,00" in means  # a mean level keeps two places
    assert "Все организации вместе 4 — — 2,33 — 2,88 — — 2,73" in means
    assert "МБОУ «Школа №2» 1 — — 0,0 % — 100,0 % — — 100,0 %" in shares
    assert "Все организации вместе 4 — — 66,7 % — 100,0 % — — 100,0 %" in shares


def test_organisations_without_groups_in_the_year_are_left_out(monitoring):
    page = municipal_overview(schools(), YEAR)

    assert [line.school.code for line in page.lines] == ["s1"]
    assert page.total.by_area["family"].ratings.mean == Fraction(5, 2)


@pytest.mark.parametrize("persona", ["director", "deputy", "teacher", "other_director"])
def test_a_role_in_one_school_does_not_see_the_municipality(client, two, persona):
    client.force_login(two.world.users[persona])

    response = client.get(f"/preschool/municipality/?year={YEAR}")

    assert response.status_code == 403
    assert "Школа №2" not in response.content.decode() and "Школа №1" not in response.content.decode()


def test_the_figures_are_three_queries_however_many_organisations(two, django_assert_num_queries):
    with django_assert_num_queries(3):
        one = municipal_overview(OrgUnit.objects.filter(code="s1"), YEAR)
    with django_assert_num_queries(3):
        both = municipal_overview(schools(), YEAR)

    assert (len(one.lines), len(both.lines)) == (1, 2)


def test_the_overview_and_the_comparison_link_the_page_for_the_observer_only(client, two):
    client.force_login(two.world.users["observer"])
    observer_overview = client.get(f"/preschool/?year={YEAR}").content.decode()
    comparison = client.get("/compare/").content.decode()
    client.force_login(two.world.users["director"])
    director_overview = client.get(f"/preschool/?year={YEAR}").content.decode()

    link = 'href="/preschool/municipality/'
    assert link in observer_overview and link in comparison and link not in director_overview


def test_a_level_of_an_indicator_taken_out_of_areas_yaml_counts_nowhere(two):
    rate(PreschoolGroup.objects.get(name="Разновозрастная"), dropped_indicator=1)

    page = municipal_overview(schools(), YEAR)

    assert page.total.whole.ratings.mean == Fraction(30, 11)
    assert (page.total.whole.groups.at_base, page.total.whole.groups.rated) == (3, 3)


def test_the_observer_downloads_the_page_as_excel_with_the_same_figures(client, two):
    import io
    from urllib.parse import unquote

    from openpyxl import load_workbook

    from vsoko.audit.models import AuditEntry

    client.force_login(two.world.users["observer"])
    response = client.get(f"/preschool/municipality.xlsx?year={YEAR}")

    assert response.status_code == 200
    assert "Дошкольное образование по организациям 2024-2025.xlsx" in unquote(response["Content-Disposition"])
    book = load_workbook(io.BytesIO(response.content))
    means, shares = book["Средний уровень"], book["Группы не ниже базового"]
    # Row 3 is the header (a note and a blank row above it); then the organisations and all together.
    rows = {row[0]: row for row in means.iter_rows(min_row=4, values_only=True)}
    assert rows["МБОУ «Школа №2»"][1] == 1
    assert rows["Все организации вместе"][1] == 4
    assert rows["Все организации вместе"][-1] == 2.73  # 30 / 11
    assert sorted(v for v in rows["Все организации вместе"][2:-1] if v != "—") == [2.33, 2.88]  # 7/3, 23/8
    share_rows = {row[0]: row for row in shares.iter_rows(min_row=4, values_only=True)}
    assert sorted(v for v in share_rows["Все организации вместе"][2:-1] if v != "—") == [66.7, 100]
    assert share_rows["МБОУ «Школа №2»"][-1] == 100
    assert AuditEntry.objects.filter(object_type="preschool_municipality").count() == 1


def test_a_school_deputy_cannot_download_the_municipality(client, two):
    client.force_login(two.world.users["deputy"])
    assert client.get(f"/preschool/municipality.xlsx?year={YEAR}").status_code == 403
