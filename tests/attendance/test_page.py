"""The figures of «Посещаемость» (vsoko.attendance.page.build) as the observer and the administration get them."""

from __future__ import annotations

import pytest

from tests.accounts.personas import YEAR
from vsoko.analysis.access import Privacy
from vsoko.attendance.models import AttendanceRecord, PeriodKind
from vsoko.attendance.page import build
from vsoko.attendance.reader import PeriodRef
from vsoko.progress.access import Scope
from vsoko.records import enums
from vsoko.records.models import Student

pytestmark = pytest.mark.django_db
Q1 = PeriodRef(PeriodKind.QUARTER, 1)


@pytest.fixture
def classes(world):
    """I четверть: 5А — 1 pupil (Иванов, 40 lessons missed); 5Б — 6 pupils, 10А — 7 pupils, 10 lessons each.
    «Школа»: 14 pupils, 40 + 60 + 70 = 170 lessons."""
    AttendanceRecord.objects.create(school=world.school, year_id=YEAR, student=world.students["ivanov"],
                                    school_class=world.classes["5А"], period_kind=PeriodKind.QUARTER, period_number=1,
                                    lessons_missed=40)
    for class_key, size in (("5Б", 6), ("10А", 7)):
        for i in range(size):
            student = Student.objects.create(school=world.school, student_id=f"A-{class_key}-{i}", last_name="Тестов",
                                             first_name="Пётр", sex=enums.Sex.MALE)
            AttendanceRecord.objects.create(school=world.school, year_id=YEAR, student=student,
                                            school_class=world.classes[class_key], period_kind=PeriodKind.QUARTER,
                                            period_number=1, lessons_missed=10)
    return world


def test_beside_the_school_total_a_hidden_class_hides_the_smallest_other_too(classes, settings):
    """5А (1 pupil) is hidden; with 5Б and 10А shown, «Школа» 14 − 6 − 7 would give 5А's 1 pupil back, and
    170 − 60 − 70 its 40 lessons: 5Б, the smaller other class, is hidden as well; 10А and the total stay."""
    settings.VSOKO_MIN_GROUP_SIZE = 5
    page = build(classes.school, YEAR, Q1, Scope(None, names=False, privacy=Privacy(on=True)))

    assert {r.name: r.hidden for r in page.rows} == {"5А": True, "5Б": True, "10А": False}
    assert page.withheld == 2
    assert not page.total.hidden and page.total.pupils == 14


def test_the_administration_sees_every_class(classes, settings):
    settings.VSOKO_MIN_GROUP_SIZE = 5
    page = build(classes.school, YEAR, Q1, Scope(None, names=True, privacy=Privacy(on=False)))

    assert [(r.name, r.hidden, r.pupils) for r in page.rows] == [("5А", False, 1), ("5Б", False, 6), ("10А", False, 7)]
    assert page.rows[0].lessons == 40


def test_the_observers_page_shows_neither_small_class(client, classes, settings):
    settings.VSOKO_MIN_GROUP_SIZE = 5
    client.force_login(classes.users["observer"])
    html = client.get(f"/attendance/?school=s1&year={YEAR}").content.decode()

    assert html.count("скрыто: меньше 5 обучающихся") == 1  # 5А
    assert "скрыто, чтобы" in html  # 5Б, hidden as 5А's partner
    assert ">14<" in html and ">7<" in html and ">6<" not in html
