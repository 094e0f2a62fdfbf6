"""Entering a diagnostic's levels: the pupils it covers and an all-or-nothing save.

The pupils are those enrolled in the class that year who had not left before the diagnostic's date. A
pupil not assessed has no result row. Every save checks the year is not approved (records.approval),
is written to the audit log without names (counts only) and asks for the indicators to be recomputed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet

from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.datavalues.refresh import request_recompute
from vsoko.diagnostics.models import Diagnostic, DiagnosticResult
from vsoko.records.approval import ensure_open
from vsoko.records.models import Enrollment


class LevelsRejected(ValueError):
    """Some levels are not of the procedure or pupils not of the diagnostic; nothing was saved."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Saved:
    assessed: int  # pupils with a level after the save
    changed: int  # results added, changed or removed


def pupils_of(diagnostic: Diagnostic) -> QuerySet[Enrollment]:
    """The class's pupils of the year who had not left before the diagnostic's date, by name."""
    return (
        Enrollment.objects.filter(school_class=diagnostic.school_class_id, year=diagnostic.year_id)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=diagnostic.date))
        .select_related("student").order_by("student__last_name", "student__first_name", "student__student_id")
    )


def current_levels(diagnostic: Diagnostic) -> dict[int, str]:
    """{enrollment id: level code} of the diagnostic's results."""
    return dict(diagnostic.results.values_list("enrollment_id", "level"))


def save_levels(diagnostic: Diagnostic, levels: Mapping[int, str], *, user, request=None,
                source: str = "форма") -> Saved:
    """Replace the diagnostic's levels with `levels` ({enrollment id: level code, "" = not assessed}) in one
    transaction; pupils left out of `levels` keep nothing either. LevelsRejected or DataLocked: nothing changed."""
    spec = diagnostic.spec
    allowed = set(spec.level_codes) if spec else set()
    pupils = set(pupils_of(diagnostic).values_list("pk", flat=True))
    problems = [f"обучающийся (запись {pk}) не относится к этой диагностике" for pk in levels if pk not in pupils]
    problems += [f"уровня «{code}» нет у этой процедуры" for code in sorted({c for c in levels.values() if c})
                 if code not in allowed]
    if problems:
        raise LevelsRejected(problems)
    wanted = {pk: code for pk, code in levels.items() if code}
    with transaction.atomic():
        ensure_open(diagnostic.school, [diagnostic.year_id])
        before = current_levels(diagnostic)
        removed = [pk for pk in before if pk not in wanted]
        changed = [pk for pk, code in wanted.items() if before.get(pk) != code]
        DiagnosticResult.objects.filter(diagnostic=diagnostic, enrollment_id__in=removed).delete()
        for pk in changed:
            DiagnosticResult.objects.update_or_create(diagnostic=diagnostic, enrollment_id=pk,
                                                      defaults={"level": wanted[pk]})
        record(user=user, action=AuditAction.CHANGE, object_type="diagnostic", object_id=str(diagnostic.pk),
               school=diagnostic.school, request=request, details={
                   "действие": "введены уровни", "способ": source, "диагностика": str(diagnostic),
                   "оценено": len(wanted), "изменено": len(changed) + len(removed)})
        request_recompute(diagnostic.school, diagnostic.year_id)
    return Saved(assessed=len(wanted), changed=len(changed) + len(removed))
