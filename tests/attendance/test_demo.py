"""The demo's attendance (vsoko.demo.attendance) on the personas' world, not a whole demo: a record per pupil and
quarter (one for a pupil who left), the counts consistent, every school given its own, the same for the same seed,
a second run changes nothing."""

from __future__ import annotations

import pytest

from tests.accounts.personas import PREVIOUS_YEAR, YEAR
from vsoko.attendance.models import AttendanceRecord
from vsoko.datavalues.models import DataValue
from vsoko.demo.attendance import attend_demo_years

pytestmark = pytest.mark.django_db


def drawn() -> list[tuple]:
    return list(AttendanceRecord.objects.order_by("student_id", "year_id", "period_number").values_list(
        "student_id", "year_id", "period_number", "lessons_missed", "lessons_unexcused", "days_missed", "days_ill"))


def test_demo_attendance_per_pupil_and_quarter(world):
    attend_demo_years(world.school, YEAR, 2, seed=1)

    records = AttendanceRecord.objects.filter(school=world.school)
    # 2024: Иванов, Петров, Сидорова 4 quarters, Орлов (left) 1; 2023: Орлов in 5А, 4 quarters.
    assert records.filter(year_id=YEAR).count() == 13 and records.filter(year_id=PREVIOUS_YEAR).count() == 4
    assert records.filter(student=world.students["orlov"], year_id=YEAR).get().period_number == 1
    for r in records:
        assert r.lessons_missed == r.lessons_ill + r.lessons_excused + r.lessons_unexcused
        assert r.days_ill <= r.days_missed and r.days_ill in {0, 3, 4, 5, 6, 7}
        assert r.lessons_ill == r.days_ill * (4 + r.school_class.grade // 3)
    assert DataValue.objects.filter(org_unit=world.school, year_id=YEAR, code="attendance.days_ill").exists()

    attend_demo_years(world.school, YEAR, 2, seed=2)
    assert records.count() == 17


def attend(world, seed):
    for school in (world.school, world.other_school):
        attend_demo_years(school, YEAR, 1, seed=seed)


def test_every_demo_school_gets_attendance_the_same_for_the_same_seed(world):
    attend(world, 1)
    first = drawn()
    AttendanceRecord.objects.all().delete()
    attend(world, 1)
    again = drawn()
    AttendanceRecord.objects.all().delete()
    attend(world, 2)

    assert AttendanceRecord.objects.filter(school=world.other_school, student=world.students["kuznetsov"]).count() == 4
    assert DataValue.objects.filter(org_unit=world.other_school, code="attendance.days_ill").exists()
    assert first == again and len(first) == 17
    assert drawn() != first
