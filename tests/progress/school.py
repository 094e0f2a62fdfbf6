"""A small school for «Итоги периода»: class 7А of 2024/2025 with every kind of pupil, hand-computed.

1 четверть (subjects: математика, русский язык, физика):
- Аверина   5 5 5      → отличник
- Борисов   4 5 5      → с одной «4»
- Власова   3 4 5      → с одной «3»
- Григорьев 2 3 4      → неуспевающий
- Данилова  н/а 4 4    → не аттестована
- Егоров    4 4 осв    → хорошист (осв left out)
- Жукова    — (enrolled, no marks)           → без отметок, outside every share
- Зайцев    3 3 3, left on 20.12.2024        → троечник in the 1st quarter, not counted in the 2nd
2 четверть: the same, except Власова 4 4 5 (хорошист) and no marks for Зайцев.
A grade-1 class with a mark and a pupil of another school are never counted.
A year before (2023/2024), 1 четверть: two pupils, 5 5 and 3 3 (качество 50 %).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from vsoko.records import enums
from vsoko.records.models import (
    Enrollment,
    OrgUnit,
    PeriodMark,
    SchoolClass,
    SchoolYear,
    Student,
    Subject,
)

YEAR = 2024

Q1 = {
    "Аверина": ("5", "5", "5"),
    "Борисов": ("4", "5", "5"),
    "Власова": ("3", "4", "5"),
    "Григорьев": ("2", "3", "4"),
    "Данилова": ("na", "4", "4"),
    "Егоров": ("4", "4", "exempt"),
    "Зайцев": ("3", "3", "3"),
}
Q2 = {**{k: v for k, v in Q1.items() if k != "Зайцев"}, "Власова": ("4", "4", "5")}


@dataclass
class School:
    school: OrgUnit
    other: OrgUnit
    cls: SchoolClass
    first_grade: SchoolClass
    students: dict[str, Student] = field(default_factory=dict)
    subjects: list[Subject] = field(default_factory=list)


def build_school(school: OrgUnit | None = None, other: OrgUnit | None = None) -> School:
    if school is None:
        municipality = OrgUnit.objects.create(code="mun-p", name="Округ", kind=enums.OrgUnitKind.MUNICIPALITY)
        school = OrgUnit.objects.create(code="p1", name="Школа", kind=enums.OrgUnitKind.SCHOOL, parent=municipality)
        other = OrgUnit.objects.create(code="p2", name="Другая школа", kind=enums.OrgUnitKind.SCHOOL,
                                       parent=municipality)
    year, _ = SchoolYear.objects.get_or_create(start=YEAR)
    before, _ = SchoolYear.objects.get_or_create(start=YEAR - 1)
    subjects = [Subject.objects.get_or_create(name=n)[0] for n in ("Математика", "Русский язык", "Физика")]
    cls = SchoolClass.objects.create(school=school, year=year, name="7А", grade=7, letter="А")
    first = SchoolClass.objects.create(school=school, year=year, name="1А", grade=1, letter="А")
    world = School(school, other, cls, first, subjects=subjects)

    def pupil(owner, sid, last, school_class, **enrollment):
        student = Student.objects.create(school=owner, student_id=sid, last_name=last, first_name="Имя")
        Enrollment.objects.create(school=owner, year=school_class.year, student=student, school_class=school_class,
                                  **enrollment)
        return student

    for i, name in enumerate([*Q1, "Жукова"]):
        left = {"left_on": datetime.date(2024, 12, 20), "outcome": enums.Outcome.LEFT} if name == "Зайцев" else {}
        world.students[name] = pupil(school, f"P-{i}", name, cls, **left)
    for period, table in ((enums.Period.Q1, Q1), (enums.Period.Q2, Q2)):
        for name, marks in table.items():
            for subject, mark in zip(subjects, marks, strict=True):
                PeriodMark.objects.create(school=school, year=year, period=period, student=world.students[name],
                                          subject=subject, mark=mark)
    # Never counted: grade 1, another school.
    little = pupil(school, "P-1A", "Малышев", first)
    PeriodMark.objects.create(school=school, year=year, period=enums.Period.Q1, student=little,
                              subject=subjects[0], mark="2")
    stranger_class = SchoolClass.objects.create(school=other, year=year, name="7А", grade=7, letter="А")
    stranger = pupil(other, "X-1", "Чужой", stranger_class)
    PeriodMark.objects.create(school=other, year=year, period=enums.Period.Q1, student=stranger,
                              subject=subjects[0], mark="2")
    # A year before: 1 четверть of 6А.
    old = SchoolClass.objects.create(school=school, year=before, name="6А", grade=6, letter="А")
    for name, mark in (("Аверина", "5"), ("Борисов", "3")):
        student = world.students[name]
        Enrollment.objects.create(school=school, year=before, student=student, school_class=old)
        for subject in subjects[:2]:
            PeriodMark.objects.create(school=school, year=before, period=enums.Period.Q1, student=student,
                                      subject=subject, mark=mark)
    return world
