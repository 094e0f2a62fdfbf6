"""The curriculum of the demo school: subjects by grade with weekly hours (ФОП НОО/ООО/СОО, 5-day week).

Two renamings of 1 September 2024 are kept, as a real journal has them:
ОБЖ became ОБЗР, «Технология» became «Труд (технология)».
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Family(StrEnum):
    """Groups of subjects a student tends to be good or weak at together."""

    LANGUAGE = "language"
    MATH = "math"
    SCIENCE = "science"
    SOCIAL = "social"
    PRACTICAL = "practical"


class Grading(StrEnum):
    NUMERIC = "numeric"  # 5-point marks
    PASS = "pass"  # безотметочный: зачет / незачет


@dataclass(frozen=True)
class SubjectInfo:
    name: str
    family: Family
    # How much easier than average the subject's marks are (practical subjects are marked generously).
    ease: float = 0.0
    grading: Grading = Grading.NUMERIC


RUSSIAN = SubjectInfo("Русский язык", Family.LANGUAGE, -0.25)
READING = SubjectInfo("Литературное чтение", Family.LANGUAGE, 0.35)
LITERATURE = SubjectInfo("Литература", Family.LANGUAGE, 0.2)
ENGLISH = SubjectInfo("Английский язык", Family.LANGUAGE, 0.0)
MATH = SubjectInfo("Математика", Family.MATH, -0.15)
ALGEBRA = SubjectInfo("Алгебра", Family.MATH, -0.3)
GEOMETRY = SubjectInfo("Геометрия", Family.MATH, -0.3)
STATISTICS = SubjectInfo("Вероятность и статистика", Family.MATH, 0.1)
INFORMATICS = SubjectInfo("Информатика", Family.MATH, 0.25)
WORLD = SubjectInfo("Окружающий мир", Family.SCIENCE, 0.25)
HISTORY = SubjectInfo("История", Family.SOCIAL, 0.05)
SOCIAL_STUDIES = SubjectInfo("Обществознание", Family.SOCIAL, 0.15)
GEOGRAPHY = SubjectInfo("География", Family.SCIENCE, 0.15)
BIOLOGY = SubjectInfo("Биология", Family.SCIENCE, 0.1)
PHYSICS = SubjectInfo("Физика", Family.SCIENCE, -0.2)
CHEMISTRY = SubjectInfo("Химия", Family.SCIENCE, -0.15)
MUSIC = SubjectInfo("Музыка", Family.PRACTICAL, 1.2)
ART = SubjectInfo("Изобразительное искусство", Family.PRACTICAL, 1.1)
PE = SubjectInfo("Физическая культура", Family.PRACTICAL, 1.2)
ORKSE = SubjectInfo("ОРКСЭ", Family.SOCIAL, grading=Grading.PASS)
ODNKNR = SubjectInfo("ОДНКНР", Family.SOCIAL, grading=Grading.PASS)
_TECHNOLOGY_OLD = SubjectInfo("Технология", Family.PRACTICAL, 1.0)
_TECHNOLOGY_NEW = SubjectInfo("Труд (технология)", Family.PRACTICAL, 1.0)
_SAFETY_OLD = SubjectInfo("ОБЖ", Family.PRACTICAL, 0.9)
_SAFETY_NEW = SubjectInfo("ОБЗР", Family.PRACTICAL, 0.9)

RENAMING_YEAR = 2024


def technology(year: int) -> SubjectInfo:
    return _TECHNOLOGY_NEW if year >= RENAMING_YEAR else _TECHNOLOGY_OLD


def safety(year: int) -> SubjectInfo:
    return _SAFETY_NEW if year >= RENAMING_YEAR else _SAFETY_OLD


# Weekly hours by grade; `None` stands for the technology / safety subject of the year.
_PLAN: dict[int, list[tuple[SubjectInfo | str, float]]] = {
    1: [(RUSSIAN, 5), (READING, 4), (MATH, 4), (WORLD, 2), (MUSIC, 1), (ART, 1), ("technology", 1), (PE, 2)],
    2: [(RUSSIAN, 5), (READING, 4), (ENGLISH, 2), (MATH, 4), (WORLD, 2), (MUSIC, 1), (ART, 1), ("technology", 1), (PE, 2)],
    4: [(RUSSIAN, 5), (READING, 3), (ENGLISH, 2), (MATH, 4), (WORLD, 2), (ORKSE, 1), (MUSIC, 1), (ART, 1), ("technology", 1), (PE, 2)],
    5: [(RUSSIAN, 5), (LITERATURE, 3), (ENGLISH, 3), (MATH, 5), (HISTORY, 2), (GEOGRAPHY, 1), (BIOLOGY, 1),
        (MUSIC, 1), (ART, 1), ("technology", 2), (PE, 2), (ODNKNR, 1)],
    6: [(RUSSIAN, 6), (LITERATURE, 3), (ENGLISH, 3), (MATH, 5), (HISTORY, 2), (SOCIAL_STUDIES, 1), (GEOGRAPHY, 1),
        (BIOLOGY, 1), (MUSIC, 1), (ART, 1), ("technology", 2), (PE, 2)],
    7: [(RUSSIAN, 4), (LITERATURE, 2), (ENGLISH, 3), (ALGEBRA, 3), (GEOMETRY, 2), (STATISTICS, 1), (INFORMATICS, 1),
        (HISTORY, 2), (SOCIAL_STUDIES, 1), (GEOGRAPHY, 2), (BIOLOGY, 1), (PHYSICS, 2), (MUSIC, 1), (ART, 1),
        ("technology", 2), (PE, 2)],
    8: [(RUSSIAN, 3), (LITERATURE, 2), (ENGLISH, 3), (ALGEBRA, 3), (GEOMETRY, 2), (STATISTICS, 1), (INFORMATICS, 1),
        (HISTORY, 2), (SOCIAL_STUDIES, 1), (GEOGRAPHY, 2), (BIOLOGY, 2), (PHYSICS, 2), (CHEMISTRY, 2), (MUSIC, 1),
        ("technology", 1), ("safety", 1), (PE, 2)],
    9: [(RUSSIAN, 3), (LITERATURE, 3), (ENGLISH, 3), (ALGEBRA, 3), (GEOMETRY, 2), (STATISTICS, 1), (INFORMATICS, 1),
        (HISTORY, 2.5), (SOCIAL_STUDIES, 1), (GEOGRAPHY, 2), (BIOLOGY, 2), (PHYSICS, 3), (CHEMISTRY, 2),
        ("technology", 1), ("safety", 1), (PE, 2)],
    10: [(RUSSIAN, 2), (LITERATURE, 3), (ENGLISH, 3), (ALGEBRA, 4), (GEOMETRY, 3), (STATISTICS, 1), (INFORMATICS, 2),
         (HISTORY, 2), (SOCIAL_STUDIES, 2), (GEOGRAPHY, 1), (BIOLOGY, 1), (PHYSICS, 2), (CHEMISTRY, 1), ("safety", 1), (PE, 2)],
}
_PLAN[3] = _PLAN[2]
_PLAN[11] = _PLAN[10]


def plan(grade: int, year: int) -> list[tuple[SubjectInfo, float]]:
    """Subjects of a grade in a school year (by its first calendar year) with weekly hours."""
    resolved = []
    for subject, hours in _PLAN[grade]:
        if subject == "technology":
            subject = technology(year)
        elif subject == "safety":
            subject = safety(year)
        resolved.append((subject, hours))
    return resolved


def subjects(grade: int, year: int) -> list[SubjectInfo]:
    return [s for s, _ in plan(grade, year)]


def by_name(name: str) -> SubjectInfo:
    for grade in _PLAN:
        for year in (RENAMING_YEAR - 1, RENAMING_YEAR):
            for subject in subjects(grade, year):
                if subject.name == name:
                    return subject
    raise KeyError(name)


# The first grade is безотметочный; the second is marked from its second quarter.
FIRST_MARKED_GRADE = 2
