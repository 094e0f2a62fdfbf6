from fractions import Fraction

import pytest

from vsoko.indicators.chart import trend_svg
from vsoko.indicators.dashboard import compare, target_for
from vsoko.indicators.enums import Status
from vsoko.indicators.evaluate import Value
from vsoko.indicators.models import Indicator


@pytest.mark.parametrize(("value", "reference", "direction", "target", "status"), [
    (80, 75, "up", True, Status.MET),
    (75, 75, "up", True, Status.MET),
    (70, 75, "up", True, Status.NOT_MET),
    (5, 10, "down", True, Status.MET),
    (80, 75, "up", False, Status.BETTER),
    (80, 75, "down", False, Status.WORSE),
    (75, 75, "down", False, Status.EQUAL),
    (80, 75, "none", False, Status.NOT_JUDGED),
    (None, 75, "up", False, Status.UNKNOWN),
])
def test_value_against_target_and_benchmark(value, reference, direction, target, status):
    value = None if value is None else Fraction(value)

    assert compare(value, Fraction(reference), direction, target=target) == status


def test_school_target_overrides_the_catalog_target():
    indicator = Indicator(pk=7, targets={"2024": 60, "default": 55})

    assert target_for(indicator, 2024, {}) == 60
    assert target_for(indicator, 2025, {}) == 55
    assert target_for(indicator, 2024, {(7, 2024): 70}) == 70


def test_chart_is_inline_svg_with_words_for_every_year():
    svg = trend_svg([(2022, Value(None)), (2023, Value(Fraction(40))), (2024, Value(Fraction(50)))], "percent",
                    title="Качество <знаний>", target=Fraction(60))

    assert svg.startswith('<svg class="chart"')
    assert 'aria-label="Качество &lt;знаний&gt;: 2022/2023: нет данных; 2023/2024: 40,0 %; 2024/2025: 50,0 %"' in svg
    assert svg.count("<rect") == 2
    assert "цель 60,0 %" in svg
    assert "<script" not in svg


def test_breakdowns_hide_small_groups_and_their_complement_per_year():
    from vsoko.indicators.dashboard import Hidden, suppress_breakdowns

    def v(n, d):
        return Value(Fraction(n, d), Fraction(n), Fraction(d))

    rows = {(("grade", "5"),): [v(17, 18), v(0, 18)], (("grade", "6"),): [v(10, 20), v(10, 20)],
            (("grade", "7"),): [v(12, 24), v(12, 24)]}
    totals = [v(39, 62), v(22, 62)]

    hidden = suppress_breakdowns(rows, totals, "percent", minimum=5)

    # 2024: grade 5's rest (18 − 17) is one pupil. Its 17 goes with it (the row: 17 + 1 = 18 is shown
    # otherwise), and grade 6 — the smaller other part (10 of 39) and rest (10 of 23) — so neither the
    # total's 39 nor its 23 gives grade 5 away by subtraction. 2025: a part of 0 tells of nobody.
    assert hidden == 2
    assert isinstance(rows[(("grade", "5"),)][0], Hidden) and isinstance(rows[(("grade", "6"),)][0], Hidden)
    assert not any(isinstance(x, Hidden) for x in rows[(("grade", "7"),)])
    assert rows[(("grade", "5"),)][1] == v(0, 18)  # the other year stays


def test_a_value_discloses_a_small_part_or_rest_of_a_share_and_a_small_denominator_otherwise():
    from vsoko.analysis.access import Privacy
    from vsoko.indicators.dashboard import discloses

    on = Privacy(on=True, minimum=5)

    def v(n, d):
        return Value(Fraction(100 * n, d), Fraction(n), Fraction(d))

    assert discloses(v(17, 18), "percent", on) and discloses(v(1, 30), "percent", on)
    assert discloses(v(0, 3), "percent", on)  # a group of three
    assert not discloses(v(10, 20), "percent", on) and not discloses(v(0, 18), "percent", on)
    assert not discloses(v(18, 18), "percent", on)  # all of 18: nobody is told apart
    # A mean score: its numerator is points, not people — only the denominator counts.
    assert discloses(Value(Fraction(60), Fraction(180), Fraction(3)), "score", on)
    assert not discloses(Value(Fraction(60), Fraction(1080), Fraction(18)), "score", on)
    assert not discloses(v(17, 18), "percent", Privacy(on=False, minimum=5))


