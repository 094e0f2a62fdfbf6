"""Edge cases of spec/core-indicators.md, one small school per rule, against hand computations.

tests/indicators/test_core.py checks every core indicator on one school where the
edge cases interlock; here each test isolates rules that school does not tell
apart (a boundary on both sides, a record that must not count even though it
carries a value), so that a failure names the rule. Expected values come from the
spec; the arithmetic is in the comments. docs/indicators.md, «Проверка базовых
показателей», maps each indicator and edge case to its test.
"""

from __future__ import annotations

import pytest

from tests.datavalues.records import Records, d, make_school
from tests.indicators.conftest import core_definitions, values_by_key
from vsoko.datavalues.compute import recompute
from vsoko.records.enums import (
    AssessmentKind as K,
)
from vsoko.records.enums import (
    Attempt,
    Certificate,
    Difficulty,
    EventKind,
    EventLevel,
    EventResult,
    OrgUnitKind,
    Outcome,
    Period,
    ProgramKind,
    SocialCategory,
    StaffEventKind,
)
from vsoko.records.models import OrgUnit

pytestmark = pytest.mark.django_db

YEAR = 2024  # 2024/2025: cut-off 25 May 2025, age and experience on 1 September 2024
MATH, RUS, PROF, BASE = "математика", "русский язык", "математика (профиль)", "математика (база)"


def evaluated(unit, codes, *, year=YEAR) -> dict:
    return values_by_key(unit, year, core_definitions(), codes)


def computed(school, codes, *, year=YEAR, years=(YEAR,)) -> dict:
    recompute(school, list(years))
    return evaluated(school, codes, year=year)


def assert_values(got: dict, expected: dict) -> None:
    """expected: {(code, breakdown): (value, numerator, denominator)}; None = not given (counts, null)."""
    def near(x):
        return None if x is None else pytest.approx(x, rel=1e-12)

    for key, (value, numerator, denominator) in expected.items():
        v = got[key]
        assert (v.value, v.numerator, v.denominator) == (near(value), near(numerator), near(denominator)), key


def whole(code: str) -> tuple:
    return (code, ())


def by(code: str, dim: str, value: str) -> tuple:
    return (code, ((dim, value),))


# --- contingent ---------------------------------------------------------------------------------

def test_levels_split_at_grades_4_5_and_9_10(school):
    b = Records(school, YEAR)
    for sid, class_name in [("g1", "1А"), ("g4", "4А"), ("g5", "5А"), ("g9", "9А"), ("g10", "10А"), ("g11", "11А")]:
        b.student(sid, class_name)
    b.student("x4", "4Б", left_on=d("2025-05-24"))  # left the day before 25 May: not in CE
    b.student("x10", "10Б", outcome=Outcome.LEFT, left_on=d("2025-06-20"))  # выбыл, whatever the date

    got = computed(school, ["core.students_total", "core.students_level1", "core.students_level2",
                            "core.students_level3"])

    assert_values(got, {
        whole("core.students_total"): (6, None, None),
        whole("core.students_level1"): (2, None, None),  # g1 g4
        whole("core.students_level2"): (2, None, None),  # g5 g9
        whole("core.students_level3"): (2, None, None),  # g10 g11
    })


def test_graduates_and_repeaters_are_counted_in_ce_only(school):
    b = Records(school, YEAR)
    b.student("n1", "9А", gia_admitted=True, certificate=Certificate.REGULAR)
    b.student("n2", "9А", gia_admitted=False, certificate=Certificate.NONE)
    b.student("n3", "9А", gia_admitted=True, certificate=Certificate.HONORS, left_on=d("2025-05-24"))  # not CE
    b.student("e1", "11А", gia_admitted=True, certificate=Certificate.HONORS)
    b.student("e2", "11А", gia_admitted=True, certificate=Certificate.REGULAR, left_on=d("2025-05-25"))  # CE
    b.student("e3", "11А", gia_admitted=True, certificate=Certificate.HONORS, outcome=Outcome.LEFT)  # not CE
    b.student("r1", "5А", outcome=Outcome.REPEATING)
    b.student("r2", "5А", outcome=Outcome.REPEATING, left_on=d("2025-05-24"))  # not CE

    got = computed(school, ["core.g9_admitted", "core.g9_certificate", "core.g9_certificate_honors",
                            "core.g11_admitted", "core.g11_certificate", "core.g11_certificate_honors",
                            "core.repeaters"])

    # CE = n1 n2 e1 e2 r1; grade 9 = n1 n2; grade 11 = e1 e2
    assert_values(got, {
        whole("core.g9_admitted"): (50, 1, 2),  # n1
        whole("core.g9_certificate"): (50, 1, 2),  # n1 (обычный)
        whole("core.g9_certificate_honors"): (0, 0, 2),  # n3 left before 25 May
        whole("core.g11_admitted"): (100, 2, 2),
        whole("core.g11_certificate"): (100, 2, 2),  # e1 (с отличием) e2 (обычный)
        whole("core.g11_certificate_honors"): (50, 1, 2),  # e1; e3 выбыл
        whole("core.repeaters"): (20, 1, 5),  # r1; r2 left before 25 May
    })


