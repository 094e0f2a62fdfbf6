"""Results in their social context for a municipality (vsoko.analysis.context.municipal_context) on two
hand-counted schools, and who may open it."""

import io
from fractions import Fraction

import openpyxl
import pytest
from django.urls import reverse

from tests.accounts.personas import make_user
from tests.analysis.social_context import LOW, ORPHAN, build_municipality, pupils
from tests.datavalues.records import Records, make_school
from vsoko.accounts.enums import Role
from vsoko.analysis.access import Privacy
from vsoko.analysis.context import (
    Cell,
    MunicipalContext,
    SchoolLine,
    _mark_widest,
    context_table,
    municipal_context,
)
from vsoko.datavalues.compute import recompute
from vsoko.records.models import OrgUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipality(db):
    """The two hand-counted schools of tests/analysis/social_context.py."""
    return build_municipality()


def test_the_municipality_is_a_ratio_of_its_schools_sums(municipality):
    content = municipal_context(municipality, 2024, Privacy(on=False))

    whole = content.table.school_row.figures
    assert whole["students"] == 30
    assert whole["quality"] == 70
    assert whole["success"] == Fraction(2900, 30)
    assert whole["results"] == 3
    assert whole["twos"] == Fraction(100, 3)
    assert whole["passed"] == Fraction(200, 3)
    orphans, low = content.table.rows
    assert (orphans.population.category, low.population.category) == (ORPHAN, LOW)
    assert low.figures["students"] == 15
    assert low.figures["quality"] == Fraction(200, 3)
    assert low.figures["success"] == 100
    assert (low.figures["results"], low.figures["twos"], low.figures["passed"]) == (3, Fraction(100, 3), Fraction(200, 3))
    assert low.versus_school["quality"] == Fraction(200, 3) - 70
    assert low.versus_school["success"] == 100 - Fraction(2900, 30)
    assert orphans.figures["students"] == 2
    assert orphans.figures["quality"] == 50
    assert low.changes["quality"] is None  # nothing a year ago


def test_the_same_figures_as_the_engine_gives_the_municipality(municipality):
    """The one read of every school's data values gives what evaluator_for gives at the municipality."""
    content = municipal_context(municipality, 2024, Privacy(on=False))
    engine = context_table(municipality, 2024, Privacy(on=False))

    assert content.table.school_row.figures == engine.school_row.figures
    assert [r.figures for r in content.table.rows] == [r.figures for r in engine.rows]


def test_each_school_each_category_beside_the_school(municipality):
    content = municipal_context(municipality, 2024, Privacy(on=False))

    assert content.categories == [ORPHAN, LOW]
    first, second = content.schools
    assert (first.school.name, first.students, first.quality) == ("Школа А", 20, 75)
    assert (second.school.name, second.students, second.quality) == ("Школа Б", 10, 60)
    no_orphans, low_a = first.cells
    assert (no_orphans.quality, no_orphans.gap) == (None, None)
    assert (low_a.quality, low_a.gap, low_a.widest) == (50, -25, True)
    orphans_b, low_b = second.cells
    assert (orphans_b.quality, orphans_b.gap, orphans_b.widest) == (50, -10, True)
    assert (low_b.quality, low_b.gap, low_b.widest) == (100, 40, False)
    line, category, cell = content.largest_gap
    assert (line.school.name, category, cell.gap) == ("Школа А", LOW, -25)


def test_small_groups_withheld_without_sensitive_rights(municipality):
    content = municipal_context(municipality, 2024, Privacy(on=True, minimum=5))

    orphans, low = content.table.rows
    assert orphans.hidden  # two orphans in the municipality
    assert not low.hidden
    # 10 of 15 and 15 of 15 tell of five or more (or none) either way; 1 of 3 and 2 of 3 results do not.
    assert low.hidden_shares == {"twos", "passed"}
    first, second = content.schools
    assert first.cells[1] == first.cells[1].__class__(50, -25, hidden=False, widest=True)  # 5 of 10
    assert second.cells[0].hidden and second.cells[0].gap is None  # two orphans of Школа Б
    assert not second.cells[1].hidden  # 5 of 5
    assert content.largest_gap[2].gap == -25


