"""Teachers and specialists of the demo school, year by year, and their professional development.

The number of subject teachers follows the hours the curriculum needs for the
year's classes (about 24 hours a week each, as most teachers work more than one
ставка); each summer a few leave (retirement, young teachers who give up) and
new ones come, some of them just out of university.
"""

from __future__ import annotations

import datetime
import math
import random
from dataclasses import dataclass, field

from vsoko.demo import curriculum as cur
from vsoko.demo import names
from vsoko.demo.model import Calendar
from vsoko.demo.package import Package

TEACHER_HOURS = 24


@dataclass(frozen=True)
class Specialty:
    key: str
    position: str
    subjects: tuple[str, ...]  # subject names; "technology" / "safety" resolve by year
    grades: range = range(0)
    split_groups: bool = False  # classes of 20+ pupils are taught in two groups
    pedagogical: bool = True
    fixed: int = 0  # a fixed number of posts instead of one computed from hours
    hours: float = 0  # weekly hours of a fixed post


SPECIALTIES = (
    Specialty("primary", "учитель начальных классов", (
        cur.RUSSIAN.name, cur.READING.name, cur.MATH.name, cur.WORLD.name, cur.ART.name, "technology")),
    Specialty("russian", "учитель русского языка и литературы", (cur.RUSSIAN.name, cur.LITERATURE.name), range(5, 12)),
    Specialty("math", "учитель математики", (cur.MATH.name, cur.ALGEBRA.name, cur.GEOMETRY.name, cur.STATISTICS.name), range(5, 12)),
    Specialty("english", "учитель английского языка", (cur.ENGLISH.name,), range(2, 12), split_groups=True),
    Specialty("history", "учитель истории и обществознания", (cur.HISTORY.name, cur.SOCIAL_STUDIES.name, cur.ODNKNR.name), range(5, 12)),
    Specialty("geography", "учитель географии", (cur.GEOGRAPHY.name,), range(5, 12)),
    Specialty("biology", "учитель биологии", (cur.BIOLOGY.name,), range(5, 12)),
    Specialty("chemistry", "учитель химии", (cur.CHEMISTRY.name,), range(8, 12)),
    Specialty("physics", "учитель физики", (cur.PHYSICS.name,), range(7, 12)),
    Specialty("informatics", "учитель информатики", (cur.INFORMATICS.name,), range(7, 12), split_groups=True),
    Specialty("pe", "учитель физической культуры", (cur.PE.name,), range(1, 12)),
    Specialty("music", "учитель музыки", (cur.MUSIC.name,), range(1, 9)),
    Specialty("art", "учитель изобразительного искусства", (cur.ART.name,), range(5, 8)),
    Specialty("technology", "учитель труда (технологии)", ("technology",), range(5, 10), split_groups=True),
    Specialty("safety", "преподаватель-организатор ОБЗР", ("safety",), range(8, 12)),
    Specialty("psychologist", "педагог-психолог", (), fixed=1, hours=36),
    Specialty("social", "социальный педагог", (), fixed=1, hours=36),
    Specialty("speech", "учитель-логопед", (), fixed=1, hours=20),
    Specialty("organizer", "педагог-организатор", (), fixed=1, hours=36),
    Specialty("advisor", "советник директора по воспитанию", (), fixed=1, hours=36),
    Specialty("additional", "педагог дополнительного образования", (), fixed=2, hours=18),
    Specialty("librarian", "педагог-библиотекарь", (), fixed=1, hours=36),
    Specialty("director", "директор", (cur.HISTORY.name,), pedagogical=False, fixed=1, hours=4),
    Specialty("deputy_study", "заместитель директора по УВР", (cur.MATH.name,), pedagogical=False, fixed=2, hours=8),
    Specialty("deputy_upbringing", "заместитель директора по ВР", (), pedagogical=False, fixed=1, hours=0),
)
BY_KEY = {s.key: s for s in SPECIALTIES}


