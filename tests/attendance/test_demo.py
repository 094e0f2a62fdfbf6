"""The demo's attendance (vsoko.demo.attendance) on the personas' world, not a whole demo: a record per pupil and
quarter (one for a pupil who left), the counts consistent, a second run changes nothing."""

from __future__ import annotations

import pytest

from tests.accounts.personas import PREVIOUS_YEAR, YEAR
from vsoko.attendance.models import AttendanceRecord
from vsoko.datavalues.models import DataValue
from vsoko.demo.attendance import attend_demo_years

pytestmark = pytest.mark.django_db


def test_demo_attendance_per_pupil_and_quarter(world):
    attend_demo_years(world.school, YEAR, 2, seed=1)

    records = AttendanceRecord.objects.filter(school=world.school)
    # 2024: Иванов, Петров, Сидорова 4 quarters, Орлов (left) 1; 2023: Орлов in 5А, 4 quarters.
    assert records.filter(year_id=YEAR).count() == 13 and records.filter(year_id=PREVIOUS_YEAR).count() == 4
    for r in records:
        assert r.lessons_missed == r.lessons_ill + r.lessons_excused + r.lessons_unexcused
        assert r.days_ill <= r.days_missed
    assert DataValue.objects.filter(org_unit=world.school, year_id=YEAR, code="attendance.days_ill").exists()

    attend_demo_years(world.school, YEAR, 2, seed=2)
    assert records.count() == 17
