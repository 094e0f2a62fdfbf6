"""Flags with their reasons in words: signs of non-objective results of one procedure.

The rules (docs/analysis.md, ru-domain.md §2.4–2.5, after the ФИОКО recommendations):
- the journal: «понизили» or «повысили» at ≥ 40 % of the compared results is a high risk, ≥ 20 % medium;
- high marks, low scores: 4 and 5 for ≥ 80 % with a mean primary score below 55 % of the maximum — high;
- spikes at the mark boundaries of the primary-score histogram (≥ 20 participants): at a boundary at
  least twice as many results as one point below, at least 3 of them, and more than one point above — medium.

Risk flags of weak results (item 4 of the issue) are in vsoko.analysis.risk; both use `Flag`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db import models

from vsoko.analysis.figures import Figures
from vsoko.analysis.thresholds import Thresholds
from vsoko.assessments.grading import ScaleError, parse_mark_scale
from vsoko.indicators.enums import Unit
from vsoko.indicators.formatting import format_value, number


class Level(models.TextChoices):
    HIGH = "high", "высокий"
    MEDIUM = "medium", "средний"


class FlagKind(models.TextChoices):
    JOURNAL_LOWERED = "journal_lowered", "Отметки по журналу выше результатов работы"
    JOURNAL_RAISED = "journal_raised", "Результаты работы выше отметок по журналу"
    HIGH_MARKS_LOW_SCORE = "high_marks_low_score", "Высокие отметки при низком среднем балле"
    BOUNDARY_SPIKE = "boundary_spike", "Пик на границе отметки"
    VPR_TWOS = "vpr_twos", "Высокая доля «2» на ВПР"
    BASIC_TASKS = "basic_tasks", "Не освоены задания базового уровня"
    QUALITY_DECLINE = "quality_decline", "Доля «4» и «5» снижается два года подряд"
    OGE_BELOW_MIN = "oge_below_min", "Результаты ОГЭ ниже минимального порога"

    @classmethod
    def objectivity(cls) -> list[FlagKind]:
        return [cls.JOURNAL_LOWERED, cls.JOURNAL_RAISED, cls.HIGH_MARKS_LOW_SCORE, cls.BOUNDARY_SPIKE]


@dataclass(frozen=True)
class Flag:
    kind: FlagKind
    level: Level
    reason: str
    # People behind the figure and the group it is a share of: small ones are not shown to the observer.
    count: int
    base: int
    where: str = ""  # «5А», or empty for the whole procedure
    assessment: int | None = None  # Assessment pk to link to
    school: str = ""  # the school's name, where a list covers several schools
    procedure: str = ""  # «ВПР, математика, 5 класс», where a list covers several procedures
    classes: tuple[Flag, ...] = ()  # the procedure's classes flagged alike (risk.fold_classes)

    @property
    def title(self) -> str:
        return self.kind.label

    @property
    def is_objectivity(self) -> bool:
        return self.kind in FlagKind.objectivity()

    def disclosive(self, minimum: int) -> bool:
        """Whether the flag tells of a group of 1…minimum−1 people (or of its complement)."""
        return any(0 < n < minimum for n in (self.count, self.base - self.count))


# What the objectivity rules read of a procedure's figures: a fraction of what the analysis pages show.
OBJECTIVITY_CODES = ("assessment.marks", "assessment.score.dist", "assessment.journal")


def pct(value: Fraction | None) -> str:
    return "—" if value is None else format_value(value, Unit.PERCENT)


def objectivity_flags(f: Figures, *, max_score: int | None, mark_scale: str, t: Thresholds,
                      where: str = "", assessment: int | None = None) -> list[Flag]:
    """Signs of non-objective results of one group of results (a procedure or a class)."""
    flags = [*_journal(f, t, where, assessment)]
    quality = f.quality
    # The mean score (exact fractions over the distribution) only where the marks call for it.
    mean = f.mean_score_share(max_score) if quality is not None and quality >= t.quality_high else None
    if quality is not None and mean is not None and quality >= t.quality_high and mean < t.mean_score_low:
        flags.append(Flag(
            FlagKind.HIGH_MARKS_LOW_SCORE, Level.HIGH,
            f"«4» и «5» у {pct(quality)} участников (порог — от {pct(t.quality_high)}), а средний первичный балл — "
            f"{pct(mean)} от максимума (меньше {pct(t.mean_score_low)}).",
            f.marks[4] + f.marks[5], f.marked, where, assessment,
        ))
    flags += boundary_spikes(f, mark_scale, t, where, assessment)
    return flags


def _journal(f: Figures, t: Thresholds, where: str, assessment: int | None):
    for kind, count, medium, high, words in (
        (FlagKind.JOURNAL_LOWERED, f.lowered, t.journal_lowered_medium, t.journal_lowered_high,
         "понизили отметку по журналу — так бывает, когда журнальные отметки завышены"),
        (FlagKind.JOURNAL_RAISED, f.raised, t.journal_medium, t.journal_high,
         "повысили отметку по журналу — так бывает, когда завышены результаты работы"),
    ):
        share = Fraction(count * 100, f.compared) if f.compared else None
        if share is None or share < medium:
            continue
        level = Level.HIGH if share >= high else Level.MEDIUM
        limit = high if level == Level.HIGH else medium
        yield Flag(kind, level, f"{count} из {f.compared} ({pct(share)}, порог — от {pct(limit)}) {words}.",
                   count, f.compared, where, assessment)


def boundaries(mark_scale: str) -> list[tuple[int, Decimal]]:
    """(mark, lowest primary score of that mark) for marks 3, 4, 5 of the scale; [] without a readable scale."""
    if not mark_scale:
        return []
    try:
        ranges = parse_mark_scale(mark_scale)
    except ScaleError:
        return []
    return [(r.mark, r.low) for r in ranges if r.mark >= 3]


@dataclass(frozen=True)
class Spike:
    mark: int
    low: Decimal  # the lowest primary score of the mark
    at: int  # results exactly at it
    below: int  # one point below
    above: int  # one point above


def spikes(f: Figures, mark_scale: str, t: Thresholds) -> list[Spike]:
    """Boundaries of the scale with a peak of the primary-score distribution on them."""
    if f.scored < t.histogram_min_results:
        return []
    found = []
    for mark, low in boundaries(mark_scale):
        at, below, above = f.scores_around(low)
        if at >= t.spike_min_results and at >= t.spike_ratio * below and at > above:
            found.append(Spike(mark, low, at, below, above))
    return found


def boundary_spikes(f: Figures, mark_scale: str, t: Thresholds, where: str = "",
                    assessment: int | None = None) -> list[Flag]:
    note = "" if f.scored >= t.histogram_reliable else (
        f" Участников меньше {t.histogram_reliable} — вывод ориентировочный.")
    return [
        Flag(FlagKind.BOUNDARY_SPIKE, Level.MEDIUM,
             f"Граница отметки «{s.mark}» — {number(s.low, 1)} б.: участников ровно на ней — {s.at}, на балл ниже — "
             f"{s.below}, на балл выше — {s.above}. Пик на границе — возможный признак «дотягивания» при проверке."
             + note,
             s.at, f.scored, where, assessment)
        for s in spikes(f, mark_scale, t)
    ]
