"""Every core indicator of spec/core-indicators.md on one small school, against hand computations.

The fixture is built so that each edge case of the spec changes a value if it is
handled wrongly: a student who left the day before 25 May and one who left on it,
outcome «выбыл», grade 1 marks, `осв`/`зачет`/`незачет`/`н/а`, missing marks,
absent and retake results, ЕГЭ базовая математика, missing journal marks, staff
exactly at the 35-year and 3-year boundaries, «затрудняюсь ответить» and skipped
questions, and records of another year.
"""

from __future__ import annotations

import pytest

from tests.datavalues.records import Records, d
from tests.indicators.conftest import values_by_key
from vsoko.datavalues.compute import recompute
from vsoko.records.enums import (
    AssessmentKind as K,
)
from vsoko.records.enums import (
    Attempt,
    Certificate,
    Difficulty,
    Education,
    EventKind,
    EventLevel,
    EventResult,
    Outcome,
    ProgramKind,
    QualificationCategory,
    SocialCategory,
    StaffEventKind,
)

pytestmark = pytest.mark.django_db

MATH, RUS = "математика", "русский язык"


def build_school(b: Records) -> dict:
    s = {}
    # --- contingent and year marks (2024/2025, cut-off 25 May 2025)
    s["a1"] = b.student("a1", "1А")
    b.marks(s["a1"], {MATH: "2"})  # grade 1: outside quality, success, СОУ
    s["a2"] = b.student("a2", "2А")
    b.marks(s["a2"], {MATH: "5", RUS: "5", "физкультура": "pass"})  # excellent
    s["a3"] = b.student("a3", "2А")
    b.marks(s["a3"], {MATH: "5", RUS: "4", "музыка": "exempt"})  # good
    s["a4"] = b.student("a4", "5А")
    b.marks(s["a4"], {MATH: "3", RUS: "4"})  # satisfactory
    s["a5"] = b.student("a5", "5А", outcome=Outcome.REPEATING)
    b.marks(s["a5"], {MATH: "2", RUS: "5"})  # failing
    s["a6"] = b.student("a6", "9А", gia_admitted=False, certificate=Certificate.NONE)
    b.marks(s["a6"], {MATH: "4", RUS: "na"})  # failing (н/а)
    s["a7"] = b.student("a7", "9А", gia_admitted=True, certificate=Certificate.REGULAR)
    b.marks(s["a7"], {MATH: "exempt"})  # only осв: not in the denominator
    s["a8"] = b.student("a8", "9Б", gia_admitted=True, certificate=Certificate.HONORS)
    b.marks(s["a8"], {MATH: "5", RUS: "5", "физкультура": "fail"})  # failing (незачет)
    s["a9"] = b.student("a9", "9Б", left_on=d("2025-05-24"), gia_admitted=True, certificate=Certificate.HONORS)
    b.marks(s["a9"], {MATH: "5"})  # left the day before 25 May: not in CE
    s["a10"] = b.student("a10", "9Б", left_on=d("2025-05-25"), gia_admitted=True,
                         certificate=Certificate.REGULAR)
    b.marks(s["a10"], {MATH: "4"})  # left on 25 May: in CE, good
    s["a11"] = b.student("a11", "10А", outcome=Outcome.LEFT)
    b.marks(s["a11"], {MATH: "5"})  # outcome выбыл: not in CE
    s["a12"] = b.student("a12", "11А", gia_admitted=True, certificate=Certificate.REGULAR)
    b.marks(s["a12"], {"физкультура": "pass"})  # only зачет: successful, not quality
    s["a13"] = b.student("a13", "11А", gia_admitted=True, certificate=Certificate.NONE)  # no marks at all

    # --- ОГЭ
    oge_math = b.assessment(K.OGE, MATH, 9, min_score=8)
    oge_rus = b.assessment(K.OGE, RUS, 9, min_score=15)
    oge_math_reserve = b.assessment(K.OGE, MATH, 9, min_score=8)
    b.result(oge_math, s["a6"], primary=7, mark=2)
    b.result(oge_rus, s["a6"], primary=20, mark=4)
    b.result(oge_math, s["a8"], primary=25, mark=5)
    b.result(oge_rus, s["a8"], primary=30, mark=5)
    b.result(oge_math, s["a10"], primary=12, mark=3)
    b.result(oge_rus, s["a10"], absent=True)  # absent: no participation
    b.result(oge_math, s["a9"], primary=17, mark=4)  # not in CE, still counted
    b.result(oge_math, s["a7"], primary=5, mark=2)
    b.result(oge_math_reserve, s["a7"], primary=10, mark=3, attempt=Attempt.RETAKE)  # retakes are not main

    # --- ЕГЭ
    ege_rus = b.assessment(K.EGE, RUS, 11, min_score=24)
    ege_base = b.assessment(K.EGE, "математика (база)", 11, min_score=7)
    ege_prof = b.assessment(K.EGE, "математика (профиль)", 11, min_score=27)
    b.result(ege_rus, s["a12"], primary=40, test=85)
    b.result(ege_base, s["a12"], primary=5, mark=3)  # base: passed on the mark, whatever the score
    b.result(ege_rus, s["a13"], primary=8, test=20)
    b.result(ege_prof, s["a13"], primary=15, test=70)

    # --- ВПР
    tasks = [("1", 1, Difficulty.BASIC), ("2", 2, Difficulty.BASIC), ("3", 2, Difficulty.ADVANCED),
             ("4", 1, Difficulty.HIGH)]
    vpr_math = b.assessment(K.VPR, MATH, 5, tasks=tasks)
    vpr_rus = b.assessment(K.VPR, RUS, 5)
    b.result(vpr_math, s["a4"], mark=3, journal=3, tasks=[1, 2, 1, 0])
    b.result(vpr_math, s["a5"], mark=2, journal=3, tasks=[0, 1, 0, 0])
    b.result(vpr_math, s["a11"], mark=5, journal=5, tasks=[1, 2, 2, 1])
    b.result(vpr_math, s["a2"], absent=True)
    b.result(vpr_rus, s["a4"], mark=5, journal=4)
    b.result(vpr_rus, s["a5"], mark=4)  # no journal mark

    # --- events, programs
    b.event(s["a2"], "ВСОШ математика", EventLevel.SCHOOL, kind=EventKind.VSOSH)
    b.event(s["a2"], "Олимпиада", EventLevel.MUNICIPAL, kind=EventKind.OLYMPIAD, result=EventResult.WINNER)
    b.event(s["a3"], "ВСОШ русский", EventLevel.MUNICIPAL, kind=EventKind.VSOSH)
    b.event(s["a3"], "ВСОШ русский", EventLevel.REGIONAL, kind=EventKind.VSOSH, result=EventResult.PRIZE)
    b.event(s["a4"], "Конкурс чтецов", EventLevel.SCHOOL, kind=EventKind.CONTEST)
    b.event(s["a9"], "ВСОШ математика", EventLevel.MUNICIPAL, kind=EventKind.VSOSH, result=EventResult.WINNER)
    b.program(s["a2"], "Робототехника", ProgramKind.ADDITIONAL)
    b.program(s["a2"], "Футбол", ProgramKind.SPORTS)
    b.program(s["a3"], "Плавание", ProgramKind.SPORTS)
    b.program(s["a4"], "Разговоры о важном", ProgramKind.EXTRACURRICULAR)
    b.program(s["a9"], "Шахматы", ProgramKind.ADDITIONAL)

    # --- social
    b.social(s["a5"], SocialCategory.PDN)
    b.social(s["a6"], SocialCategory.KDN, until=d("2025-05-24"))
    b.social(s["a8"], SocialCategory.IN_SCHOOL, until=d("2025-05-25"))
    b.social(s["a4"], SocialCategory.LOW_INCOME)
    b.social(s["a9"], SocialCategory.PDN)

    # --- staff (1 September 2024)
    t1 = b.staff("t1", birth_date=d("1989-09-01"), experience_since=d("2021-09-01"),
                 category=QualificationCategory.HIGHEST, education=Education.HIGHER_PEDAGOGICAL)
    b.staff_event(t1, StaffEventKind.COURSES, year=2022)
    t2 = b.staff("t2", birth_date=d("1989-09-02"), experience_since=d("2021-09-02"),
                 category=QualificationCategory.FIRST, education=Education.HIGHER)
    b.staff_event(t2, StaffEventKind.COURSES, year=2021)
    t3 = b.staff("t3", birth_date=d("1970-01-01"), experience_since=d("1995-09-01"),
                 category=QualificationCategory.NONE, education=Education.HIGHER_PEDAGOGICAL)
    b.staff_event(t3, StaffEventKind.RETRAINING)
    b.staff_event(t3, StaffEventKind.CONTEST, "Учитель года")
    t4 = b.staff("t4", pedagogical=False, birth_date=d("2000-01-01"), category=QualificationCategory.HIGHEST)
    b.staff_event(t4, StaffEventKind.COURSES)
    t5 = b.staff("t5", category=QualificationCategory.CONFORMITY)
    b.staff_event(t5, StaffEventKind.COURSES, year=2025)

    # --- surveys
    b.survey("parents", "p1", 2, {"overall": "полностью удовлетворен", "safety": "не удовлетворен",
                                  "facilities": "затрудняюсь ответить"})
    b.survey("parents", "p2", 3, {"overall": "Скорее удовлетворён", "safety": "скорее удовлетворен"})
    b.survey("parents", "p3", 7, {"overall": "затрудняюсь ответить"})
    b.survey("parents", "p4", 7, {"safety": "полностью удовлетворен"})  # skipped overall
    b.survey("parents", "p5", 10, {"overall": "скорее не удовлетворен"})
    b.survey("parents", "p6", 10, {"overall": "", "climate": "скорее удовлетворен"})  # empty = skipped
    b.survey("students", "s1", 9, {"overall": "скорее удовлетворен"})
    b.survey("students", "s2", 11, {"overall": "не удовлетворен"})
    b.survey("students", "s3", 11, {"safety": "полностью удовлетворен"})
    b.survey("parents-do", "d1", 4, {"overall": "полностью удовлетворен"})

    # --- another year that must not leak into 2024/2025
    b.enroll(s["a2"], "1А", year=2023)
    b.marks(s["a2"], {MATH: "2"}, year=2023)
    b.staff("t1", year=2023, category=QualificationCategory.FIRST)
    b.survey("parents", "p1", 1, {"overall": "полностью удовлетворен"}, year=2023)
    return s


