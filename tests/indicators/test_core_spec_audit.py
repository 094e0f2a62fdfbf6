"""An audit of spec/core-indicators.md against the implementation, sentence by sentence.

tests/indicators/test_core.py and test_core_edge_cases.py check every core
indicator and the edge cases the spec names; the tests here cover the sentences
those leave implicit (who is in CE whatever the enrollment date or ОВЗ, ЕГЭ
базовая математика having no test score, a respondent of two questionnaires)
and the "Machine-readable output" section through the command itself: keys,
numbers as printed, nulls, the order of breakdowns, exit codes. Expected values
are computed by hand from the spec; the arithmetic is in the comments.
"""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from tests.datavalues.records import Records, d
from tests.indicators.conftest import core_definitions, values_by_key
from vsoko.cli import main as vsoko
from vsoko.datavalues.compute import recompute
from vsoko.indicators import counted
from vsoko.indicators.catalogs import load_shipped_catalogs
from vsoko.indicators.evaluate import Definition
from vsoko.indicators.models import Indicator
from vsoko.records.enums import AssessmentKind as K
from vsoko.records.enums import Certificate, Outcome

pytestmark = pytest.mark.django_db

YEAR = 2024  # 2024/2025: cut-off 25 May 2025
MATH, RUS, PROF, BASE = "математика", "русский язык", "математика (профиль)", "математика (база)"
KEYS = ["code", "name", "year", "org_unit", "breakdown", "value", "numerator", "denominator", "unit"]


def computed(school, codes) -> dict:
    recompute(school, [YEAR])
    return values_by_key(school, YEAR, core_definitions(), codes)


def triple(v) -> tuple:
    return (v.value, v.numerator, v.denominator)


# --- populations ----------------------------------------------------------------------------------

def test_ce_ignores_the_enrollment_date_and_ovz_and_takes_the_grade_of_the_years_class(school):
    b = Records(school, YEAR)
    late = b.student("late", "6А", enrolled_on=d("2025-05-30"))  # enrolled after 25 May: still CE
    b.marks(late, {MATH: "5"})
    ovz = b.student("ovz", "6А", ovz=True, disability=True)  # ОВЗ: counted like everyone
    b.marks(ovz, {MATH: "3"})
    after = b.student("after", "6А", left_on=d("2025-08-31"))  # left after the year's end: CE
    b.marks(after, {MATH: "4"})
    b.student("early", "6А", left_on=d("2024-05-25"))  # 25 May of the first calendar year: not CE
    moved = b.student("moved", "2А", year=YEAR - 1)  # grade 2 last year, grade 3 this year
    b.enroll(moved, "3А")
    b.marks(moved, {MATH: "2"})

    got = computed(school, ["core.students_total", "core.students_level1", "core.students_level2",
                            "core.quality", "core.success"])

    # CE = late ovz after moved; grades 6 6 6 3
    assert got[("core.students_total", ())].value == 4
    assert got[("core.students_level1", ())].value == 1  # moved, in grade 3 this year
    assert got[("core.students_level2", ())].value == 3
    # denominator late ovz after moved = 4; quality late (5) after (4); success all but moved (2)
    assert triple(got[("core.quality", ())]) == (50, 2, 4)
    assert triple(got[("core.success", ())]) == (75, 3, 4)


def test_certificates_count_ce_graduates_whatever_the_outcome_word(school):
    b = Records(school, YEAR)
    b.student("g1", "9А", gia_admitted=True, certificate=Certificate.HONORS, outcome=Outcome.GRADUATED)
    b.student("g2", "9Б", gia_admitted=True, certificate=Certificate.REGULAR, outcome=Outcome.PROMOTED)
    b.student("g3", "9Б")  # nothing known yet: in the denominator, in no numerator

    got = computed(school, ["core.g9_admitted", "core.g9_certificate", "core.g9_certificate_honors"])

    # grade 9 in CE: g1 g2 g3 (two classes of one grade)
    assert triple(got[("core.g9_admitted", ())]) == (pytest.approx(200 / 3), 2, 3)
    assert triple(got[("core.g9_certificate", ())]) == (pytest.approx(200 / 3), 2, 3)  # обычный or с отличием
    assert triple(got[("core.g9_certificate_honors", ())]) == (pytest.approx(100 / 3), 1, 3)


# --- ГИА ------------------------------------------------------------------------------------------