def test_the_cut_off_is_25_may_of_each_years_second_calendar_year(school):
    b = Records(school, YEAR)
    # 2023/2024: cut-off 25 May 2024
    c1 = b.student("c1", "6А", year=2023, left_on=d("2024-05-24"))
    c2 = b.student("c2", "6А", year=2023, left_on=d("2024-05-25"))
    c3 = b.student("c3", "6А", year=2023, left_on=d("2024-06-10"))  # after 25 May 2024, before 25 May 2025
    b.marks(c1, {MATH: "2"}, year=2023)
    b.marks(c3, {MATH: "5"}, year=2023)
    b.social(c2, SocialCategory.PDN, until=d("2024-05-25"), year=2023)
    b.social(c3, SocialCategory.PDN, until=d("2024-05-24"), year=2023)
    # 2024/2025: cut-off 25 May 2025
    b.student("c4", "6А", left_on=d("2025-05-24"))
    c5 = b.student("c5", "6А", left_on=d("2025-05-25"))
    c6 = b.student("c6", "6А")
    b.social(c5, SocialCategory.PDN, until=d("2025-05-24"))
    b.social(c6, SocialCategory.PDN, until=d("2025-05-25"))
    codes = ["core.students_total", "core.quality", "core.prevention_registered"]

    recompute(school, [2023, YEAR])
    earlier, later = evaluated(school, codes, year=2023), evaluated(school, codes)

    assert_values(earlier, {
        whole("core.students_total"): (2, None, None),  # c2 c3
        whole("core.quality"): (100, 1, 1),  # c3 (5); c1 left before 25 May 2024
        whole("core.prevention_registered"): (50, 1, 2),  # c2 (until 25 May 2024)
    })
    assert_values(later, {
        whole("core.students_total"): (2, None, None),  # c5 c6
        whole("core.quality"): (None, 0, 0),  # no year marks in 2024/2025
        whole("core.prevention_registered"): (50, 1, 2),  # c6 (until 25 May 2025)
    })


# --- year marks -----------------------------------------------------------------------------------

ATTESTATION = ["core.quality", "core.success", "core.excellent", "core.sou"]


def test_marks_1_na_fail_pass_and_exempt(school):
    b = Records(school, YEAR)
    b.marks(b.student("m1", "3А"), {MATH: "1", RUS: "5"})  # failing: a 1
    b.marks(b.student("m2", "3А"), {MATH: "5"})  # excellent
    b.marks(b.student("m3", "3А"), {MATH: "na"})  # failing: н/а is a mark other than осв
    b.marks(b.student("m4", "3А"), {"физкультура": "fail"})  # failing: незачет
    b.marks(b.student("m5", "3А"), {"физкультура": "pass", "музыка": "exempt"})  # successful, no numeric mark
    b.marks(b.student("m6", "3А"), {MATH: "4", RUS: "exempt"})  # good: осв left out
    b.marks(b.student("m7", "3А"), {MATH: "3", "физкультура": "pass"})  # satisfactory

    got = computed(school, ATTESTATION)

    # denominator m1..m7 = 7
    # СОУ over 1, 5 | 5 | н/а | 4 | 3 (незачет, зачет, осв left out):
    # 0.07 + 1.00 + 1.00 + 0.07 + 0.64 + 0.36 = 3.14 over 6 marks -> 52.33
    assert_values(got, {
        whole("core.quality"): (200 / 7, 2, 7),  # m2 m6
        whole("core.success"): (400 / 7, 4, 7),  # m2 m5 m6 m7
        whole("core.excellent"): (100 / 7, 1, 7),  # m2
        whole("core.sou"): (314 / 6, 3.14, 6),
    })