def test_people_outside_every_row_count_as_a_row_of_their_own():
    from vsoko.indicators.dashboard import suppress_breakdowns

    rows = {(("grade", "5"),): [Value(Fraction(1, 2), Fraction(10), Fraction(20))]}
    totals = [Value(Fraction(1, 2), Fraction(11), Fraction(22))]

    suppress_breakdowns(rows, totals, "percent", minimum=5)

    # 2 pupils outside grade 5 are a small group; grade 5 would give them away as total − grade 5.
    assert rows == {}


# --- the catalog tree against the indicator page ----------------------------------------------------

# Whole-unit values that need more than the breakdowns summed away: selectors on a derived dimension
# and on a range, ref() to an indicator with a selector and with breakdowns, distributions, a period.
TREE_CASES = """
catalog: {code: tst, name: Проверка дерева, document: тест}
indicators:
  - {code: tst.band, name: ОГЭ на 4 и 5 в 5–9, unit: percent, method: computed, breakdowns: [subject],
     formula: "percent(results.marks[grade_band=5-9, kind=oge, mark=4|5], results.marks[grade_band=5-9, kind=oge])"}
  - {code: tst.band_ref, name: Ссылка, unit: number, method: computed, breakdowns: [grade_band, subject],
     formula: "2 * ref(tst.band) + ref(core.quality) - ref(tst.year_marks)"}
  - {code: tst.year_marks, name: Отметки, unit: count, method: computed, breakdowns: [[grade, subject]],
     formula: "marks.year[grade=2..9, mark=4|5]"}
  - {code: tst.period, name: За год, unit: percent, method: computed, breakdowns: [subject],
     formula: "percent(marks.period[period=year, mark=4..5], marks.period[period=year])"}
  - {code: tst.median, name: Медиана, unit: score, method: computed, breakdowns: [subject],
     formula: "median(results.primary_score.dist[kind=oge])"}
  - {code: tst.quartile, name: Четверть, unit: score, method: computed, breakdowns: [grade],
     formula: "top_quartile(results.primary_score.dist[kind=oge|ege, score=10..])"}
  - {code: tst.median_ref, name: Медиана ссылкой, unit: score, method: computed, breakdowns: [grade],
     formula: "ref(tst.median) + bool(students.ce[grade=9, certificate=honors])"}
"""


@pytest.fixture
def tree_units(school, tmp_path):
    """Two schools of a municipality with the records of the core and the regulation tests, every
    shipped catalog and the cases above; a manual value, a benchmark and a school target."""
    import shutil

    from tests.datavalues.records import Records, make_school
    from tests.indicators.test_core import build_school as build_core
    from tests.indicators.test_regulation_catalogs import build_school as build_regulation
    from vsoko.datavalues.compute import recompute
    from vsoko.indicators.catalogs import CATALOG_DIR, load_shipped_catalogs
    from vsoko.indicators.models import Target
    from vsoko.records.enums import ValueScope

    for path in CATALOG_DIR.glob("*.yaml"):
        shutil.copy(path, tmp_path)
    (tmp_path / "tst.yaml").write_text(TREE_CASES, encoding="utf-8")
    load_shipped_catalogs(tmp_path)
    other = make_school("tree-b", school.parent)
    build_core(Records(school, year=2024))
    build_regulation(Records(other, year=2024))
    canteen = Indicator.objects.filter(method="entered").order_by("code").first()
    Records(school).manual(canteen, value=1)
    Records(other).manual(canteen, numerator=1, denominator=2)
    Records(school).manual("core.quality", scope=ValueScope.REGION, value=55)
    Target.objects.create(school=school, indicator=Indicator.objects.get(code="tst.band"), year_id=2024, value=50)
    for unit in (school, other):
        recompute(unit, [2022, 2023, 2024])
    return [school, school.parent]  # one school alone, and the two summed


