"""Risk flags of weak results (vsoko.analysis.risk): each rule on hand-computed data."""

from dataclasses import replace
from decimal import Decimal

import pytest

from tests.accounts.personas import YEAR, build_world
from tests.analysis.world import procedure, pupil, result
from vsoko.analysis.figures import TaskSums
from vsoko.analysis.flags import FlagKind, Level
from vsoko.analysis.risk import flags_by_school, fold_classes, not_mastered, risk_flags, task_order
from vsoko.analysis.sheets import flag_rows
from vsoko.analysis.thresholds import Thresholds, mastery
from vsoko.datavalues.compute import recompute
from vsoko.records.enums import AssessmentKind, Difficulty

pytestmark = pytest.mark.django_db

SMALL = replace(Thresholds(), risk_min_results=3)


def summary(flags):
    return sorted((f.kind, f.level, f.procedure, f.where) for f in flags)


def test_rules_on_the_test_world_with_classes_of_three(aw):
    flags = risk_flags([aw.school], YEAR, thresholds=SMALL)

    assert summary(flags) == sorted([
        # ВПР: «2» for 2 of 6 (33,3 % > 25 %); in 5Б for 2 of 3 (66,7 % ≥ 2 × 25 %: high).
        (FlagKind.VPR_TWOS, Level.MEDIUM, "ВПР, русский язык, 5 класс", ""),
        (FlagKind.VPR_TWOS, Level.HIGH, "ВПР, русский язык, 5 класс", "5Б"),
        # 5Б: both basic tasks below 60 % (50 % and 44,4 %): 100 % of them.
        (FlagKind.BASIC_TASKS, Level.HIGH, "ВПР, русский язык, 5 класс", "5Б"),
        # ОГЭ: 1 of 6 below the minimum (16,7 % > 10 %), in 9А too.
        (FlagKind.OGE_BELOW_MIN, Level.MEDIUM, "ОГЭ, математика, 9 класс", ""),
        (FlagKind.OGE_BELOW_MIN, Level.MEDIUM, "ОГЭ, математика, 9 класс", "9А"),
    ])
    twos = next(f for f in flags if f.kind == FlagKind.VPR_TWOS and not f.where)
    assert twos.reason == "«2» у 2 из 6 (33,3 %; порог — больше 25,0 %)."
    basic = next(f for f in flags if f.kind == FlagKind.BASIC_TASKS)
    assert basic.reason == "Ниже 60 % выполнены 2 из 2 заданий базового уровня (100,0 %; порог — от 30,0 %): 1, 2."
    oge = next(f for f in flags if f.kind == FlagKind.OGE_BELOW_MIN and not f.where)
    assert oge.reason.endswith("После пересдач порог преодолели 1 из них.")


def test_classes_smaller_than_the_minimum_are_not_flagged(aw):
    flags = risk_flags([aw.school], YEAR)  # default: 5 results at least

    assert [f.where for f in flags if f.where] == ["9А"]  # 6 ОГЭ results in 9А; 5А and 5Б have 3 each


def test_without_classes_only_procedures(aw):
    flags = risk_flags([aw.school], YEAR, thresholds=SMALL, classes=False)

    assert {f.where for f in flags} == {""}


def test_thresholds_change_the_result(aw):
    strict = replace(SMALL, vpr_twos=40, oge_below_min=20)

    kinds = {f.kind for f in risk_flags([aw.school], YEAR, thresholds=strict)}

    assert kinds == {FlagKind.VPR_TWOS, FlagKind.BASIC_TASKS}  # only 5Б's 66,7 % is above 40 %


def vpr_math(world, year, grade, class_name, marks, prefix):
    a = procedure(world, f"M-{year}-{grade}", AssessmentKind.VPR, "Математика", grade, year=year, max_score=20)
    for i, mark in enumerate(marks):
        student = pupil(world, f"{prefix}{year}-{i}", class_name, f"Фамилия{i}", year=year)
        result(a, student, primary=mark * 3, mark=mark)
    return a


def test_quality_falls_two_years_in_a_row_for_the_procedure():
    world = build_world()
    # ВПР математика 5 класс, three different cohorts: 4 and 5 for 80 %, 60 %, 40 % — and 50 % in the last year,
    # as the personas' world has another ВПР математика 5 класс that year (one «5»): same kind, subject, grade.
    for year, marks in ((YEAR - 2, [5, 4, 4, 4, 3]), (YEAR - 1, [5, 4, 4, 3, 3]), (YEAR, [5, 4, 3, 3, 2])):
        vpr_math(world, year, 5, "5В", marks, "p")
    recompute(world.school, [YEAR - 2, YEAR - 1, YEAR])

    flags = [f for f in risk_flags([world.school], YEAR) if f.kind == FlagKind.QUALITY_DECLINE]

    assert summary(flags) == [(FlagKind.QUALITY_DECLINE, Level.HIGH, "ВПР, математика, 5 класс", "")]
    assert flags[0].reason == ("Доля «4» и «5» снижается: 2022/2023 — 80,0 %; 2023/2024 — 60,0 %; 2024/2025 — 50,0 % "
                               "(за два года −30,0 п. п.).")


