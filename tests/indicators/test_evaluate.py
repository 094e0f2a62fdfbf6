from fractions import Fraction

import pytest

from tests.datavalues.records import Records, make_school
from tests.indicators.conftest import values_by_key
from vsoko.datavalues.compute import recompute
from vsoko.indicators.evaluate import (
    Definition,
    Value,
    distribution_statistic,
    load_benchmarks,
    natural,
)
from vsoko.records.enums import AssessmentKind, OrgUnitKind, ValueScope
from vsoko.records.models import OrgUnit


def dist(*scores):
    counts = {}
    for s in scores:
        counts[Fraction(s)] = counts.get(Fraction(s), 0) + 1
    return counts


@pytest.mark.parametrize(("scores", "expected"), [
    ((30, 28, 28, 28, 20, 10, 5, 3), 28),  # n = 8, k = 2: a tie at the boundary
    ((30, 28, 28, 28, 20, 10, 5, 3, 1), 28),  # n = 9, k = 3
    ((10,), 10),
    ((12, 12, 12, 12, 11), 12),  # n = 5, k = 2
    ((1, 2, 3, 4, 5), 4),
    ((17.5, 17, 3), 17.5),
])
def test_top_quartile_is_the_kth_score_from_the_top(scores, expected):
    assert distribution_statistic("top_quartile", dist(*scores)) == Value(Fraction(expected), None, len(scores))


@pytest.mark.parametrize(("scores", "expected"), [
    ((1, 2, 3), 2), ((1, 2, 3, 10), Fraction(5, 2)), ((5, 5, 5, 9), 5), ((7,), 7),
])
def test_median_of_a_distribution(scores, expected):
    assert distribution_statistic("median", dist(*scores)).value == expected


def test_statistics_of_an_empty_distribution_are_null():
    assert distribution_statistic("median", {}) == Value(None, None, Fraction(0))


def test_natural_order_sorts_numbers_before_text():
    assert sorted(["10", "9", "математика", "11", "1-4"], key=natural) == ["9", "10", "11", "1-4", "математика"]


@pytest.fixture
def municipality(db):
    return OrgUnit.objects.create(code="mun", name="Район", kind=OrgUnitKind.MUNICIPALITY)


def quality_school(code, parent, good, total, *, scores=()):
    """A school with `good` students with year mark 5 and `total - good` with mark 3; ОГЭ scores."""
    school = make_school(code, parent)
    b = Records(school)
    students = [b.student(f"{code}-{i}", "5А") for i in range(total)]
    for i, s in enumerate(students):
        b.marks(s, {"математика": "5" if i < good else "3"})
    if scores:
        oge = b.assessment(AssessmentKind.OGE, "математика", 9, min_score=8)
        for i, score in enumerate(scores):
            b.result(oge, b.student(f"{code}-g{i}", "9А"), primary=score, mark=4)
    recompute(school, [2024])
    return school


def test_municipality_value_is_a_ratio_of_sums_not_a_mean_of_percentages(municipality, core_defs):
    a = quality_school("a", municipality, good=1, total=2)  # 50 %
    b = quality_school("b", municipality, good=3, total=4)  # 75 %

    got = values_by_key(municipality, 2024, core_defs, ["core.quality", "core.students_total"])

    assert values_by_key(a, 2024, core_defs, ["core.quality"])[("core.quality", ())].value == 50
    assert values_by_key(b, 2024, core_defs, ["core.quality"])[("core.quality", ())].value == 75
    q = got[("core.quality", ())]
    assert (q.value, q.numerator, q.denominator) == (pytest.approx(400 / 6), 4, 6)
    assert got[("core.students_total", ())].value == 6
    assert got[("core.quality", ())].org_unit == "mun"


def test_municipality_quartile_comes_from_the_summed_distribution(municipality, core_defs):
    quality_school("a", municipality, 1, 1, scores=(30, 10))
    quality_school("b", municipality, 1, 1, scores=(28, 28, 5, 3))

    got = values_by_key(municipality, 2024, core_defs, ["core.oge_top_quartile"])

    # 30 28 28 10 5 3: n = 6, k = 2
    assert got[("core.oge_top_quartile", (("subject", "математика"),))].value == 28


@pytest.fixture
def entered_defs():
    return {
        "demo.canteen": Definition("demo.canteen", "Наличие столовой", "bool", "entered"),
        "demo.bullying": Definition("demo.bullying", "Случаи буллинга", "count", "entered"),
        "demo.share": Definition("demo.share", "Доля", "percent", "entered"),
        "demo.twice": Definition("demo.twice", "Удвоенная доля", "number", "computed", "2 * ref(demo.share)"),
    }