def test_base_mathematics_has_no_test_score_for_ege_high_or_the_mean(school):
    b = Records(school, YEAR)
    base = b.assessment(K.EGE, BASE, 11, min_score=7)
    base_spelled = b.assessment(K.EGE, "Математика (база)", 11, min_score=7)
    rus = b.assessment(K.EGE, RUS, 11, min_score=24)
    e1 = b.student("e1", "11А")
    b.result(base, e1, primary=20, test=95, mark=5)  # a test score written for base: not «81 and more»
    b.result(rus, e1, primary=30, test=70)
    e2 = b.student("e2", "11А")
    b.result(base_spelled, e2, primary=19, test=90, mark=5)  # the same subject spelled with a capital
    e3 = b.student("e3", "11А")
    b.result(rus, e3, primary=45, test=81)  # exactly 81: high
    b.result(base, e3, primary=6, test=82, mark=2)  # base failed on the mark, whatever the scores

    got = computed(school, ["core.ege_high", "core.ege_passed", "core.ege_mean_score"])

    # participants e1 e2 e3; high: e3 only (russian 81); passed: e1 (base 5, russian 70 ≥ 24), e2 (base 5)
    assert triple(got[("core.ege_high", ())]) == (pytest.approx(100 / 3), 1, 3)
    assert triple(got[("core.ege_passed", ())]) == (pytest.approx(200 / 3), 2, 3)
    # the mean test score is given for russian only: (70 + 81) / 2 = 75.5
    means = {k: triple(v) for k, v in got.items() if k[0] == "core.ege_mean_score"}
    assert means == {("core.ege_mean_score", (("subject", RUS),)): (75.5, 151, 2)}


def test_who_is_counted_in_ege_high_leaves_base_mathematics_out_as_the_value_does(school, django_user_model):
    load_shipped_catalogs()
    b = Records(school, YEAR)
    base, rus = b.assessment(K.EGE, BASE, 11, min_score=7), b.assessment(K.EGE, RUS, 11, min_score=24)
    b.result(base, b.student("e1", "11А"), primary=20, test=95, mark=5)  # not high
    e2 = b.student("e2", "11А")
    b.result(base, e2, primary=20, test=95, mark=5)
    b.result(rus, e2, primary=45, test=88)  # high on russian
    recompute(school, [YEAR])
    root = django_user_model.objects.create_superuser("root")
    definition = Definition.of(Indicator.objects.get(code="core.ege_high"))

    high, participants = counted.counted_people(definition, school, YEAR, root)

    # e2 of e1 e2, in the list as in the value
    assert (high.counted, participants.counted) == (1, 2)
    assert triple(values_by_key(school, YEAR, core_definitions(), ["core.ege_high"])[("core.ege_high", ())]) == (
        50, 1, 2)


def test_oge_participant_with_several_subjects_passes_only_if_every_main_result_does(school):
    b = Records(school, YEAR)
    math, rus = b.assessment(K.OGE, MATH, 9, min_score=8), b.assessment(K.OGE, RUS, 9, min_score=15)
    o1 = b.student("o1", "9А")
    b.result(math, o1, primary=8, mark=3)
    b.result(rus, o1, primary=14, mark=2)  # one subject below the threshold: not passed
    o2 = b.student("o2", "9А")
    b.result(math, o2, primary=9, mark=3)
    b.result(rus, o2, primary=15, mark=3)

    got = computed(school, ["core.oge_passed"])

    assert triple(got[("core.oge_passed", ())]) == (50, 1, 2)  # o2 of o1 o2


# --- surveys --------------------------------------------------------------------------------------

def test_one_respondent_code_in_two_questionnaires_is_a_respondent_of_each(school):
    b = Records(school, YEAR)
    b.survey("parents", "r1", 9, {"overall": "скорее удовлетворен"})
    b.survey("students", "r1", 9, {"overall": "скорее не удовлетворен"})
    b.survey("parents", "r2", 9, {"overall": "", "safety": ""})  # every question skipped: still a respondent
    b.survey("parents-do", "r3", 9, {"overall": "полностью удовлетворен"})  # another questionnaire

    got = computed(school, ["core.parents_satisfied", "core.students_satisfied"])

    assert triple(got[("core.parents_satisfied", ())]) == (50, 1, 2)  # r1 of r1 r2
    assert triple(got[("core.parents_satisfied", (("grade_band", "5-9"),))]) == (50, 1, 2)
    assert triple(got[("core.students_satisfied", ())]) == (0, 0, 1)  # r1 of the students' questionnaire


# --- machine-readable output ----------------------------------------------------------------------

