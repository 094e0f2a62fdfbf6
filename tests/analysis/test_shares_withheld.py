"""The observer's shares of «2» and of «4» и «5» beside the count (class, subject pages; vsoko/analysis/access.py:
Privacy.hidden_shares): count − «2» − «4»/«5» is the «3», so none of the three groups may be told."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.accounts.personas import YEAR
from tests.analysis.pages import containing
from tests.analysis.world import build_analysis_world, procedure, pupil, result
from vsoko.analysis.access import QUALITY, TWOS, Privacy
from vsoko.datavalues.compute import recompute
from vsoko.records import enums
from vsoko.records.models import SchoolClass


def test_a_small_three_hides_a_share_though_each_share_alone_is_large(settings):
    settings.VSOKO_MIN_GROUP_SIZE = 5
    # 20 results: «2» 8 (40 %), «3» 2, «4»/«5» 10 (50 %): 20 − 8 − 10 = 2 pupils with «3».
    hidden = Privacy(on=True).hidden_shares({2: 8, 3: 2, 4: 5, 5: 5})

    assert len(hidden & {TWOS, QUALITY}) == 1


def test_a_small_two_is_paired_with_the_unshown_three_first(settings):
    settings.VSOKO_MIN_GROUP_SIZE = 5
    # «2» 3 hidden; the «3» (10) is not on the page, so hiding it with the «2» costs nothing: 3 + 10 = 13 is told,
    # and the quality (10 of 23) stays.
    assert Privacy(on=True).hidden_shares({2: 3, 3: 10, 4: 6, 5: 4}) == {TWOS}


def test_two_hidden_groups_small_together_take_the_third(settings):
    settings.VSOKO_MIN_GROUP_SIZE = 5
    # «2» 2 and «3» 2: 24 − 20 = 4 tells of four pupils — the quality goes too.
    assert Privacy(on=True).hidden_shares({2: 2, 3: 2, 4: 10, 5: 10}) == {TWOS, QUALITY}


def test_a_mark_hidden_by_the_table_of_classes_hides_its_group(settings):
    settings.VSOKO_MIN_GROUP_SIZE = 5
    marks = {2: 6, 3: 7, 4: 6, 5: 6}

    assert Privacy(on=True).hidden_shares(marks) == set()
    assert Privacy(on=True).within({5}).hidden_shares(marks) >= {QUALITY}
    assert Privacy(on=True).within({5}).hides_mean(marks)
    assert Privacy(on=False).within({5}).hidden_shares(marks) == set()


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


marks = st.fixed_dictionaries({m: st.integers(min_value=0, max_value=12) for m in (1, 2, 3, 4, 5)})


@settings(deadline=None)
@given(marks)
def test_count_and_shown_shares_tell_of_no_small_group(marks):
    minimum = 5
    groups = {TWOS: marks[1] + marks[2], "threes": marks[3], QUALITY: marks[4] + marks[5]}
    assume(not Privacy(on=True, minimum=minimum).too_small(sum(groups.values())))  # else the row goes whole
    hidden = Privacy(on=True, minimum=minimum).hidden_shares(marks)
    shown = {g: n for g, n in groups.items() if g in (TWOS, QUALITY) and g not in hidden}
    unknown = [n for g, n in groups.items() if g not in shown]

    assert all(not 0 < n < minimum for n in shown.values())
    # The count minus the shown shares is the unknown groups' sum: one group alone, or several small together.
    left = sum(groups.values()) - sum(shown.values())
    assert left == sum(unknown)
    assert not 0 < left < minimum


@pytest.mark.django_db
def test_the_observers_class_page_does_not_give_the_threes_back(client):
    aw = build_analysis_world()
    a = procedure(aw.world, "VPR-6-M", enums.AssessmentKind.VPR, "Математика", 6, max_score=20,
                  mark_scale="2:0-5;3:6-10;4:11-15;5:16-20")
    # 6А: 20 results — «2» 8, «3» 2, «4» 5, «5» 5: 40 % and 50 %, each share of 8 or 10 pupils and rests of 12 and 10.
    for i, mark in enumerate([2] * 8 + [3] * 2 + [4] * 5 + [5] * 5):
        result(a, pupil(aw.world, f"six{i}", "6А", f"Шестой{i}"), primary=4 * mark - 2, mark=mark)
    recompute(aw.school, [YEAR])
    klass = SchoolClass.objects.get(school=aw.school, year_id=YEAR, name="6А")

    observer = [td.text for td in containing(get(client, aw.users["observer"], f"/assessments/classes/{klass.pk}/"),
                                             "tr", "ВПР, математика, 6 класс").find_all("td")]
    director = [td.text for td in containing(get(client, aw.users["director"], f"/assessments/classes/{klass.pk}/"),
                                             "tr", "ВПР, математика, 6 класс").find_all("td")]

    assert [director[0], director[1][:4], director[2][:4]] == ["20", "40,0", "50,0"]
    assert observer[0] == "20"
    assert "скрыто" in observer[1:3]  # else 20 − 8 − 10 = 2 with «3»
    assert observer[3] == "скрыто"  # the mean


@pytest.mark.django_db
def test_the_observers_year_index_does_not_show_a_quality_of_three(settings):
    from fractions import Fraction

    from vsoko.analysis.year import year_index

    settings.VSOKO_MIN_GROUP_SIZE = 5
    aw = build_analysis_world()
    a = procedure(aw.world, "VPR-7-M", enums.AssessmentKind.VPR, "Математика", 7, max_score=20,
                  mark_scale="2:0-5;3:6-10;4:11-15;5:16-20")
    # 16 results: «2» 6, «3» 7, «4» 2, «5» 1 — качество 3 of 16 (18,75 %) tells of three pupils.
    for i, mark in enumerate([2] * 6 + [3] * 7 + [4] * 2 + [5]):
        result(a, pupil(aw.world, f"seven{i}", "7А", f"Седьмой{i}"), primary=4 * mark - 2, mark=mark)
    recompute(aw.school, [YEAR])

    def row(privacy):
        rows = [r for g in year_index(aw.school, YEAR, privacy).groups for r in g.rows]
        return next(r for r in rows if r.assessment.pk == a.pk)

    assert row(Privacy(on=False)).quality == Fraction(300, 16)
    observer = row(Privacy(on=True))
    assert observer.quality is None and observer.mean is None
    # The «2» (6 of 16) goes too: the grade's page shows 7А's «3» (7 of 16) beside «4» and «5» hidden, so there the «2»
    # is the partner of the «4» and «5», small together (16 − 7 − 6 = 3); the index must not give it back.
    assert observer.low is None


def test_the_observers_trend_charts_leave_out_a_share_that_tells_of_a_small_group(settings):
    from collections import Counter

    from vsoko.analysis.figures import Figures
    from vsoko.analysis.procedure import YearRow
    from vsoko.analysis.trend import trend_charts

    settings.VSOKO_MIN_GROUP_SIZE = 5
    # 16 results a year: «2» 6, «3» 7, «4» 2, «5» 1 — качество 18,8 % is three pupils.
    rows = [YearRow(y, Figures(results=16, marks=Counter({2: 6, 3: 7, 4: 2, 5: 1})), 20) for y in (2022, 2023, 2024)]

    staff = {c.title: str(c.svg) for c in trend_charts(rows, False, "ВПР", Privacy(on=False))}
    observer = {c.title: str(c.svg) for c in trend_charts(rows, False, "ВПР", Privacy(on=True))}

    assert "18,8" in staff["Качество («4» и «5»), %"]
    assert "Качество («4» и «5»), %" not in observer and all("18,8" not in svg for svg in observer.values())


def _small_class_year(aw):
    """ВПР, математика, 8 класс of the year before YEAR: 8А 18 results — «2» 6, «3» 6, «5» 6 — and 8В 3 results, all
    «4». The grade's table hides 8В (3 results) and so «Всего»'s «4» (3, 8В's alone) with its partner «2»; the «5» of
    «Всего» (6, 8А's) stays."""
    earlier = YEAR - 1
    a = procedure(aw.world, "VPR-8-M-EARLIER", enums.AssessmentKind.VPR, "Математика", 8, year=earlier,
                  max_score=20, mark_scale="2:0-5;3:6-10;4:11-15;5:16-20")
    for i, mark in enumerate([2] * 6 + [3] * 6 + [5] * 6):
        result(a, pupil(aw.world, f"eightA{i}", "8А", f"Восьмой{i}", year=earlier), primary=4 * mark - 2, mark=mark)
    for i in range(3):
        result(a, pupil(aw.world, f"eightV{i}", "8В", f"Восьмая{i}", year=earlier), primary=14, mark=4)
    recompute(aw.school, [earlier])
    return a


@pytest.mark.django_db
def test_the_observers_dynamics_page_hides_what_that_years_table_of_classes_hides(client, settings):
    from tests.analysis.pages import rows
    from tests.web.pages import Node, parse

    settings.VSOKO_MIN_GROUP_SIZE = 5
    aw = build_analysis_world()
    a = _small_class_year(aw)
    url = f"/assessments/dynamics/?kind=vpr&subject={a.subject_id}&grade=8&school={aw.school.code}"

    def year_row(user):
        table = parse(get(client, user, url)).find_all("table")[0]
        return next(r for r in rows(table) if r[0] == f"{YEAR - 1}/{YEAR}")

    grade = parse(get(client, aw.users["observer"], f"/assessments/grades/8/?year={YEAR - 1}&school={aw.school.code}"))
    foot = grade.find_all("table")[0].find_all("tfoot")[0].find_all("tr")[0]
    total = [c.text for c in foot.children if isinstance(c, Node) and c.tag in ("th", "td")]
    # The grade's page: «Всего» 21, «2» and «4» hidden, «5» 6 of 21 (8А's six) shown.
    assert total[:6] == ["Всего", "21", "скрыто", "28,6 %", "скрыто", "28,6 %"]

    director = year_row(aw.users["director"])
    # 21 results: «2» 6 of 21 = 28,6 %, качество (3 «4» + 6 «5») 9 of 21 = 42,9 %.
    assert director[1:4] == ["21", "28,6 %", "42,9 %"]
    observer = year_row(aw.users["observer"])
    # Качество 42,9 % minus the grade page's «5» 28,6 % is 14,3 % of 21: 8В's three pupils, all with «4».
    assert observer[1] == "21"
    assert observer[2:5] == ["скрыто", "скрыто", "скрыто"]  # «2», качество, the mean
    # Nor the trend chart above the table, nor the procedure's own page, whose table of years is the same.
    assert "42,9" not in get(client, aw.users["observer"], url).content.decode()
    page = parse(get(client, aw.users["observer"], f"/assessments/{a.pk}/"))
    years = next(t for t in page.find_all("table") if "Учебный год" in t.find_all("thead")[0].text)
    assert next(r for r in rows(years) if r[0] == f"{YEAR - 1}/{YEAR}")[1:5] == ["21", "скрыто", "скрыто", "скрыто"]


@pytest.mark.django_db
def test_the_observers_dynamics_workbook_hides_what_that_years_table_of_classes_hides(client, settings):
    from tests.analysis.test_export import values, workbook
    from vsoko.analysis.export import FIGURE_HEADERS

    settings.VSOKO_MIN_GROUP_SIZE = 5
    aw = build_analysis_world()
    a = _small_class_year(aw)
    params = {"kind": "vpr", "subject": a.subject_id, "grade": 8, "school": aw.school.code}

    def year_row(user):
        book = workbook(client, user, "/assessments/dynamics/", params)
        return next(r for r in values(book[book.sheetnames[0]]) if r[0] == f"{YEAR - 1}/{YEAR}")

    headers = ["Учебный год", *FIGURE_HEADERS]
    director, observer = year_row(aw.users["director"]), year_row(aw.users["observer"])
    # «4» 3 (8В's three) and «2» 6: the grade's table hides both in «Всего»; качество 9 of 21 = 42,9 %.
    assert [director[headers.index(h)] for h in ("«2»", "«4»", "«5»", "Качество, %")] == [6, 3, 6, 42.9]
    assert [observer[headers.index(h)] for h in ("«2»", "«4»", "«5»", "Качество, %", "Средняя отметка")] == [
        "скрыто", "скрыто", 6, "скрыто", "скрыто"]