def test_only_year_marks_count(school):
    b = Records(school, YEAR)
    q1 = b.student("q1", "6А")
    b.marks(q1, {MATH: "2"}, period=Period.Q1)
    b.marks(q1, {RUS: "na"}, period=Period.Q4)
    b.marks(q1, {MATH: "5", RUS: "5"})
    b.marks(b.student("q2", "6А"), {MATH: "4"}, period=Period.Q1)  # no year mark: outside the denominator

    got = computed(school, ATTESTATION)

    # q1 alone: year marks 5, 5
    assert_values(got, {
        whole("core.quality"): (100, 1, 1),
        whole("core.success"): (100, 1, 1),
        whole("core.excellent"): (100, 1, 1),
        whole("core.sou"): (100, 2, 2),  # (1.00 + 1.00) / 2
    })


def test_empty_denominators_give_null(school):
    b = Records(school, YEAR)
    b.marks(b.student("z1", "1А"), {MATH: "5"})  # grade 1: outside quality and СОУ
    b.marks(b.student("z2", "5А"), {MATH: "exempt"})  # only осв: outside the denominator

    got = computed(school, [*ATTESTATION, "core.g9_admitted", "core.g11_certificate", "core.repeaters"])

    assert_values(got, {
        whole("core.quality"): (None, 0, 0),
        whole("core.success"): (None, 0, 0),
        whole("core.excellent"): (None, 0, 0),
        whole("core.sou"): (None, 0, 0),
        whole("core.g9_admitted"): (None, 0, 0),  # no grade 9
        whole("core.g11_certificate"): (None, 0, 0),  # no grade 11
        whole("core.repeaters"): (0, 0, 2),
    })


# --- ГИА ------------------------------------------------------------------------------------------

def test_oge_counts_main_results_of_the_year_with_primary_score_at_least_the_threshold(school):
    b = Records(school, YEAR)
    math = b.assessment(K.OGE, MATH, 9, min_score=8)
    rus = b.assessment(K.OGE, RUS, 9, min_score=15)
    math_reserve = b.assessment(K.OGE, MATH, 9, min_score=8)
    b.result(math, b.student("o1", "9А"), primary=8, mark=3)  # exactly the threshold: passed
    o2 = b.student("o2", "9А")
    b.result(math, o2, primary=7.5, mark=2)
    b.result(math_reserve, o2, primary=12, mark=3, attempt=Attempt.RETAKE)  # a passed retake changes nothing
    o3 = b.student("o3", "9А")
    b.result(math, o3, primary=0, mark=2, absent=True)  # absent: no participation, whatever the row says
    b.result(rus, o3, primary=20, mark=4)
    b.result(math, b.student("o4", "9А"), absent=True)  # only absent: not a participant
    b.result(math, b.student("o5"), primary=30, mark=5)  # no enrollment at all: counted
    b.result(rus, b.student("o6", "9А", left_on=d("2025-05-01")), primary=15, mark=3)  # not in CE: counted
    b.result(b.assessment(K.OGE, MATH, 9, min_score=8, year=2023), b.student("o7"), primary=2, mark=2)

    got = computed(school, ["core.oge_passed", "core.oge_mean_mark", "core.oge_top_quartile"], years=[2023, YEAR])

    # participants o1 o2 o3 o5 o6; passed o1 o3 o5 o6
    # math main results: o1 (8; 3), o2 (7.5; 2), o5 (30; 5); russian: o3 (20; 4), o6 (15; 3)
    assert sorted(got) == sorted([
        whole("core.oge_passed"),
        by("core.oge_mean_mark", "subject", MATH), by("core.oge_mean_mark", "subject", RUS),
        by("core.oge_top_quartile", "subject", MATH), by("core.oge_top_quartile", "subject", RUS),
    ])
    assert_values(got, {
        whole("core.oge_passed"): (80, 4, 5),
        by("core.oge_mean_mark", "subject", MATH): (10 / 3, 10, 3),  # (3 + 2 + 5) / 3
        by("core.oge_mean_mark", "subject", RUS): (3.5, 7, 2),  # (4 + 3) / 2
        by("core.oge_top_quartile", "subject", MATH): (30, None, 3),  # 30 8 7.5, k = ceil(3/4) = 1
        by("core.oge_top_quartile", "subject", RUS): (20, None, 2),  # 20 15, k = 1
    })


