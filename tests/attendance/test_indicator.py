"""attendance.* data values and reg000.4.4.6.4, by hand on the personas' world: CE of 2024 = Иванов (5А),
Петров (5Б), Сидорова (10А) — Орлов left 5Б before 25 May."""

from __future__ import annotations

from fractions import Fraction

import pytest

from tests.accounts.personas import YEAR
from tests.indicators.conftest import values_by_key
from vsoko.attendance.models import AttendanceRecord, PeriodKind
from vsoko.datavalues.compute import recompute
from vsoko.datavalues.models import DataValue
from vsoko.indicators.catalogs import read_catalogs
from vsoko.indicators.evaluate import Definition

pytestmark = pytest.mark.django_db
CODE = "reg000.4.4.6.4"


def add(world, key, class_key, kind, number, days_ill, lessons_unexcused=0):
    AttendanceRecord.objects.create(school=world.school, year_id=YEAR, student=world.students[key],
                                    school_class=world.classes[class_key], period_kind=kind, period_number=number,
                                    lessons_missed=6 * days_ill + lessons_unexcused, lessons_ill=6 * days_ill,
                                    lessons_unexcused=lessons_unexcused, days_missed=days_ill, days_ill=days_ill)


def indicator(world):
    defs = {e["code"]: Definition.from_entry(e) for spec in read_catalogs() for e in spec.indicators}
    return values_by_key(world.school, YEAR, defs, [CODE]).get((CODE, ()))


def test_no_attendance_no_value(world):
    recompute(world.school, [YEAR])

    value = indicator(world)
    assert value is None or value.value is None
    assert not DataValue.objects.filter(code__startswith="attendance.").exists()


def test_days_ill_per_pupil_of_the_year(world):
    # 5А: two quarters (4 + 5 = 9 days); 5Б: the year record (6) wins over its quarter (2); 10А: nothing loaded.
    add(world, "ivanov", "5А", PeriodKind.QUARTER, 1, 4, lessons_unexcused=3)
    add(world, "ivanov", "5А", PeriodKind.QUARTER, 2, 5)
    add(world, "petrov", "5Б", PeriodKind.YEAR, 0, 6)
    add(world, "petrov", "5Б", PeriodKind.QUARTER, 1, 2)

    recompute(world.school, [YEAR])

    stored = {(v.code, v.key): int(v.value) for v in DataValue.objects.filter(code__startswith="attendance.")}
    assert stored[("attendance.days_ill", "grade=5|school_class=5А")] == 9
    assert stored[("attendance.days_ill", "grade=5|school_class=5Б")] == 6
    assert stored[("attendance.lessons_unexcused", "grade=5|school_class=5А")] == 3
    assert stored[("attendance.pupils_reported", "grade=5|school_class=5А")] == 1
    value = indicator(world)
    assert (value.numerator, value.denominator) == (15, 3)  # 9 + 6 days over 3 pupils of CE
    assert Fraction(value.value) == 5


def test_a_pupil_who_left_before_25_may_counts_in_neither_part(world):
    # Орлов left 5Б on 20.01.2025: not in CE, so his 8 days of I четверть are not in the numerator either.
    add(world, "petrov", "5Б", PeriodKind.QUARTER, 1, 2)
    add(world, "orlov", "5Б", PeriodKind.QUARTER, 1, 8)
    add(world, "sidorova", "10А", PeriodKind.QUARTER, 1, 4)

    recompute(world.school, [YEAR])

    stored = {(v.code, v.key): int(v.value) for v in DataValue.objects.filter(code__startswith="attendance.")}
    assert stored[("attendance.days_ill", "grade=5|school_class=5Б")] == 2
    assert stored[("attendance.pupils_reported", "grade=5|school_class=5Б")] == 1
    value = indicator(world)
    assert (value.numerator, value.denominator) == (6, 3)  # (2 + 4) days over Иванов, Петров, Сидорова
    assert Fraction(value.value) == 2