# (value, numerator, denominator) computed by hand from build_school; None = not given.
EXPECTED: dict[tuple[str, tuple], tuple] = {
    ("core.students_total", ()): (11, None, None),
    ("core.students_level1", ()): (3, None, None),
    ("core.students_level2", ()): (6, None, None),
    ("core.students_level3", ()): (2, None, None),
    # denominator: a2 a3 a4 a5 a6 a8 a10 a12
    ("core.quality", ()): (37.5, 3, 8),  # a2 a3 a10
    ("core.success", ()): (62.5, 5, 8),  # a2 a3 a4 a10 a12
    ("core.excellent", ()): (12.5, 1, 8),  # a2
    # marks 5,5 | 5,4 | 3,4 | 2,5 | 4,н/а | 5,5 | 4 -> 9.15 over 13 marks
    ("core.sou", ()): (9.15 / 13 * 100, 9.15, 13),
    ("core.repeaters", ()): (100 / 11, 1, 11),
    ("core.g9_admitted", ()): (75, 3, 4),  # a7 a8 a10 of a6 a7 a8 a10
    ("core.g9_certificate", ()): (75, 3, 4),
    ("core.g9_certificate_honors", ()): (25, 1, 4),
    ("core.g11_admitted", ()): (100, 2, 2),
    ("core.g11_certificate", ()): (50, 1, 2),
    ("core.g11_certificate_honors", ()): (0, 0, 2),
    # participants a6 a7 a8 a9 a10; passed a8 a9 a10
    ("core.oge_passed", ()): (60, 3, 5),
    ("core.oge_mean_mark", (("subject", MATH),)): (3.2, 16, 5),
    ("core.oge_mean_mark", (("subject", RUS),)): (4.5, 9, 2),
    ("core.oge_top_quartile", (("subject", MATH),)): (17, None, 5),  # 25 17 12 7 5, k = 2
    ("core.oge_top_quartile", (("subject", RUS),)): (30, None, 2),  # 30 20, k = 1
    ("core.ege_passed", ()): (50, 1, 2),  # a12
    ("core.ege_mean_score", (("subject", RUS),)): (52.5, 105, 2),
    ("core.ege_mean_score", (("subject", "математика (профиль)"),)): (70, 70, 1),
    ("core.ege_high", ()): (50, 1, 2),
    ("core.ege_top_quartile", (("subject", RUS),)): (40, None, 2),
    ("core.ege_top_quartile", (("subject", "математика (база)"),)): (5, None, 1),
    ("core.ege_top_quartile", (("subject", "математика (профиль)"),)): (15, None, 1),
    # ВПР: math 3, 2, 5; russian 5, 4
    ("core.vpr_base", ()): (80, 4, 5),
    ("core.vpr_base", (("subject", MATH),)): (200 / 3, 2, 3),
    ("core.vpr_base", (("subject", RUS),)): (100, 2, 2),
    ("core.vpr_base", (("grade", "5"),)): (80, 4, 5),
    ("core.vpr_high", ()): (40, 2, 5),
    ("core.vpr_high", (("subject", MATH),)): (100 / 3, 1, 3),
    ("core.vpr_high", (("subject", RUS),)): (50, 1, 2),
    ("core.vpr_high", (("grade", "5"),)): (40, 2, 5),
    ("core.vpr_lowered", ()): (25, 1, 4),
    ("core.vpr_lowered", (("subject", MATH),)): (100 / 3, 1, 3),
    ("core.vpr_lowered", (("subject", RUS),)): (0, 0, 1),
    ("core.vpr_lowered", (("grade", "5"),)): (25, 1, 4),
    ("core.vpr_confirmed", ()): (50, 2, 4),
    ("core.vpr_confirmed", (("subject", MATH),)): (200 / 3, 2, 3),
    ("core.vpr_confirmed", (("subject", RUS),)): (0, 0, 1),
    ("core.vpr_confirmed", (("grade", "5"),)): (50, 2, 4),
    ("core.vpr_raised", ()): (25, 1, 4),
    ("core.vpr_raised", (("subject", MATH),)): (0, 0, 3),
    ("core.vpr_raised", (("subject", RUS),)): (100, 1, 1),
    ("core.vpr_raised", (("grade", "5"),)): (25, 1, 4),
    ("core.vpr_basic_tasks", ()): (700 / 9, 7, 9),
    ("core.vpr_basic_tasks", (("subject", MATH),)): (700 / 9, 7, 9),
    ("core.vpr_basic_tasks", (("grade", "5"),)): (700 / 9, 7, 9),
    ("core.vpr_advanced_tasks", ()): (400 / 9, 4, 9),
    ("core.vpr_advanced_tasks", (("subject", MATH),)): (400 / 9, 4, 9),
    ("core.vpr_advanced_tasks", (("grade", "5"),)): (400 / 9, 4, 9),
    # talents
    ("core.events_participation", ()): (300 / 11, 3, 11),  # a2 a3 a4
    ("core.vsosh_municipal", ()): (100 / 11, 1, 11),  # a3
    ("core.vsosh_winners", ()): (200 / 3, 2, 3),  # a3 a9 of a2 a3 a9
    ("core.additional_education", ()): (200 / 11, 2, 11),  # a2 a3
    # staff: P = t1 t2 t3 t5
    ("core.staff_total", ()): (4, None, None),
    ("core.staff_higher", ()): (25, 1, 4),
    ("core.staff_first", ()): (25, 1, 4),
    ("core.staff_courses_3y", ()): (50, 2, 4),  # t1 (Y−2) t3 (Y)
    ("core.staff_under_35", ()): (25, 1, 4),  # t2; t1 is exactly 35
    ("core.staff_young", ()): (25, 1, 4),  # t2; t1 has exactly 3 full years
    ("core.staff_higher_ped", ()): (50, 2, 4),
    # surveys: parents p1..p6
    ("core.parents_satisfied", ()): (100 / 3, 2, 6),
    ("core.parents_satisfied", (("grade_band", "1-4"),)): (100, 2, 2),
    ("core.parents_satisfied", (("grade_band", "5-9"),)): (0, 0, 2),
    ("core.parents_satisfied", (("grade_band", "10-11"),)): (0, 0, 2),
    ("core.parents_satisfied.safety", ()): (100 / 3, 2, 6),
    ("core.parents_satisfied.safety", (("grade_band", "1-4"),)): (50, 1, 2),
    ("core.parents_satisfied.safety", (("grade_band", "5-9"),)): (50, 1, 2),
    ("core.parents_satisfied.safety", (("grade_band", "10-11"),)): (0, 0, 2),
    ("core.parents_satisfied.climate", ()): (100 / 6, 1, 6),
    ("core.parents_satisfied.climate", (("grade_band", "1-4"),)): (0, 0, 2),
    ("core.parents_satisfied.climate", (("grade_band", "5-9"),)): (0, 0, 2),
    ("core.parents_satisfied.climate", (("grade_band", "10-11"),)): (50, 1, 2),
    **{
        (f"core.parents_satisfied.{q}", band): (0, 0, n)
        for q in ("facilities", "staff", "extracurricular", "information")
        for band, n in [((), 6), ((("grade_band", "1-4"),), 2), ((("grade_band", "5-9"),), 2),
                        ((("grade_band", "10-11"),), 2)]
    },
    ("core.students_satisfied", ()): (100 / 3, 1, 3),
    ("core.students_satisfied", (("grade_band", "5-9"),)): (100, 1, 1),
    ("core.students_satisfied", (("grade_band", "10-11"),)): (0, 0, 2),
    ("core.prevention_registered", ()): (200 / 11, 2, 11),  # a5, a8 (until 25 May)
}