def test_ege_threshold_is_on_the_test_score_and_base_mathematics_on_the_mark(school):
    b = Records(school, YEAR)
    rus = b.assessment(K.EGE, RUS, 11, min_score=24)
    rus_reserve = b.assessment(K.EGE, RUS, 11, min_score=24)
    prof = b.assessment(K.EGE, PROF, 11, min_score=27)
    base = b.assessment(K.EGE, BASE, 11, min_score=7)
    e1 = b.student("e1", "11А")
    b.result(rus, e1, primary=10, test=24)  # test score = threshold (primary below it): passed
    b.result(prof, e1, primary=20, test=81)  # exactly 81: high
    e2 = b.student("e2", "11А")
    b.result(rus, e2, primary=40, test=80.5)  # passed, not high
    b.result(base, e2, primary=10, test=40, mark=2)  # base: mark 2 fails, whatever the scores
    e3 = b.student("e3", "11А")
    b.result(rus, e3, primary=9, test=23.5)  # below the threshold
    b.result(rus_reserve, e3, primary=50, test=90, attempt=Attempt.RETAKE)  # retake: neither passed nor high
    e4 = b.student("e4", "11А")
    b.result(rus, e4, primary=50, test=95, absent=True)  # absent: not a result, not high
    b.result(base, e4, primary=18, mark=5)  # base: passed on the mark
    e5 = b.student("e5", "11А")
    b.result(rus, e5, primary=45, test=81)
    b.result(prof, e5, primary=25, test=85)  # two results of 81 and more: counted once
    b.result(rus, b.student("e6", "11А"), absent=True)  # only absent: not a participant
    b.result(base, b.student("e7", "11А"), primary=7, mark=3)  # base: mark 3 is enough

    got = computed(school, ["core.ege_passed", "core.ege_high", "core.ege_mean_score", "core.ege_top_quartile"])

    # participants e1..e5 e7; passed e1 e4 e5 e7; high e1 e5
    # russian main results: e1 (10; 24), e2 (40; 80.5), e3 (9; 23.5), e5 (45; 81)
    assert sorted(got) == sorted([
        whole("core.ege_passed"), whole("core.ege_high"),
        by("core.ege_mean_score", "subject", RUS), by("core.ege_mean_score", "subject", PROF),  # base: no mean
        by("core.ege_top_quartile", "subject", RUS), by("core.ege_top_quartile", "subject", PROF),
        by("core.ege_top_quartile", "subject", BASE),
    ])
    assert_values(got, {
        whole("core.ege_passed"): (200 / 3, 4, 6),
        whole("core.ege_high"): (100 / 3, 2, 6),
        by("core.ege_mean_score", "subject", RUS): (52.25, 209, 4),  # (24 + 80.5 + 23.5 + 81) / 4
        by("core.ege_mean_score", "subject", PROF): (83, 166, 2),  # (81 + 85) / 2
        by("core.ege_top_quartile", "subject", RUS): (45, None, 4),  # primary 45 40 10 9, k = 1
        by("core.ege_top_quartile", "subject", PROF): (25, None, 2),  # 25 20, k = 1
        by("core.ege_top_quartile", "subject", BASE): (18, None, 3),  # 18 10 7, k = 1
    })


