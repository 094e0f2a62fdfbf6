from fractions import Fraction

import pytest
from django.urls import reverse

from tests.accounts.personas import make_user
from tests.datavalues.records import Records, make_school
from tests.reports.readers import row_of, xlsx_rows
from vsoko.accounts.enums import Role
from vsoko.analysis.access import Privacy
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.comparison.schools import compare_schools, complement, offered_indicators
from vsoko.datavalues.compute import recompute
from vsoko.indicators.catalogs import CATALOG_DIR, read_catalog, store_catalog
from vsoko.indicators.enums import Status, Unit
from vsoko.indicators.evaluate import Value, fixed_values, needed_codes
from vsoko.indicators.models import Catalog, Indicator
from vsoko.indicators.values import definitions_reached
from vsoko.records import enums
from vsoko.records.models import OrgUnit

pytestmark = pytest.mark.django_db
YEAR = 2024


def build_municipality(schools: tuple[tuple[str, int, int], ...]) -> OrgUnit:
    """Schools (code, pupils «good», pupils) of one municipality, the rest of the pupils with «3»."""
    errors: list[str] = []
    store_catalog(read_catalog(CATALOG_DIR / "core.yaml", errors))
    assert errors == []
    unit = OrgUnit.objects.create(code="mun", name="Округ", kind=enums.OrgUnitKind.MUNICIPALITY)
    for code, good, total in schools:
        school = make_school(code, unit, name=f"Школа {code.upper()}")
        b = Records(school)
        for i in range(total):
            b.marks(b.student(f"{code}{i}", "5А"), {"математика": "5" if i < good else "3"})
        recompute(school, [YEAR])
    return unit


@pytest.fixture
def municipality(db, settings):
    """Four schools' knowledge quality: A 5 of 10 pupils «good», B 20 of 25, C (small) 1 of 3, D 4 of 7 (four
    «good», three not: withheld, as a share telling of fewer than five pupils is).

    C and D together are 5 of 10: all schools together minus A and B gives away only their sum."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_municipality((("a", 5, 10), ("b", 20, 25), ("c", 1, 3), ("d", 4, 7)))


@pytest.fixture
def one_small_school(db, settings):
    """A 5 of 10, B 20 of 25 and C alone small, 1 of 3: all schools together minus A and B would be C."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_municipality((("a", 5, 10), ("b", 20, 25), ("c", 1, 3)))