@dataclass
class Teacher:
    staff_id: str
    last_name: str
    first_name: str
    middle_name: str
    sex: str
    birth_date: datetime.date
    specialty: str
    education: str
    profile_match: bool
    experience_since: datetime.date
    category: str
    category_date: datetime.date | None
    employment: str = "основной"
    course_years: list[int] = field(default_factory=list)
    weekly_hours: float = 0.0

    def age_on(self, day: datetime.date) -> int:
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))

    def experience_on(self, day: datetime.date) -> int:
        e = self.experience_since
        return day.year - e.year - ((day.month, day.day) < (e.month, e.day))


def resolve_subject(name: str, year: int) -> str:
    if name == "technology":
        return cur.technology(year).name
    if name == "safety":
        return cur.safety(year).name
    return name


def position(specialty: Specialty, year: int) -> str:
    if specialty.key == "technology":
        return "учитель труда (технологии)" if year >= cur.RENAMING_YEAR else "учитель технологии"
    if specialty.key == "safety":
        return "преподаватель-организатор ОБЗР" if year >= cur.RENAMING_YEAR else "преподаватель-организатор ОБЖ"
    return specialty.position


def demand(classes: dict[str, tuple[int, int]], year: int) -> dict[str, float]:
    """Weekly hours the year's classes need, per specialty; classes = name -> (grade, size)."""
    hours: dict[str, float] = {}
    for grade, size in classes.values():
        for subject, weekly in cur.plan(grade, year):
            for specialty in SPECIALTIES:
                if specialty.fixed or specialty.key == "primary" or grade not in specialty.grades:
                    continue
                if subject.name in {resolve_subject(s, year) for s in specialty.subjects}:
                    groups = 2 if specialty.split_groups and size >= 20 else 1
                    hours[specialty.key] = hours.get(specialty.key, 0) + weekly * groups
                    break
    return hours


def posts(classes: dict[str, tuple[int, int]], year: int) -> dict[str, int]:
    """How many people each specialty needs this year."""
    count = {s.key: s.fixed for s in SPECIALTIES if s.fixed}
    count["primary"] = sum(1 for grade, _ in classes.values() if grade <= 4)
    for key, hours in demand(classes, year).items():
        count[key] = max(1, round(hours / TEACHER_HOURS))
    if year < 2023:
        count.pop("advisor", None)  # the post of советник директора по воспитанию came in 2023
    return count