@pytest.fixture
def printed(school, capsys):
    """`vsoko indicators --year 2024/2025 --format json` over a small school, as parsed JSON and as text."""
    load_shipped_catalogs()
    b = Records(school, YEAR)
    b.marks(b.student("x1", "2А"), {MATH: "5", RUS: "4"})  # good
    b.marks(b.student("x2", "7А"), {MATH: "3"})  # satisfactory
    x3 = b.student("x3", "7Б")
    b.marks(x3, {MATH: "4"})  # good
    b.survey("parents", "r1", 2, {"overall": "полностью удовлетворен"})
    b.survey("parents", "r2", 7, {"overall": "затрудняюсь ответить"})
    b.survey("parents", "r3", 10, {"overall": "скорее удовлетворен"})
    b.survey("parents", "r4", 11, {"safety": "скорее удовлетворен"})  # skipped overall
    vpr5 = b.assessment(K.VPR, MATH, 5)
    vpr7 = b.assessment(K.VPR, RUS, 7)
    b.result(vpr5, b.student("x2"), mark=4, journal=4)
    b.result(vpr7, x3, mark=5, journal=4)
    b.result(b.assessment(K.OGE, MATH, 9, min_score=8), b.student("x4"), primary=10, mark=3)
    call_command("compute", "--year", "2024/2025")
    capsys.readouterr()

    call_command("indicators", "--year", "2024/2025", "--catalog", "core", "--format", "json")

    text = capsys.readouterr().out
    return json.loads(text), text


def rows_of(rows: list[dict], code: str) -> list[dict]:
    return [r for r in rows if r["code"] == code]


def test_json_elements_have_exactly_the_spec_keys_for_the_school_and_year(printed, school):
    rows, _ = printed

    assert isinstance(rows, list) and rows
    assert all(list(r) == KEYS for r in rows)
    assert {r["year"] for r in rows} == {"2024/2025"}
    assert {r["org_unit"] for r in rows} == {school.code}
    # --catalog core: every core indicator; those given per subject only have no row without a subject
    per_subject_only = {code for code, definition in core_definitions().items() if not definition.total}
    assert {r["code"] for r in rows} == set(core_definitions()) - {"core.ege_mean_score", "core.ege_top_quartile"}
    assert per_subject_only == {"core.oge_mean_mark", "core.oge_top_quartile", "core.ege_mean_score",
                                "core.ege_top_quartile"}
    assert all(isinstance(r["breakdown"], dict) for r in rows)


def test_json_values_are_not_rounded_and_whole_numbers_are_integers(printed):
    rows, text = printed

    # quality: x1 x3 of x1 x2 x3 = 200/3, printed in full
    [quality] = rows_of(rows, "core.quality")
    assert (quality["value"], quality["numerator"], quality["denominator"]) == (200 / 3, 2, 3)
    assert '"value": 66.66666666666667' in text
    # СОУ: 5, 4, 3, 4 -> (1.00 + 0.64 + 0.36 + 0.64) / 4 × 100 = 66 (exactly, from exact fractions)
    [sou] = rows_of(rows, "core.sou")
    assert (sou["value"], sou["numerator"], sou["denominator"]) == (66, 2.64, 4)
    assert isinstance(sou["value"], int)
    [total] = rows_of(rows, "core.students_total")
    assert (total["value"], total["numerator"], total["denominator"], total["unit"]) == (3, None, None, "count")


def test_json_null_where_the_denominator_is_zero_or_nothing_is_known(printed):
    rows, _ = printed
    by_code = {r["code"]: r for r in rows if r["breakdown"] == {}}

    # no grade 9 in CE: 0 of 0
    assert (by_code["core.g9_admitted"]["value"], by_code["core.g9_admitted"]["denominator"]) == (None, 0)
    # parents answered, students did not: no respondent of `students`
    assert (by_code["core.students_satisfied"]["value"], by_code["core.students_satisfied"]["denominator"]) == (None, 0)
    # no staff rows at all: every staff indicator is null
    assert all(by_code[c]["value"] is None for c in ("core.staff_total", "core.staff_higher", "core.staff_young"))


