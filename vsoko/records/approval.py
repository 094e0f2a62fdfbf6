"""Submitting, approving and reopening a year's (or a period's) data.

Everything that writes records or entered values — imports, manual entry, edits —
calls `ensure_open` first, so approved results never change silently.
"""

from __future__ import annotations

from django.db import transaction

from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.records.enums import ApprovalStatus
from vsoko.records.models import OrgUnit, SchoolYear, YearApproval


class DataLocked(Exception):
    """The data are approved; the message says which and who may reopen them."""


def locked_years(school: OrgUnit, years) -> list[int]:
    """Of these years, the ones whose data (whole year or any period) are approved."""
    return sorted(
        set(
            YearApproval.objects.filter(school=school, year_id__in=list(years), status=ApprovalStatus.APPROVED)
            .values_list("year_id", flat=True)
        )
    )


def ensure_open(school: OrgUnit, years) -> None:
    locked = locked_years(school, years)
    if locked:
        labels = ", ".join(f"{y}/{y + 1}" for y in locked)
        raise DataLocked(
            f"Данные за {labels} учебный год утверждены и не могут быть изменены. "
            "Директор может снять утверждение на странице «Данные»."
        )


@transaction.atomic
def set_status(*, school: OrgUnit, year: int, status: ApprovalStatus, user, period: str = "", request=None) -> YearApproval:
    """Move a year's data to a new state; reopening approved data is logged as such."""
    SchoolYear.objects.get_or_create(start=year)
    approval, _ = YearApproval.objects.select_for_update().get_or_create(school=school, year_id=year, period=period)
    previous = approval.status
    approval.status = status
    approval.changed_by = user if getattr(user, "is_authenticated", False) else None
    approval.save()
    action = {
        ApprovalStatus.APPROVED: AuditAction.APPROVE,
        ApprovalStatus.OPEN: AuditAction.REOPEN if previous == ApprovalStatus.APPROVED else AuditAction.CHANGE,
    }.get(status, AuditAction.CHANGE)
    record(
        user=user, action=action, object_type="year_approval", object_id=f"{year}{'/' + period if period else ''}",
        school=school, details={"status": [previous, status]}, request=request,
    )
    return approval
