import pytest
from django.contrib.auth import get_user_model

from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.records.approval import DataLocked, ensure_open, set_status
from vsoko.records.enums import ApprovalStatus


@pytest.mark.django_db
def test_approved_year_is_locked_until_reopened_and_reopening_is_logged(school):
    director = get_user_model().objects.create_user("director")
    ensure_open(school, [2024])

    set_status(school=school, year=2024, status=ApprovalStatus.APPROVED, user=director)
    with pytest.raises(DataLocked, match="2024/2025"):
        ensure_open(school, [2023, 2024])
    ensure_open(school, [2023])

    set_status(school=school, year=2024, status=ApprovalStatus.OPEN, user=director)
    ensure_open(school, [2024])
    actions = list(AuditEntry.objects.order_by("created", "pk").values_list("action", flat=True))
    assert actions == [AuditAction.APPROVE, AuditAction.REOPEN]


@pytest.mark.django_db
def test_an_approved_period_locks_only_its_marks(school):
    set_status(school=school, year=2024, period="q1", status=ApprovalStatus.APPROVED, user=None)

    ensure_open(school, [2024])  # the rest of the year stays open
    ensure_open(school, [2024], [(2024, "q2"), (2023, "q1")])
    with pytest.raises(DataLocked) as locked:
        ensure_open(school, [2024], [(2024, "q2"), (2024, "q1")])
    assert str(locked.value) == (
        "Отметки за 1 четверть 2024/2025 учебного года: утверждены и не могут быть изменены. "
        "Директор может снять утверждение на странице «Данные» → «Утверждение данных»."
    )


@pytest.mark.django_db
def test_approved_year_marks_and_an_approved_year_are_named_as_such(school):
    set_status(school=school, year=2024, period="year", status=ApprovalStatus.APPROVED, user=None)
    set_status(school=school, year=2024, period="q4", status=ApprovalStatus.SUBMITTED, user=None)

    ensure_open(school, [2024], [(2024, "q4")])  # submitted is not approved
    with pytest.raises(DataLocked, match="^Годовые отметки за 2024/2025 учебный год: утверждены"):
        ensure_open(school, [2024], [(2024, "year")])

    set_status(school=school, year=2024, status=ApprovalStatus.APPROVED, user=None)
    with pytest.raises(DataLocked, match="^Данные за 2024/2025 учебный год утверждены"):
        ensure_open(school, [2024], [(2024, "q4")])