class StaffRoom:
    """The school's staff over the years; adds staff and staff_events rows."""

    def __init__(self, rng: random.Random, package: Package, first_year: int) -> None:
        self.rng = rng
        self.package = package
        self.first_year = first_year
        self.people: list[Teacher] = []
        self.next_number = 1

    def hire(self, specialty: Specialty, year: int, *, young: bool) -> Teacher:
        rng = self.rng
        sex = "М" if rng.random() < (0.45 if specialty.key in ("pe", "safety", "informatics", "director") else 0.12) else "Ж"
        last, first, middle = names.random_staff_name(rng, sex)
        start = datetime.date(year, 9, 1)
        if young:
            age = rng.uniform(21.5, 27)
        else:
            age = rng.choices((rng.uniform(27, 40), rng.uniform(40, 55), rng.uniform(55, 68)), (22, 45, 33))[0]
        birth = start - datetime.timedelta(days=round(age * 365.25))
        vocational = specialty.key in ("primary", "additional", "pe") and rng.random() < 0.25
        education = rng.choices(
            ("высшее педагогическое", "высшее", "среднее профессиональное педагогическое", "среднее профессиональное"),
            (10, 88, 2, 0) if specialty.key == "psychologist" else (8, 2, 88, 2) if vocational else (84, 14, 2, 0),
        )[0]
        started_at = 19.5 if education.startswith("среднее") else 22.5
        if rng.random() < 0.2 and not young:
            started_at += rng.uniform(1, 10)  # came to school from another job
        experience = birth + datetime.timedelta(days=round(min(age - 0.1, started_at) * 365.25))
        experience = min(experience, start)
        teacher = Teacher(
            staff_id=f"t{self.next_number:04d}", last_name=last, first_name=first, middle_name=middle, sex=sex,
            birth_date=birth, specialty=specialty.key, education=education,
            profile_match=rng.random() < 0.93, experience_since=experience, category="нет", category_date=None,
            employment="совместитель" if specialty.key not in ("director", "deputy_study") and rng.random() < 0.05 else "основной",
        )
        self._initial_category(teacher, start)
        self.next_number += 1
        self.people.append(teacher)
        return teacher

    def _initial_category(self, teacher: Teacher, start: datetime.date) -> None:
        rng = self.rng
        years = teacher.experience_on(start)
        if years < 2:
            return
        # Высшая needs a first category held for two years: few young teachers have it.
        weights = (35, 55, 10, 0) if years < 5 else (25, 42, 28, 5) if years < 15 else (14, 34, 46, 6)
        teacher.category = rng.choices(("соответствие", "первая", "высшая", "нет"), weights)[0]
        if teacher.category == "нет":
            return
        teacher.category_date = start - datetime.timedelta(days=rng.randint(30, min(5 * 365 - 30, years * 365)))

    def staff_year(self, year: int, classes: dict[str, tuple[int, int]]) -> None:
        """Turnover in the summer before `year`, then one staff row per person on 1 September."""
        rng = self.rng
        start = datetime.date(year, 9, 1)
        needed = posts(classes, year)
        if self.people:
            for teacher in list(self.people):
                leave = 0.02 + (0.3 if teacher.age_on(start) >= 64 else 0) + (0.1 if teacher.experience_on(start) < 3 else 0)
                if teacher.specialty not in ("director",) and rng.random() < leave:
                    self.people.remove(teacher)
        for key, count in needed.items():
            staff = [t for t in self.people if t.specialty == key]
            for teacher in sorted(staff, key=lambda t: t.birth_date)[: max(0, len(staff) - count)]:
                self.people.remove(teacher)  # fewer classes: the eldest retires
            # On the first demo year the staff is already there, with few young teachers; later hires are often young.
            young_share = 0.1 if year == self.first_year else 0.35
            for _ in range(count - len(staff)):
                self.hire(BY_KEY[key], year, young=rng.random() < young_share)
        hours = demand(classes, year)
        for teacher in sorted(self.people, key=lambda t: t.staff_id):
            specialty = BY_KEY[teacher.specialty]
            teacher.weekly_hours = self._hours(teacher, specialty, needed, hours)
            subjects = [resolve_subject(s, year) for s in specialty.subjects]
            if teacher.specialty == "primary" and rng.random() < 0.25:
                subjects.append(cur.ORKSE.name)
            self.package.add(
                "staff", year=f"{year}/{year + 1}", staff_id=teacher.staff_id, last_name=teacher.last_name,
                first_name=teacher.first_name, middle_name=teacher.middle_name, birth_date=teacher.birth_date,
                position=position(specialty, year), pedagogical=specialty.pedagogical, education=teacher.education,
                profile_match=teacher.profile_match, category=teacher.category, category_date=teacher.category_date,
                experience_since=teacher.experience_since, employment=teacher.employment,
                weekly_hours=teacher.weekly_hours, subjects=subjects,
            )

    def pedagogical(self) -> list[Teacher]:
        """This year's pedagogical staff (after `staff_year`)."""
        return [t for t in self.people if BY_KEY[t.specialty].pedagogical]

    def _hours(self, teacher: Teacher, specialty: Specialty, needed: dict[str, int], hours: dict[str, float]) -> float:
        rng = self.rng
        if specialty.key == "primary":
            return float(rng.choice((18, 19, 20, 21, 22, 23)))
        if specialty.fixed:
            return float(specialty.hours)
        share = hours.get(specialty.key, 0) / max(1, needed.get(specialty.key, 1))
        value = share * rng.uniform(0.8, 1.2)
        if teacher.employment == "совместитель":
            value = min(value, 9)
        return float(max(2, min(36, math.floor(value * 2) / 2)))

    # --- professional development ---

    def events(self, cal: Calendar) -> None:
        """Courses, attestation, contests … during the year; categories change for the next 1 September."""
        year = cal.year
        rng = self.rng
        young = [t for t in self.people if t.experience_on(cal.start) < 3 and BY_KEY[t.specialty].pedagogical]
        mentors = [t for t in self.people if t.experience_on(cal.start) >= 15 and t.category == "высшая"]
        for teacher in sorted(self.people, key=lambda t: t.staff_id):
            add = EventAdder(self.package, teacher, cal)
            recent = any(year - y <= 2 for y in teacher.course_years)
            if rng.random() < (0.3 if recent else 0.75):
                for title, hours, level, topics in rng.sample(COURSES, k=rng.choice((1, 1, 2))):
                    add("курсы", title, cal.between(rng, cal.day(9, 15), cal.day(5, 31)), level, hours=hours, topics=topics)
                teacher.course_years.append(year)
            if rng.random() < 0.02:
                subject = BY_KEY[teacher.specialty].subjects[:1] or ("педагогика",)
                add("переподготовка", f"Педагогическое образование: {resolve_subject(subject[0], year).lower()}",
                    cal.day(6, 20), "региональный", hours=rng.choice((280, 520)))
                teacher.course_years.append(year)
            self._attestation(teacher, cal, add)
            if rng.random() < 0.05:
                title, level = rng.choice(CONTESTS)
                if title == "Педагогический дебют" and teacher.experience_on(cal.start) >= 5:
                    title = "Учитель года"
                result = rng.choices(("участник", "лауреат", "призер", "победитель"), (60, 15, 15, 10))[0]
                add("конкурс", title, cal.between(rng, cal.day(11, 1), cal.day(4, 30)), level, result=result)
            if teacher.specialty in ("russian", "math", "history", "biology", "chemistry", "physics", "informatics",
                                     "english", "geography") and rng.random() < 0.12:
                add("эксперт", "Эксперт предметной комиссии ГИА", cal.day(6, 1), "региональный", topics=["ОКО"])
            if rng.random() < 0.12:
                title, level = rng.choice(TALKS)
                add("выступление", title, cal.between(rng, cal.day(10, 1), cal.day(5, 20)), level)
            if rng.random() < 0.2 and BY_KEY[teacher.specialty].pedagogical:
                add("диагностика дефицитов", "Диагностика профессиональных дефицитов (ЦНППМ)",
                    cal.between(rng, cal.day(10, 1), cal.day(12, 20)), "региональный", topics=["ОКО"])
                if rng.random() < 0.6:
                    add("ИОМ", "Индивидуальный образовательный маршрут по итогам диагностики", cal.day(1, 20), "школьный")
            if rng.random() < 0.05:
                add("сетевое сообщество", "Муниципальное сетевое сообщество учителей-предметников",
                    cal.day(10, 15), "муниципальный")
        for newcomer in young:
            if mentors:
                mentor = rng.choice(mentors)
                EventAdder(self.package, mentor, cal)(
                    "наставничество", f"Наставник молодого специалиста {newcomer.last_name} {newcomer.first_name[0]}. {newcomer.middle_name[0]}.",
                    cal.day(9, 15), "школьный", topics=["воспитание"] if rng.random() < 0.3 else [])
            EventAdder(self.package, newcomer, cal)(
                "методическая поддержка", "Школа молодого педагога", cal.day(10, 20), "муниципальный")
        for teacher in rng.sample(self.people, k=min(3, len(self.people))):
            EventAdder(self.package, teacher, cal)(
                "консультация", "Консультация по подготовке к аттестации", cal.day(11, 10), "школьный")

    def _attestation(self, teacher: Teacher, cal: Calendar, add: EventAdder) -> None:
        rng = self.rng
        if not BY_KEY[teacher.specialty].pedagogical and teacher.category == "нет":
            return
        due = teacher.category_date is None and teacher.experience_on(cal.start) >= 2
        expires = teacher.category_date and (cal.start - teacher.category_date).days > 4.6 * 365
        if not (due or expires):
            return
        upgrade = {"нет": ("первая", 0.6, "соответствие"), "соответствие": ("первая", 0.35, "соответствие"),
                   "первая": ("высшая", 0.4, "первая"), "высшая": ("высшая", 0.95, "первая")}
        better, chance, otherwise = upgrade[teacher.category]
        new = better if rng.random() < chance else otherwise
        day = cal.between(rng, cal.day(10, 15), cal.day(4, 25))
        add("аттестация", f"Аттестация: {'соответствие занимаемой должности' if new == 'соответствие' else new + ' квалификационная категория'}",
            day, "школьный" if new == "соответствие" else "региональный")
        teacher.category, teacher.category_date = new, day