@pytest.fixture
def small_rest(db, settings):
    """A 5 of 10, B 20 of 25 and E, 17 of 18 pupils «good»: a big denominator, but the one pupil without «4» and
    «5» is a group of one."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_municipality((("a", 5, 10), ("b", 20, 25), ("e", 17, 18)))


def schools():
    return list(OrgUnit.objects.filter(kind=enums.OrgUnitKind.SCHOOL).order_by("code"))


def quality():
    return [Indicator.objects.get(code="core.quality")]


def test_the_total_is_a_ratio_of_sums_and_small_groups_are_withheld_from_outsiders(municipality):
    got = compare_schools(schools(), YEAR, quality(), hides_small_groups=lambda s: True, groups=2)

    # All schools together: (5 + 20 + 1 + 4) / (10 + 25 + 3 + 7) = 30/45, not the mean of 50, 80, 33 and 57 %;
    # shown: C and D (withheld) are 5 of 10 pupils together.
    assert (got.total[0].value.value, got.total[0].withheld) == (Fraction(3000, 45), False)
    a, b, c, d = got.lines
    assert (a.figures[0].value.value, a.figures[0].rank, a.figures[0].status) == (50, 2, Status.WORSE)
    assert (b.figures[0].value.value, b.figures[0].rank, b.figures[0].status) == (80, 1, Status.BETTER)
    assert (c.figures[0].withheld, c.figures[0].shown, c.figures[0].rank, c.group) == (True, None, None, None)
    assert (d.figures[0].withheld, d.figures[0].shown, d.figures[0].rank, d.group) == (True, None, None, None)
    assert (b.group, a.group) == (1, 2)
    assert [(g.number, [s.code for s in g.schools], g.figures[0].value.value) for g in got.groups] == [
        (1, ["b"], 80), (2, ["a"], 50)]


def test_staff_of_the_schools_see_the_small_school_ranked(municipality):
    got = compare_schools(schools(), YEAR, quality(), hides_small_groups=lambda s: False, groups=2)

    c = got.lines[2]
    # B 80 %, D 57,1 %, A 50 %, C 33,3 % is fourth.
    assert (c.figures[0].value.value, c.figures[0].withheld, c.figures[0].rank) == (Fraction(100, 3), False, 4)
    assert got.total[0].withheld is False


def test_all_schools_together_is_withheld_where_minus_the_shown_schools_it_would_be_the_small_one(one_small_school):
    got = compare_schools(schools(), YEAR, quality(), hides_small_groups=lambda s: True, groups=2)

    # Together 26 of 38; minus A (5 of 10) and B (20 of 25) that is C's 1 of 3: withheld with C.
    assert (got.total[0].value.value, got.total[0].withheld, got.total[0].shown) == (Fraction(2600, 38), True, None)
    a, b, c = got.lines
    assert c.figures[0].withheld
    assert [(line.figures[0].shown, line.figures[0].rank) for line in (a, b)] == [(50, 2), (80, 1)]


def test_staff_of_every_school_see_the_total_beside_the_small_school(one_small_school):
    got = compare_schools(schools(), YEAR, quality(), hides_small_groups=lambda s: False, groups=2)

    assert (got.total[0].shown, got.lines[0].figures[0].status) == (Fraction(2600, 38), Status.WORSE)


def test_a_user_who_sees_one_school_compares_the_rest_with_the_total_less_it(one_small_school):
    # Pupils of A are theirs to see: A is no secret to them, so the total minus A and B still gives C away.
    got = compare_schools(schools(), YEAR, quality(), hides_small_groups=lambda s: s.code != "a", groups=2)

    assert got.total[0].withheld and got.lines[2].figures[0].withheld


def test_the_observer_sees_no_total_to_subtract_the_shown_schools_from(client, one_small_school):
    client.force_login(make_user("observer", role=Role.OBSERVER, org_unit=one_small_school))

    html = client.get(reverse("comparison:index"), {"i": "core.quality", "k": 2}).content.decode()
    workbook = client.get(reverse("comparison:index"), {"i": "core.quality", "k": 2, "format": "xlsx"})

    assert "68,4 %" not in html  # 26 of 38
    assert '<tr><th scope="row">Все школы вместе</th><td></td><td><strong>—*</strong></td></tr>' in html
    # A and B keep their values and places, but not «better/worse than together»: fifty such marks would
    # narrow the withheld value down.
    assert ('<td class="compare__cell compare__cell--unknown"><a href="/indicators/core.quality/?unit=b&amp;year=2024">'
            '80,0 %</a><br><span class="muted">1-е место</span></td>' in html)
    assert ('<td class="compare__cell compare__cell--unknown"><a href="/indicators/core.quality/?unit=a&amp;year=2024">'
            '50,0 %</a><br><span class="muted">2-е место</span></td>' in html)
    assert "compare__mark" not in html and ", чем все школы вместе" not in html
    rows = xlsx_rows(workbook.content)
    assert row_of(rows, "Все школы вместе")[2] == "—*"


def test_a_group_row_with_a_withheld_school_is_withheld_and_the_total_by_all_withheld_schools_together():
    privacy = Privacy(on=True)

    def pupils(n: int) -> Value:  # a value over n pupils (of a unit that is not a share)
        return Value(Fraction(1), None, Fraction(n))

    # Groups change with the number of groups and the indicators ticked, the total does not: a group row of
    # withheld schools 3 and 4 (5 pupils together) minus its shown schools, beside the total minus the shown
    # schools under another choice, where 3 and 4 fall apart, would give away the school left over. So every
    # group row with a withheld school is withheld (group 0: school 1; group 1: schools 3 and 4), and the total
    # minus the shown schools gives only all withheld schools together: 3 + 2 + 3 = 8 pupils — shown.
    withheld = {1: pupils(3), 3: pupils(2), 4: pupils(3)}
    groups = {1: 0, 2: 0, 3: 1, 4: 1, 5: 1}
    assert complement(withheld, groups, Unit.COUNT, privacy) == ({0, 1}, False)
    # Schools 3 and 4 alone withheld: 5 pupils together, the total is shown, group 1 is not.
    assert complement({3: pupils(2), 4: pupils(3)}, groups, Unit.COUNT, privacy) == ({1}, False)
    # School 1 alone withheld: the total minus the shown schools would be school 1.
    assert complement({1: pupils(3)}, groups, Unit.COUNT, privacy) == ({0}, True)
    # Shares: schools 3 (17 of 18, a rest of one) and 4 (2 of 20) are 19 of 38 together — the total is shown; with
    # school 4 at 1 of 2 they would be 18 of 20, a rest of two — withheld.
    shares = {3: Value(Fraction(1), Fraction(17), Fraction(18)), 4: Value(Fraction(1), Fraction(2), Fraction(20))}
    assert complement(shares, groups, Unit.PERCENT, privacy) == ({1}, False)
    shares[4] = Value(Fraction(1), Fraction(1), Fraction(2))
    assert complement(shares, groups, Unit.PERCENT, privacy) == ({1}, True)
    # Nothing withheld, nothing to give away.
    assert complement({}, {1: 0, 2: 1}, Unit.COUNT, privacy) == (set(), False)
    # A reader who sees every school (Privacy off) has nothing withheld for them.
    assert complement({1: pupils(3)}, {1: 0}, Unit.COUNT, Privacy(on=False)) == (set(), False)


def test_a_share_whose_part_or_rest_is_a_small_group_is_withheld_with_what_would_give_it_away(small_rest):
    got = compare_schools(schools(), YEAR, quality(), hides_small_groups=lambda s: True, groups=2)

    # E 17 of 18 = 94,4 %: the rest 18 − 17 is one pupil — withheld, no place, no group. All schools together
    # (42 of 53) minus A and B would be E: withheld too.
    a, b, e = got.lines
    assert (e.figures[0].value.value, e.figures[0].withheld, e.figures[0].rank, e.group) == (
        Fraction(1700, 18), True, None, None)
    assert [(line.figures[0].shown, line.figures[0].rank) for line in (a, b)] == [(50, 2), (80, 1)]
    assert (got.total[0].value.value, got.total[0].withheld) == (Fraction(4200, 53), True)


def test_withheld_shares_that_together_tell_of_no_small_group_leave_the_total_shown(db, settings):
    # A 5 of 10, B 20 of 25; E 17 of 18 (a rest of 1) and G 2 of 20 (a part of 2) withheld; together 19 of 38:
    # 19 and 19 pupils — the total (44 of 73) is shown.
    build_municipality((("a", 5, 10), ("b", 20, 25), ("e", 17, 18), ("g", 2, 20)))

    got = compare_schools(schools(), YEAR, quality(), hides_small_groups=lambda s: True, groups=2)

    assert [line.figures[0].withheld for line in got.lines] == [False, False, True, True]
    assert (got.total[0].shown, got.total[0].withheld) == (Fraction(4400, 73), False)


def test_the_observer_sees_no_share_telling_of_one_pupil(client, small_rest):
    client.force_login(make_user("observer", role=Role.OBSERVER, org_unit=small_rest))

    html = client.get(reverse("comparison:index"), {"i": "core.quality", "k": 2}).content.decode()
    workbook = client.get(reverse("comparison:index"), {"i": "core.quality", "k": 2, "format": "xlsx"})

    assert "94,4 %" not in html and "79,2 %" not in html  # E 17 of 18; together 42 of 53
    assert ('<th scope="row" class="wrap"><a href="/indicators/?unit=e&amp;year=2024">Школа E</a></th>\n'
            '        <td>—</td>\n        '
            '<td class="compare__cell compare__cell--unknown">—*</td>') in html
    assert '<tr><th scope="row">Все школы вместе</th><td></td><td><strong>—*</strong></td></tr>' in html
    rows = xlsx_rows(workbook.content)
    assert row_of(rows, "Школа E")[2] == "—*" and row_of(rows, "Все школы вместе")[2] == "—*"


def test_the_page_for_the_observer_and_its_excel(client, municipality):
    client.force_login(make_user("observer", role=Role.OBSERVER, org_unit=municipality))

    page = client.get(reverse("comparison:index"), {"i": "core.quality", "k": 2})
    workbook = client.get(reverse("comparison:index"), {"i": "core.quality", "k": 2, "format": "xlsx"})

    html = page.content.decode()
    assert page.status_code == 200
    assert "66,7 %" in html and "1-е место" in html and "—*" in html
    rows = xlsx_rows(workbook.content)
    assert row_of(rows, "Школа B")[1:4] == [1, 80, 1]  # numbers, not text: Excel can compute with them
    assert row_of(rows, "Все школы вместе")[2] == pytest.approx(3000 / 45, abs=0.05)
    assert row_of(rows, "Школа C")[2] == "—*"


def test_a_user_of_one_school_has_nothing_to_compare(client, municipality):
    director = make_user("director", role=Role.DIRECTOR, org_unit=OrgUnit.objects.get(code="a"))
    client.force_login(director)

    assert client.get(reverse("comparison:index")).status_code == 403
    assert "Сравнение школ" not in client.get("/").content.decode()


def test_an_observer_of_a_municipality_with_one_school_is_told_why_there_is_nothing(client, db):
    unit = OrgUnit.objects.create(code="mun", name="Округ", kind=enums.OrgUnitKind.MUNICIPALITY)
    make_school("only", unit)
    client.force_login(make_user("observer", role=Role.OBSERVER, org_unit=unit))

    page = client.get(reverse("comparison:index"))

    assert page.status_code == 200
    assert "Сравнивать не с чем" in page.content.decode()
    assert "vsoko demo" not in page.content.decode()  # a command line is not for the observer


def test_the_observer_compares_on_another_catalogs_indicators(client, municipality):
    errors: list[str] = []
    store_catalog(read_catalog(CATALOG_DIR / "reg004.yaml", errors))
    assert errors == []
    client.force_login(make_user("observer", role=Role.OBSERVER, org_unit=municipality))

    # The boxes of the core catalog come along when the catalog changes: the new one's first indicators instead.
    html = client.get(reverse("comparison:index"), {"catalog": "reg004", "i": "core.quality"}).content.decode()

    first = Indicator.objects.filter(catalog__code="reg004", total=True, direction__in=["up", "down"]).order_by(
        "position").first()
    assert first.name in html
    assert "Нечего сравнивать" not in html


def test_formulas_fix_the_parents_survey_question_and_answers_but_not_ranges_or_distributions(municipality):
    definitions = definitions_reached(list(Indicator.objects.filter(
        code__in=["core.parents_satisfied", "core.quality", "core.oge_top_quartile"])))
    _, reached = needed_codes(definitions, definitions, breakdowns=False)

    fixed = fixed_values(definitions, reached)

    assert fixed["survey.answers"] == {"survey": {"parents"}, "question": {"overall"},
                                       "answer": {"satisfied_full", "satisfied_rather"}}
    assert fixed["survey.respondents"] == {"survey": {"parents"}}
    # Numerator and denominator select four outcomes between them; the grades 2..11 are a range.
    assert fixed["students.ce"] == {"attestation": {"excellent", "good", "satisfactory", "failing"}}
    assert "results.primary_score.dist" not in fixed  # a quartile reads the whole distribution
    assert {"core.parents_satisfied", "core.quality", "core.oge_top_quartile"} <= set(definitions)


def test_parents_satisfied_compared_from_the_narrowed_rows_keeps_zero_apart_from_no_data(municipality):
    answers = {"a": [("p1", "satisfied_full"), ("p2", "satisfied_rather")], "b": [("p3", None), ("p4", None)]}
    for school in schools():
        b = Records(school)
        for respondent, overall in answers.get(school.code, []):
            given = {"q_other": "yes", **({"overall": overall} if overall else {})}
            b.survey("parents", respondent, 5, given)
            b.survey("students", f"s-{respondent}", 5, {"overall": "satisfied_full"})
        recompute(school, [YEAR])

    got = compare_schools(schools(), YEAR, [Indicator.objects.get(code="core.parents_satisfied")],
                          hides_small_groups=lambda s: False)

    # A: both parents satisfied; B: two parents answered, neither the overall question: 0 %, not «no data»;
    # C and D: no survey at all. Together: 2 of 4 respondents.
    assert [line.figures[0].value.value for line in got.lines] == [100, 0, None, None]
    assert got.total[0].value.value == 50


def test_a_row_of_the_schools_table_gives_the_value_the_place_and_the_comparison(client, municipality):
    client.force_login(make_user("observer", role=Role.OBSERVER, org_unit=municipality))

    html = client.get(reverse("comparison:index"), {"i": "core.quality", "k": 2}).content.decode()

    # B: 20 of 25 = 80 %, first, better than all together (66,7 %), group 1; C (3 pupils) withheld: no place, no
    # group.
    assert ('<th scope="row" class="wrap"><a href="/indicators/?unit=b&amp;year=2024">Школа B</a></th>\n'
            '        <td>1</td>\n        <td class="compare__cell compare__cell--better"><span class="compare__mark" '
            'aria-hidden="true">▲</span> <a href="/indicators/core.quality/?unit=b&amp;year=2024">80,0 %</a>'
            '<br><span class="muted">1-е место</span>'
            '<span class="visually-hidden"> — лучше, чем все школы вместе</span></td>\n      </tr>') in html
    assert ('<th scope="row" class="wrap"><a href="/indicators/?unit=a&amp;year=2024">Школа A</a></th>\n'
            '        <td>2</td>\n        <td class="compare__cell compare__cell--worse"><span class="compare__mark" '
            'aria-hidden="true">▼</span> <a href="/indicators/core.quality/?unit=a&amp;year=2024">50,0 %</a>'
            '<br><span class="muted">2-е место</span>'
            '<span class="visually-hidden"> — хуже, чем все школы вместе</span></td>') in html
    assert ('<th scope="row" class="wrap"><a href="/indicators/?unit=c&amp;year=2024">Школа C</a></th>\n'
            '        <td>—</td>\n        '
            '<td class="compare__cell compare__cell--unknown">—*</td>') in html


def test_the_page_reads_each_schools_data_values_once_per_data_generation(client, municipality,
                                                                         django_assert_num_queries):
    client.force_login(make_user("observer", role=Role.OBSERVER, org_unit=municipality))
    page = reverse("comparison:index")
    asked = {"i": "core.quality", "k": 2}

    # The session, the user, the memberships, the schools, the years with data, the catalogs, the indicators,
    # the schools' data generations; then the data values and where a narrowed code has any (school C's too);
    # whether the schools have preschool groups (the menu's «Дошкольное образование»).
    with django_assert_num_queries(11):
        client.get(page, asked)
    # Again, sorted and in other groups: the schools' sums and values are kept, no data value is read.
    with django_assert_num_queries(9) as kept:
        html = client.get(page, {**asked, "k": 3, "sort": "core.quality"}).content.decode()
    assert not [q for q in kept.captured_queries if "datavalues_datavalue" in q["sql"]]
    assert "66,7 %" in html  # (5 + 20 + 1 + 4) / (10 + 25 + 3 + 7)

    # School A's data change (a sixth «good» pupil of eleven): only A is read again, and the page shows it.
    a = OrgUnit.objects.get(code="a")
    b = Records(a)
    b.marks(b.student("a10", "5А"), {"математика": "5"})
    recompute(a, [YEAR])
    with django_assert_num_queries(11) as again:
        html = client.get(page, asked).content.decode()

    read = next(q["sql"] for q in again.captured_queries if '"datavalues_datavalue"."org_unit_id" AS' in q["sql"])
    assert str(a.pk) in read and str(OrgUnit.objects.get(code="b").pk) not in read
    assert "54,5 %" in html  # 6 of 11
    assert "<strong>67,4 %</strong>" in html  # together: (6 + 20 + 1 + 4) / (11 + 25 + 3 + 7)


def test_a_changed_formula_is_evaluated_again_though_the_data_did_not_change(client, municipality):
    client.force_login(make_user("observer", role=Role.OBSERVER, org_unit=municipality))
    asked = {"i": "core.quality", "k": 2}
    client.get(reverse("comparison:index"), asked)  # the schools' values kept

    Indicator.objects.filter(code="core.quality").update(formula=(
        "percent(students.ce[grade=2..11, attestation=satisfactory], "
        "students.ce[grade=2..11, attestation=excellent|good|satisfactory|failing])"))
    html = client.get(reverse("comparison:index"), asked).content.decode()

    # B: 5 of 25 pupils «3» = 20 %, below A (5 of 10) and worse than together: (5 + 5 + 2 + 3) / 45 = 33,3 %
    # (C 2 of 3 and D 3 of 7 withheld, 5 of 10 together).
    assert ('<th scope="row" class="wrap"><a href="/indicators/?unit=b&amp;year=2024">Школа B</a></th>\n'
            '        <td>2</td>\n        <td class="compare__cell compare__cell--worse"><span class="compare__mark" '
            'aria-hidden="true">▼</span> <a href="/indicators/core.quality/?unit=b&amp;year=2024">20,0 %</a>'
            '<br><span class="muted">2-е место</span>') in html
    assert "<strong>33,3 %</strong>" in html


def test_the_sort_links_keep_the_ticked_indicators_in_the_catalogs_order(client, municipality):
    client.force_login(make_user("observer", role=Role.OBSERVER, org_unit=municipality))
    codes = [i.code for i in offered_indicators(Catalog.objects.get(code="core")) if i.direction != "none"][:3]

    html = client.get(reverse("comparison:index"), {"i": list(reversed(codes)), "k": 2}).content.decode()

    # Each column's link carries the same three indicators, in the order the catalog lists them, and its own sort.
    ticked = "".join(f"i={code}&amp;" for code in codes)
    for code in codes:
        assert f'href="?catalog=core&amp;{ticked}k=2&amp;sort={code}"' in html


def test_values_equal_as_shown_share_a_place_and_equal_the_total(db):
    """A: 7 of 36 pupils «good» = 19,444… %, B: 6 of 31 = 19,354… %; all schools together 13 of 67 = 19,402… %.
    All three are shown as «19,4 %»: a reader cannot tell A from B nor either from the total, so they share the
    first place and neither is better or worse than all schools together (not 1st ▲ and 2nd ▼ by digits no one
    sees)."""
    build_municipality((("a", 7, 36), ("b", 6, 31)))

    got = compare_schools(schools(), YEAR, quality(), hides_small_groups=lambda s: True, groups=2)

    assert [(line.figures[0].rank, line.figures[0].status) for line in got.lines] == [
        (1, Status.EQUAL), (1, Status.EQUAL)]


def test_the_page_says_in_plain_words_what_a_group_is(client, municipality):
    client.force_login(make_user("observer", role=Role.OBSERVER, org_unit=municipality))

    html = client.get(reverse("comparison:index"), {"i": "core.quality", "k": 2}).content.decode()

    assert "группы школ, похожих по выбранным показателям" in html
    assert ("В одну группу попадают школы, похожие по выбранным показателям: по каждому показателю видно, насколько "
            "школа выше или ниже среднего по школам муниципалитета") in html
    assert "При тех же данных и том же выборе группы те же при каждом открытии страницы" in html
    # The method is named once, in the «Как считается» note under the plain words, not in them.
    plain, note = html.split("<summary>Как считается</summary>")
    note = note[:note.index("</details>")]
    for jargon in ("k-средних", "z-оцен", "стандартиз", "кластер"):
        assert jargon not in plain.lower(), jargon
    assert note.count("k-средних") == 1 and "z-оценк" in note


def _order(html: str, names: list[str]) -> list[str]:
    """The schools of the table in the order their rows come."""
    return sorted(names, key=lambda name: html.index(f">{name}</a></th>"))


def test_the_schools_sort_by_place_from_the_best_or_the_worst_and_by_group(client, municipality):
    client.force_login(make_user("observer", role=Role.OBSERVER, org_unit=municipality))
    page = reverse("comparison:index")
    names = ["Школа A", "Школа B", "Школа C", "Школа D"]

    best = client.get(page, {"i": "core.quality", "k": 2, "sort": "core.quality"}).content.decode()
    worst = client.get(page, {"i": "core.quality", "k": 2, "sort": "-core.quality"}).content.decode()
    grouped = client.get(page, {"i": "core.quality", "k": 2, "sort": "group"}).content.decode()
    by_name = client.get(page, {"i": "core.quality", "k": 2}).content.decode()

    # B 80 % (1st, group 1), A 50 % (2nd, group 2); C and D withheld: no place, no group — last, by name, either way.
    assert _order(best, names) == ["Школа B", "Школа A", "Школа C", "Школа D"]
    assert _order(worst, names) == ["Школа A", "Школа B", "Школа C", "Школа D"]
    assert _order(grouped, names) == ["Школа B", "Школа A", "Школа C", "Школа D"]
    assert _order(by_name, names) == names
    # The sorted column's link turns the order round and says how the rows go now; the others sort from the best.
    assert ('<th scope="col" class="wrap" aria-sort="ascending"><a href="?catalog=core&amp;i=core.quality&amp;k=2'
            '&amp;sort=-core.quality">Качество знаний</a> <span class="muted">(с лучшего места)</span></th>') in best
    assert ('<th scope="col" class="wrap" aria-sort="descending"><a href="?catalog=core&amp;i=core.quality&amp;k=2'
            '&amp;sort=core.quality">Качество знаний</a> <span class="muted">(с худшего места)</span></th>') in worst
    assert '<th scope="col" aria-sort="ascending"><a href="?catalog=core&amp;i=core.quality&amp;k=2">Школа</a>' in by_name
    assert '<a href="?catalog=core&amp;i=core.quality&amp;k=2&amp;sort=group">Группа</a>' in by_name


def test_a_school_and_each_of_its_values_lead_to_the_schools_own_pages(client, municipality):
    client.force_login(make_user("observer", role=Role.OBSERVER, org_unit=municipality))

    html = client.get(reverse("comparison:index"), {"i": "core.quality", "k": 2}).content.decode()

    # The school's name: its catalog of indicators for the year; the value: the indicator's page of that school,
    # with its three years and how it is counted. A withheld value leads nowhere: its page withholds it too.
    assert ('<th scope="row" class="wrap"><a href="/indicators/?unit=b&amp;year=2024">Школа B</a></th>') in html
    assert ('<a href="/indicators/core.quality/?unit=b&amp;year=2024">80,0 %</a>') in html
    assert '<td class="compare__cell compare__cell--unknown">—*</td>' in html


def test_the_excel_of_the_comparison_is_an_export_in_the_audit_log(client, municipality):
    observer = make_user("observer", role=Role.OBSERVER, org_unit=municipality)
    client.force_login(observer)

    page = client.get(reverse("comparison:index"), {"i": "core.quality", "k": 2}).content.decode()
    workbook = client.get(reverse("comparison:index"), {"i": "core.quality", "k": 2, "format": "xlsx"})

    # The page's button: its own address and choice, as every page's «Скачать в Excel».
    assert '<a class="button button--quiet" href="/compare/?i=core.quality&amp;k=2&amp;format=xlsx" download>' in page
    # What the municipality took away, with the choice it was made with: four schools, the total, two groups.
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert (entry.user, entry.object_type, entry.object_id) == (observer, "comparison", "core")
    assert entry.details == {"формат": "xlsx", "учебный год": "2024/2025", "показатели": "core.quality",
                             "групп": 2, "строк": 7}
    assert workbook["Content-Disposition"].endswith("2024-2025.xlsx")


def test_the_page_says_how_places_are_given_and_that_the_first_is_the_best_shown(client, municipality):
    client.force_login(make_user("observer", role=Role.OBSERVER, org_unit=municipality))

    html = client.get(reverse("comparison:index"), {"i": "core.quality", "k": 2}).content.decode()

    # B is «1-е место» though C and D are withheld: the reader is told it is the best of the values shown.
    assert ("Место — среди школ с показанным значением (1 — лучшее с учётом направления показателя; равные "
            "значения, как они показаны, делят место, а следующее пропускается: 1, 2, 2, 4). Школа со скрытым "
            "значением или без данных места не получает, поэтому «1-е место» — лучшее из показанных значений. "
            "У численностей мест нет.") in html


# --- A column withheld in every school --------------------------------------------------------------------------

ALL_WITHHELD = "во всех школах группы меньше 5 человек — показано только значение по муниципалитету"


@pytest.fixture
def every_school_small(db, settings):
    """A 4 of 7 (three without «4» and «5»), B 1 of 6 (one with), C 17 of 18 (one without): each school's share
    tells of fewer than five pupils. Together 22 of 31 (70,97 %): 22 and 9 pupils, neither a small group, and no
    school is shown, so the total minus the shown schools is all three together — no one school."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_municipality((("a", 4, 7), ("b", 1, 6), ("c", 17, 18)))


