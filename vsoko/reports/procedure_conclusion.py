"""The school's «Выводы» and «Рекомендации» of one procedure's справка: reading and saving them.

The regulations ask, after every procedure, for an analytic справка with recommendations addressed to
teachers, methodical associations, class teachers and the administration (seeds/000 п. 4.18). The figures
of the справка are computed (vsoko.reports.procedure); these texts are the school's own. Each save that
changes anything is one entry of the audit log — lengths and counts, not the text (it may name people).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.records.models import Assessment
from vsoko.reports.enums import Addressee
from vsoko.reports.models import ProcedureConclusion, ProcedureRecommendation


@dataclass(frozen=True)
class Recommendation:
    addressee: Addressee
    text: str


@dataclass(frozen=True)
class Conclusion:
    conclusions: str = ""
    recommendations: tuple[Recommendation, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.conclusions and not self.recommendations


def conclusion_of(assessment: Assessment) -> Conclusion:
    """What is saved for the procedure (an empty Conclusion when nothing is). Two queries."""
    saved = ProcedureConclusion.objects.filter(assessment=assessment).first()
    if saved is None:
        return Conclusion()
    return Conclusion(saved.conclusions, tuple(Recommendation(Addressee(r.addressee), r.text)
                                               for r in saved.recommendations.all()))


def save_conclusion(assessment: Assessment, new: Conclusion, *, user, request=None) -> bool:
    """Saves the texts if they differ from the saved ones; returns whether anything changed."""
    with transaction.atomic():
        saved = ProcedureConclusion.objects.select_for_update().filter(assessment=assessment).first()
        before = conclusion_of(assessment) if saved else Conclusion()
        if before == new:
            return False
        saved = saved or ProcedureConclusion(assessment=assessment)
        saved.conclusions = new.conclusions
        saved.updated_by = user if getattr(user, "is_authenticated", False) else None
        saved.save()
        saved.recommendations.all().delete()
        ProcedureRecommendation.objects.bulk_create([
            ProcedureRecommendation(conclusion=saved, position=i, addressee=r.addressee, text=r.text)
            for i, r in enumerate(new.recommendations, start=1)])
        record(user=user, action=AuditAction.CHANGE, object_type="procedure_conclusion", object_id=assessment.pk,
               school=assessment.school, request=request, details={
                   "действие": "изменены выводы и рекомендации справки по процедуре",
                   "процедура": assessment.assessment_id,
                   "символов в выводах": [len(before.conclusions), len(new.conclusions)],
                   "рекомендаций": [len(before.recommendations), len(new.recommendations)]})
    return True
