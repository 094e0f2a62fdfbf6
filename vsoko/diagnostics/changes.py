"""Correcting a recorded diagnostic: its date and notes, or deleting it with its levels.

The rules are those of entering the levels (vsoko.diagnostics.entry): refused when the year's data are approved
(records.approval), written to the audit log without names or the notes' text (they may name a pupil), and the
indicators are recomputed in the background after the commit (datavalues.refresh), as after a save of levels.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction

from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.datavalues.refresh import request_recompute
from vsoko.diagnostics.models import Diagnostic
from vsoko.records.approval import ensure_open
from vsoko.records.models import Enrollment
from vsoko.records.years import school_year_days, year_label

DATE_FIELD = "Дата проведения"


class DiagnosticRejected(ValueError):
    """The change would break the diagnostic; the message says which field, value and why. Nothing was saved."""


@dataclass(frozen=True)
class Changed:
    date: bool
    notes: bool

    def __bool__(self) -> bool:
        return self.date or self.notes


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    """A school year as the diagnostics see it: 1 September — 31 August."""
    return school_year_days(year)


def date_problem(date: datetime.date, year: int) -> str:
    """Why the date cannot be the date of a diagnostic of `year`, or "" if it can."""
    first, last = year_bounds(year)
    if first <= date <= last:
        return ""
    return (f"«{DATE_FIELD}»: {date:%d.%m.%Y} — вне {year_label(year)} учебного года "
            f"({first:%d.%m.%Y} — {last:%d.%m.%Y}).")


def _left_with_levels(diagnostic: Diagnostic, date: datetime.date) -> list[str]:
    """The pupils with a level who had left the class before `date` (so the diagnostic could not have seen them)."""
    left = (Enrollment.objects.filter(diagnostic_results__diagnostic=diagnostic, left_on__lt=date)
            .select_related("student").order_by("student__last_name", "student__first_name"))
    return [f"{e.student.full_name or e.student.student_id} (выбыл(а) {e.left_on:%d.%m.%Y})" for e in left]


def change_diagnostic(diagnostic: Diagnostic, *, date: datetime.date, notes: str, user, request=None) -> Changed:
    """Set the diagnostic's date and notes in one transaction. DiagnosticRejected (a date outside its school year,
    or one after pupils with levels had left) or DataLocked: nothing changed."""
    if problem := date_problem(date, diagnostic.year_id):
        raise DiagnosticRejected(problem)
    if date > diagnostic.date and (left := _left_with_levels(diagnostic, date)):
        raise DiagnosticRejected(f"«{DATE_FIELD}»: {date:%d.%m.%Y} — позже выбытия обучающихся с введённым "
                                 f"уровнем: {', '.join(left)}. Снимите их уровни или укажите другую дату.")
    changed = Changed(date=date != diagnostic.date, notes=notes != diagnostic.notes)
    with transaction.atomic():
        ensure_open(diagnostic.school, [diagnostic.year_id])
        if not changed:
            return changed
        details = {"действие": "изменена диагностика", "диагностика": str(diagnostic)}
        if changed.date:
            details["дата"] = [f"{diagnostic.date:%d.%m.%Y}", f"{date:%d.%m.%Y}"]
        if changed.notes:
            details["примечание"] = "изменено"  # not the text: a note may name a pupil
        diagnostic.date, diagnostic.notes = date, notes
        diagnostic.save(update_fields=["date", "notes"])
        record(user=user, action=AuditAction.CHANGE, object_type="diagnostic", object_id=str(diagnostic.pk),
               school=diagnostic.school, request=request, details=details)
        request_recompute(diagnostic.school, diagnostic.year_id)
    return changed


def delete_diagnostic(diagnostic: Diagnostic, *, user, request=None) -> int:
    """Delete the diagnostic with its pupils' levels; the number of levels deleted. DataLocked: nothing changed."""
    with transaction.atomic():
        ensure_open(diagnostic.school, [diagnostic.year_id])
        levels = diagnostic.results.count()
        record(user=user, action=AuditAction.CHANGE, object_type="diagnostic", object_id=str(diagnostic.pk),
               school=diagnostic.school, request=request, details={
                   "действие": "удалена диагностика", "диагностика": str(diagnostic),
                   "дата": f"{diagnostic.date:%d.%m.%Y}", "удалено уровней": levels})
        request_recompute(diagnostic.school, diagnostic.year_id)
        diagnostic.delete()
    return levels