def test_a_column_withheld_in_every_school_is_said_once_and_the_municipality_shown(every_school_small):
    got = compare_schools(schools(), YEAR, quality(), hides_small_groups=lambda s: True, groups=2)

    assert [line.figures[0].withheld for line in got.lines] == [True, True, True]
    assert (got.total[0].shown, got.withheld_everywhere) == (Fraction(2200, 31), [True])


def test_the_observer_reads_once_that_every_school_is_small_and_sees_the_municipality(client, every_school_small):
    client.force_login(make_user("observer", role=Role.OBSERVER, org_unit=every_school_small))

    html = client.get(reverse("comparison:index"), {"i": "core.quality", "k": 2}).content.decode()
    workbook = client.get(reverse("comparison:index"), {"i": "core.quality", "k": 2, "format": "xlsx"})

    # One cell over the three schools' rows says it, instead of three «—*»; the municipality's 22 of 31 is shown.
    assert html.count(ALL_WITHHELD) == 1
    assert '<td class="compare__cell compare__cell--unknown">—*</td>' not in html
    assert f'<td class="compare__cell compare__all-withheld wrap" rowspan="3">{ALL_WITHHELD}</td>' in html
    assert '<tr><th scope="row">Все школы вместе</th><td></td><td><strong>71,0 %</strong></td></tr>' in html
    # The column gives no place to sort by.
    assert "sort=core.quality" not in html
    rows = xlsx_rows(workbook.content)
    assert row_of(rows, "Школа A")[2] == "—*"
    assert row_of(rows, "Все школы вместе")[2] == pytest.approx(2200 / 31, abs=0.05)
    assert any(f"Качество знаний: {ALL_WITHHELD} (в строках школ и групп похожих школ — —*)." in str(cell)
               for row in rows for cell in row if cell)


