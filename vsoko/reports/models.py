"""What the school writes itself in its reports: the analytic part of the self-examination report and the
director's parts of the public report (PublicReportSection, kept the same way).

Some sections of the analytic part (Order 462, п. 6) cannot be computed — the system of management, the
library, the buildings and equipment; the others open with paragraphs made from the school's data. Each
section of each school year may carry the school's own text, printed after the generated paragraphs
(vsoko.reports.self_exam). Changed through vsoko.reports.self_exam_text only: it checks the text and
writes the audit log.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from vsoko.records.models import Assessment, OrgUnit, SchoolYear
from vsoko.reports.enums import Addressee, PublicReportSection, SelfExamSection


class SelfExamText(models.Model):
    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE,
                               related_name="self_exam_texts")
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    section = models.CharField("раздел", max_length=20,
                               choices=SelfExamSection.choices + PublicReportSection.choices)
    text = models.TextField("текст", blank=True)
    # Raised by every save: the page sends back the revision it showed, so a colleague's newer text is
    # never overwritten unseen.
    revision = models.PositiveIntegerField("версия", default=0)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="изменил", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField("изменено", auto_now=True)

    class Meta:
        verbose_name = "текст отчёта о самообследовании"
        verbose_name_plural = "тексты отчёта о самообследовании"
        constraints = [models.UniqueConstraint(fields=["school", "year", "section"], name="self_exam_text_unique")]

    def __str__(self) -> str:
        return f"{SelfExamSection(self.section).label} ({self.year_id}/{self.year_id + 1})"


class ProcedureConclusion(models.Model):
    """The school's «Выводы» of one procedure's справка (vsoko.reports.procedure) and, in its recommendations,
    the «Рекомендации». Changed through vsoko.reports.procedure_conclusion only: it writes the audit log."""

    assessment = models.OneToOneField(Assessment, verbose_name="процедура", on_delete=models.CASCADE,
                                      related_name="conclusion")
    conclusions = models.TextField("выводы", blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="изменил", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField("изменено", auto_now=True)

    class Meta:
        verbose_name = "выводы по процедуре"
        verbose_name_plural = "выводы по процедурам"

    def __str__(self) -> str:
        return f"Выводы: {self.assessment}"


class ProcedureRecommendation(models.Model):
    conclusion = models.ForeignKey(ProcedureConclusion, verbose_name="выводы", on_delete=models.CASCADE,
                                   related_name="recommendations")
    position = models.PositiveSmallIntegerField("порядок")
    addressee = models.CharField("кому", max_length=20, choices=Addressee.choices)
    text = models.TextField("рекомендация")

    class Meta:
        verbose_name = "рекомендация по процедуре"
        verbose_name_plural = "рекомендации по процедурам"
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{Addressee(self.addressee).label}: {self.text[:40]}"
