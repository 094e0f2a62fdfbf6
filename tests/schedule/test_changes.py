import pytest

from tests.accounts.personas import YEAR
from tests.schedule.conftest import day
from vsoko.audit.models import AuditEntry
from vsoko.records.approval import DataLocked
from vsoko.records.enums import ApprovalStatus
from vsoko.records.models import YearApproval
from vsoko.schedule.changes import (
    add_for_grade,
    delete_holiday,
    load_typical_holidays,
    save_holiday,
    save_hours,
)
from vsoko.schedule.enums import Level, ProcedureKind
from vsoko.schedule.models import Holiday, ScheduledAssessment, SubjectHours


def vpr_for_grade_5(world, **extra):
    return add_for_grade(school=world.school, year=YEAR, grade=5, subject=world.subjects["math"], date=day(4, 15),
                         kind=ProcedureKind.VPR, user=world.users["deputy"], **extra)


def test_a_vpr_for_a_grade_is_set_for_each_of_its_classes_once(world):
    added = vpr_for_grade_5(world)

    assert sorted(a.school_class.name for a in added) == ["5А", "5Б"]
    rows = ScheduledAssessment.objects.filter(school=world.school)
    assert {(r.school_class.name, r.grade, r.level) for r in rows} == {("5А", 5, Level.FEDERAL),
                                                                        ("5Б", 5, Level.FEDERAL)}
    assert vpr_for_grade_5(world) == []  # again: every class has it already
    assert rows.count() == 2
    entry = AuditEntry.objects.get(object_type="schedule")
    assert (entry.username, entry.details["действие"], entry.details["классы"]) == (
        "deputy", "добавлена работа для параллели", "5А, 5Б")


def test_the_hours_are_saved_changed_removed_and_audited(world):
    math, physics = world.subjects["math"], world.subjects["physics"]

    assert save_hours(school=world.school, year=YEAR, grade=5, hours={math: 170, physics: None}) == 1
    assert save_hours(school=world.school, year=YEAR, grade=5, hours={math: 136, physics: None}) == 1
    assert save_hours(school=world.school, year=YEAR, grade=5, hours={math: 136, physics: None}) == 0
    assert list(SubjectHours.objects.values_list("grade", "subject__name", "hours")) == [(5, "Математика", 136)]
    assert save_hours(school=world.school, year=YEAR, grade=5, hours={math: None}) == 1
    assert not SubjectHours.objects.exists()
    assert AuditEntry.objects.filter(object_type="schedule", details__действие="изменены часы предметов").count() == 3


def test_an_approved_year_refuses_changes(world):
    YearApproval.objects.create(school=world.school, year_id=YEAR, status=ApprovalStatus.APPROVED)

    with pytest.raises(DataLocked, match="утверждены"):
        vpr_for_grade_5(world)
    with pytest.raises(DataLocked):
        save_hours(school=world.school, year=YEAR, grade=5, hours={world.subjects["math"]: 170})
    assert not ScheduledAssessment.objects.exists() and not AuditEntry.objects.filter(object_type="schedule").exists()


def test_the_typical_holidays_are_loaded_once_and_audited(world):
    user = world.users["deputy"]

    added = load_typical_holidays(school=world.school, year=YEAR, user=user)
    again = load_typical_holidays(school=world.school, year=YEAR, user=user)

    assert [str(h) for h in added] == [
        "осенние каникулы (26.10–03.11.2024)", "зимние каникулы (29.12.2024–11.01.2025)",
        "дополнительные каникулы для 1 класса (17.02–23.02.2025)", "весенние каникулы (22.03–30.03.2025)"]
    assert again == []
    first_grade = Holiday.objects.get(name="дополнительные каникулы для 1 класса")
    assert (first_grade.grades, first_grade.grades_text) == ([1], "1 класс")
    entry = AuditEntry.objects.get(object_type="schedule")
    assert entry.details["действие"] == "загружены типовые каникулы"


def test_a_changed_holiday_keeps_its_place_and_the_others_load_around_it(world):
    user = world.users["deputy"]
    autumn = save_holiday(Holiday(school=world.school, year_id=YEAR, name="осенние каникулы", start=day(10, 28),
                                  end=day(11, 5)), user=user)

    added = load_typical_holidays(school=world.school, year=YEAR, user=user)

    assert "осенние каникулы" not in {h.name for h in added} and len(added) == 3
    autumn.refresh_from_db()
    assert (autumn.start, autumn.end) == (day(10, 28), day(11, 5))
    delete_holiday(autumn, user=user)
    assert [e.details["действие"] for e in AuditEntry.objects.order_by("pk")] == [
        "добавлены каникулы", "загружены типовые каникулы", "удалены каникулы"]


def test_an_approved_year_refuses_holiday_changes(world):
    YearApproval.objects.create(school=world.school, year_id=YEAR, status=ApprovalStatus.APPROVED)

    with pytest.raises(DataLocked):
        load_typical_holidays(school=world.school, year=YEAR, user=world.users["deputy"])
    with pytest.raises(DataLocked):
        save_holiday(Holiday(school=world.school, year_id=YEAR, name="x", start=day(11, 1), end=day(11, 2)))

    assert not Holiday.objects.exists() and not AuditEntry.objects.exists()