def test_every_school_small_and_the_municipality_too_withholds_the_municipality(client, db, settings):
    # A 1 of 2 and B 2 of 3: together 3 of 5, still three pupils «good» — the total would tell of a small group.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    unit = build_municipality((("a", 1, 2), ("b", 2, 3)))
    client.force_login(make_user("observer", role=Role.OBSERVER, org_unit=unit))

    html = client.get(reverse("comparison:index"), {"i": "core.quality", "k": 2}).content.decode()

    assert "60,0 %" not in html
    assert "во всех школах и в муниципалитете в целом группы меньше 5 человек — значения скрыты" in html
    assert '<tr><th scope="row">Все школы вместе</th><td></td><td><strong>—*</strong></td></tr>' in html


def test_one_school_shown_beside_small_ones_is_no_column_withheld_everywhere(one_small_school):
    # C alone is withheld: the column is an ordinary one, and the total, minus A and B, would be C — withheld.
    got = compare_schools(schools(), YEAR, quality(), hides_small_groups=lambda s: True, groups=2)

    assert (got.withheld_everywhere, got.total[0].withheld) == ([False], True)


# --- A whole group of indicators -----------------------------------------------------------------------------------

def test_the_observer_takes_every_indicator_of_a_group_to_excel_in_one_file(client, municipality):
    client.force_login(make_user("observer", role=Role.OBSERVER, org_unit=municipality))
    staff = list(Indicator.objects.filter(catalog__code="core", group="Кадры", retired=False, total=True)
                 .order_by("position").values_list("name", flat=True))

    html = client.get(reverse("comparison:index"), {"group": "Кадры"}).content.decode()
    workbook = client.get(reverse("comparison:index"), {"group": "Кадры", "format": "xlsx"})

    assert len(staff) == 7
    assert '<option value="Кадры" selected>Кадры (7)</option>' in html
    assert "Показатели: выбрано 7" in html
    rows = xlsx_rows(workbook.content)
    header = next(row for row in rows if row and row[0] == "Школа")
    assert header[2:9] == staff
    assert any("группа «Кадры»" in str(cell) for row in rows for cell in row if cell)
    entry = AuditEntry.objects.filter(action=AuditAction.EXPORT, object_type="comparison").latest("pk")
    assert entry.details["группа"] == "Кадры"


