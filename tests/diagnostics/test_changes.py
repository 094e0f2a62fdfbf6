"""Correcting a recorded diagnostic (vsoko.diagnostics.changes) on the tiny fixture of tests/diagnostics/conftest.py:
«адаптация 5 класса» of 15.10.2024 — 5А: high, medium, low (vera not assessed); 5Б: medium, low (orlov left on
20.01.2025). Favourable (high, medium) 3 of 5 = 60 %."""

import datetime

import pytest

from tests.accounts.personas import YEAR
from tests.indicators.conftest import values_by_key
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.datavalues.models import DataValue, RecomputeRequest
from vsoko.diagnostics.changes import DiagnosticRejected, change_diagnostic, delete_diagnostic
from vsoko.diagnostics.models import Diagnostic, DiagnosticResult
from vsoko.indicators.catalogs import read_catalogs
from vsoko.indicators.evaluate import Definition
from vsoko.records.approval import DataLocked
from vsoko.records.enums import ApprovalStatus
from vsoko.records.models import YearApproval

pytestmark = pytest.mark.django_db

ADAPTATION_5 = "reg000.4.4.1.3"


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def stored(diagnostic: Diagnostic) -> tuple:
    diagnostic.refresh_from_db()
    return diagnostic.date, diagnostic.notes


def adaptation_5(school):
    defs = {e["code"]: Definition.from_entry(e) for spec in read_catalogs() for e in spec.indicators}
    return values_by_key(school, YEAR, defs, [ADAPTATION_5])[(ADAPTATION_5, ())]


def test_the_date_and_notes_change_audited_without_the_notes_text(tiny, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        changed = change_diagnostic(tiny.a, date=datetime.date(2024, 10, 22), notes="Иванов писал отдельно",
                                    user=tiny.world.users["deputy"])

    assert (changed.date, changed.notes) == (True, True)
    assert stored(tiny.a) == (datetime.date(2024, 10, 22), "Иванов писал отдельно")
    entry = AuditEntry.objects.get(object_type="diagnostic", object_id=str(tiny.a.pk))
    assert entry.action == AuditAction.CHANGE
    assert entry.details == {"действие": "изменена диагностика", "диагностика": "адаптация 5 класса, 5А",
                             "дата": ["15.10.2024", "22.10.2024"], "примечание": "изменено"}
    assert RecomputeRequest.objects.filter(school=tiny.world.school, year_id=YEAR).exists()


def test_nothing_to_change_writes_nothing(tiny):
    changed = change_diagnostic(tiny.a, date=tiny.a.date, notes="", user=tiny.world.users["deputy"])

    assert not changed
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("date, shown", [(datetime.date(2025, 9, 1), "01.09.2025"),
                                         (datetime.date(2024, 8, 31), "31.08.2024")])
def test_a_date_outside_the_school_year_is_refused_naming_field_value_and_bounds(tiny, date, shown):
    with pytest.raises(DiagnosticRejected) as error:
        change_diagnostic(tiny.a, date=date, notes="новое", user=tiny.world.users["deputy"])

    assert str(error.value) == (f"«Дата проведения»: {shown} — вне 2024/2025 учебного года "
                                "(01.09.2024 — 31.08.2025).")
    assert stored(tiny.a) == (datetime.date(2024, 10, 15), "")
    assert not AuditEntry.objects.exists()
    assert not RecomputeRequest.objects.exists()


def test_a_date_after_a_pupil_with_a_level_had_left_is_refused(tiny):
    user = tiny.world.users["deputy"]

    with pytest.raises(DiagnosticRejected, match=r"позже выбытия .*Орлов Денис \(выбыл\(а\) 20\.01\.2025\)"):
        change_diagnostic(tiny.b, date=datetime.date(2025, 1, 21), notes="", user=user)

    assert stored(tiny.b)[0] == datetime.date(2024, 10, 15)
    change_diagnostic(tiny.b, date=datetime.date(2025, 1, 20), notes="", user=user)  # the day he left: still there
    assert stored(tiny.b)[0] == datetime.date(2025, 1, 20)


def test_an_approved_year_refuses_a_change_and_a_deletion(tiny):
    YearApproval.objects.create(school=tiny.world.school, year_id=YEAR, status=ApprovalStatus.APPROVED)
    user = tiny.world.users["deputy"]

    with pytest.raises(DataLocked, match="утверждены"):
        change_diagnostic(tiny.a, date=datetime.date(2024, 10, 16), notes="", user=user)
    with pytest.raises(DataLocked, match="утверждены"):
        delete_diagnostic(tiny.a, user=user)

    assert stored(tiny.a) == (datetime.date(2024, 10, 15), "")
    assert DiagnosticResult.objects.filter(diagnostic=tiny.a).count() == 3
    assert not AuditEntry.objects.exists()


def test_deleting_a_diagnostic_recomputes_the_indicator(tiny, immediate_tasks, django_capture_on_commit_callbacks):
    school = tiny.world.school
    with django_capture_on_commit_callbacks(execute=True):
        change_diagnostic(tiny.a, date=datetime.date(2024, 10, 16), notes="", user=tiny.world.users["deputy"])
    before = adaptation_5(school)
    assert (before.value, before.numerator, before.denominator) == (60, 3, 5)  # 5А high, medium + 5Б medium

    with django_capture_on_commit_callbacks(execute=True):
        deleted = delete_diagnostic(tiny.b, user=tiny.world.users["deputy"])

    assert deleted == 2
    assert not Diagnostic.objects.filter(pk=tiny.b.pk).exists()
    after = adaptation_5(school)
    assert (after.numerator, after.denominator) == (2, 3)  # 5А alone: high, medium of high, medium, low
    assert round(after.value, 1) == 66.7
    pupils = {v.key: int(v.value) for v in DataValue.objects.filter(org_unit=school, year_id=YEAR,
                                                                     code="diagnostics.pupils")}
    assert pupils == {"diagnostic=adaptation_5|diagnostic_level=high|favourable=yes|grade=5|in_ce=yes": 1,
                      "diagnostic=adaptation_5|diagnostic_level=medium|favourable=yes|grade=5|in_ce=yes": 1,
                      "diagnostic=adaptation_5|diagnostic_level=low|favourable=no|grade=5|in_ce=yes": 1}
    entry = AuditEntry.objects.get(details__действие="удалена диагностика")
    assert entry.details == {"действие": "удалена диагностика", "диагностика": "адаптация 5 класса, 5Б",
                             "дата": "15.10.2024", "удалено уровней": 2}
