import pytest

from tests.accounts.personas import YEAR
from tests.schedule.conftest import day
from vsoko.audit.models import AuditEntry
from vsoko.records.approval import DataLocked
from vsoko.records.enums import ApprovalStatus
from vsoko.records.models import YearApproval
from vsoko.schedule.changes import add_for_grade, save_hours
from vsoko.schedule.enums import Level, ProcedureKind
from vsoko.schedule.models import ScheduledAssessment, SubjectHours


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
