"""The monitoring plan (план-график мониторинга) of a school's year: what is monitored, by which
indicators and methods, when, by whom, in what form the results are given, and whether it is done.

Regulation 000, п. 4.9: «план, где определяются объект, показатели, периодичность предоставления
информации и ответственные исполнители»; the yearly scheme made from it is approved by the
director's order. A draft is made from the school's catalogs (vsoko.plan.drafting).
"""

from __future__ import annotations

import calendar
import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from vsoko.plan.enums import PLAN_FIELDS, SCHOOL_MONTHS, AmendmentKind, PlanStatus
from vsoko.records.models import OrgUnit, SchoolYear
from vsoko.records.years import calendar_year


def month_end(year: int, month: int) -> datetime.date:
    """The last day of the month of school year `year` (September–December of `year`, the rest of `year + 1`)."""
    in_year = calendar_year(year, month)
    return datetime.date(in_year, month, calendar.monthrange(in_year, month)[1])


class PlanItem(models.Model):
    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE, related_name="plan_items")
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    group = models.CharField("направление (группа критериев)", max_length=500, blank=True)
    object = models.CharField("объект мониторинга", max_length=1000)
    indicators = models.JSONField("показатели (коды)", default=list, blank=True)
    method = models.TextField("методы и источники данных", blank=True)
    periodicity = models.CharField("периодичность", max_length=200, blank=True)
    months = models.JSONField("сроки (месяцы)", default=list, blank=True)
    responsible = models.CharField("ответственный", max_length=500, blank=True)
    result_form = models.CharField("форма представления результатов", max_length=300, blank=True,
                                   default="аналитическая справка")
    done_on = models.DateField("выполнено", null=True, blank=True)
    note = models.TextField("итоги (где рассмотрены, решения)", blank=True)
    position = models.PositiveIntegerField("порядок", default=0)
    # Why the draft put the item in the plan: last year's problems (vsoko.plan.problems), one sentence a line.
    # The draft writes it; it is the plan's reasoning, not one of its fields (PLAN_FIELDS), so never an amendment.
    problems = models.TextField("проблемы прошлого года", blank=True)

    class Meta:
        verbose_name = "пункт плана мониторинга"
        verbose_name_plural = "план мониторинга"
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.object

    @property
    def problem_lines(self) -> list[str]:
        return [line for line in self.problems.splitlines() if line]

    @property
    def school_months(self) -> list[int]:
        """The item's months in school-year order."""
        return [m for m in SCHOOL_MONTHS if m in self.months]

    @property
    def deadline(self) -> datetime.date | None:
        """The end of the item's last month in the school year."""
        months = self.school_months
        return month_end(self.year_id, months[-1]) if months else None

    def status(self, today: datetime.date | None = None) -> PlanStatus:
        today = today or timezone.localdate()
        if self.done_on:
            return PlanStatus.DONE
        deadline = self.deadline
        if deadline is None:
            return PlanStatus.PLANNED
        if today > deadline:
            return PlanStatus.OVERDUE
        if any(month_end(self.year_id, m).replace(day=1) <= today <= month_end(self.year_id, m)
               for m in self.school_months):
            return PlanStatus.DUE
        return PlanStatus.PLANNED


class PlanApproval(models.Model):
    """The director's order approving a school's plan for a year (regulation 000, п. 4.9). Lifting it keeps
    the row (lifted_at, lifted_by, lift_reason: the basis) with the amendments made under it; a year has at
    most one approval in force."""

    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE, related_name="plan_approvals")
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    order_date = models.DateField("дата приказа")
    order_number = models.CharField("номер приказа", max_length=50)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="внёс", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField("внесено", default=timezone.now)
    lifted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="снял утверждение", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    lifted_at = models.DateTimeField("утверждение снято", null=True, blank=True)
    lift_reason = models.TextField("основание снятия утверждения", blank=True)

    class Meta:
        verbose_name = "утверждение плана мониторинга"
        verbose_name_plural = "утверждения плана мониторинга"
        ordering = ["approved_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["school", "year"], condition=models.Q(lifted_at__isnull=True),
                                               name="plan_one_approval_in_force")]

    def __str__(self) -> str:
        return f"приказ {self.order}"

    @property
    def order(self) -> str:
        """«от 01.09.2024 № 123-о»"""
        return f"от {self.order_date:%d.%m.%Y} № {self.order_number}"


class PlanAmendment(models.Model):
    """A change of an approved plan (изменение плана): which item, what changed (old → new), the reason, who, when."""

    approval = models.ForeignKey(PlanApproval, verbose_name="утверждение", on_delete=models.CASCADE,
                                 related_name="amendments")
    item = models.ForeignKey(PlanItem, verbose_name="пункт плана", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="amendments")
    item_name = models.CharField("пункт плана (объект мониторинга)", max_length=1000)
    kind = models.CharField("изменение", max_length=10, choices=AmendmentKind.choices)
    # [{"field": "months", "old": "апрель, май", "new": "май"}], the values as the plan shows them.
    changes = models.JSONField("что изменено", default=list)
    reason = models.TextField("основание изменения")
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="внёс", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    made_at = models.DateTimeField("внесено", default=timezone.now)

    class Meta:
        verbose_name = "изменение плана мониторинга"
        verbose_name_plural = "изменения плана мониторинга"
        ordering = ["made_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} «{self.item_name}»"

    @property
    def lines(self) -> list[str]:
        """«сроки: апрель, май → май» for a changed item; «сроки: май» for an added or deleted one."""
        lines = []
        for change in self.changes:
            label = PLAN_FIELDS.get(change["field"], change["field"])
            if self.kind == AmendmentKind.CHANGED:
                lines.append(f"{label}: {change['old'] or '—'} → {change['new'] or '—'}")
            else:
                lines.append(f"{label}: {change['new'] if self.kind == AmendmentKind.ADDED else change['old']}")
        return lines


class PlanReview(models.Model):
    """The pedagogical council's review of a school's plan for a year (regulation 004, разд. IV п. 10: the council
    «рассматривает план проведения мониторинга(ов)/оценочных процедур на текущий учебный год»): the date and
    number of its protocol. One per year; entering another protocol corrects it (the audit log keeps the old one).
    Independent of the director's order (PlanApproval): the council reviews, the director approves."""

    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE, related_name="plan_reviews")
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    protocol_date = models.DateField("дата протокола педагогического совета")
    protocol_number = models.CharField("номер протокола", max_length=50)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="внёс", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    entered_at = models.DateTimeField("внесено", default=timezone.now)

    class Meta:
        verbose_name = "рассмотрение плана мониторинга на педагогическом совете"
        verbose_name_plural = "рассмотрения плана мониторинга на педагогическом совете"
        constraints = [models.UniqueConstraint(fields=["school", "year"], name="plan_one_review_per_year")]

    def __str__(self) -> str:
        return f"протокол {self.protocol}"

    @property
    def protocol(self) -> str:
        """«от 29.08.2024 № 1»"""
        return f"от {self.protocol_date:%d.%m.%Y} № {self.protocol_number}"