def test_a_lone_small_group_withholds_the_municipality_figure_it_could_be_subtracted_from(municipality):
    """Школа В: three low-income pupils «4», «4», «3», withheld on its page. The municipality's 18 low-income
    pupils minus Школа А's 10 and Школа Б's 5 (both shown on their pages) would give those three away."""
    c = Records(make_school("c", municipality, "Школа В"))
    pupils(c, "cl", LOW, "443")
    recompute(c.school, [2024])

    hiding = municipal_context(municipality, 2024, Privacy(on=True, minimum=5))
    showing = municipal_context(municipality, 2024, Privacy(on=False))

    assert hiding.table.rows[1].hidden
    assert hiding.schools[2].cells[1].hidden
    low = showing.table.rows[1]
    assert not low.hidden
    assert (low.figures["students"], low.figures["quality"]) == (18, Fraction(1200, 18))  # 12 of 18
    assert showing.schools[2].cells[1] == showing.schools[2].cells[1].__class__(Fraction(200, 3), 0)  # as the school


def test_two_small_groups_that_together_are_still_small_withhold_the_municipality_figure(municipality):
    """Школа В: one low-income pupil «3»; Школа Г: two low-income pupils «3», «3»; both withheld on their pages.
    The municipality's 18 low-income pupils minus Школа А's 10 and Школа Б's 5 would give away three pupils
    (quality 12 of 18 − 10 of 15 = 0 of 3: none of the three has «4» and «5»)."""
    c = Records(make_school("c", municipality, "Школа В"))
    pupils(c, "cl", LOW, "3")
    d = Records(make_school("d", municipality, "Школа Г"))
    pupils(d, "dl", LOW, "33")
    recompute(c.school, [2024])
    recompute(d.school, [2024])

    hiding = municipal_context(municipality, 2024, Privacy(on=True, minimum=5))

    assert hiding.schools[2].cells[1].hidden and hiding.schools[3].cells[1].hidden
    assert hiding.table.rows[1].hidden


def test_small_groups_that_together_reach_the_minimum_give_away_only_their_sum(municipality):
    """Школа В: three low-income pupils, Школа Г: two: the five together are not a small group."""
    c = Records(make_school("c", municipality, "Школа В"))
    pupils(c, "cl", LOW, "443")
    d = Records(make_school("d", municipality, "Школа Г"))
    pupils(d, "dl", LOW, "33")
    recompute(c.school, [2024])
    recompute(d.school, [2024])

    hiding = municipal_context(municipality, 2024, Privacy(on=True, minimum=5))

    assert not hiding.table.rows[1].hidden
    assert hiding.table.rows[1].figures["students"] == 20


# --- the page -----------------------------------------------------------------------------------------


def page(client, user, **query):
    client.force_login(user)
    return client.get(reverse("analysis:context"), {"year": 2024, **query})


def test_the_observer_sees_the_municipality_without_small_groups(municipality, client):
    observer = make_user("observer", role=Role.OBSERVER, org_unit=municipality)

    response = page(client, observer, municipality="mun")

    assert response.status_code == 200
    text = response.content.decode()
    assert "Городской округ: все школы" in text
    assert "меньше 5 человек — скрыто" in text  # the orphans' row of the municipality
    assert "66,7\u00a0%" in text and "▼ −3,3 п. п." in text  # low-income quality against the municipality's 70 %
    assert "▼ −25,0 п. п. — наибольший разрыв" in text  # low-income pupils of Школа А
    assert "Наибольший разрыв — Школа А, категория «<strong>малообеспеченная семья</strong>»" in text
    assert "▼ −10,0 п. п." not in text  # the orphans of Школа Б: two pupils
    assert "▲ +40,0 п. п." in text
    school = page(client, observer, school="a").content.decode()
    assert 'href="?municipality=mun">Весь муниципалитет: Городской округ</a>' in school


def test_the_observer_gets_the_municipality_in_excel(municipality, client):
    observer = make_user("observer", role=Role.OBSERVER, org_unit=municipality)

    response = page(client, observer, municipality="mun", format="xlsx")

    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    overall, schools = book.worksheets
    assert [c.value for c in overall[2]] == ["все обучающиеся", 30, 70, 96.7, 3, 33.3, 66.7, None]
    assert [c.value for c in overall[3]] == ["сирота", *["скрыто"] * 7]
    assert [c.value for c in overall[4]] == ["малообеспеченная семья", 15, 66.7, 100, 3, "скрыто", "скрыто", None]
    assert [c.value for c in schools[1]] == ["Школа", "Обучающихся на конец года", "Качество знаний школы, %",
                                             "сирота: качество знаний, %", "сирота: со школой, п. п.",
                                             "малообеспеченная семья: качество знаний, %",
                                             "малообеспеченная семья: со школой, п. п."]
    assert [c.value for c in schools[2]] == ["Школа А", 20, 75, None, None, 50, -25]
    assert [c.value for c in schools[3]] == ["Школа Б", 10, 60, "скрыто", "скрыто", 100, 40]


