"""Keeping the audit log no longer than needed.

Every view of a student's card or list is an entry, so a school's log grows by tens of thousands of
rows a year and a municipality's by millions. Entries older than the kept number of years are
deleted in one statement; the deletion itself is written to the log (how many, which cutoff), so
the log says it was shortened and by whom.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.audit.models import AuditEntry

OBJECT_TYPE = "audit_log"  # as the log's exports (vsoko.audit.journal.OBJECT_TYPES)


def cutoff_date(keep_years: int, today: datetime.date | None = None) -> datetime.date:
    """The first day kept: the same day `keep_years` years back (28 February for a 29 February)."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year - keep_years)
    except ValueError:
        return today.replace(year=today.year - keep_years, day=28)


def entries_to_prune(*, keep_years: int, today: datetime.date | None = None) -> QuerySet[AuditEntry]:
    start = cutoff_date(keep_years, today)
    first_kept = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    return AuditEntry.objects.filter(created__lt=first_kept)


@transaction.atomic
def prune_journal(*, keep_years: int, user=None, today: datetime.date | None = None) -> int:
    """Delete the entries made before the cutoff; returns how many."""
    deleted, _ = entries_to_prune(keep_years=keep_years, today=today).delete()
    if deleted:
        record(user=user, action=AuditAction.CHANGE, object_type=OBJECT_TYPE,
               details={"deleted_entries": deleted, "kept_years": keep_years,
                        "kept_from": cutoff_date(keep_years, today).isoformat()})
    return deleted
