"""Figures read from data values: hand-computed on tests/analysis/world.py."""

from collections import Counter
from decimal import Decimal
from fractions import Fraction

import pytest

from tests.accounts.personas import YEAR
from vsoko.analysis import figures as fig

pytestmark = pytest.mark.django_db


def vpr_figures(aw, by=("assessment",)):
    return fig.load([aw.school.pk], [YEAR], by=by, assessments=["VPR-5-R"])


def test_mark_distribution_of_the_procedure(aw):
    f = vpr_figures(aw)[(YEAR, "VPR-5-R")]

    assert f.results == 6
    assert f.absent == 1
    assert f.mark_rows == [(2, 2, Fraction(100, 3)), (3, 1, Fraction(50, 3)), (4, 2, Fraction(100, 3)),
                           (5, 1, Fraction(50, 3))]
    assert (f.quality, f.success, f.twos) == (Fraction(50), Fraction(200, 3), Fraction(100, 3))
    assert f.mean_mark == Fraction(20, 6)
    assert f.mean_score == Fraction(28, 6)
    assert f.mean_score_share(10) == Fraction(280, 6)


def test_primary_scores_are_counted_per_score(aw):
    f = vpr_figures(aw)[(YEAR, "VPR-5-R")]

    assert f.scores == Counter({Decimal(9): 1, Decimal(6): 2, Decimal(4): 1, Decimal(2): 1, Decimal(1): 1})


def test_task_completion_is_points_over_max_points(aw):
    f = vpr_figures(aw)[(YEAR, "VPR-5-R")]

    assert [f.completion(t) for t in ("1", "2", "3")] == [Fraction(200, 3), Fraction(550, 9), Fraction(30)]
    assert f.level_completion(["basic"]) == Fraction(19 * 100, 30)
    assert f.level_completion(["advanced", "high"]) == Fraction(30)


def test_task_completion_by_groups_of_marks(aw):
    f = fig.load([aw.school.pk], [YEAR], by=(), assessments=["VPR-5-R"])[(YEAR,)]

    by_mark = {m: [f.completion_by_mark(t, m) for t in ("1", "2", "3")] for m in fig.MARKS}

    assert by_mark == {
        2: [Fraction(25), Fraction(100, 3), Fraction(0)],
        3: [Fraction(50), Fraction(200, 3), Fraction(20)],
        4: [Fraction(100), Fraction(200, 3), Fraction(40)],
        5: [Fraction(100), Fraction(100), Fraction(80)],
    }


def test_figures_per_class_add_up_to_the_procedure(aw):
    per_class = vpr_figures(aw, by=("class",))
    a, b = per_class[(YEAR, "5А")], per_class[(YEAR, "5Б")]

    assert (a.results, a.absent, b.results, b.absent) == (3, 1, 3, 0)
    assert b.completion("1") == Fraction(50)
    assert b.completion("2") == Fraction(400, 9)
    assert fig.total(per_class.values()).marks == vpr_figures(aw)[(YEAR, "VPR-5-R")].marks


def test_journal_comparison(aw):
    f = vpr_figures(aw)[(YEAR, "VPR-5-R")]

    assert (f.lowered, f.confirmed, f.raised, f.compared, f.gap2) == (4, 1, 1, 6, 1)
    assert [(key, n, share) for key, _, n, share in f.journal_rows] == [
        ("lowered", 4, Fraction(200, 3)), ("confirmed", 1, Fraction(50, 3)), ("raised", 1, Fraction(50, 3)),
    ]


def test_absent_and_retake_are_not_main_results(aw):
    reserve = fig.load([aw.school.pk], [YEAR], assessments=["VPR-5-R-r"])[(YEAR, "VPR-5-R-r")]

    assert (reserve.results, reserve.retakes, reserve.retakes_passed, reserve.marked) == (0, 1, 1, 0)


def test_oge_threshold_retake_and_top_quartile_with_ties(aw):
    f = fig.load([aw.school.pk], [YEAR], assessments=["OGE-9-M"])[(YEAR, "OGE-9-M")]

    assert (f.results, f.passed, f.failed, f.failed_retake_passed) == (6, 5, 1, 1)
    assert f.failed_share == Fraction(100, 6)
    assert f.top_quartile == Decimal(15)
    assert f.mean_mark == Fraction(22, 6)


def test_ege_high_scorers_and_mean_test_score(aw):
    f = fig.load([aw.school.pk], [YEAR], assessments=["EGE-11-R"])[(YEAR, "EGE-11-R")]

    assert (f.high_scorers, f.failed, f.mean_test_score, f.top_quartile_test) == (2, 1, Fraction(133, 2), Decimal(85))
    assert f.marked == 0


@pytest.mark.parametrize("scores, expected", [
    ({10: 1}, 10),
    ({20: 3, 10: 5}, 20),  # n = 8, k = 2: inside the tie at the top
    ({20: 1, 15: 2, 5: 5}, 15),  # n = 8, k = 2: the boundary falls on a tie
    ({30: 1, 20: 1, 10: 2}, 30),  # n = 4, k = 1
    ({}, None),
])
def test_top_quartile_boundary_k_is_ceil_n_over_4(scores, expected):
    assert fig.kth_from_top(Counter({Decimal(s): n for s, n in scores.items()})) == (
        None if expected is None else Decimal(expected))


def test_schools_add_up(aw):
    """A municipality is the sum of its schools: the same read over two schools."""
    f = fig.load([aw.school.pk, aw.world.other_school.pk], [YEAR], by=("kind", "grade", "subject"))

    assert f[(YEAR, "vpr", "5", "Русский язык")].results == 6