def test_quality_falls_two_years_in_a_row_for_a_class_followed_over_the_years():
    world = build_world()
    # 5Г → 6Г → 7Г: the same class (cohort), ВПР математика of its grade each year: 80 %, 70 %... as counts.
    for year, grade, marks in ((YEAR - 2, 5, [5, 4, 4, 4, 3]), (YEAR - 1, 6, [5, 4, 4, 4, 3, 3]),
                               (YEAR, 7, [5, 4, 4, 3, 3])):
        vpr_math(world, year, grade, f"{grade}Г", marks, "c")
    recompute(world.school, [YEAR - 2, YEAR - 1, YEAR])

    flags = [f for f in risk_flags([world.school], YEAR) if f.kind == FlagKind.QUALITY_DECLINE]

    # 80 % → 66,7 % → 60 %: a fall of 20 п. п. in two years is high. No procedure flag: the grades differ.
    assert summary(flags) == [(FlagKind.QUALITY_DECLINE, Level.HIGH, "ВПР, математика, 7 класс", "7Г")]


def test_the_fall_over_two_years_is_the_difference_of_the_shares_as_shown():
    world = build_world()
    # 5Д → 6Д → 7Д: «4» and «5» for 4 of 6, 4 of 7, 2 of 6 — 66,7 %, 57,1 %, 33,3 % as shown. The reader
    # subtracts 66,7 − 33,3 = 33,4; the exact 66,67 − 33,33 = 33,33 would say «−33,3».
    for year, grade, marks in ((YEAR - 2, 5, [5, 4, 4, 4, 3, 3]), (YEAR - 1, 6, [5, 4, 4, 4, 3, 3, 3]),
                               (YEAR, 7, [5, 4, 3, 3, 3, 3])):
        vpr_math(world, year, grade, f"{grade}Д", marks, "d")
    recompute(world.school, [YEAR - 2, YEAR - 1, YEAR])

    [flag] = [f for f in risk_flags([world.school], YEAR) if f.kind == FlagKind.QUALITY_DECLINE]

    assert flag.reason == ("Доля «4» и «5» снижается: 2022/2023 — 66,7 %; 2023/2024 — 57,1 %; 2024/2025 — 33,3 % "
                           "(за два года −33,4 п. п.).")


def test_a_rise_in_between_is_no_decline():
    world = build_world()
    for year, marks in ((YEAR - 2, [5, 4, 4, 4, 3]), (YEAR - 1, [5, 4, 4, 4, 4]), (YEAR, [5, 4, 3, 3, 2])):
        vpr_math(world, year, 5, "5В", marks, "r")
    recompute(world.school, [YEAR - 2, YEAR - 1, YEAR])

    assert [f for f in risk_flags([world.school], YEAR) if f.kind == FlagKind.QUALITY_DECLINE] == []


def test_tasks_are_ordered_as_in_the_work():
    assert sorted(["10", "2", "9.2", "9.1", "2К1", "1"], key=task_order) == ["1", "2", "2К1", "9.1", "9.2", "10"]


def test_class_flags_fold_under_the_procedure_flagged_alike(aw):
    folded = fold_classes(risk_flags([aw.school], YEAR, thresholds=SMALL))

    assert summary(folded) == sorted([
        (FlagKind.VPR_TWOS, Level.MEDIUM, "ВПР, русский язык, 5 класс", ""),
        # The procedure is not flagged for its basic tasks: 5Б's flag stays on its own.
        (FlagKind.BASIC_TASKS, Level.HIGH, "ВПР, русский язык, 5 класс", "5Б"),
        (FlagKind.OGE_BELOW_MIN, Level.MEDIUM, "ОГЭ, математика, 9 класс", ""),
    ])
    twos = next(f for f in folded if f.kind == FlagKind.VPR_TWOS)
    assert [(c.where, c.level, c.reason) for c in twos.classes] == [
        ("5Б", Level.HIGH, "«2» у 2 из 3 (66,7 %; порог — больше 25,0 %).")]
    # 9А holds all six ОГЭ results: its flag would say what the procedure's says, and is left out.
    assert next(f for f in folded if f.kind == FlagKind.OGE_BELOW_MIN).classes == ()


def test_flag_rows_of_a_sheet_name_the_procedure_and_unfold_the_classes(aw):
    rows = flag_rows(fold_classes(risk_flags([aw.school], YEAR, thresholds=SMALL)))

    places = [row[2] for row in rows if row[0] == FlagKind.VPR_TWOS.label]
    assert places == ["ВПР, русский язык, 5 класс", "ВПР, русский язык, 5 класс, класс 5Б"]


@pytest.mark.parametrize("points, maximum", [("3", "5"), ("5.9", "10"), ("2.85", "5"), ("0", "4"), ("17", "17"),
                                             ("59.99", "100")])
def test_a_basic_task_is_not_mastered_below_60_percent_as_the_mastery_scale_says(points, maximum):
    sums = TaskSums(Decimal(points), Decimal(maximum))

    assert not_mastered(sums) is not mastery(Difficulty.BASIC, sums.completion).is_mastered
    assert not_mastered(sums) is (Decimal(points) / Decimal(maximum) < Decimal("0.6"))


def test_the_flags_of_the_schools_take_three_reads(aw, django_assert_num_queries):
    # The procedures; the marks and counts of the year with the marks of the two before; the basic tasks of
    # the ВПР (only those: the one rule on tasks). Not one per school, procedure or class.
    with django_assert_num_queries(3):
        flags = flags_by_school([aw.school.pk], YEAR, SMALL, classes=True)

    assert FlagKind.BASIC_TASKS in {f.kind for f in flags[aw.school.pk]}
