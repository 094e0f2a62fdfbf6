"""The criteria a visited lesson is rated by: each 0, 1 or 2 points, the total gives the lesson's level.

The list is data: a criterion added here appears in the form, the journal, the export and the summary;
a visit stores its points per criterion key (`LessonVisit.scores`), its total and its level. The
thresholds are those of the usual ВШК analysis card («урок высокого уровня — не менее 80 % баллов,
низкого — менее половины»), documented in docs/observations.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from vsoko.observations.enums import LessonLevel

POINTS = ((0, "0 — не проявлено"), (1, "1 — проявлено частично"), (2, "2 — проявлено полностью"))
MAX_POINTS = 2


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    hint: str


CRITERIA: tuple[Criterion, ...] = (
    Criterion("goals", "Цель и задачи урока", "поставлены, понятны обучающимся, достигнуты"),
    Criterion("standards", "Соответствие ФГОС и ФОП", "содержание по рабочей программе, планируемые результаты"),
    Criterion("methods", "Методы и приёмы", "выбраны по цели и возрасту, меняются по ходу урока"),
    Criterion("activity", "Организация деятельности обучающихся",
              "самостоятельная, групповая, парная работа; занятость всех обучающихся"),
    Criterion("results", "Результативность", "проверка понимания, рефлексия, обратная связь"),
)
CRITERIA_BY_KEY = {c.key: c for c in CRITERIA}
MAX_TOTAL = MAX_POINTS * len(CRITERIA)

# Shares of MAX_TOTAL: at least 80 % — высокий, at least 50 % — достаточный, below — низкий.
HIGH_SHARE = 0.8
SUFFICIENT_SHARE = 0.5


def total_of(scores: dict[str, int]) -> int:
    return sum(int(scores.get(c.key, 0)) for c in CRITERIA)


def level_of(total: int) -> LessonLevel:
    """10 criteria points: 8–10 высокий, 5–7 достаточный, 0–4 низкий (with five criteria)."""
    if total >= HIGH_SHARE * MAX_TOTAL:
        return LessonLevel.HIGH
    if total >= SUFFICIENT_SHARE * MAX_TOTAL:
        return LessonLevel.SUFFICIENT
    return LessonLevel.LOW
