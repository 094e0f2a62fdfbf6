"""Olympiads, contests and competitions (`events`) and additional education and engagement (`programs`)."""

from __future__ import annotations

import random

from vsoko.demo.curriculum import RENAMING_YEAR
from vsoko.demo.model import Calendar, Pupil
from vsoko.demo.package import Package

VSOSH_SUBJECTS = (
    "математика", "русский язык", "английский язык", "литература", "история", "обществознание", "право",
    "география", "биология", "экология", "физика", "химия", "информатика", "экономика", "физическая культура",
    "труд (технология)", "ОБЗР", "искусство (МХК)",
)
# Before 2024/2025 two of the olympiad's subjects had their old names.
OLD_NAMES = {"труд (технология)": "технология", "ОБЗР": "ОБЖ"}
# The lowest grade each subject's school stage is held for.
VSOSH_FROM_GRADE = {"математика": 4, "русский язык": 4, "физика": 7, "химия": 8, "информатика": 5, "право": 9,
                    "экономика": 7, "обществознание": 6, "экология": 7}


def vsosh_title(subject: str) -> str:
    return f"ВсОШ по предмету «{subject}»"


def add_events(rng: random.Random, package: Package, cal: Calendar, pupils: list[Pupil]) -> None:
    year = f"{cal.year}/{cal.year + 1}"

    def add(pupil: Pupil, event: str, level: str, kind: str, subject: str = "", result: str = "участник") -> None:
        package.add("events", year=year, student_id=pupil.sid, event=event, level=level, kind=kind,
                    subject=subject, result=result)

    school_stage = [p for p in pupils if p.grade >= 4 and p.present_on(cal.day(10, 10))]
    municipal: list[tuple[float, Pupil, str]] = []
    for pupil in school_stage:
        drive = pupil.talent + 0.5 * pupil.ability
        tries = max(0, round(rng.gauss(0.9 + 0.9 * drive, 1.0)))
        subjects = [s if cal.year >= RENAMING_YEAR else OLD_NAMES.get(s, s)
                    for s in VSOSH_SUBJECTS if pupil.grade >= VSOSH_FROM_GRADE.get(s, 5)]
        for subject in rng.sample(subjects, k=min(tries, len(subjects), 5)):
            score = drive + rng.gauss(0, 0.8)
            result = "победитель" if score > 2.2 else "призер" if score > 1.5 else "участник"
            add(pupil, vsosh_title(subject), "школьный", "ВСОШ", subject, result)
            if pupil.grade >= 7 and score > 1.7 and pupil.present_on(cal.day(11, 20)):
                municipal.append((score + rng.gauss(0, 0.6), pupil, subject))
    for score, pupil, subject in municipal:
        result = "победитель" if score > 2.9 else "призер" if score > 2.1 else "участник"
        add(pupil, vsosh_title(subject), "муниципальный", "ВСОШ", subject, result)
        if pupil.grade >= 9 and score > 3.9 and rng.random() < 0.5:
            regional = "призер" if score + rng.gauss(0, 0.5) > 4.4 else "участник"
            add(pupil, vsosh_title(subject), "региональный", "ВСОШ", subject, regional)

    for pupil in pupils:
        drive = pupil.talent
        for title, level, kind, subject, grades, chance in CONTESTS:
            if pupil.grade in grades and rng.random() < chance * (1.6 if drive > 0.5 else 1):
                result = rng.choices(("участник", "призер", "победитель"), (80, 14, 6) if drive > 0 else (93, 6, 1))[0]
                add(pupil, title, level, kind, subject, result)
        if pupil.grade in range(2, 12) and rng.random() < 0.06:
            add(pupil, "Живая классика", "школьный", "конкурс", "литература",
                "победитель" if rng.random() < 0.15 else "участник")
        if pupil.grade >= 8 and drive > 1.6 and rng.random() < 0.25:
            title = rng.choice(("Олимпиада школьников «Высшая проба»", "Олимпиада «Покори Воробьёвы горы!»",
                                "Олимпиада «Физтех»"))
            add(pupil, title, "всероссийский", "перечневая олимпиада", "", rng.choice(("участник", "участник", "призер")))