def shown_in_tree(line, years=None) -> tuple:
    values = line.values[-years:] if years else line.values
    return (line.indicator, values, line.change, line.target, line.benchmarks, line.definition_changed)


@pytest.mark.django_db
def test_the_tree_shows_the_values_of_the_indicator_pages(tree_units):
    from vsoko.indicators.dashboard import catalog_tree, indicator_detail
    from vsoko.indicators.models import Catalog

    compared = known = 0
    for unit in tree_units:
        for catalog in Catalog.objects.order_by("code"):
            lines = [line for group in catalog_tree(unit, 2024, catalog) for c in group.criteria for line in c.lines]
            assert len(lines) == catalog.indicators.filter(retired=False).count()
            for line in lines:
                page = indicator_detail(unit, 2024, line.indicator).line
                assert [y for y, _ in line.values] == [2023, 2024]  # the tree shows Y and the change to Y−1
                assert shown_in_tree(line) == shown_in_tree(page, years=2), (unit.code, line.indicator.code)
                compared += 1
                known += line.current.value is not None
    assert compared == 2 * Indicator.objects.count()
    assert known > 300


@pytest.mark.django_db
def test_a_municipality_is_compared_with_the_region_not_with_a_municipal_figure_a_school_typed(school):
    """A school types the municipality's and the region's quality from the official statistics (48,5 % and 55 %):
    on the school's page both stand beside its value. The municipality's own value is summed from its schools'
    counts, so on its page the figure a school typed is no second «муниципалитет»; the region's stays."""
    from decimal import Decimal

    from tests.datavalues.records import Records
    from vsoko.datavalues.compute import recompute
    from vsoko.indicators.catalogs import load_shipped_catalogs
    from vsoko.indicators.dashboard import indicator_detail
    from vsoko.records.enums import ValueScope

    load_shipped_catalogs()
    quality = Indicator.objects.get(code="core.quality")
    records = Records(school)
    records.manual(quality.code, scope=ValueScope.MUNICIPALITY, value=Decimal("48.5"))
    records.manual(quality.code, scope=ValueScope.REGION, value=55)
    recompute(school, [2024])

    def compared_with(unit):
        return [(b.label, b.reference) for b in indicator_detail(unit, 2024, quality).line.benchmarks]

    assert compared_with(school) == [("муниципалитет", Fraction(97, 2)), ("регион", 55)]
    assert compared_with(school.parent) == [("регион", 55)]


@pytest.mark.django_db
def test_a_target_and_a_benchmark_are_judged_by_the_value_as_shown(school):
    """3999 of 5000 is 79,98 %, shown «80,0 %»: beside the target «80,0 %» it is «достигнуто», not the
    exact value's «не достигнуто»; beside the region's typed 80 % it is «на том же уровне», not «хуже»."""
    from decimal import Decimal

    from tests.datavalues.records import Records
    from vsoko.datavalues.compute import recompute
    from vsoko.indicators.catalogs import load_shipped_catalogs
    from vsoko.indicators.dashboard import catalog_tree, indicator_detail
    from vsoko.indicators.models import Target
    from vsoko.records.enums import ValueScope

    load_shipped_catalogs()
    deep = Indicator.objects.get(code="order1324.1.20")  # a share, entered as numerator and denominator
    records = Records(school)
    records.manual(deep.code, numerator=3999, denominator=5000)
    records.manual(deep.code, scope=ValueScope.REGION, value=80)
    Target.objects.create(school=school, indicator=deep, year_id=2024, value=Decimal("80"))
    recompute(school, [2024])

    line = indicator_detail(school, 2024, deep).line
    assert line.current.value == Fraction(3999, 50)
    assert line.target.status == Status.MET
    assert [(b.label, b.status) for b in line.benchmarks] == [("регион", Status.EQUAL)]
    tree = [ln for g in catalog_tree(school, 2024, deep.catalog) for c in g.criteria for ln in c.lines
            if ln.indicator == deep]
    assert tree[0].target.status == Status.MET


