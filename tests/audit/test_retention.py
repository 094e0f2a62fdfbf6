import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from vsoko.audit.enums import AuditAction
from vsoko.audit.journal import details_text
from vsoko.audit.models import AuditEntry
from vsoko.audit.retention import cutoff_date, prune_journal

pytestmark = pytest.mark.django_db


def _entry(day: datetime.date, hour: int = 12) -> AuditEntry:
    entry = AuditEntry.objects.create(action=AuditAction.VIEW_PERSON, object_type="student", object_id="1")
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
    AuditEntry.objects.filter(pk=entry.pk).update(created=moment)  # auto_now_add ignores a given value
    return entry


def test_the_cutoff_is_the_same_day_years_back_and_28_february_for_29_february():
    assert cutoff_date(3, datetime.date(2026, 12, 3)) == datetime.date(2023, 12, 3)
    assert cutoff_date(3, datetime.date(2028, 2, 29)) == datetime.date(2025, 2, 28)


def test_entries_before_the_cutoff_day_are_deleted_and_the_deletion_is_logged():
    today = datetime.date(2026, 12, 3)
    _entry(datetime.date(2023, 12, 2), hour=23)  # the day before the cutoff: deleted
    _entry(datetime.date(2020, 1, 1))  # long ago: deleted
    kept = [_entry(datetime.date(2023, 12, 3), hour=0).pk, _entry(datetime.date(2026, 1, 1)).pk]

    assert prune_journal(keep_years=3, today=today) == 2

    remaining = list(AuditEntry.objects.order_by("pk"))
    assert [e.pk for e in remaining[:2]] == kept
    log = remaining[-1]
    assert (log.action, log.object_type) == (AuditAction.CHANGE, "audit_log")
    # PostgreSQL's jsonb keeps its own key order.
    assert set(details_text(log.details).split("; ")) == {
        "удалено записей: 2", "хранить лет: 3", "хранятся записи с: 2023-12-03"}
    assert len(remaining) == 3


def test_nothing_to_delete_writes_nothing():
    _entry(timezone.localdate())

    assert prune_journal(keep_years=3) == 0
    assert AuditEntry.objects.count() == 1


def test_the_command_counts_in_a_dry_run_and_deletes_otherwise(capsys):
    _entry(timezone.localdate() - datetime.timedelta(days=5 * 366))
    _entry(timezone.localdate())

    call_command("journal", "prune", "--dry-run")
    assert "Будет удалено записей журнала" in capsys.readouterr().out
    assert AuditEntry.objects.count() == 2

    call_command("journal", "prune", "--keep-years", "3")
    assert ": 1" in capsys.readouterr().out
    assert AuditEntry.objects.filter(object_type="student").count() == 1


def test_keeping_less_than_a_year_is_refused():
    _entry(timezone.localdate() - datetime.timedelta(days=30))

    with pytest.raises(CommandError, match="не меньше одного года"):
        call_command("journal", "prune", "--keep-years", "0")
    assert AuditEntry.objects.count() == 1