def test_top_quartile_boundary_inside_a_tie(db):
    municipality = OrgUnit.objects.create(code="mun-q", name="Район", kind=OrgUnitKind.MUNICIPALITY)
    first, second = make_school("q1", municipality), make_school("q2", municipality)
    b = Records(first, YEAR)
    oge = b.assessment(K.OGE, MATH, 9, min_score=8)
    for i, score in enumerate([31, 31, 28, 28, 20, 10, 5, 3]):
        b.result(oge, b.student(f"t{i}", "9А"), primary=score, mark=3)
    # Either would make n = 9 and k = 3 (-> 28) if it were counted:
    b.result(b.assessment(K.OGE, MATH, 9, min_score=8), b.student("t8", "9А"), primary=2, mark=2,
             attempt=Attempt.RETAKE)
    b.result(oge, b.student("t9", "9А"), primary=0, absent=True)
    ege = b.assessment(K.EGE, RUS, 11, min_score=24)
    for i, (primary, test) in enumerate([(50, 95), (45, 85), (45, 84), (30, 62), (20, 40)]):
        b.result(ege, b.student(f"u{i}", "11А"), primary=primary, test=test)
    c = Records(second, YEAR)
    oge2 = c.assessment(K.OGE, MATH, 9, min_score=8)
    for i in range(4):
        c.result(oge2, c.student(f"w{i}", "9А"), primary=29, mark=4)
    for school in (first, second):
        recompute(school, [YEAR])
    codes = ["core.oge_top_quartile", "core.ege_top_quartile"]

    got_first, got_second, got_municipality = (evaluated(u, codes) for u in (first, second, municipality))

    assert_values(got_first, {
        # 31 31 28 28 20 10 5 3: n = 8, k = 2, the 2nd score is 31 (the 2nd distinct score would be 28)
        by("core.oge_top_quartile", "subject", MATH): (31, None, 8),
        # primary 50 45 45 30 20: n = 5, k = 2 -> 45 (on the test score it would be 85)
        by("core.ege_top_quartile", "subject", RUS): (45, None, 5),
    })
    assert_values(got_second, {by("core.oge_top_quartile", "subject", MATH): (29, None, 4)})  # n = 4, k = 1
    # pooled 31 31 29 29 29 29 28 28 20 10 5 3: n = 12, k = 3 -> 29 (not a mean of 31 and 29)
    assert_values(got_municipality, {by("core.oge_top_quartile", "subject", MATH): (29, None, 12)})


# --- ВПР ------------------------------------------------------------------------------------------

VPR = ["core.vpr_base", "core.vpr_high", "core.vpr_lowered", "core.vpr_confirmed", "core.vpr_raised",
       "core.vpr_basic_tasks", "core.vpr_advanced_tasks"]


def test_vpr_counts_main_results_of_the_year_by_the_assessments_grade(school):
    b = Records(school, YEAR)
    tasks = [("1", 2, Difficulty.BASIC), ("2", 2, Difficulty.ADVANCED)]
    vpr4 = b.assessment(K.VPR, MATH, 4, tasks=tasks)
    vpr6 = b.assessment(K.VPR, MATH, 6)
    b.result(vpr4, b.student("v1", "4А"), mark=4, journal=5, tasks=[2, 1])  # lowered
    b.result(vpr4, b.student("v2", "4А"), journal=4, tasks=[1, 0])  # no mark: task scores only
    b.result(vpr4, b.student("v3", "4А"), mark=2, journal=5, absent=True, tasks=[0, 0])  # absent
    b.result(vpr6, b.student("v4", "6А"), mark=3, journal=3)  # confirmed
    b.result(vpr6, b.student("v5", "7А"), mark=5, journal=4)  # raised; the assessment's grade 6 counts
    b.result(b.assessment(K.VPR, MATH, 6), b.student("v6", "6А"), mark=2, journal=4, attempt=Attempt.RETAKE)
    b.result(b.assessment(K.VPR, MATH, 5, year=2023), b.student("v7"), mark=2, journal=2)  # another year

    got = computed(school, VPR, years=[2023, YEAR])

    # results with a mark: v1 (4), v4 (3), v5 (5); with a journal mark too: the same three
    # tasks (v1, v2): basic 2 + 1 of 2 + 2; advanced 1 + 0 of 2 + 2
    expected = {
        whole("core.vpr_base"): (100, 3, 3),
        by("core.vpr_base", "grade", "4"): (100, 1, 1),
        by("core.vpr_base", "grade", "6"): (100, 2, 2),
        whole("core.vpr_high"): (100 / 3, 1, 3),
        by("core.vpr_high", "grade", "4"): (0, 0, 1),
        by("core.vpr_high", "grade", "6"): (50, 1, 2),
        whole("core.vpr_lowered"): (100 / 3, 1, 3),
        by("core.vpr_lowered", "grade", "4"): (100, 1, 1),
        by("core.vpr_lowered", "grade", "6"): (0, 0, 2),
        whole("core.vpr_confirmed"): (100 / 3, 1, 3),
        by("core.vpr_confirmed", "grade", "4"): (0, 0, 1),
        by("core.vpr_confirmed", "grade", "6"): (50, 1, 2),
        whole("core.vpr_raised"): (100 / 3, 1, 3),
        by("core.vpr_raised", "grade", "4"): (0, 0, 1),
        by("core.vpr_raised", "grade", "6"): (50, 1, 2),
        whole("core.vpr_basic_tasks"): (75, 3, 4),
        by("core.vpr_basic_tasks", "grade", "4"): (75, 3, 4),
        whole("core.vpr_advanced_tasks"): (25, 1, 4),
        by("core.vpr_advanced_tasks", "grade", "4"): (25, 1, 4),
    }
    # one subject: each subject row equals the whole school
    expected |= {by(code, "subject", MATH): expected[whole(code)] for code in VPR}
    assert sorted(got) == sorted(expected)
    assert_values(got, expected)