@pytest.mark.django_db
def test_a_value_below_the_target_as_shown_does_not_reach_it(school):
    """3997 of 5000 is 79,94 %, shown «79,9 %»: below «80,0 %»."""
    from tests.datavalues.records import Records
    from vsoko.datavalues.compute import recompute
    from vsoko.indicators.catalogs import load_shipped_catalogs
    from vsoko.indicators.dashboard import indicator_detail
    from vsoko.indicators.models import Target

    load_shipped_catalogs()
    deep = Indicator.objects.get(code="order1324.1.20")
    Records(school).manual(deep.code, numerator=3997, denominator=5000)
    Target.objects.create(school=school, indicator=deep, year_id=2024, value=80)
    recompute(school, [2024])

    assert indicator_detail(school, 2024, deep).line.target.status == Status.NOT_MET


def test_a_breakdown_row_without_a_value_in_any_year_is_left_out_and_named():
    from vsoko.indicators.dashboard import Hidden, drop_empty_rows

    share = Value(Fraction(1, 2), Fraction(1), Fraction(2))
    rows = {(("grade", str(g)),): [Value(None), Value(None, None, Fraction(0))] for g in (1, 2, 3, 4, 5, 6)}
    rows[(("grade", "7"),)] = [share, Value(None)]  # a value in one year of two: stays
    rows[(("grade", "8"),)] = [Value(None), Hidden(None)]  # withheld from this reader, not absent: stays
    rows[(("grade", "10"),)] = [Value(None), Value(None)]
    rows[(("subject", "физика"),)] = [Value(None), Value(None)]
    rows[(("subject", "химия"),)] = [Value(None), Value(None)]
    rows[(("grade", "9"), ("sex", "f"))] = [Value(None), Value(None)]

    left_out = drop_empty_rows(rows)

    assert list(rows) == [(("grade", "7"),), (("grade", "8"),)]
    # Consecutive grades read as a range, the others one by one; a coded value by its Russian name.
    assert left_out == "параллель 1–6, 10; предмет физика, химия; параллель: 9, пол: Ж"


def test_two_grades_in_a_row_are_named_each_not_as_a_range():
    from vsoko.indicators.dashboard import drop_empty_rows

    rows = {(("grade", g),): [Value(None)] for g in ("5", "6", "8")}

    assert drop_empty_rows(rows) == "параллель 5, 6, 8"
    assert rows == {}


def test_no_row_left_out_gives_no_note():
    from vsoko.indicators.dashboard import drop_empty_rows

    rows = {(("grade", "5"),): [Value(Fraction(3))]}

    assert drop_empty_rows(rows) == "" and list(rows) == [(("grade", "5"),)]


class _Values:
    """An evaluator stand-in: the value of each year as given."""

    def __init__(self, by_year):
        self.by_year = by_year

    def value(self, code, year):
        return Value(self.by_year.get(year))


def _line(by_year, unit="percent"):
    from vsoko.indicators.dashboard import Context

    context = Context(unit=None, year=2025, years=[2023, 2024, 2025], evaluator=_Values(by_year), benchmarks={},
                      school_targets={}, changes={})
    return context.line(Indicator(pk=1, code="core.quality", unit=unit, direction="up", targets={}))


def test_change_is_the_difference_of_the_figures_as_shown():
    # 71,06 % → «71,1 %», 71,44 % → «71,4 %»: a reader subtracts the two and gets 0,3, so the change says +0,3
    # (the exact 0,38 would read «+0,4 п. п.» beside them); 49,96 % and 50,04 % are both «50,0 %» — no change.
    from vsoko.indicators.formatting import format_change

    line = _line({2023: Fraction(7000, 100), 2024: Fraction(7106, 100), 2025: Fraction(7144, 100)})
    assert line.change == Fraction(3, 10)
    assert format_change(line.change, "percent") == "+0,3 п. п."

    flat = _line({2024: Fraction(4996, 100), 2025: Fraction(5004, 100)})
    assert format_change(flat.change, "percent") == "без изменений"

    means = _line({2024: Fraction(3994, 1000), 2025: Fraction(4216, 1000)}, unit="mark")  # 3,99 → 4,22
    assert means.change == Fraction(23, 100)