def test_json_breakdowns_follow_the_whole_school_in_a_natural_order(printed):
    rows, _ = printed

    # parents r1 (2) satisfied, r2 (7) unsure, r3 (10) satisfied, r4 (11) skipped overall
    satisfied = [(r["breakdown"], r["value"], r["numerator"], r["denominator"])
                 for r in rows_of(rows, "core.parents_satisfied")]
    assert satisfied == [
        ({}, 50, 2, 4),
        ({"grade_band": "1-4"}, 100, 1, 1),
        ({"grade_band": "5-9"}, 0, 0, 1),
        ({"grade_band": "10-11"}, 50, 1, 2),
    ]
    # ВПР: x2's mathematics (grade 5 procedure, pupil in 7А) and x3's russian (grade 7); both 3 or more
    assert [(r["breakdown"], r["value"]) for r in rows_of(rows, "core.vpr_base")] == [
        ({}, 100), ({"subject": MATH}, 100), ({"subject": RUS}, 100), ({"grade": "5"}, 100), ({"grade": "7"}, 100),
    ]
    # per subject only: no whole-school row; x4 is not enrolled anywhere and still counted
    assert [(r["breakdown"], r["value"], r["numerator"], r["denominator"])
            for r in rows_of(rows, "core.oge_mean_mark")] == [({"subject": MATH}, 3, 3, 1)]


@pytest.mark.parametrize(("args", "code"), [
    (["indicators", "--year", "2024/2025", "--catalog", "core", "--format", "json"], 0),
    (["indicators", "--year", "2024/2026", "--format", "json"], 1),  # not a school year: a user error
    (["indicators", "--year", "2024/2025", "--catalog", "nope"], 1),
    (["indicators", "--format", "json"], 2),  # --year missing: bad arguments
    (["indicators", "--year", "2024/2025", "--format", "yaml"], 2),
    (["compute", "--year", "2024/2026"], 1),
])
def test_exit_codes_of_indicators_and_compute(printed, capsys, args, code):
    with pytest.raises(SystemExit) as exit_info:
        vsoko(args)
        raise SystemExit(0)

    assert exit_info.value.code == code
    if code == 1:
        assert "Учебный год «2024/2026» не распознан" in capsys.readouterr().err or args[-1] == "nope"


# --- from a data package to the printed values ----------------------------------------------------

PACKAGE = {
    "students.csv": """student_id;last_name;first_name;birth_date;sex
s1;А;А;2012-01-01;М
s2;Б;Б;2012-01-01;Ж
s3;В;В;2012-01-01;М
s4;Г;Г;2009-01-01;Ж
s5;Д;Д;2009-01-01;М
s6;Е;Е;2007-01-01;М
s7;Ж;Ж;2007-01-01;Ж
""",
    "enrollments.csv": """year;student_id;class;left_on;ovz;outcome;gia_admitted;certificate
2024/2025;s1;6А;;да;переведен;;
2024/2025;s2;6А;24.05.2025;нет;;;
2024/2025;s3;6А;2025-05-25;нет;переведен;;
2024/2025;s4;9А;;нет;окончил;да;с отличием
2024/2025;s5;9А;;нет;выбыл;да;обычный
2024/2025;s6;11А;;нет;окончил;да;обычный
2024/2025;s7;11А;;нет;оставлен на повторное обучение;нет;нет
""",
    "marks.csv": """year;period;student_id;subject;mark
2024/2025;год;s1;математика;5
2024/2025;год;s1;физкультура;зачёт
2024/2025;год;s1;музыка;осв
2024/2025;год;s3;математика;Н/А
2024/2025;год;s3;русский язык;4
2024/2025;год;s4;математика;4
2024/2025;год;s4;физкультура;незачет
2024/2025;год;s6;математика;3
2024/2025;год;s7;музыка;осв
2024/2025;4 четверть;s7;математика;2
""",
    "assessments.csv": """assessment_id;year;kind;subject;grade;max_score;min_score
oge1;2024/2025;ОГЭ;математика;9;31;8
oge2;2024/2025;ОГЭ;математика;9;31;8
ege1;2024/2025;ЕГЭ;Математика (база);11;21;7
ege2;2024/2025;ЕГЭ;русский язык;11;50;24
vpr1;2024/2025;ВПР;математика;6;10;
""",
    "assessment_tasks.csv": """assessment_id;task;max_points;difficulty
vpr1;1;2;Б
vpr1;2;3;Б
vpr1;3;5;П
""",
    "results.csv": """assessment_id;student_id;attempt;absent;primary_score;test_score;mark;journal_mark;task_scores
oge1;s4;основная;;20;;4;;
oge1;s5;основная;;7;;2;;
oge2;s5;пересдача;;12;;3;;
ege1;s6;основная;;10;90;3;;
ege2;s6;основная;;30;70;;;
ege2;s7;основная;да;;;;;
vpr1;s1;основная;;6;;4;5;"2;2;2"
vpr1;s3;основная;;3;;3;3;"1;2;0"
""",
    "survey_responses.csv": """year;survey;respondent;grade;question;answer
2024/2025;parents;r1;6;overall;Полностью удовлетворён
2024/2025;parents;r2;9;overall;затрудняюсь ответить
2024/2025;parents;r3;10;safety;скорее удовлетворен
2024/2025;parents;r4;2;overall;
""",
}


