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
def test_approving_one_period_locks_the_year(school):
    set_status(school=school, year=2024, period="q1", status=ApprovalStatus.APPROVED, user=None)

    with pytest.raises(DataLocked):
        ensure_open(school, [2024])
