"""The demo school's lesson-visit journal: 40–80 visits a year in its last three years, made by the director
and the deputies for teaching and learning (заместитель директора по УВР) to the pedagogical staff of the year.
The share of teachers using ИКТ (and, more slowly, modern technologies) rises year on year, as the
regulation's «повышение ИКТ-компетентности» hopes. The generator has its own random.Random seeded from the
demo's seed, so no other demo number changes; running the demo again keeps the visits as they are."""

from __future__ import annotations

import datetime
import random

from vsoko.datavalues.compute import recompute
from vsoko.observations.criteria import CRITERIA, level_of, total_of
from vsoko.observations.enums import VisitKind, VisitPurpose
from vsoko.observations.models import LessonVisit
from vsoko.records.models import OrgUnit, SchoolClass, StaffYear

OBSERVERS = ("директор", "заместитель директора по УВР")
YEARS = 3
# Per year, oldest first: the chance a visit notes modern technologies / ИКТ.
MODERN = (0.30, 0.40, 0.50)
ICT = (0.40, 0.55, 0.72)
PURPOSES = ((VisitPurpose.THEMATIC, 30), (VisitPurpose.FRONTAL, 15), (VisitPurpose.PERSONAL, 15),
            (VisitPurpose.CLASS_GENERAL, 12), (VisitPurpose.NEWCOMER, 8), (VisitPurpose.GIA, 15),
            (VisitPurpose.OTHER, 5))
KINDS = ((VisitKind.LESSON, 82), (VisitKind.EXTRACURRICULAR, 10), (VisitKind.EVENT, 8))
CONCLUSIONS = (
    "Цель урока достигнута, этапы урока логически связаны.",
    "Урок построен по плану, время распределено рационально.",
    "Обучающиеся активно работали на всех этапах урока.",
    "Рефлексия проведена формально, итог урока не подведён.",
    "Темп урока высокий, часть заданий перенесена на дом.",
)
RECOMMENDATIONS = (
    "Шире использовать групповую и парную работу.",
    "Включать задания на функциональную грамотность.",
    "Проводить рефлексию с опорой на цель урока.",
    "Использовать интерактивную доску и цифровые ресурсы ЦОК.",
    "Дифференцировать домашнее задание по уровню сложности.",
    "",
)


def visit_demo_years(school: OrgUnit, last_year: int, *, seed: int, years: int = YEARS) -> int:
    """Visits of the last `years` (at most three) school years; returns how many were made."""
    span = list(range(last_year - min(years, YEARS) + 1, last_year + 1))
    if LessonVisit.objects.filter(school=school, year_id__in=span).exists():
        return 0
    rng = random.Random(f"{seed}-observations")
    rows = []
    for index, year in enumerate(span):
        rows += _year(rng, school, year, index + YEARS - len(span))
    LessonVisit.objects.bulk_create(rows)
    if rows:
        recompute(school, span)  # the shares of reg000.6.1 and 6.2
    return len(rows)


def _year(rng: random.Random, school: OrgUnit, year: int, trend: int) -> list[LessonVisit]:
    staff = list(StaffYear.objects.filter(school=school, year_id=year).select_related("staff")
                 .prefetch_related("subjects").order_by("staff__staff_id"))
    observers = [s.staff for s in staff if s.position in OBSERVERS]
    teachers = [s for s in staff if s.pedagogical and s.position not in OBSERVERS]
    classes = list(SchoolClass.objects.filter(school=school, year_id=year).order_by("grade", "letter"))
    if not (observers and teachers and classes):
        return []
    visits = []
    for _ in range(rng.randint(40, 80)):
        teacher = rng.choice(teachers)
        kind = rng.choices(*zip(*KINDS, strict=True))[0]
        subjects = list(teacher.subjects.all())
        scores = {c.key: rng.choices((0, 1, 2), (1, 4, 5))[0] for c in CRITERIA}
        total = total_of(scores)
        visits.append(LessonVisit(
            school=school, year_id=year, date=_school_day(rng, year), observer=rng.choice(observers),
            teacher=teacher.staff, kind=kind, purpose=rng.choices(*zip(*PURPOSES, strict=True))[0],
            school_class=None if kind == VisitKind.EVENT else rng.choice(classes),
            subject=rng.choice(subjects) if subjects and kind == VisitKind.LESSON else None,
            modern_technologies=rng.random() < MODERN[trend], ict=rng.random() < ICT[trend],
            differentiation=rng.random() < 0.5, scores=scores, total=total, level=level_of(total),
            conclusions=rng.choice(CONCLUSIONS), recommendations=rng.choice(RECOMMENDATIONS)))
    return visits


def _school_day(rng: random.Random, year: int) -> datetime.date:
    """A weekday from 2 September to 25 May of the school year."""
    first = datetime.date(year, 9, 2)
    days = (datetime.date(year + 1, 5, 25) - first).days
    while True:
        day = first + datetime.timedelta(days=rng.randrange(days))
        if day.weekday() < 5:
            return day
