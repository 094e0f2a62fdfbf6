"""The monitoring plan (план-график мониторинга) of a school's year: what is monitored, by which
indicators and methods, when, by whom, in what form the results are given, and whether it is done.

Regulation 000, п. 4.9: «план, где определяются объект, показатели, периодичность предоставления
информации и ответственные исполнители»; the yearly scheme made from it is approved by the
director's order. A draft is made from the school's catalogs (vsoko.plan.drafting).
"""

from __future__ import annotations

import calendar
import datetime

from django.db import models
from django.utils import timezone

from vsoko.plan.enums import SCHOOL_MONTHS, PlanStatus
from vsoko.records.models import OrgUnit, SchoolYear


def month_end(year: int, month: int) -> datetime.date:
    """The last day of the month of school year `year` (September–December of `year`, the rest of `year + 1`)."""
    calendar_year = year if month >= 9 else year + 1
    return datetime.date(calendar_year, month, calendar.monthrange(calendar_year, month)[1])


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

    class Meta:
        verbose_name = "пункт плана мониторинга"
        verbose_name_plural = "план мониторинга"
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.object

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
