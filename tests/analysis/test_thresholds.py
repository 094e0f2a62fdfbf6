from fractions import Fraction

import pytest

from vsoko.analysis.thresholds import Mastery, Thresholds, mastery

B, P, V = "basic", "advanced", "high"


@pytest.mark.parametrize("difficulty, completion, expected", [
    (B, Fraction(5690, 100), Mastery.NOT_MASTERED),
    (B, Fraction(57), Mastery.BORDER_BELOW),
    (B, Fraction(5999, 100), Mastery.BORDER_BELOW),
    (B, Fraction(60), Mastery.BORDER_ABOVE),
    (B, Fraction(550, 9), Mastery.BORDER_ABOVE),  # 61,1 %: task 2 of the test world
    (B, Fraction(63), Mastery.MASTERED),
    (P, Fraction(284, 10), Mastery.NOT_MASTERED),
    (P, Fraction(285, 10), Mastery.BORDER_BELOW),
    (P, Fraction(30), Mastery.BORDER_ABOVE),
    (V, Fraction(315, 10), Mastery.MASTERED),
    ("", Fraction(10), None),
    (B, None, None),
])
def test_mastery_thresholds_of_fioko(difficulty, completion, expected):
    assert mastery(difficulty, completion) == expected


def test_mastered_means_at_or_above_the_threshold():
    assert [m.is_mastered for m in Mastery] == [True, True, False, False]


def test_thresholds_can_be_configured_in_settings(settings):
    settings.VSOKO_ANALYSIS_THRESHOLDS = {"vpr_twos": 20, "risk_min_results": 3}

    t = Thresholds.configured()

    assert (t.vpr_twos, t.risk_min_results, t.oge_below_min) == (Fraction(20), 3, Fraction(10))


def test_an_unknown_threshold_is_refused(settings):
    settings.VSOKO_ANALYSIS_THRESHOLDS = {"twos": 20}

    with pytest.raises(ValueError, match="unknown thresholds"):
        Thresholds.configured()


def test_a_wrong_setting_is_caught_at_startup(settings):
    from vsoko.analysis.apps import check_thresholds

    settings.VSOKO_ANALYSIS_THRESHOLDS = {"twos": 20}

    assert [e.id for e in check_thresholds()] == ["vsoko.analysis.E001"]
