"""The personas' world (tests/accounts/personas.py) plus teachers of school 1 at the boundaries of the
perspective plan of attestation and courses, year 2024/2025, seen on 10 January 2025.

Expected, by hand (expiry = category date + 5 years; courses of year L are due in L + 3):

| teacher    | subject    | category, date              | category status  | courses (year)          | course status |
|------------|------------|-----------------------------|------------------|-------------------------|---------------|
| Аверина    | математика | высшая 01.09.2019           | истекла (01.09.2024 = the year's first day) | 15.10.2021 (2021) | в этом году |
| Борисов    | физика     | первая 15.03.2020           | этот год (64 days left) | 01.11.2022 (2022)  | позже         |
| Васильева  | математика | соответствие 20.01.2021     | следующий год    | 2020 and retraining 2023 | позже        |
| Волков     | физика     | первая, no date (personas)  | дата не указана  | none                    | не было       |
| Григорьев  | —          | нет                         | нет категории    | only a 2025 course and a contest | не было |
| Дмитриева  | —          | высшая 02.09.2019           | этот год         | 01.10.2020 (2020)       | просрочены    |
| Егорова    | математика | высшая 05.05.2022           | действует        | 2024                    | позже         |
| Смирнова   | математика | первая, no date (personas)  | дата не указана  | 2024, no date (personas) | позже        |

Белова (бухгалтер, not pedagogical) is left out; Зайцева teaches in school 2.
"""

from __future__ import annotations

import datetime

from tests.accounts.personas import YEAR, build_world
from vsoko.records.enums import QualificationCategory, StaffEventKind
from vsoko.records.models import SchoolYear, StaffEvent, StaffMember, StaffYear

TODAY = datetime.date(2025, 1, 10)
ORDER = ["Аверина", "Борисов", "Васильева", "Волков", "Григорьев", "Дмитриева", "Егорова", "Смирнова"]


def teacher(world, sid: str, last: str, first: str, subject: str | None, category: str,
            category_date: datetime.date | None, courses=(), year: int = YEAR) -> StaffMember:
    member = StaffMember.objects.create(school=world.school, staff_id=sid, last_name=last, first_name=first)
    row = StaffYear.objects.create(school=world.school, year_id=year, staff=member, position="учитель",
                                   category=category, category_date=category_date)
    if subject:
        row.subjects.set([world.subjects[subject]])
    for course_year, date, kind, title, hours in courses:
        SchoolYear.objects.get_or_create(start=course_year)
        StaffEvent.objects.create(school=world.school, year_id=course_year, staff=member, kind=kind, title=title,
                                  date=date, hours=hours)
    return member


def build_staff_plan_world():
    world = build_world()
    d = datetime.date
    courses, retraining, contest = StaffEventKind.COURSES, StaffEventKind.RETRAINING, StaffEventKind.CONTEST
    world.staff.update({
        "averina": teacher(world, "P-101", "Аверина", "Анна", "math", QualificationCategory.HIGHEST, d(2019, 9, 1),
                           [(2021, d(2021, 10, 15), courses, "Функциональная грамотность", 72)]),
        "borisov": teacher(world, "P-102", "Борисов", "Борис", "physics", QualificationCategory.FIRST,
                           d(2020, 3, 15), [(2022, d(2022, 11, 1), courses, "ЦОС в школе", 36)]),
        "vasilyeva": teacher(world, "P-103", "Васильева", "Вера", "math", QualificationCategory.CONFORMITY,
                             d(2021, 1, 20), [(2020, d(2020, 10, 1), courses, "Старые курсы", 18),
                                              (2023, d(2024, 2, 1), retraining, "Переподготовка: математика", 250)]),
        "grigoryev": teacher(world, "P-104", "Григорьев", "Глеб", None, QualificationCategory.NONE, None,
                             [(2025, d(2025, 10, 1), courses, "Курсы следующего года", 36),
                              (2024, d(2024, 11, 1), contest, "Учитель года", None)]),
        "dmitrieva": teacher(world, "P-105", "Дмитриева", "Дарья", None, QualificationCategory.HIGHEST,
                             d(2019, 9, 2), [(2020, d(2020, 10, 1), courses, "Курсы 2020", 24)]),
        "egorova": teacher(world, "P-106", "Егорова", "Ева", "math", QualificationCategory.HIGHEST, d(2022, 5, 5),
                           [(2024, d(2024, 12, 1), courses, "Курсы 2024", 36)]),
    })
    return world
