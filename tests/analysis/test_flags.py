"""Signs of non-objective results (vsoko.analysis.flags): each rule with its reason."""

from decimal import Decimal

import pytest

from tests.accounts.personas import YEAR
from vsoko.analysis import figures as fig
from vsoko.analysis.flags import FlagKind, Level, objectivity_flags, spikes
from vsoko.analysis.thresholds import Thresholds

SCALE = "2:0-4;3:5-9;4:10-14;5:15-20"


def figures(*, marks=None, scores=None, journal=None) -> fig.Figures:
    f = fig.Figures()
    f.marks.update(marks or {})
    f.scores.update({Decimal(s): n for s, n in (scores or {}).items()})
    f.journal.update(journal or {})
    f.results = sum((marks or {}).values()) or sum((scores or {}).values())
    return f


def kinds(flags):
    return [(f.kind, f.level) for f in flags]


@pytest.mark.django_db
def test_the_test_worlds_vpr_lowers_the_journal_marks_of_two_thirds(aw):
    f = fig.load([aw.school.pk], [YEAR], assessments=["VPR-5-R"])[(YEAR, "VPR-5-R")]

    flags = objectivity_flags(f, max_score=10, mark_scale=aw.vpr.mark_scale, t=Thresholds())

    assert kinds(flags) == [(FlagKind.JOURNAL_LOWERED, Level.HIGH)]
    assert flags[0].reason.startswith("4 из 6 (66,7 %, порог — от 50,0 %) понизили отметку по журналу")


# Of 20 results: «понизили» is usual on a ВПР (the journal's marks are milder: about a quarter to a third of the
# participants nationwide), so it is flagged from 35 % (7 of 20) and high from 50 % (10); «повысили» is rare (a
# few percent), so it is flagged from 20 % (4 of 20) and high from 40 % (8).
@pytest.mark.parametrize("lowered, raised, expected", [
    (6, 0, []),  # 30 %: a usual ВПР, flagged in 25 of the demo's 27 before
    (7, 0, [(FlagKind.JOURNAL_LOWERED, Level.MEDIUM)]),  # 35 %
    (10, 0, [(FlagKind.JOURNAL_LOWERED, Level.HIGH)]),  # 50 %
    (9, 0, [(FlagKind.JOURNAL_LOWERED, Level.MEDIUM)]),  # 45 %
    (0, 3, []),  # 15 %
    (0, 4, [(FlagKind.JOURNAL_RAISED, Level.MEDIUM)]),  # 20 %
    (0, 8, [(FlagKind.JOURNAL_RAISED, Level.HIGH)]),  # 40 %
    (7, 4, [(FlagKind.JOURNAL_LOWERED, Level.MEDIUM), (FlagKind.JOURNAL_RAISED, Level.MEDIUM)]),
])
def test_journal_rule_lowered_from_35_and_50_raised_from_20_and_40(lowered, raised, expected):
    journal = {(3, 4): lowered, (5, 4): raised, (4, 4): 20 - lowered - raised}

    flags = objectivity_flags(figures(journal=journal), max_score=None, mark_scale="", t=Thresholds())

    assert kinds(flags) == expected


def test_high_marks_with_a_low_mean_score_is_high_risk():
    # 4 and 5 for 8 of 10 (80 %), mean primary 10.4 of 20 (52 % < 55 %).
    f = figures(marks={5: 3, 4: 5, 3: 2}, scores={9: 3, 10: 4, 12: 2, 11: 1})

    flags = objectivity_flags(f, max_score=20, mark_scale="", t=Thresholds())

    assert kinds(flags) == [(FlagKind.HIGH_MARKS_LOW_SCORE, Level.HIGH)]
    assert "«4» и «5» у 80,0 % участников" in flags[0].reason


def test_high_marks_with_a_fair_mean_score_is_no_flag():
    f = figures(marks={5: 3, 4: 5, 3: 2}, scores={11: 5, 12: 5})  # 57.5 % of 20

    assert objectivity_flags(f, max_score=20, mark_scale="", t=Thresholds()) == []


def peaked(at_boundary: int, below: int, above: int) -> dict:
    """20 participants, with the given counts at 5 (the «3» boundary), 4 and 6; the rest spread on 11–13."""
    rest = 20 - at_boundary - below - above
    return {5: at_boundary, 4: below, 6: above, 11: rest // 3, 12: rest // 3, 13: rest - 2 * (rest // 3)}


def test_a_peak_at_a_mark_boundary_is_flagged():
    f = figures(scores=peaked(6, 1, 2))

    flags = objectivity_flags(f, max_score=20, mark_scale=SCALE, t=Thresholds())

    assert kinds(flags) == [(FlagKind.BOUNDARY_SPIKE, Level.MEDIUM)]
    assert flags[0].reason.startswith("Граница отметки «3» — 5 б.: участников ровно на ней — 6, на балл ниже — 1")
    assert "меньше 50" in flags[0].reason


@pytest.mark.parametrize("at_boundary, below, above", [
    (4, 3, 2),  # not twice the score below
    (2, 0, 1),  # fewer than 3 at the boundary
    (6, 1, 6),  # no peak: as many one point above
])
def test_no_peak_no_flag(at_boundary, below, above):
    assert spikes(figures(scores=peaked(at_boundary, below, above)), SCALE, Thresholds()) == []


def test_the_histogram_is_not_judged_below_20_participants():
    f = figures(scores={5: 6, 4: 1, 6: 2, 12: 10})  # 19

    assert spikes(f, SCALE, Thresholds()) == []


def test_disclosive_flags_tell_of_small_groups():
    f = figures(journal={(3, 4): 4, (4, 4): 6})
    flag = objectivity_flags(f, max_score=None, mark_scale="", t=Thresholds())[0]

    assert (flag.count, flag.base) == (4, 10)
    assert flag.disclosive(5) is True
    assert flag.disclosive(4) is False