def test_a_sensitive_municipal_role_sees_every_group(municipality, client):
    specialist = make_user("specialist", role=Role.DEPUTY, org_unit=municipality, sees_sensitive=True)

    text = page(client, specialist, municipality="mun").content.decode()

    assert "скрыто" not in text
    assert "▼ −10,0 п. п. — наибольший разрыв" in text  # the orphans of Школа Б


def test_a_school_deputy_sees_only_the_own_school(municipality, client):
    deputy = make_user("deputy", role=Role.DEPUTY, org_unit=OrgUnit.objects.get(code="a"), sees_sensitive=True)

    assert page(client, deputy, municipality="mun").status_code == 403
    own = page(client, deputy, school="b").content.decode()  # another school's code: the own school
    assert "Школа А" in own and "Школа Б" not in own
    assert "?municipality=" not in own


def test_a_teacher_gets_403(municipality, client):
    teacher = make_user("teacher", role=Role.TEACHER, org_unit=OrgUnit.objects.get(code="a"))

    assert page(client, teacher, municipality="mun").status_code == 403
    assert page(client, teacher).status_code == 403


def test_an_unknown_municipality_is_404(municipality, client):
    observer = make_user("observer", role=Role.OBSERVER, org_unit=municipality)

    assert page(client, observer, municipality="nowhere").status_code == 404


@pytest.mark.parametrize(("more_schools", "kept"), [(0, 8), (2, 10)])
def test_the_page_reads_the_data_values_once(municipality, client, django_assert_num_queries, more_schools, kept):
    """Whatever the number of schools: the session, the user, the memberships, the user's municipalities,
    the years, the schools, their data generations, their data values, where a narrowed code has data, the
    menu's preschool. Viewed again, the schools' figures are kept: neither of the two reads — except for
    schools without any data value (no data generation), read every time (vsoko.datavalues.generation)."""
    for n in range(more_schools):
        make_school(f"c{n}", municipality, f"Школа В{n}")
    client.force_login(make_user("observer", role=Role.OBSERVER, org_unit=municipality))
    url, query = reverse("analysis:context"), {"year": 2024, "municipality": "mun"}

    with django_assert_num_queries(10):
        first = client.get(url, query).content.decode()
    with django_assert_num_queries(kept):
        again = client.get(url, query).content.decode()

    assert first.count('<a href="?school=') == 2 + more_schools
    assert again.count("▼ −25,0 п. п. — наибольший разрыв") == first.count("▼ −25,0 п. п. — наибольший разрыв") == 1


def test_a_school_recomputed_is_read_again(municipality):
    """The kept figures follow the school's data generation: Школа Б's two new low-income pupils «5» count."""
    municipal_context(municipality, 2024, Privacy(on=False))
    b = Records(OrgUnit.objects.get(code="b"))
    pupils(b, "bx", LOW, "55")
    recompute(b.school, [2024])

    content = municipal_context(municipality, 2024, Privacy(on=False))

    low = content.table.rows[1]
    assert (low.figures["students"], low.figures["quality"]) == (17, Fraction(1200, 17))  # 12 of 17
    assert content.schools[1].cells[1].quality == 100  # 7 of 7


def _lines(*gaps):
    """Schools with one category each: its quality 50 % and the given difference from the school's own."""
    return [SchoolLine(OrgUnit(name=f"Школа {n}"), 20, Fraction(50) - gap, [Cell(Fraction(50), gap)])
            for n, gap in enumerate(gaps)]


def test_a_gap_shown_as_no_change_is_not_the_largest_gap():
    # −1/30 п. п. is shown «без изменений» (0,0): it is not a gap below the school to name.
    lines = _lines(Fraction(-1, 30))
    _mark_widest(lines, 1)
    content = MunicipalContext(table=None, categories=[LOW], schools=lines)

    assert content.largest_gap is None
    assert lines[0].cells[0].widest is False


def test_gaps_shown_alike_are_both_the_largest():
    # −10,04 and −10,01 п. п. are both shown «−10 п. п.»: both are marked, as the reader sees them equal.
    lines = _lines(Fraction(-1004, 100), Fraction(-1001, 100), Fraction(-5))
    _mark_widest(lines, 1)

    assert [line.cells[0].widest for line in lines] == [True, True, False]
