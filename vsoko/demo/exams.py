"""Assessment specifications of the demo: ВПР task lists, ОГЭ and ЕГЭ scales.

The structures and scales are modelled on the official ones of 2024–2026 (ФИОКО
descriptions of КИМ, Рособрнадзор letters on minimum scores; see
reference/ru-domain.md §2–§3); where a number is not known exactly it is a
plausible one. They are demo data, not a reference to check real results against.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from vsoko.demo import curriculum as cur


@dataclass(frozen=True)
class Task:
    number: str
    max_points: int
    difficulty: str  # Б / П / В
    skill: str
    metasubject: bool = False
    functional_literacy: bool = False


@dataclass(frozen=True)
class ExamSpec:
    kind: str  # ВПР / ОГЭ / ЕГЭ / итоговое собеседование
    subject: str
    code: str  # short latin code for assessment ids
    grade: int
    max_score: int
    thresholds: tuple[int, int, int] | None = None  # primary score for «3», «4», «5»
    min_score: int | None = None  # primary (ВПР, ОГЭ) or test score (ЕГЭ)
    tasks: tuple[Task, ...] = ()
    test_scale: tuple[int, ...] | None = None  # ЕГЭ: test score of each primary score 0..max
    level: float = 0.6  # the share of the maximum an average participant gets

    @property
    def mark_scale(self) -> str:
        if not self.thresholds:
            return ""
        t3, t4, t5 = self.thresholds
        return f"2:0-{t3 - 1};3:{t3}-{t4 - 1};4:{t4}-{t5 - 1};5:{t5}-{self.max_score}"

    @property
    def test_scale_text(self) -> str:
        if not self.test_scale:
            return ""
        return ";".join(f"{p}:{t}" for p, t in enumerate(self.test_scale))

    def mark(self, primary: int) -> int | None:
        if not self.thresholds:
            return None
        t3, t4, t5 = self.thresholds
        return 5 if primary >= t5 else 4 if primary >= t4 else 3 if primary >= t3 else 2

    def score_range(self, mark: int) -> tuple[int, int]:
        """The primary scores that give this mark."""
        t3, t4, t5 = self.thresholds
        bounds = {2: (0, t3 - 1), 3: (t3, t4 - 1), 4: (t4, t5 - 1), 5: (t5, self.max_score)}
        return bounds[mark]

    def test_score(self, primary: int) -> int | None:
        return self.test_scale[primary] if self.test_scale else None


# --- ВПР -----------------------------------------------------------------------------------

# Skills checked, per subject: (text, metasubject, functional literacy). Tasks take them in turn.
SKILLS: dict[str, list[tuple[str, bool, bool]]] = {
    cur.RUSSIAN.name: [
        ("Списывание текста с пропусками орфограмм и пунктограмм", False, False),
        ("Орфографические и пунктуационные нормы при записи текста", False, False),
        ("Морфемный и словообразовательный разбор слова", False, False),
        ("Морфологический разбор слова", False, False),
        ("Синтаксический разбор предложения", False, False),
        ("Орфоэпические нормы: постановка ударения", False, False),
        ("Распознавание частей речи", False, False),
        ("Пунктуация в предложениях с однородными членами и обращением", False, False),
        ("Определение основной мысли текста", True, True),
        ("Составление плана текста", True, False),
        ("Ответ на вопрос по содержанию текста", True, True),
        ("Лексическое значение слова в контексте", False, False),
        ("Стилистическая окраска слова, подбор синонима", False, False),
        ("Толкование фразеологизма и ситуация его употребления", True, True),
    ],
    cur.MATH.name: [
        ("Вычисления с натуральными числами", False, False),
        ("Действия с обыкновенными дробями", False, False),
        ("Действия с десятичными дробями", False, False),
        ("Решение текстовой задачи на части и дроби", False, True),
        ("Задача на проценты", False, True),
        ("Чтение и анализ таблиц и диаграмм", True, True),
        ("Единицы измерения величин", False, True),
        ("Вычисление периметра и площади фигуры", False, False),
        ("Геометрические построения на клетчатой бумаге", False, False),
        ("Решение уравнения", False, False),
        ("Работа с графиком функции", True, False),
        ("Вероятность случайного события", False, True),
        ("Практическая задача из повседневной жизни", True, True),
        ("Логическая задача", True, False),
        ("Задача повышенной сложности на движение и работу", False, False),
    ],
    cur.WORLD.name: [
        ("Чтение и анализ схемы, модели природного объекта", True, False),
        ("Свойства веществ и природных тел", False, False),
        ("Природные зоны России: растения и животные", False, False),
        ("Организм человека и здоровый образ жизни", False, True),
        ("Правила безопасного поведения", False, True),
        ("Планирование опыта и вывод по результатам", True, True),
        ("Карта России: узнавание объектов", False, False),
        ("Профессии людей и их значение", False, False),
        ("Государственная символика, праздники России", False, False),
        ("Родной край: описание и рассказ", True, False),
    ],
    cur.HISTORY.name: [
        ("Работа с исторической картой", True, False),
        ("Хронология исторических событий", False, False),
        ("Анализ исторического источника", True, True),
        ("Исторические деятели и их деятельность", False, False),
        ("Памятники культуры", False, False),
        ("Причины и следствия событий", True, False),
        ("История родного края", False, False),
        ("Аргументация собственной позиции", True, True),
    ],
    cur.SOCIAL_STUDIES.name: [
        ("Выбор и запись нескольких правильных ответов", False, False),
        ("Анализ социальной ситуации", True, True),
        ("Чтение и анализ диаграммы социологического опроса", True, True),
        ("Понятия и их признаки", False, False),
        ("Применение обществоведческих знаний в жизненной ситуации", False, True),
        ("Работа с текстом обществоведческой тематики", True, True),
        ("Права и обязанности гражданина", False, False),
        ("Финансовая грамотность: семейный бюджет", False, True),
    ],
    cur.GEOGRAPHY.name: [
        ("Работа с географической картой", True, False),
        ("Координаты, направления, расстояния", False, True),
        ("Природные зоны и климат", False, False),
        ("Чтение климатограммы и таблицы", True, True),
        ("Географические особенности своего региона", False, False),
        ("Население и хозяйство", False, False),
        ("Часовые пояса и время", False, True),
        ("Объяснение географического явления", True, False),
    ],
    cur.BIOLOGY.name: [
        ("Признаки живых организмов", False, False),
        ("Строение клетки и тканей", False, False),
        ("Работа с рисунком и схемой биологического объекта", True, False),
        ("Анализ результатов эксперимента", True, True),
        ("Систематика растений и животных", False, False),
        ("Экологические связи в природе", False, False),
        ("Здоровье человека и гигиена", False, True),
        ("Работа с текстом биологического содержания", True, True),
    ],
    cur.PHYSICS.name: [
        ("Физические величины и единицы", False, False),
        ("Чтение графика зависимости величин", True, False),
        ("Расчётная задача по механике", False, False),
        ("Измерение физической величины, погрешность", False, True),
        ("Объяснение физического явления", True, False),
        ("Работа с текстом физического содержания", True, True),
        ("Качественная задача", False, False),
        ("Комбинированная расчётная задача", False, False),
    ],
    cur.CHEMISTRY.name: [
        ("Чистые вещества и смеси", False, False),
        ("Строение атома и периодическая система", False, False),
        ("Классификация неорганических веществ", False, False),
        ("Химические формулы и валентность", False, False),
        ("Уравнения химических реакций", False, False),
        ("Расчёт по химической формуле", False, True),
        ("Правила безопасной работы в лаборатории", False, True),
        ("Химия в повседневной жизни", True, True),
    ],
}


def _tasks(subject: str, layout: str) -> tuple[Task, ...]:
    """Tasks from a compact layout `1:2Б 2:1Б 3.1:1П …` (number:points difficulty)."""
    skills = SKILLS[subject]
    tasks = []
    for i, item in enumerate(layout.split()):
        number, rest = item.split(":")
        text, meta, fl = skills[i % len(skills)]
        tasks.append(Task(number, int(rest[:-1]), rest[-1], text, meta, fl))
    return tuple(tasks)


# (subject, grade) -> (layout, thresholds for 3/4/5)
_VPR: dict[tuple[str, int], tuple[str, tuple[int, int, int]]] = {
    (cur.RUSSIAN.name, 4): ("1:4Б 2:2Б 3:2Б 4:2Б 5:2Б 6:1Б 7:2Б 8:2П 9:2Б 10:2Б 11:2П 12:1П", (10, 16, 21)),
    (cur.MATH.name, 4): ("1:1Б 2:1Б 3:2Б 4:1Б 5.1:1Б 5.2:1Б 6.1:1Б 6.2:1Б 7:1Б 8:2Б 9.1:1Б 9.2:1П 10:2П 11:2П 12:2В", (6, 10, 15)),
    (cur.WORLD.name, 4): ("1:2Б 2:3Б 3.1:1Б 3.2:1Б 3.3:2Б 4:2Б 5:2Б 6.1:1Б 6.2:1П 6.3:2П 7.1:1Б 7.2:2П 8:3Б 9:3П 10.1:2Б 10.2:4П", (8, 18, 26)),
    (cur.RUSSIAN.name, 5): ("1К1:4Б 1К2:3Б 1К3:2Б 2К1:3Б 2К2:3Б 2К3:3Б 2К4:3Б 3:2Б 4:3Б 5:4П 6:4П 7:3П 8:2П 9:2Б 10:2Б 11:2П", (18, 29, 39)),
    (cur.MATH.name, 5): ("1:1Б 2:1Б 3:1Б 4:1Б 5:1Б 6:1Б 7:1Б 8:1Б 9:2Б 10:2П 11:2П 12:1Б 13:1П 14:2П 15:2В", (5, 10, 15)),
    (cur.HISTORY.name, 5): ("1:2Б 2:1Б 3:3Б 4:2Б 5:2П 6:2П 7:3П", (4, 8, 12)),
    (cur.BIOLOGY.name, 5): ("1.1:1Б 1.2:1Б 1.3:2Б 2.1:1Б 2.2:1Б 2.3:2П 3:2Б 4:2Б 5:2Б 6.1:1Б 6.2:2П 7:3Б 8:2П 9:3П 10.1:2Б 10.2:2П", (12, 18, 24)),
    (cur.RUSSIAN.name, 6): ("1К1:4Б 1К2:3Б 1К3:2Б 2К1:3Б 2К2:3Б 2К3:3Б 2К4:3Б 3:2Б 4:2Б 5:3Б 6:2П 7:3П 8:4П 9:3П 10:2Б 11:2Б 12:2П 13:2П 14:3В", (25, 35, 45)),
    (cur.MATH.name, 6): ("1:1Б 2:1Б 3:1Б 4:1Б 5:1Б 6:2Б 7:1Б 8:2П 9:2Б 10:2П 11:2Б 12:2П 13:2В", (6, 10, 14)),
    (cur.HISTORY.name, 6): ("1:2Б 2:1Б 3:2Б 4:3Б 5:2П 6:4П 7:3П 8:3В", (6, 11, 16)),
    (cur.SOCIAL_STUDIES.name, 6): ("1.1:1Б 1.2:2П 2:1Б 3.1:1Б 3.2:1Б 3.3:2П 4:2Б 5.1:1Б 5.2:1Б 5.3:2П 6.1:1Б 6.2:2П 6.3:3В 7:3П", (8, 14, 19)),
    (cur.GEOGRAPHY.name, 6): ("1.1:1Б 1.2:2Б 2.1:2Б 2.2:2Б 3.1:1Б 3.2:2П 4.1:2Б 4.2:2П 5.1:2Б 5.2:2Б 6.1:2Б 6.2:3П 7:2Б 8:4П 9:4В", (10, 21, 29)),
    (cur.RUSSIAN.name, 7): ("1К1:4Б 1К2:3Б 1К3:2Б 2К1:3Б 2К2:3Б 2К3:3Б 2К4:3Б 3:2Б 4:2Б 5:2Б 6:2П 7:3П 8:3П 9:2П 10:2Б 11:2Б 12:2П 13:2П 14:2В", (20, 29, 39)),
    (cur.MATH.name, 7): ("1:1Б 2:1Б 3:1Б 4:1Б 5:1Б 6:1Б 7:1Б 8:1Б 9:1Б 10:1Б 11:1Б 12:1Б 13:2П 14:1П 15:2П 16:2В", (7, 12, 16)),
    (cur.PHYSICS.name, 7): ("1:1Б 2:1Б 3:1Б 4:1Б 5:1Б 6:1Б 7:2Б 8:2П 9:2П 10:3В 11:3В", (5, 8, 11)),
    (cur.RUSSIAN.name, 8): ("1К1:4Б 1К2:3Б 1К3:2Б 2К1:3Б 2К2:3Б 2К3:3Б 2К4:3Б 3:2Б 4:2Б 5:3Б 6:2П 7:3П 8:4П 9:3П 10:2Б 11:2Б 12:2П 13:2П 14:3В", (26, 32, 45)),
    (cur.MATH.name, 8): ("1:1Б 2:1Б 3:1Б 4:1Б 5:1Б 6:1Б 7:1Б 8:1Б 9:1Б 10:1Б 11:1Б 12:1Б 13:1Б 14:1П 15:2Б 16:2П 17:2П 18:2В 19:3В", (8, 15, 21)),
    (cur.HISTORY.name, 8): ("1:2Б 2:1Б 3:2Б 4:2Б 5:2П 6:2П 7:3П 8:3В", (5, 10, 14)),
    (cur.SOCIAL_STUDIES.name, 8): ("1.1:1Б 1.2:2П 2:1Б 3.1:1Б 3.2:2П 4:2Б 5.1:1Б 5.2:1Б 5.3:2П 6.1:1Б 6.2:2П 7:3В 8:3П", (8, 14, 19)),
    (cur.BIOLOGY.name, 8): ("1.1:1Б 1.2:1Б 1.3:2Б 2.1:1Б 2.2:1Б 2.3:2П 3:2Б 4:2Б 5:2Б 6.1:1Б 6.2:2П 7:3Б 8:2П 9:3П 10.1:2Б 10.2:2П", (10, 18, 24)),
    (cur.CHEMISTRY.name, 8): ("1.1:1Б 1.2:1Б 1.3:2П 2.1:1Б 2.2:2Б 3.1:1Б 3.2:1Б 4:2Б 5:2Б 6:2Б 7.1:2Б 7.2:2П 8.1:2Б 8.2:1П 9:3П 10:3П 11:2Б 12:3В 13:3В", (10, 19, 28)),
    (cur.PHYSICS.name, 8): ("1:1Б 2:1Б 3:1Б 4:1Б 5:1Б 6:1Б 7:2Б 8:2П 9:2П 10:3В 11:3В", (5, 8, 11)),
    (cur.RUSSIAN.name, 10): ("1:2Б 2:2Б 3:2Б 4:2Б 5:1Б 6:2Б 7:2П 8:3П 9:2П 10:4В 11:2Б 12:2П", (10, 17, 22)),
    (cur.MATH.name, 10): ("1:1Б 2:1Б 3:1Б 4:1Б 5:1Б 6:1Б 7:1Б 8:1П 9:2П 10:2П 11:2В 12:3В", (6, 10, 14)),
}
# Electives without a layout of their own reuse a neighbouring grade's one (the demo simplifies here).
_VPR[(cur.GEOGRAPHY.name, 8)] = _VPR[(cur.GEOGRAPHY.name, 6)]
_VPR[(cur.HISTORY.name, 7)] = _VPR[(cur.HISTORY.name, 6)]
_VPR[(cur.BIOLOGY.name, 6)] = _VPR[(cur.BIOLOGY.name, 5)]
for _name in (cur.SOCIAL_STUDIES.name, cur.BIOLOGY.name, cur.GEOGRAPHY.name):
    _VPR[(_name, 7)] = _VPR[(_name, 8)]
for _name in (cur.HISTORY.name, cur.SOCIAL_STUDIES.name, cur.GEOGRAPHY.name, cur.PHYSICS.name, cur.CHEMISTRY.name):
    _VPR[(_name, 10)] = _VPR[(_name, 8)]

# Besides русский язык and математика, each class writes ВПР in two subjects drawn from these.
VPR_ELECTIVES: dict[int, tuple[str, ...]] = {
    4: (cur.WORLD.name,),
    5: (cur.HISTORY.name, cur.BIOLOGY.name),
    6: (cur.HISTORY.name, cur.SOCIAL_STUDIES.name, cur.GEOGRAPHY.name, cur.BIOLOGY.name),
    7: (cur.HISTORY.name, cur.SOCIAL_STUDIES.name, cur.GEOGRAPHY.name, cur.BIOLOGY.name, cur.PHYSICS.name),
    8: (cur.HISTORY.name, cur.SOCIAL_STUDIES.name, cur.GEOGRAPHY.name, cur.BIOLOGY.name, cur.PHYSICS.name, cur.CHEMISTRY.name),
    10: (cur.HISTORY.name, cur.SOCIAL_STUDIES.name, cur.GEOGRAPHY.name, cur.PHYSICS.name, cur.CHEMISTRY.name),
}
VPR_GRADES = tuple(VPR_ELECTIVES)

CODES = {
    cur.RUSSIAN.name: "rus", cur.MATH.name: "mat", cur.WORLD.name: "okr", cur.HISTORY.name: "ist",
    cur.SOCIAL_STUDIES.name: "obs", cur.GEOGRAPHY.name: "geo", cur.BIOLOGY.name: "bio", cur.PHYSICS.name: "fiz",
    cur.CHEMISTRY.name: "him", cur.LITERATURE.name: "lit", cur.ENGLISH.name: "eng", cur.INFORMATICS.name: "inf",
}


def vpr(subject: str, grade: int) -> ExamSpec:
    layout, thresholds = _VPR[(subject, grade)]
    tasks = _tasks(subject, layout)
    return ExamSpec(
        kind="ВПР", subject=subject, code=CODES[subject], grade=grade,
        max_score=sum(t.max_points for t in tasks), thresholds=thresholds, min_score=thresholds[0], tasks=tasks,
    )


# The journal subject whose quarter mark is the «отметка по журналу» of a ВПР.
def journal_subject(subject: str, grade: int) -> str:
    if subject == cur.MATH.name and grade >= 7:
        return cur.ALGEBRA.name
    return subject


# --- ОГЭ -----------------------------------------------------------------------------------

# subject -> (max, thresholds 3/4/5, average share of the maximum)
_OGE: dict[str, tuple[int, tuple[int, int, int], float]] = {
    cur.RUSSIAN.name: (37, (15, 23, 29), 0.7),
    cur.MATH.name: (31, (8, 15, 22), 0.54),
    cur.SOCIAL_STUDIES.name: (37, (14, 24, 32), 0.6),
    cur.INFORMATICS.name: (19, (5, 11, 16), 0.6),
    cur.GEOGRAPHY.name: (31, (12, 19, 26), 0.63),
    cur.BIOLOGY.name: (48, (13, 26, 37), 0.55),
    cur.PHYSICS.name: (45, (11, 23, 35), 0.55),
    cur.CHEMISTRY.name: (40, (10, 21, 31), 0.62),
    cur.HISTORY.name: (37, (11, 21, 30), 0.55),
    cur.ENGLISH.name: (68, (29, 46, 58), 0.72),
    cur.LITERATURE.name: (37, (16, 27, 32), 0.68),
}
# The КИМ of ОГЭ in Russian had 33 points until 2024 (the school year 2023/2024).
_OGE_RUSSIAN_OLD_MAX = 33

# How often 9th graders choose each elective (two of them).
OGE_ELECTIVES: dict[str, float] = {
    cur.SOCIAL_STUDIES.name: 0.6, cur.INFORMATICS.name: 0.4, cur.GEOGRAPHY.name: 0.35, cur.BIOLOGY.name: 0.25,
    cur.CHEMISTRY.name: 0.1, cur.PHYSICS.name: 0.1, cur.ENGLISH.name: 0.08, cur.HISTORY.name: 0.06,
    cur.LITERATURE.name: 0.04,
}


def _numbered(first: int, last: int, points: str) -> str:
    """Layout items `first:points … last:points` for a run of tasks worth the same."""
    return " ".join(f"{n}:{points}" for n in range(first, last + 1))


# Task layouts of the compulsory exams (the demo's simplification of the КИМ: the number of tasks,
# their points and levels, summing to the maximum); electives have primary scores only.
_OGE_TASKS: dict[tuple[str, bool], str] = {
    (cur.MATH.name, False): f"{_numbered(1, 19, '1Б')} {_numbered(20, 22, '2П')} {_numbered(23, 25, '2В')}",
    (cur.RUSSIAN.name, False): f"1:7Б {_numbered(2, 12, '1Б')} 13:9П 14:10П",
    (cur.RUSSIAN.name, True): f"1:7Б {_numbered(2, 8, '1Б')} 9:9П 10:10П",  # the КИМ before 2024
}


def oge(subject: str, year: int) -> ExamSpec:
    maximum, thresholds, level = _OGE[subject]
    old = subject == cur.RUSSIAN.name and year < 2024
    if old:
        maximum = _OGE_RUSSIAN_OLD_MAX
    layout = _OGE_TASKS.get((subject, old))
    return ExamSpec(
        kind="ОГЭ", subject=subject, code=CODES[subject], grade=9, max_score=maximum,
        thresholds=thresholds, min_score=thresholds[0], level=level,
        tasks=_tasks(subject, layout) if layout else (),
    )


INTERVIEW = ExamSpec(kind="итоговое собеседование", subject=cur.RUSSIAN.name, code="sob", grade=9,
                     max_score=20, min_score=10, level=0.75)

# --- ЕГЭ -----------------------------------------------------------------------------------

MATH_PROFILE = "Математика (профиль)"
MATH_BASE = "Математика (база)"

# Published scales of 2024–2026 for Russian and profile mathematics.
_RUSSIAN_TEST = (0, 3, 5, 8, 10, 12, 15, 17, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40, 42, 44, 46, 48, 50, 53, 55,
                 57, 59, 61, 63, 65, 67, 69, 71, 73, 76, 78, 80, 82, 84, 86, 88, 90, 91, 93, 94, 96, 97, 98, 99, 100)
_PROFILE_TEST = (0, 6, 11, 17, 22, 27, 34, 40, 46, 52, 58, 64, 70, 72, 74, 76, 78, 80, 82, 84, 86, 88, 90, 92, 94, 95,
                 96, 97, 98, 99, 100, 100, 100)

# subject -> (max primary, minimum test score, primary score at the minimum, average share of the maximum)
_EGE: dict[str, tuple[int, int, int, float]] = {
    cur.SOCIAL_STUDIES.name: (58, 42, 19, 0.47),
    cur.INFORMATICS.name: (29, 40, 6, 0.47),
    cur.PHYSICS.name: (45, 36, 11, 0.42),
    cur.CHEMISTRY.name: (56, 36, 13, 0.44),
    cur.BIOLOGY.name: (59, 36, 16, 0.42),
    cur.HISTORY.name: (42, 32, 8, 0.47),
    cur.ENGLISH.name: (82, 22, 17, 0.62),
    cur.LITERATURE.name: (48, 32, 10, 0.50),
    cur.GEOGRAPHY.name: (37, 37, 11, 0.50),
}

EGE_ELECTIVES: dict[str, float] = {
    cur.SOCIAL_STUDIES.name: 0.45, cur.INFORMATICS.name: 0.22, cur.PHYSICS.name: 0.2, cur.BIOLOGY.name: 0.18,
    cur.CHEMISTRY.name: 0.14, cur.HISTORY.name: 0.14, cur.ENGLISH.name: 0.12, cur.LITERATURE.name: 0.05,
    cur.GEOGRAPHY.name: 0.03,
}


def derived_test_scale(maximum: int, pmin: int, tmin: int) -> tuple[int, ...]:
    """A monotone primary→test scale through (pmin, tmin) and (max, 100), steeper at both ends as real ones are."""
    scale = []
    for p in range(maximum + 1):
        if p <= pmin:
            t = tmin * p / pmin
        else:
            x = (p - pmin) / (maximum - pmin)
            t = tmin + (100 - tmin) * (x + 0.08 * math.sin(2 * math.pi * x))
        scale.append(round(t))
    for i in range(1, len(scale)):
        scale[i] = max(scale[i], scale[i - 1])
    return tuple(scale)


_EGE_TASKS: dict[str, str] = {
    cur.RUSSIAN.name: (f"{_numbered(1, 7, '1Б')} 8:5Б {_numbered(9, 15, '1Б')} 16:2Б {_numbered(17, 21, '1Б')} "
                       f"{_numbered(22, 26, '1П')} 27:19В"),
    MATH_PROFILE: f"{_numbered(1, 12, '1Б')} 13:2П 14:3П 15:2П 16:2П 17:3П 18:4В 19:4В",
}


def ege(subject: str) -> ExamSpec:
    if subject == cur.RUSSIAN.name:
        return ExamSpec(kind="ЕГЭ", subject=subject, code="rus", grade=11, max_score=50, min_score=24,
                        test_scale=_RUSSIAN_TEST, level=0.53, tasks=_tasks(subject, _EGE_TASKS[subject]))
    if subject == MATH_PROFILE:
        return ExamSpec(kind="ЕГЭ", subject=subject, code="matp", grade=11, max_score=32, min_score=27,
                        test_scale=_PROFILE_TEST, level=0.2, tasks=_tasks(cur.MATH.name, _EGE_TASKS[MATH_PROFILE]))
    if subject == MATH_BASE:
        return ExamSpec(kind="ЕГЭ", subject=subject, code="matb", grade=11, max_score=21,
                        thresholds=(7, 12, 17), level=0.66)
    maximum, tmin, pmin, level = _EGE[subject]
    return ExamSpec(kind="ЕГЭ", subject=subject, code=CODES[subject], grade=11, max_score=maximum, min_score=tmin,
                    test_scale=derived_test_scale(maximum, pmin, tmin), level=level)
