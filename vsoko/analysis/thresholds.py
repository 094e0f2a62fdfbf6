"""Thresholds of the analysis: mastery of a task (ФИОКО) and the rules of the flags.

Mastery (ru-domain.md §2.2, ФИОКО recommendations on the analysis of ВПР): a basic
task (Б) is mastered at ≥ 60 % completion, not mastered below 57 %, 60 ± 3 % is the
borderline zone; an advanced or high task (П, В) is mastered at ≥ 30 %, not mastered
below 28.5 %, 30 ± 1.5 % is borderline.

The flag thresholds are defaults a school may change: `Thresholds(...)` in code, or
the Django setting `VSOKO_ANALYSIS_THRESHOLDS = {"vpr_twos": 20, …}`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from fractions import Fraction

from django.conf import settings
from django.db import models

from vsoko.records.enums import Difficulty


class Mastery(models.TextChoices):
    MASTERED = "mastered", "освоено"
    BORDER_ABOVE = "border_above", "освоено, пограничная зона"
    BORDER_BELOW = "border_below", "не освоено, пограничная зона"
    NOT_MASTERED = "not_mastered", "не освоено"

    @property
    def is_mastered(self) -> bool:
        return self in (Mastery.MASTERED, Mastery.BORDER_ABOVE)


# difficulty -> (threshold, half-width of the borderline zone), percent
MASTERY = {
    Difficulty.BASIC: (Fraction(60), Fraction(3)),
    Difficulty.ADVANCED: (Fraction(30), Fraction(3, 2)),
    Difficulty.HIGH: (Fraction(30), Fraction(3, 2)),
}


def mastery(difficulty: str, completion: Fraction | None) -> Mastery | None:
    """The mastery of a task of this level at this completion %; None without a level or a value."""
    if completion is None or difficulty not in MASTERY:
        return None
    threshold, margin = MASTERY[Difficulty(difficulty)]
    if completion >= threshold + margin:
        return Mastery.MASTERED
    if completion >= threshold:
        return Mastery.BORDER_ABOVE
    if completion >= threshold - margin:
        return Mastery.BORDER_BELOW
    return Mastery.NOT_MASTERED


@dataclass(frozen=True)
class Thresholds:
    """Rules of the flags; percents unless said otherwise. docs/analysis.md explains each."""

    # Risk (weak results)
    vpr_twos: Fraction = Fraction(25)  # share of «2» on a ВПР above which a class or subject is flagged
    basic_not_mastered: Fraction = Fraction(30)  # share of basic tasks below 60 % completion, at or above
    oge_below_min: Fraction = Fraction(10)  # share of ОГЭ results below the minimum, above
    risk_min_results: int = 5  # fewer results than this: a class is too small to flag
    # Objectivity (ru-domain.md §2.4–2.5)
    # «Повысили» (the work's mark above the journal's) is rare on a ВПР, a few percent of the participants: a
    # fifth is a sign. «Понизили» is usual, the journal's marks being milder — about a quarter to a third
    # nationwide — and 20 % flagged most of the demo's ВПР (25 of 27), the typical school; it needs more.
    journal_high: Fraction = Fraction(40)  # raised share, at or above: high
    journal_medium: Fraction = Fraction(20)  # … medium
    journal_lowered_high: Fraction = Fraction(50)  # lowered share, at or above: high
    journal_lowered_medium: Fraction = Fraction(35)  # … medium
    quality_high: Fraction = Fraction(80)  # share of 4 and 5 at or above …
    mean_score_low: Fraction = Fraction(55)  # … with a mean primary score below this % of the maximum: high
    histogram_min_results: int = 20  # fewer participants: the primary-score histogram is not judged
    histogram_reliable: int = 50  # fewer: conclusions from the histogram are approximate
    spike_ratio: Fraction = Fraction(2)  # results at a boundary at least this times those one point below
    spike_min_results: int = 3  # and at least this many at the boundary

    @classmethod
    def configured(cls) -> Thresholds:
        overrides = getattr(settings, "VSOKO_ANALYSIS_THRESHOLDS", {}) or {}
        known = {f.name: f.type for f in fields(cls)}
        unknown = sorted(set(overrides) - set(known))
        if unknown:
            raise ValueError(f"VSOKO_ANALYSIS_THRESHOLDS: unknown thresholds {unknown}; known: {sorted(known)}")
        base = cls()
        return replace(base, **{k: type(getattr(base, k))(v) if not isinstance(getattr(base, k), Fraction)
                                else Fraction(str(v)) for k, v in overrides.items()})