def test_entered_values_at_school_and_municipality(municipality, entered_defs):
    a, b = make_school("a", municipality), make_school("b", municipality)
    ra, rb = Records(a), Records(b)
    ra.manual("demo.canteen", value=1)
    rb.manual("demo.canteen", value=0)
    ra.manual("demo.bullying", value=2)
    rb.manual("demo.bullying", value=3)
    ra.manual("demo.share", numerator=1, denominator=4)
    rb.manual("demo.share", value=50, numerator=3, denominator=6)
    recompute(a, [2024])
    recompute(b, [2024])

    school = values_by_key(a, 2024, entered_defs)
    unit = values_by_key(municipality, 2024, entered_defs)

    assert school[("demo.share", ())].value == 25
    assert (school[("demo.share", ())].numerator, school[("demo.share", ())].denominator) == (1, 4)
    assert school[("demo.twice", ())].value == 50
    assert values_by_key(b, 2024, entered_defs)[("demo.share", ())].value == 50
    assert unit[("demo.canteen", ())].value == 1  # one school of two has one
    assert unit[("demo.bullying", ())].value == 5
    assert unit[("demo.share", ())].value == pytest.approx(400 / 10)  # (1 + 3) / (4 + 6)


def test_entered_indicator_without_a_value_is_null(school, entered_defs):
    got = values_by_key(school, 2024, entered_defs)

    assert got[("demo.canteen", ())].value is None
    assert got[("demo.twice", ())].value is None


def test_benchmarks_are_read_per_scope(school, entered_defs):
    b = Records(school)
    b.manual("demo.share", scope=ValueScope.REGION, value=61.5)
    b.manual("demo.share", scope=ValueScope.COUNTRY, numerator=2, denominator=8)
    b.manual("demo.share", value=10)
    recompute(school, [2024])

    got = load_benchmarks([school.pk], [2024], entered_defs)

    assert got[("demo.share", 2024)] == {
        "region": Value(Fraction("61.5")), "country": Value(Fraction(25), Fraction(2), Fraction(8)),
    }
    assert values_by_key(school, 2024, entered_defs)[("demo.share", ())].value == 10


def test_period_selector_and_crossed_breakdown(school):
    from vsoko.records.enums import Period

    b = Records(school)
    for i, (klass, subject, mark) in enumerate([("5А", "математика", "5"), ("5А", "русский язык", "3"),
                                                 ("6А", "математика", "4")]):
        b.marks(b.student(f"s{i}", klass), {subject: mark}, period=Period.Q1)
    b.marks(b.student("s9", "6А"), {"математика": "2"}, period=Period.Q2)
    recompute(school, [2024])
    defs = {"demo.q1": Definition("demo.q1", "Качество за 1 четверть", "percent", "computed",
                                  "percent(marks.period[period=q1, mark=4..5], marks.period[period=q1])",
                                  (("grade", "subject"),))}

    got = values_by_key(school, 2024, defs)

    assert got[("demo.q1", ())].value == pytest.approx(200 / 3)
    assert got[("demo.q1", (("grade", "5"), ("subject", "математика")))].value == 100
    assert got[("demo.q1", (("grade", "5"), ("subject", "русский язык")))].value == 0
    assert got[("demo.q1", (("grade", "6"), ("subject", "математика")))].value == 100
    assert len(got) == 4


def test_ref_is_evaluated_in_the_breakdown_of_the_referring_indicator(school):
    b = Records(school)
    for i, (klass, mark) in enumerate([("2А", "5"), ("2А", "3"), ("7А", "4")]):
        b.marks(b.student(f"s{i}", klass), {"математика": mark})
    recompute(school, [2024])
    defs = {
        "demo.quality": Definition("demo.quality", "Качество", "percent", "computed",
                                   "percent(students.ce[attestation=excellent|good], students.ce)"),
        "demo.by_band": Definition("demo.by_band", "Качество по уровням", "percent", "computed",
                                   "ref(demo.quality)", (("grade_band",),)),
    }

    got = values_by_key(school, 2024, defs)

    assert got[("demo.by_band", ())].value == pytest.approx(200 / 3)
    assert got[("demo.by_band", (("grade_band", "1-4"),))].value == 50
    assert (got[("demo.by_band", (("grade_band", "5-9"),))].value,
            got[("demo.by_band", (("grade_band", "5-9"),))].denominator) == (100, 1)
