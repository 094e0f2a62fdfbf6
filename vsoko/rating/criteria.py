"""The criteria of the оценочный лист эффективности профессиональной деятельности педагога.

The list is data: a criterion added here appears on every sheet opened after it, in the rating, the Excel book
and the commission's protocol. A computed criterion names its measure (vsoko.rating.measures.MEASURES) and
the thresholds that turn the measure into points: the first threshold the measure reaches gives its points.
The measure is compared as it is shown (rounded to tenths), so the commission never sees «70,0 %» with the
points of «below 70 %». The table is documented in docs/rating.md; keep the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from vsoko.indicators.formatting import plural, rounded
from vsoko.rating.enums import CriterionGroup, CriterionKind


@dataclass(frozen=True)
class Threshold:
    at_least: Decimal
    points: int


@dataclass(frozen=True)
class Criterion:
    code: str
    group: CriterionGroup
    name: str
    max_points: int
    rule: str  # how the points are given, in words, as the sheet shows it
    kind: CriterionKind
    measure: str = ""  # computed only: a key of vsoko.rating.measures.MEASURES
    thresholds: tuple[Threshold, ...] = ()  # computed only: highest first

    @property
    def computed(self) -> bool:
        return self.kind == CriterionKind.COMPUTED

    def points_for(self, value: Decimal | None) -> int:
        """Points for a measure: the first threshold reached; no measure (no data) gives 0."""
        if value is None:
            return 0
        shown = rounded(value, 1)  # judged as it is shown
        return next((t.points for t in self.thresholds if shown >= t.at_least), 0)


def _steps(*pairs: tuple[str | int, int]) -> tuple[Threshold, ...]:
    return tuple(Threshold(Decimal(str(at_least)), points) for at_least, points in pairs)


COMPUTED, DECLARED = CriterionKind.COMPUTED, CriterionKind.DECLARED
G = CriterionGroup

CRITERIA: tuple[Criterion, ...] = (
    Criterion("1.1", G.LEARNING, "Качество обученности (доля «4» и «5») по предметам педагога", 3,
              "годовые отметки (до их выставления — отметки последнего периода) по предметам педагога: "
              "от 70 % — 3 балла, от 55 % — 2, от 40 % — 1, ниже — 0",
              COMPUTED, "marks_quality", _steps((70, 3), (55, 2), (40, 1))),
    Criterion("1.2", G.LEARNING, "Успеваемость по предметам педагога", 2,
              "те же отметки без «2», «1» и «н/а»: 100 % — 2 балла, от 95 % — 1, ниже — 0",
              COMPUTED, "marks_success", _steps((100, 2), (95, 1))),
    Criterion("1.3", G.LEARNING, "Результаты ВПР, ОГЭ, ЕГЭ по предметам педагога", 3,
              "доля работ с отметкой «4» и «5» за учебный год: от 60 % — 3 балла, от 45 % — 2, от 30 % — 1",
              COMPUTED, "exams_quality", _steps((60, 3), (45, 2), (30, 1))),
    Criterion("2.1", G.EXTRACURRICULAR, "Победители и призёры олимпиад и конкурсов по предметам педагога", 3,
              "дипломы муниципального уровня и выше за учебный год: от 5 — 3 балла, от 3 — 2, от 1 — 1",
              COMPUTED, "olympiad_awards", _steps((5, 3), (3, 2), (1, 1))),
    Criterion("2.2", G.EXTRACURRICULAR, "Участие обучающихся в олимпиадах и конкурсах по предметам педагога", 2,
              "участники всех уровней (человек) за учебный год: от 25 — 2 балла, от 10 — 1",
              COMPUTED, "olympiad_participants", _steps((25, 2), (10, 1))),
    Criterion("2.3", G.EXTRACURRICULAR, "Внеурочная деятельность, проекты и исследования обучающихся", 3,
              "педагог указывает кружки, проекты, исследовательские работы и их результаты; 1 балл за каждое "
              "подтверждённое направление, не более 3", DECLARED),
    Criterion("3.1", G.METHODICAL, "Повышение квалификации за последние 3 года", 2,
              "часы курсов и переподготовки за три учебных года: от 72 ч — 2 балла, от 16 ч — 1",
              COMPUTED, "course_hours", _steps((72, 2), (16, 1))),
    Criterion("3.2", G.METHODICAL, "Квалификационная категория", 2,
              "высшая — 2 балла, первая — 1, соответствие занимаемой должности или нет категории — 0",
              COMPUTED, "category", _steps((2, 2), (1, 1))),
    Criterion("3.3", G.METHODICAL, "Участие в конкурсах профессионального мастерства", 2,
              "конкурсы за учебный год: от 2 — 2 балла, 1 — 1 балл",
              COMPUTED, "contests", _steps((2, 2), (1, 1))),
    Criterion("3.4", G.METHODICAL, "Выступления, экспертная работа, наставничество", 2,
              "записи за учебный год: от 3 — 2 балла, от 1 — 1",
              COMPUTED, "talks", _steps((3, 2), (1, 1))),
    Criterion("3.5", G.METHODICAL, "Оценка посещённых уроков", 2,
              "средний балл посещений уроков за учебный год (из 10): от 8 — 2 балла, от 5 — 1",
              COMPUTED, "visits_score", _steps((8, 2), (5, 1))),
    Criterion("3.6", G.METHODICAL, "Открытые уроки, публикации, методические разработки", 3,
              "педагог указывает открытые уроки и мастер-классы, публикации, разработки с выходными данными "
              "или ссылкой; 1 балл за каждое, не более 3", DECLARED),
    Criterion("4.1", G.CLASS_TEACHER, "Работа с классом и родителями", 3,
              "педагог указывает мероприятия с классом, работу с родителями, отсутствие правонарушений; "
              "до 3 баллов по решению комиссии", DECLARED),
)
CRITERIA_BY_CODE = {c.code: c for c in CRITERIA}


def points_text(points: int, of: int) -> str:
    """«1 балл из 3», «2 балла из 3», «0 баллов из 2»."""
    return f"{points} {plural(points, 'балл', 'балла', 'баллов')} из {of}"


def criteria_for(class_teacher: bool) -> list[Criterion]:
    """The criteria of one sheet: the group «Классное руководство» only for a class teacher."""
    return [c for c in CRITERIA if class_teacher or c.group != CriterionGroup.CLASS_TEACHER]
