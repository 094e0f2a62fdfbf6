import datetime

import pytest

from tests.oversight.conftest import finding, inspection
from vsoko.oversight.enums import Progress
from vsoko.oversight.models import progress, school_year_of

TODAY = datetime.date(2025, 6, 10)


def test_a_deadline_of_today_is_still_in_time_and_of_yesterday_overdue():
    assert progress(None, TODAY, TODAY) == Progress.OPEN
    assert progress(None, TODAY - datetime.timedelta(days=1), TODAY) == Progress.OVERDUE
    assert progress(None, TODAY + datetime.timedelta(days=1), TODAY) == Progress.OPEN


def test_done_is_done_whatever_the_deadline():
    assert progress(datetime.date(2025, 6, 9), datetime.date(2025, 1, 1), TODAY) == Progress.DONE


def test_without_a_deadline_nothing_is_overdue():
    assert progress(None, None, TODAY) == Progress.OPEN


def test_the_school_year_opens_on_the_first_of_september():
    assert school_year_of(datetime.date(2025, 8, 31)) == 2024
    assert school_year_of(datetime.date(2025, 9, 1)) == 2025
    assert school_year_of(datetime.date(2025, 1, 15)) == 2024


@pytest.mark.django_db
def test_an_inspection_takes_the_school_year_of_its_start_and_a_finding_its_status(world):
    made = inspection(world.school, datetime.date(2025, 3, 3))
    late = finding(made, deadline=datetime.date(2025, 6, 9))

    assert made.year == 2024
    assert late.status(TODAY) == Progress.OVERDUE
    assert late.status(datetime.date(2025, 6, 9)) == Progress.OPEN
