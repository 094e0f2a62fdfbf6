"""The demo school's preschool group (regulation 004, section «Система мониторинга качества дошкольного
образования»): two mixed-age groups in each of the last three years, every indicator rated once a year in April,
the levels drawn with a random generator of their own (seeded from the demo's seed, so every other demo figure
stays as it was) and rising a little from year to year; a conclusion and measures for each year. Running the
demo again keeps them as they are.

With several schools (`vsoko demo --schools N`), one in four of the others (school-2, school-6, …) keeps one
mixed-age group, rated the same way with levels of its own, so that the municipality's page of preschool
monitoring has organisations to set side by side."""

from __future__ import annotations

import datetime
import random

from vsoko.preschool.areas import indicators
from vsoko.preschool.enums import QualityLevel
from vsoko.preschool.models import Evaluation, PreschoolGroup, YearConclusion
from vsoko.records.models import OrgUnit, SchoolYear

YEARS = 3
# name, age band, children in the first year, of them with ОВЗ
GROUPS = (("Младшая разновозрастная группа", "2–4 года", 14, 1),
          ("Старшая разновозрастная группа", "4–7 лет", 17, 2))
# Level weights (1, 2, 3, 4) in the first year; each later year an indicator rises a level with RISE and falls
# one with FALL, so the mean improves a little and a few indicators still slip.
WEIGHTS = (14, 48, 30, 8)
RISE = 0.3
FALL = 0.05
NOT_RATED = 0.03
EVALUATOR = "Заместитель директора по УВР, старший воспитатель"
GROUNDS = {
    QualityLevel.BELOW_BASE: "Требования ФГОС ДО выполнены не полностью: нужно обновить оснащение и документы.",
    QualityLevel.EXCELLENT: "Превышает требования: практика представлена на муниципальном семинаре.",
}
CONCLUSIONS = (
    "Качество дошкольного образования в целом соответствует базовому уровню. Требуют внимания развивающая "
    "предметно-пространственная среда и информирование родителей.",
    "Средний уровень качества вырос по большинству областей. Остаются ниже базового отдельные показатели "
    "образовательных условий.",
    "Качество дошкольного образования устойчиво на базовом и хорошем уровне; показателей ниже базового стало "
    "меньше.",
)
MEASURES = (
    "Обновить игровое оборудование и центры активности в группах.\nПровести родительское собрание и обновить "
    "стенды для родителей.",
    "Пополнить материально-техническое оснащение (спортивный инвентарь, дидактические пособия).\nНаправить "
    "воспитателей на курсы повышения квалификации по ФОП ДО.",
    "Развивать участие семей в проектах групп.\nПредставить опыт работы на муниципальном методическом "
    "объединении.",
)


OTHER_GROUPS = (("Разновозрастная группа", "3–7 лет", 12, 1),)
OTHER_SCHOOLS_EVERY = 4  # school-2, school-6, school-10, …


def preschool_demo_municipality(schools: list[OrgUnit], last_year: int, years: int, seed: int) -> None:
    """The other demo schools (the first one's groups are `preschool_demo_years`'s): one in four keeps a group."""
    for number, school in enumerate(schools[1:], start=2):
        if number % OTHER_SCHOOLS_EVERY == 2:
            preschool_demo_years(school, last_year, years, seed, groups=OTHER_GROUPS, salt=school.code)


def preschool_demo_years(school: OrgUnit, last_year: int, years: int, seed: int, *,
                         groups: tuple[tuple[str, str, int, int], ...] = GROUPS, salt: str = "") -> None:
    first = last_year - min(years, YEARS) + 1
    if PreschoolGroup.objects.filter(school=school, year_id__gte=first).exists():
        return
    # The first school's generator is seeded as it always was: its levels stay those of earlier demos.
    rng = random.Random(f"{seed}-preschool" + (f"-{salt}" if salt else ""))
    keys = [ind.key for ind in indicators()]
    underlying: dict[tuple[int, str], int] = {}  # (group number, indicator) → its level, carried to the next year
    for step, year in enumerate(range(first, last_year + 1)):
        SchoolYear.objects.get_or_create(start=year)
        evaluations = []
        for number, (name, ages, children, ovz) in enumerate(groups):
            group = PreschoolGroup.objects.create(school=school, year_id=year, name=name, age_band=ages,
                                                  children=children + rng.randint(-2, 2), children_ovz=ovz)
            for key in keys:
                underlying[number, key] = _next_level(rng, underlying.get((number, key)))
                level = QualityLevel.NOT_RATED if rng.random() < NOT_RATED else underlying[number, key]
                evaluations.append(Evaluation(group=group, indicator=key, level=level,
                                              comment=GROUNDS.get(level, ""), evaluator=EVALUATOR,
                                              evaluated_on=datetime.date(year + 1, 4, 25)))
        Evaluation.objects.bulk_create(evaluations)
        YearConclusion.objects.create(school=school, year_id=year, conclusion=CONCLUSIONS[step % len(CONCLUSIONS)],
                                      measures=MEASURES[step % len(MEASURES)])


def _next_level(rng: random.Random, before: int | None) -> QualityLevel:
    if before is None:
        return QualityLevel(rng.choices(QualityLevel.rated(), weights=WEIGHTS)[0])
    roll = rng.random()
    if roll < RISE and before < QualityLevel.EXCELLENT:
        return QualityLevel(before + 1)
    if roll > 1 - FALL and before > QualityLevel.BELOW_BASE:
        return QualityLevel(before - 1)
    return QualityLevel(before)
