"""Диагностики обучающихся: a monitoring diagnostic held in a class (regulation 000, п. 4.4: готовность к
обучению и адаптация 1 класса, адаптация 5 класса, тревожность, воспитанность, состояние здоровья) and the
level each pupil showed. What a procedure is — its grades, methodic and levels — is data
(vsoko/diagnostics/procedures.yaml); a diagnostic carries the procedure's code, a result the level's code.

Per-pupil levels are personal data of minors: who sees them is decided in vsoko.diagnostics.access.
"""

from __future__ import annotations

from django.db import models

from vsoko.diagnostics.procedures import Procedure, procedure
from vsoko.records.models import Enrollment, OrgUnit, SchoolClass, SchoolYear, StaffMember


class Diagnostic(models.Model):
    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE, related_name="diagnostics")
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    procedure = models.CharField("процедура", max_length=40)
    date = models.DateField("дата проведения")
    school_class = models.ForeignKey(SchoolClass, verbose_name="класс", on_delete=models.CASCADE,
                                     related_name="diagnostics")
    conducted_by = models.ForeignKey(StaffMember, verbose_name="кто проводил", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="diagnostics")
    notes = models.TextField("примечание", blank=True)

    class Meta:
        verbose_name = "диагностика"
        verbose_name_plural = "диагностики"
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["school", "year"])]
        # One diagnostic of a procedure per class and year: a pupil is counted once per procedure.
        constraints = [models.UniqueConstraint(fields=["school_class", "procedure"], name="diagnostic_unique")]

    def __str__(self) -> str:
        found = self.spec
        return f"{found.short if found else self.procedure}, {self.school_class.name}"

    @property
    def spec(self) -> Procedure | None:
        return procedure(self.procedure)


class DiagnosticResult(models.Model):
    """The level a pupil showed; a pupil not assessed has no row."""

    diagnostic = models.ForeignKey(Diagnostic, verbose_name="диагностика", on_delete=models.CASCADE,
                                   related_name="results")
    enrollment = models.ForeignKey(Enrollment, verbose_name="обучающийся в классе", on_delete=models.CASCADE,
                                   related_name="diagnostic_results")
    level = models.CharField("уровень", max_length=40)

    class Meta:
        verbose_name = "результат диагностики"
        verbose_name_plural = "результаты диагностик"
        constraints = [models.UniqueConstraint(fields=["diagnostic", "enrollment"], name="diagnostic_result_unique")]