# (title, level, kind, subject, grades, chance per pupil and year)
CONTESTS = (
    ("Русский медвежонок — языкознание для всех", "международный", "конкурс", "русский язык", range(2, 12), 0.12),
    ("Кенгуру — математика для всех", "международный", "конкурс", "математика", range(2, 11), 0.1),
    ("Олимпиада Учи.ру по математике", "всероссийский", "олимпиада", "математика", range(1, 10), 0.15),
    ("Президентские состязания", "школьный", "соревнование", "физическая культура", range(5, 12), 0.15),
    ("Президентские спортивные игры", "муниципальный", "соревнование", "физическая культура", range(5, 12), 0.03),
    ("Большая перемена", "всероссийский", "конкурс", "", range(5, 12), 0.04),
    ("Научно-практическая конференция «Шаг в будущее»", "муниципальный", "конференция", "", range(5, 12), 0.02),
    ("Конкурс рисунков «Мир глазами детей»", "муниципальный", "конкурс", "изобразительное искусство", range(1, 8), 0.04),
)


# (program, kind, grades, chance per pupil, certificate of ПФДО)
PROGRAMS = (
    ("Разговоры о важном", "внеурочная деятельность", range(1, 12), 1.0, False),
    ("Россия — мои горизонты", "профориентация", range(6, 12), 1.0, False),
    ("Функциональная грамотность", "внеурочная деятельность", range(5, 10), 0.5, False),
    ("Орлята России", "детское объединение", range(1, 5), 0.6, False),
    ("Движение первых", "детское объединение", range(5, 12), 0.22, False),
    ("Юнармия", "патриотическое объединение", range(5, 12), 0.05, False),
    ("Волонтёрский отряд «Добро»", "волонтерство", range(7, 12), 0.1, False),
    ("Билет в будущее", "Билет в будущее", range(6, 12), 0.18, False),
    ("Робототехника", "дополнительное образование", range(3, 10), 0.07, True),
    ("Театральная студия «Маска»", "дополнительное образование", range(3, 10), 0.05, True),
    ("Хор «Звонкие голоса»", "дополнительное образование", range(1, 7), 0.08, True),
    ("Шахматы", "дополнительное образование", range(1, 7), 0.08, True),
    ("Юный журналист", "дополнительное образование", range(6, 10), 0.04, True),
    ("Школьный музей", "дополнительное образование", range(5, 10), 0.04, True),
    ("3D-моделирование", "дополнительное образование", range(7, 12), 0.05, True),
    ("ДШИ: музыкальное отделение", "дополнительное образование", range(1, 10), 0.08, True),
    ("Художественная школа", "дополнительное образование", range(1, 10), 0.06, True),
    ("Волейбол", "спортивная секция", range(5, 12), 0.1, True),
    ("Баскетбол", "спортивная секция", range(5, 12), 0.08, True),
    ("Футбол", "спортивная секция", range(1, 10), 0.1, True),
    ("ОФП", "спортивная секция", range(1, 5), 0.15, True),
    ("Самбо", "спортивная секция", range(2, 10), 0.06, True),
    ("Лёгкая атлетика", "спортивная секция", range(5, 12), 0.07, True),
    ("Плавание (ДЮСШ)", "спортивная секция", range(1, 10), 0.08, True),
)


ADDITIONAL = ("дополнительное образование", "спортивная секция")  # what core.additional_education counts


def add_programs(rng: random.Random, package: Package, cal: Calendar, pupils: list[Pupil]) -> set[str]:
    """Adds the year's programs; returns the pupils in additional education or a sports section."""
    year = f"{cal.year}/{cal.year + 1}"
    engaged: set[str] = set()

    def add(pupil: Pupil, program: str, kind: str, certificate: bool, route: bool = False) -> None:
        package.add("programs", year=year, student_id=pupil.sid, program=program, kind=kind,
                    certificate=certificate, individual_route=route)
        if kind in ADDITIONAL:
            engaged.add(pupil.sid)

    for pupil in pupils:
        keen = rng.random() < 0.78  # most children have at least one circle or section
        for program, kind, grades, chance, certificate in PROGRAMS:
            if pupil.grade not in grades:
                continue
            boost = 3.2 if keen and kind in ADDITIONAL else 1
            if kind not in ADDITIONAL or keen:
                if rng.random() < min(1.0, chance * boost):
                    add(pupil, program, kind, certificate and rng.random() < 0.85)
        if pupil.grade >= 7 and pupil.talent > 1.8 and rng.random() < 0.3:
            add(pupil, "Региональный центр выявления и поддержки одарённых детей", "региональный центр", False, True)
        if pupil.grade >= 8 and pupil.talent > 2.2 and rng.random() < 0.2:
            add(pupil, "Образовательный центр «Сириус»: профильная программа", "Сириус", False, True)
        if pupil.grade in range(5, 11) and rng.random() < 0.01:
            add(pupil, "Профильная смена «Юный исследователь»", "профильная смена", False)
    return engaged
