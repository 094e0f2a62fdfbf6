"""Which classes and periods of a year are loaded (vsoko.attendance.coverage), on the personas' world: 5А, 5Б and
10А have pupils in 2024/2025."""

from __future__ import annotations

import pytest

from tests.accounts.personas import YEAR
from vsoko.attendance.coverage import coverage, indicator_note, periods_text
from vsoko.attendance.models import AttendanceRecord, PeriodKind
from vsoko.attendance.reader import PeriodRef
from vsoko.indicators.catalogs import load_shipped_catalogs

pytestmark = pytest.mark.django_db
PARTIAL = ("Посещаемость за год загружена не полностью (загружено: 2 из 3 классов, I–III четверти, год; не "
           "загружены: 10А; не за весь год: 5А). Знаменатель — все обучающиеся на конец года, поэтому значение "
           "занижено, пока не загружены все классы за все периоды.")


def add(world, key, class_key, kind, numbers):
    for number in numbers:
        AttendanceRecord.objects.create(school=world.school, year_id=YEAR, student=world.students[key],
                                        school_class=world.classes[class_key], period_kind=kind, period_number=number,
                                        lessons_missed=6, lessons_ill=6, days_missed=1, days_ill=1)


@pytest.mark.parametrize("periods, text", [
    ([("quarter", 1), ("quarter", 2), ("quarter", 3)], "I–III четверти"),
    ([("quarter", 2)], "II четверть"),
    ([("quarter", 1), ("quarter", 3)], "I, III четверти"),
    ([("month", 9), ("month", 10), ("month", 12), ("month", 1), ("year", 0)], "сентябрь–октябрь, декабрь–январь, год"),
    ([("trimester", 1), ("half", 2)], "I триместр, II полугодие"),
])
def test_periods_text(periods, text):
    assert periods_text([PeriodRef(k, n) for k, n in periods]) == text


def test_classes_loaded_missing_and_loaded_for_part_of_the_year(world):
    add(world, "ivanov", "5А", PeriodKind.QUARTER, [1, 2, 3])
    add(world, "petrov", "5Б", PeriodKind.YEAR, [0])

    found = coverage(world.school, YEAR)

    assert (found.loaded, found.missing, found.part_year) == (["5А", "5Б"], ["10А"], ["5А"])
    assert found.text == "загружено: 2 из 3 классов, I–III четверти, год"
    assert indicator_note(world.school, YEAR, "reg000.4.4.6.4") == PARTIAL
    assert indicator_note(world.school, YEAR, "reg000.4.4.6.3") is None


def test_every_class_for_the_whole_year_needs_no_note(world):
    add(world, "ivanov", "5А", PeriodKind.QUARTER, [1, 2, 3, 4])
    add(world, "petrov", "5Б", PeriodKind.HALF, [1, 2])
    add(world, "sidorova", "10А", PeriodKind.MONTH, [9, 10, 11, 12, 1, 2, 3, 4, 5])

    assert coverage(world.school, YEAR).complete
    assert indicator_note(world.school, YEAR, "reg000.4.4.6.4") is None


def test_nothing_loaded_needs_no_note(world):
    assert indicator_note(world.school, YEAR, "reg000.4.4.6.4") is None


def test_the_attendance_page_and_the_indicator_page_show_it(client, world):
    load_shipped_catalogs()
    add(world, "ivanov", "5А", PeriodKind.QUARTER, [1, 2, 3])
    add(world, "petrov", "5Б", PeriodKind.YEAR, [0])
    client.force_login(world.users["deputy"])

    attendance = client.get(f"/attendance/?school=s1&year={YEAR}").content.decode()
    indicator = client.get(f"/indicators/reg000.4.4.6.4/?unit=s1&year={YEAR}").content.decode()

    assert "За 2024/2025 учебный год загружено: 2 из 3 классов, I–III четверти, год." in attendance
    assert "Не загружены: 10А. Не за весь год: 5А." in attendance
    assert PARTIAL in indicator
    assert f'href="/attendance/?school=s1&amp;year={YEAR}"' in indicator


def test_only_who_sees_the_whole_school_reads_what_the_school_loaded(client, world):
    """The class teacher of 5А sees his class: the school's loading (10А missing) and the school's indicator are not
    his to act on, and on a phone they pushed his class's card a screen down. The observer sees the whole school."""
    add(world, "ivanov", "5А", PeriodKind.QUARTER, [1, 2, 3])
    add(world, "petrov", "5Б", PeriodKind.YEAR, [0])

    client.force_login(world.users["class_teacher"])
    teacher = client.get(f"/attendance/?school=s1&year={YEAR}&period=quarter-3").content.decode()
    client.force_login(world.users["observer"])
    observer = client.get(f"/attendance/?school=s1&year={YEAR}").content.decode()

    assert "Пропуски за III четверть в расчёте на одного обучающегося" in teacher
    assert "загружено:" not in teacher and "Не загружены" not in teacher
    assert "За 2024/2025 учебный год загружено: 2 из 3 классов, I–III четверти, год." in observer


def test_the_class_teacher_is_shown_a_period_his_class_has(client, world):
    """5Б is loaded «за год», 5А by quarters: the page opened on the year (the school's best period) told the class
    teacher of 5А «Ваших классов здесь нет»; his periods are his class's, the last of them shown."""
    add(world, "ivanov", "5А", PeriodKind.QUARTER, [1, 2, 3])
    add(world, "petrov", "5Б", PeriodKind.YEAR, [0])
    client.force_login(world.users["class_teacher"])

    html = client.get(f"/attendance/?school=s1&year={YEAR}").content.decode()

    assert "Посещаемость: III четверть, 2024/2025 учебный год" in html
    assert "Ваших классов здесь нет" not in html
    assert '<option value="year-0"' not in html


def test_a_class_not_loaded_is_not_called_a_school_not_loaded(client, world):
    add(world, "petrov", "5Б", PeriodKind.YEAR, [0])
    client.force_login(world.users["class_teacher"])

    html = client.get(f"/attendance/?school=s1&year={YEAR}").content.decode()

    assert "Ваших классов здесь нет" in html
    assert "посещаемость этой школы ещё не загружали" not in html