# --- talents, additional education, social --------------------------------------------------------

def test_events_and_programs_of_the_year(school):
    b = Records(school, YEAR)
    k1 = b.student("k1", "7А")
    b.event(k1, "ВСОШ математика", EventLevel.SCHOOL, kind=EventKind.VSOSH, result=EventResult.WINNER)
    k2 = b.student("k2", "7А")
    b.event(k2, "ВСОШ физика", EventLevel.REGIONAL, kind=EventKind.VSOSH)
    k3 = b.student("k3", "7А")
    b.enroll(k3, "6А", year=2023)
    b.event(k3, "ВСОШ история", EventLevel.MUNICIPAL, kind=EventKind.VSOSH, result=EventResult.WINNER, year=2023)
    b.program(k3, "Робототехника", ProgramKind.ADDITIONAL, year=2023)
    b.program(k3, "Сириус", ProgramKind.SIRIUS)
    k4 = b.student("k4", "7А")
    b.event(k4, "ВСОШ биология", EventLevel.MUNICIPAL, kind=EventKind.VSOSH, result=EventResult.PRIZE)
    b.program(k4, "Футбол", ProgramKind.SPORTS)
    k5 = b.student("k5", "7А")
    b.program(k5, "Разговоры о важном", ProgramKind.EXTRACURRICULAR)
    b.program(k5, "Шахматы", ProgramKind.ADDITIONAL)
    k6 = b.student("k6", "7А", left_on=d("2025-05-24"))  # not in CE
    b.event(k6, "ВСОШ химия", EventLevel.MUNICIPAL, kind=EventKind.VSOSH)
    b.program(k6, "Театр", ProgramKind.ADDITIONAL)

    got = computed(school, ["core.events_participation", "core.vsosh_municipal", "core.vsosh_winners",
                            "core.additional_education"], years=[2023, YEAR])

    # CE = k1..k5
    assert_values(got, {
        whole("core.events_participation"): (60, 3, 5),  # k1 k2 k4; k3's event is of 2023/2024
        whole("core.vsosh_municipal"): (20, 1, 5),  # k4; k2 regional, k6 not in CE
        whole("core.vsosh_winners"): (50, 2, 4),  # k1 (school level) k4 of k1 k2 k4 k6
        whole("core.additional_education"): (40, 2, 5),  # k4 k5; Сириус is neither kind
    })


def test_prevention_counts_each_ce_student_once(school):
    b = Records(school, YEAR)
    b.social(b.student("p1", "6А"), SocialCategory.KDN)
    p2 = b.student("p2", "6А")
    b.social(p2, SocialCategory.PDN, until=d("2025-05-30"))
    b.social(p2, SocialCategory.IN_SCHOOL)
    b.social(b.student("p3", "6А"), SocialCategory.SPT_RISK)  # not a prevention category
    b.social(b.student("p4", "6А"), SocialCategory.PDN, until=d("2025-05-24"))  # removed before 25 May
    b.student("p5", "6А")

    got = computed(school, ["core.prevention_registered"])

    assert_values(got, {whole("core.prevention_registered"): (40, 2, 5)})  # p1 p2 of p1..p5


# --- staff ----------------------------------------------------------------------------------------