class EventAdder:
    """Adds staff_events rows for one person and year, never twice with the same kind and title."""

    def __init__(self, package: Package, teacher: Teacher, cal: Calendar) -> None:
        self.package, self.teacher, self.cal = package, teacher, cal
        self.seen: set[tuple[str, str]] = set()

    def __call__(self, kind: str, title: str, date: datetime.date, level: str, *, hours: int | None = None,
                 topics: list[str] | tuple[str, ...] = (), result: str | None = None) -> None:
        if (kind, title) in self.seen:
            return
        self.seen.add((kind, title))
        self.package.add(
            "staff_events", year=f"{self.cal.year}/{self.cal.year + 1}", staff_id=self.teacher.staff_id, kind=kind,
            title=title, date=date, level=level, hours=hours, topics=list(topics), result=result,
        )


# (title, hours, level, topics)
COURSES = (
    ("Реализация требований обновлённых ФГОС НОО, ФГОС ООО в работе учителя", 36, "региональный", ["федеральная программа"]),
    ("Реализация федеральных основных общеобразовательных программ", 36, "региональный", ["федеральная программа"]),
    ("Школа современного учителя: развитие читательской, математической и естественнонаучной грамотности", 100, "федеральный", ["ФГ", "ЦОС"]),
    ("Формирование функциональной грамотности обучающихся", 36, "региональный", ["ФГ"]),
    ("Использование ресурсов ФГИС «Моя школа» в образовательном процессе", 24, "федеральный", ["ЦОС"]),
    ("Объективность оценивания: ВПР и критериальное оценивание", 24, "региональный", ["ОКО"]),
    ("Подготовка экспертов предметных комиссий ГИА", 36, "региональный", ["ОКО"]),
    ("Работа с одарёнными детьми: подготовка к олимпиадам", 72, "региональный", ["таланты"]),
    ("Профориентационный минимум: содержание и организация", 36, "федеральный", ["профориентация"]),
    ("Разговоры о важном: система работы классного руководителя", 58, "федеральный", ["воспитание", "федеральная программа"]),
    ("Инклюзивное образование детей с ОВЗ в условиях ФГОС", 72, "региональный", ["ОВЗ"]),
    ("Профилактика профессионального выгорания педагога", 16, "муниципальный", ["выгорание"]),
    ("Повышение качества образования в школах с низкими результатами обучения", 36, "региональный", ["ШНОР", "ОКО"]),
    ("Оказание первой помощи", 16, "муниципальный", []),
    ("Цифровая образовательная среда: электронный журнал и сервисы", 18, "муниципальный", ["ЦОС"]),
)

CONTESTS = (
    ("Учитель года", "муниципальный"),
    ("Педагогический дебют", "муниципальный"),
    ("Самый классный классный", "муниципальный"),
    ("Учитель года", "региональный"),
    ("Лучшая методическая разработка", "региональный"),
    ("Моя педагогическая инициатива", "федеральный"),
)

TALKS = (
    ("Выступление на педагогическом совете", "школьный"),
    ("Открытый урок для методического объединения", "школьный"),
    ("Доклад на заседании городского методического объединения", "муниципальный"),
    ("Мастер-класс на августовской конференции", "муниципальный"),
    ("Доклад на региональной научно-практической конференции", "региональный"),
)
