"""A small school with known records over three school years, for reports checked by hand.

Year marks of students of 2–11 classes («good» — every mark 4 or 5):
    2022/2023: 10 students, 5 good   → quality 50 %
    2023/2024:  8 students, 4 good   → quality 50 %
    2024/2025:  7 students, 5 good   → quality 5/7 = 71,43 %
ВПР, математика, 5 класс (2024/2025): marks 5, 4, 3, 2 against journal marks 5, 5, 3, 3.
"""

import pytest

from tests.datavalues.records import Records
from vsoko.datavalues.compute import recompute
from vsoko.indicators.catalogs import load_shipped_catalogs
from vsoko.indicators.models import Indicator, Target
from vsoko.records.enums import AssessmentKind, ValueScope

YEARS = (2022, 2023, 2024)
YEAR = 2024
GOOD_AND_ALL = {2022: (5, 10), 2023: (4, 8), 2024: (5, 7)}
SURNAMES = ["Иванов", "Петрова", "Сидоренко"]


def add_students(b: Records, year: int, good: int, total: int, class_name: str = "5А") -> list:
    students = []
    for i in range(total):
        student = b.student(f"{year}-{i}", class_name, year=year)
        b.marks(student, {"математика": "5" if i < good else "3", "русский язык": "4" if i < good else "3"},
                year=year)
        students.append(student)
    return students


@pytest.fixture
def known_school(school):
    load_shipped_catalogs()
    b = Records(school)
    students = {}
    for year, (good, total) in GOOD_AND_ALL.items():
        students[year] = add_students(b, year, good, total)
    vpr = b.assessment(AssessmentKind.VPR, "математика", 5, year=YEAR)
    for student, mark, journal in zip(students[YEAR], (5, 4, 3, 2), (5, 5, 3, 3), strict=False):
        b.result(vpr, student, mark=mark, journal=journal)
    b.manual("order1324.2.1", value="0.25", year=YEAR)  # computers per student, entered by hand
    # Students taught with distance technologies, 3 of 7; an import stores the bare ratio as the value.
    b.manual("order1324.1.22", value="0.4286", numerator=3, denominator=7, year=YEAR)
    # Benchmarks of knowledge quality: the municipality's 60 % (below the school's 71,4 %), the region's 75 %.
    b.manual("core.quality", value="60", scope=ValueScope.MUNICIPALITY, year=YEAR)
    b.manual("core.quality", value="75", scope=ValueScope.REGION, year=YEAR)
    Target.objects.create(school=school, indicator=Indicator.objects.get(code="core.quality"), year_id=YEAR,
                          value=80)
    recompute(school, YEARS)
    return school


@pytest.fixture
def tiny_school(school):
    """Three named students: every count about them is below the publication minimum (5)."""
    load_shipped_catalogs()
    b = Records(school)
    for i, surname in enumerate(SURNAMES):
        student = b.student(f"t{i}", "7А", year=YEAR)
        student.last_name, student.first_name = surname, "Тест"
        student.save()
        b.marks(student, {"математика": "5" if i else "3"}, year=YEAR)
    recompute(school, [YEAR])
    return school
