"""The demo school's external assessment: its licence and accreditation with an older record of each, four
inspections over the demo years (the region's supervision of the last year found two violations, one of them
overdue), НОКО results of the last three years with the improvement plan of the latest, and five public observers
who attended some of the last year's assessment procedures. Its own random.Random, so no other demo number
changes; running the demo again keeps everything as it is."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from vsoko.oversight.enums import (
    Body,
    CredentialKind,
    InspectionKind,
    InspectionResult,
    ParticipationRole,
    Represents,
)
from vsoko.oversight.models import (
    CRITERIA,
    Credential,
    Finding,
    Inspection,
    NokoMeasure,
    NokoResult,
    Participation,
    PublicExpert,
    school_year_of,
)
from vsoko.records.models import Assessment, OrgUnit, StaffYear

ISSUER = "Министерство образования и науки Калужской области"
LEVELS = "начальное общее, основное общее, среднее общее образование"
EXPERTS = (
    ("Белова", "Наталья", "Игоревна", Represents.PARENTS, "родительский комитет 7Б класса"),
    ("Гусев", "Андрей", "Викторович", Represents.COUNCIL, "председатель управляющего совета"),
    ("Лаптева", "Ольга", "Сергеевна", Represents.PROFESSIONAL, "учитель математики МБОУ СОШ № 3, эксперт ОГЭ"),
    ("Мельникова", "Светлана", "Павловна", Represents.PARENTS, "общешкольный родительский комитет"),
    ("Тарасов", "Илья", "Андреевич", Represents.OTHER, "местное отделение «Движения первых»"),
)
# The НОКО scores of the latest year; the years before are a little lower.
LATEST = (Decimal("96.4"), Decimal("91.0"), Decimal("68.5"), Decimal("97.2"), Decimal("94.6"))


def oversee_demo_years(school: OrgUnit, last_year: int, *, seed: int, years: int = 3) -> None:
    if Credential.objects.filter(school=school).exists():
        return
    rng = random.Random(f"{seed}-oversight")
    first = last_year - min(years, 3) + 1
    _credentials(school)
    _inspections(school, rng, first, last_year)
    _noko(school, rng, first, last_year)
    _experts(school, rng, last_year)


def _credentials(school: OrgUnit) -> None:
    Credential.objects.bulk_create([
        Credential(school=school, kind=CredentialKind.LICENCE, number="1234", issued_on=datetime.date(2011, 4, 20),
                   issuer=ISSUER, scope=LEVELS, indefinite=True, note="переоформлена в 2016 году"),
        Credential(school=school, kind=CredentialKind.LICENCE, number="Л035-01234-40/00123456",
                   issued_on=datetime.date(2016, 5, 12), issuer=ISSUER, indefinite=True,
                   scope=f"{LEVELS}; дополнительное образование детей и взрослых"),
        Credential(school=school, kind=CredentialKind.ACCREDITATION, number="1234",
                   issued_on=datetime.date(2015, 3, 2), issuer=ISSUER, scope=LEVELS, indefinite=False,
                   valid_until=datetime.date(2027, 3, 2), note="с 01.09.2022 — бессрочная запись в реестре"),
        Credential(school=school, kind=CredentialKind.ACCREDITATION, number="А007-01234-40/01234567",
                   issued_on=datetime.date(2022, 9, 1), issuer=ISSUER, scope=LEVELS, indefinite=True),
    ])


def _inspections(school: OrgUnit, rng: random.Random, first: int, last: int) -> None:
    today = timezone.localdate()
    year_staff = list(StaffYear.objects.filter(school=school, year_id=last).select_related("staff")
                      .order_by("staff__staff_id"))
    # The administration puts findings right; a school without one recorded, anyone of its staff.
    staff = [s.staff for s in year_staff if s.position.startswith(("директор", "заместитель"))] or [
        s.staff for s in year_staff]
    responsible = (lambda: rng.choice(staff)) if staff else (lambda: None)
    Inspection.objects.create(
        school=school, body=Body.FIRE, kind=InspectionKind.PLANNED, started_on=datetime.date(first, 11, 14),
        finished_on=datetime.date(first, 11, 15), subject="соблюдение требований пожарной безопасности",
        result=InspectionResult.CLEAN, act=f"№ 112 от 15.11.{first}")
    sanitary = Inspection.objects.create(
        school=school, body=Body.CONSUMER, kind=InspectionKind.PLANNED, started_on=datetime.date(first + 1, 2, 20),
        finished_on=datetime.date(first + 1, 3, 5), subject="санитарно-эпидемиологические требования к условиям "
        "обучения и организации питания", result=InspectionResult.VIOLATIONS, act=f"№ 45 от 05.03.{first + 1}")
    Finding.objects.bulk_create([
        Finding(inspection=sanitary, text="Освещённость в кабинетах 12 и 14 ниже нормы (СанПиН 1.2.3685-21)",
                deadline=datetime.date(first + 1, 6, 1), fixed_on=datetime.date(first + 1, 5, 20),
                responsible=responsible(), note="заменены светильники"),
        Finding(inspection=sanitary, text="Ученическая мебель в кабинете 21 без цветовой маркировки",
                deadline=datetime.date(first + 1, 8, 31), fixed_on=datetime.date(first + 1, 8, 25),
                responsible=responsible()),
    ])
    if last > first + 1:
        Inspection.objects.create(
            school=school, body=Body.FOUNDER, kind=InspectionKind.PREVENTIVE, started_on=datetime.date(last - 1, 12, 3),
            subject="готовность к реализации обновлённых ФГОС", result=InspectionResult.CLEAN)
    region = Inspection.objects.create(
        school=school, body=Body.EDUCATION, body_note="Министерство образования и науки области (надзор)",
        kind=InspectionKind.PLANNED, started_on=datetime.date(last, 10, 8), finished_on=datetime.date(last, 10, 21),
        subject="федеральный государственный контроль (надзор) в сфере образования",
        result=InspectionResult.VIOLATIONS, act=f"№ 17-к от 21.10.{last}")
    overdue = min(datetime.date(last + 1, 3, 31), today - datetime.timedelta(days=1))
    Finding.objects.bulk_create([
        Finding(inspection=region, text="Положение о ВСОКО не приведено в соответствие с ФОП: нет процедур оценки "
                                        "метапредметных результатов", deadline=max(overdue, region.started_on),
                responsible=responsible(), note="проект положения обсуждён на методическом совете"),
        Finding(inspection=region, text="На сайте школы не размещён отчёт о самообследовании за прошлый год",
                deadline=today + datetime.timedelta(days=45), responsible=responsible()),
    ])


def _noko(school: OrgUnit, rng: random.Random, first: int, last: int) -> None:
    today = timezone.localdate()
    results = []
    for year in range(first, last + 1):
        behind = Decimal(last - year)
        scores = {field: min(Decimal(100), latest - behind * Decimal(rng.randint(15, 40)) / 10)
                  for (field, _), latest in zip(CRITERIA, LATEST, strict=True)}
        results.append(NokoResult(school=school, year=year, place=rng.randint(3, 9) + (last - year), places=24,
                                  note="оператор НОКО — региональный центр; результаты на bus.gov.ru", **scores))
    NokoResult.objects.bulk_create(results)
    latest = NokoResult.objects.get(school=school, year=last)
    NokoMeasure.objects.bulk_create([
        NokoMeasure(result=latest, text="Установить кнопку вызова персонала и тактильные таблички у входа",
                    deadline=datetime.date(last + 1, 3, 31), done_on=datetime.date(last + 1, 3, 12)),
        NokoMeasure(result=latest, text="Обновить раздел сайта «Доступная среда», версия для слабовидящих",
                    deadline=min(datetime.date(last + 1, 5, 31), today - datetime.timedelta(days=1))),
        NokoMeasure(result=latest, text="Оборудовать санитарную комнату для маломобильных посетителей",
                    deadline=today + datetime.timedelta(days=120)),
    ])


def _experts(school: OrgUnit, rng: random.Random, last: int) -> None:
    experts = PublicExpert.objects.bulk_create([
        PublicExpert(school=school, last_name=last_name, first_name=first_name, middle_name=middle,
                     represents=represents, represents_note=note,
                     trained_on=datetime.date(last, 9, rng.randint(10, 25)) if index != 4 else None,
                     training="обучение общественных наблюдателей, региональный центр оценки качества"
                              if index != 4 else "")
        for index, (last_name, first_name, middle, represents, note) in enumerate(EXPERTS)
    ])
    procedures = list(Assessment.objects.filter(school=school, year_id=last).order_by("date", "assessment_id"))
    attended = rng.sample(procedures, k=min(len(procedures), max(1, len(procedures) * 2 // 3)))
    rows = []
    for assessment in sorted(attended, key=lambda a: a.assessment_id):
        day = assessment.date if assessment.date and school_year_of(assessment.date) == last \
            else datetime.date(last + 1, 4, 15)
        for expert in rng.sample(experts, k=rng.choice((1, 1, 2))):
            role = ParticipationRole.EXPERT if expert.represents == Represents.PROFESSIONAL else \
                ParticipationRole.OBSERVER
            rows.append(Participation(expert=expert, assessment=assessment, date=day, role=role,
                                      remark=rng.choice(("нарушений порядка не выявлено", "замечаний нет",
                                                         "работы начаты с опозданием на 5 минут", ""))))
    Participation.objects.bulk_create(rows)
