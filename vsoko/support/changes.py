"""Changes to support cases that are more than a form's save: the audit entry of every change, and deleting a
case opened by mistake. The audit names the pupil by code, never the free texts (causes, notes)."""

from __future__ import annotations

from django.db import transaction

from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.records.approval import ensure_open
from vsoko.records.enums import Period
from vsoko.support.models import SupportCase
from vsoko.web.school_year import year_label


def record_change(case: SupportCase, what: str, *, user, request=None, **details) -> None:
    record(user=user, action=AuditAction.CHANGE, object_type="support_case", object_id=str(case.pk),
           school=case.school, details={"действие": what, "обучающийся": case.student.student_id,
                                        "период": Period(case.opened_period).label,
                                        "учебный год": year_label(case.year_id), **details}, request=request)


def delete_case(case: SupportCase, *, user, request=None) -> int:
    """Delete the case with its measures; the number of measures deleted. DataLocked (the year is approved):
    nothing changed. Who may: the caller asks vsoko.support.access.editable_case first."""
    with transaction.atomic():
        ensure_open(case.school, [case.year_id])
        measures = case.measures.count()
        record_change(case, "удалено сопровождение", user=user, request=request,
                      **{"удалено мер": measures, "состояние": case.get_status_display()})
        case.delete()
    return measures