def test_a_package_imported_computed_and_printed_as_json(school, tmp_path, capsys):
    load_shipped_catalogs()
    for name, text in PACKAGE.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    call_command("import", str(tmp_path))
    call_command("compute", "--year", "2024/2025")
    capsys.readouterr()

    call_command("indicators", "--year", "2024/2025", "--catalog", "core", "--format", "json")

    got = {(r["code"], tuple(r["breakdown"].items())): (r["value"], r["numerator"], r["denominator"])
           for r in json.loads(capsys.readouterr().out)}
    # CE: s1 (6, ОВЗ), s3 (left on 25 May), s4 (9), s6 (11), s7 (11); s2 left on 24 May, s5 выбыл
    assert got[("core.students_total", ())] == (5, None, None)
    assert got[("core.students_level1", ())] == (0, None, None)
    assert got[("core.students_level2", ())] == (3, None, None)
    # denominator s1 s3 s4 s6 (s7 has only осв as a year mark; its 2 is a term mark)
    assert got[("core.quality", ())] == (25, 1, 4)  # s1 (5, зачёт, осв); s3 н/а, s4 незачет, s6 a 3
    assert got[("core.success", ())] == (50, 2, 4)  # s1 s6
    assert got[("core.excellent", ())] == (25, 1, 4)  # s1
    # СОУ over 5 | н/а 4 | 4 | 3: (1.00 + 0.07 + 0.64 + 0.64 + 0.36) / 5 × 100 = 2.71 / 5 × 100 = 54.2
    assert got[("core.sou", ())] == (pytest.approx(54.2), pytest.approx(2.71), 5)
    assert got[("core.repeaters", ())] == (20, 1, 5)  # s7
    assert got[("core.g9_certificate_honors", ())] == (100, 1, 1)  # s4; s5 выбыл
    assert got[("core.g11_admitted", ())] == (50, 1, 2)  # s6 of s6 s7
    # ОГЭ participants s4 (20 ≥ 8) s5 (7; the retake on oge2 is not main), s5 counted though выбыл
    assert got[("core.oge_passed", ())] == (50, 1, 2)
    assert got[("core.oge_mean_mark", (("subject", MATH),))] == (3, 6, 2)  # (4 + 2) / 2
    assert got[("core.oge_top_quartile", (("subject", MATH),))] == (20, None, 2)  # 20 7, k = 1
    # ЕГЭ participant s6 (s7 absent): base mark 3 passes, russian 70 ≥ 24; base's 90 is not a test score
    assert got[("core.ege_passed", ())] == (100, 1, 1)
    assert got[("core.ege_high", ())] == (0, 0, 1)
    assert [key for key in got if key[0] == "core.ege_mean_score"] == [("core.ege_mean_score", (("subject", RUS),))]
    # ВПР s1 4 (journal 5: lowered), s3 3 (journal 3: confirmed); tasks Б: 2 + 2 + 1 + 2 of 2 + 3 + 2 + 3,
    # П: 2 + 0 of 5 + 5
    assert got[("core.vpr_base", (("grade", "6"),))] == (100, 2, 2)
    assert got[("core.vpr_lowered", ())] == (50, 1, 2)
    assert got[("core.vpr_basic_tasks", ())] == (70, 7, 10)
    assert got[("core.vpr_advanced_tasks", (("subject", MATH),))] == (20, 2, 10)
    assert got[("core.events_participation", ())] == (0, 0, 5)  # no events: 0 of the CE
    # parents r1..r4 (r3 skipped overall, r4 left it empty): r1 satisfied (case and ё)
    assert got[("core.parents_satisfied", ())] == (25, 1, 4)
    assert got[("core.parents_satisfied", (("grade_band", "5-9"),))] == (50, 1, 2)  # r1 of r1 r2
    assert got[("core.parents_satisfied.safety", (("grade_band", "10-11"),))] == (100, 1, 1)  # r3
    assert got[("core.students_satisfied", ())] == (None, 0, 0)