def test_an_unknown_group_chooses_nothing_and_the_ticked_indicators_stay(client, municipality):
    client.force_login(make_user("observer", role=Role.OBSERVER, org_unit=municipality))

    html = client.get(reverse("comparison:index"), {"group": "Нет такой", "i": "core.quality"}).content.decode()

    assert "Показатели: выбрано 1" in html


@pytest.fixture
def every_school_small_in_two_groups(db, settings):
    """Quality «4»/«5» of all marked: A 4 of 12 (five «2»), B 1 of 7, C 17 of 18 — each tells of fewer than five
    pupils; together 22 of 37 (59,46 %: 22 and 15 pupils) does not. Success (no «2»): A 7 of 12 (58,3 %), B 7 of 7,
    C 18 of 18 — shown, and they make two groups: B and C, then A."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    errors: list[str] = []
    store_catalog(read_catalog(CATALOG_DIR / "core.yaml", errors))
    unit = OrgUnit.objects.create(code="mun", name="Округ", kind=enums.OrgUnitKind.MUNICIPALITY)
    for code, marks in (("a", "5" * 4 + "3" * 3 + "2" * 5), ("b", "5" + "3" * 6), ("c", "5" * 17 + "3")):
        school = make_school(code, unit, name=f"Школа {code.upper()}")
        b = Records(school)
        for i, mark in enumerate(marks):
            b.marks(b.student(f"{code}{i}", "5А"), {"математика": mark})
        recompute(school, [YEAR])
    return unit


def test_a_column_withheld_in_every_school_is_said_once_over_the_groups_too(client, every_school_small_in_two_groups):
    client.force_login(make_user("observer", role=Role.OBSERVER, org_unit=every_school_small_in_two_groups))
    choice = {"i": ["core.quality", "core.success"], "k": 2}

    got = compare_schools(schools(), YEAR, [Indicator.objects.get(code="core.quality"),
                                            Indicator.objects.get(code="core.success")],
                          hides_small_groups=lambda s: True, groups=2)
    html = client.get(reverse("comparison:index"), choice).content.decode()
    workbook = client.get(reverse("comparison:index"), {**choice, "format": "xlsx"})

    # Both groups' quality stays withheld (each holds a withheld school): no group's value to subtract.
    assert [([s.code for s in g.schools], g.figures[0].withheld) for g in got.groups] == [(["b", "c"], True),
                                                                                          (["a"], True)]
    groups = html[html.index("<h2>Группы похожих школ</h2>"):]
    # One cell over the two groups, with the municipality's 22 of 37, instead of a «—*» in each.
    assert ('<td class="compare__all-withheld wrap" rowspan="2">во всех школах группы меньше 5 человек — показано '
            'только значение по муниципалитету: 59,5 %</td>') in groups
    assert "<td>—*</td>" not in groups
    assert "<td>100,0 %</td>" in groups and "<td>58,3 %</td>" in groups
    # Excel keeps the numbers table (a «—*» in each group's row) and says the column once under it.
    rows = xlsx_rows(workbook.content)
    assert row_of(rows, "Группа 2 (1 шк.) вместе")[2:4] == ["—*", pytest.approx(700 / 12, abs=0.05)]
    assert any("Качество знаний: во всех школах группы меньше 5 человек — показано только значение по "
               "муниципалитету (в строках школ и групп похожих школ — —*)." == cell
               for row in rows for cell in row if cell)


def test_the_workbooks_title_names_the_year_not_the_last_group_of_schools(client, one_small_school):
    # The loop over the groups reused the name of the chosen indicator group, so the title became «…: группа
    # «Group(number=2, schools=[…], figures=[… numerator=Fraction(26, 1) …])»» — a withheld school's counts too.
    client.force_login(make_user("observer", role=Role.OBSERVER, org_unit=one_small_school))

    workbook = client.get(reverse("comparison:index"), {"i": "core.quality", "k": 2, "format": "xlsx"})

    title = xlsx_rows(workbook.content)[0][0]
    assert title == "Сравнение школ за 2024/2025 учебный год"