@pytest.fixture
def core_school(school):
    build_school(Records(school, year=2024))
    recompute(school, [2023, 2024])
    return school


def test_every_core_indicator_matches_the_hand_computation(core_school, core_defs):
    got = values_by_key(core_school, 2024, core_defs)

    assert sorted(got) == sorted(EXPECTED)
    for key, (value, numerator, denominator) in EXPECTED.items():
        v = got[key]
        assert (v.value, v.numerator, v.denominator) == (
            pytest.approx(value, rel=1e-12), pytest.approx(numerator, rel=1e-12) if numerator is not None else None,
            denominator,
        ), key


def test_every_code_of_the_spec_is_in_the_core_catalog(core_defs):
    spec_codes = {
        "core.students_total", "core.students_level1", "core.students_level2", "core.students_level3",
        "core.quality", "core.success", "core.excellent", "core.sou", "core.repeaters",
        "core.g9_admitted", "core.g11_admitted", "core.g9_certificate", "core.g11_certificate",
        "core.g9_certificate_honors", "core.g11_certificate_honors",
        "core.oge_passed", "core.oge_mean_mark", "core.oge_top_quartile", "core.ege_passed", "core.ege_mean_score",
        "core.ege_high", "core.ege_top_quartile",
        "core.vpr_base", "core.vpr_high", "core.vpr_lowered", "core.vpr_confirmed", "core.vpr_raised",
        "core.vpr_basic_tasks", "core.vpr_advanced_tasks",
        "core.events_participation", "core.vsosh_municipal", "core.vsosh_winners", "core.additional_education",
        "core.staff_total", "core.staff_higher", "core.staff_first", "core.staff_courses_3y",
        "core.staff_under_35", "core.staff_young", "core.staff_higher_ped",
        "core.parents_satisfied", "core.students_satisfied", "core.prevention_registered",
        *(f"core.parents_satisfied.{q}" for q in
          ("facilities", "safety", "staff", "climate", "extracurricular", "information")),
    }

    assert set(core_defs) == spec_codes


def test_previous_year_is_computed_from_its_own_records(core_school, core_defs):
    got = values_by_key(core_school, 2023, core_defs, ["core.students_total", "core.quality",
                                                       "core.parents_satisfied", "core.staff_first"])

    assert got[("core.students_total", ())].value == 1
    # a2 in grade 1 in 2023: grade 1 is outside the quality denominator
    assert got[("core.quality", ())].value is None
    assert got[("core.quality", ())].denominator == 0
    assert got[("core.parents_satisfied", ())].value == 100
    assert got[("core.staff_first", ())].value == 100


def test_a_year_without_any_records_gives_null(core_school, core_defs):
    got = values_by_key(core_school, 2022, core_defs, ["core.students_total", "core.quality"])

    assert got[("core.students_total", ())].value is None
    assert got[("core.quality", ())].value is None