STAFF = ["core.staff_total", "core.staff_under_35", "core.staff_young", "core.staff_courses_3y"]


def test_staff_boundaries_are_taken_on_1_september_of_each_year(school):
    b = Records(school, YEAR)
    for year in (2023, YEAR):
        t1 = b.staff("t1", birth_date=d("1989-09-01"), experience_since=d("2021-09-01"), year=year)
        t3 = b.staff("t3", birth_date=d("1970-01-01"), experience_since=d("2000-09-01"), year=year)
    t2 = b.staff("t2", birth_date=d("1990-09-02"), experience_since=d("2024-09-02"))  # started after 1 September
    b.staff_event(t1, StaffEventKind.RETRAINING, year=2022)
    b.staff_event(t2, StaffEventKind.COURSES)
    b.staff_event(t3, StaffEventKind.COURSES, year=2021)
    b.staff_event(t3, StaffEventKind.ATTESTATION)  # neither курсы nor переподготовка
    b.staff_event(t3, StaffEventKind.CONTEST)

    recompute(school, [2023, YEAR])
    earlier, later = evaluated(school, STAFF, year=2023), evaluated(school, STAFF)

    # 1 September 2023, P = t1 t3: t1 is 34 with 2 full years; courses in 2021..2023: t1 (2022), t3 (2021)
    assert_values(earlier, {
        whole("core.staff_total"): (2, None, None),
        whole("core.staff_under_35"): (50, 1, 2),
        whole("core.staff_young"): (50, 1, 2),
        whole("core.staff_courses_3y"): (100, 2, 2),
    })
    # 1 September 2024, P = t1 t2 t3: t1 is exactly 35 with exactly 3 full years; t2 is 33 with 0 years;
    # courses in 2022..2024: t1 (2022), t2 (2024); t3's last courses were in 2021
    assert_values(later, {
        whole("core.staff_total"): (3, None, None),
        whole("core.staff_under_35"): (100 / 3, 1, 3),
        whole("core.staff_young"): (100 / 3, 1, 3),
        whole("core.staff_courses_3y"): (200 / 3, 2, 3),
    })


# --- surveys --------------------------------------------------------------------------------------

def test_survey_respondents_who_are_unsure_skip_or_give_no_grade(school):
    b = Records(school, YEAR)
    b.survey("parents", "r1", None, {"overall": "  Полностью  удовлетворён "})  # no grade: whole school only
    b.survey("parents", "r2", 4, {"overall": "затрудняюсь ответить"})  # a respondent, not satisfied
    b.survey("parents", "r3", 5, {"facilities": "скорее удовлетворен"})  # skipped overall
    b.survey("parents", "r4", 11, {"overall": "скорее удовлетворен", "facilities": "не удовлетворен"})
    b.survey("students", "s1", 9, {"overall": "Затрудняюсь ответить"})
    b.survey("students", "s2", 10, {"safety": "полностью удовлетворен"})  # skipped overall
    b.survey("students", "s3", 10, {"overall": "полностью удовлетворен"})

    got = computed(school, ["core.parents_satisfied", "core.parents_satisfied.facilities",
                            "core.parents_satisfied.safety", "core.students_satisfied"])

    # parents: 4 respondents (r1 in no grade band); students: 3
    assert_values(got, {
        whole("core.parents_satisfied"): (50, 2, 4),  # r1 r4
        by("core.parents_satisfied", "grade_band", "1-4"): (0, 0, 1),  # r2
        by("core.parents_satisfied", "grade_band", "5-9"): (0, 0, 1),  # r3
        by("core.parents_satisfied", "grade_band", "10-11"): (100, 1, 1),  # r4
        whole("core.parents_satisfied.facilities"): (25, 1, 4),  # r3
        by("core.parents_satisfied.facilities", "grade_band", "5-9"): (100, 1, 1),
        by("core.parents_satisfied.facilities", "grade_band", "10-11"): (0, 0, 1),
        whole("core.parents_satisfied.safety"): (0, 0, 4),  # nobody answered it
        whole("core.students_satisfied"): (100 / 3, 1, 3),  # s3
        by("core.students_satisfied", "grade_band", "5-9"): (0, 0, 1),  # s1
        by("core.students_satisfied", "grade_band", "10-11"): (50, 1, 2),  # s3 of s2 s3
    })
