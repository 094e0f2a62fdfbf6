"""Управленческие решения: what the school's administration decided on the grounds of the ВСОКО's results,
where, who carries it out, by when, and whether it was carried out.

Regulation 000, п. 4.19: «результаты мониторинга являются основанием для принятия административных
решений»; regulation 004, IV п. 10: «оценка эффективности принятых управленческих решений». The
effectiveness is never typed: it is computed from the linked indicators (vsoko.decisions.effect).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from vsoko.decisions.enums import Basis, Body, DecisionStatus
from vsoko.plan.models import PlanItem
from vsoko.records.models import OrgUnit, SchoolYear
from vsoko.records.years import outside_year


class Decision(models.Model):
    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE, related_name="decisions")
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    date = models.DateField("дата решения")
    title = models.CharField("решение (кратко)", max_length=300)
    text = models.TextField("что решено")
    basis = models.CharField("основание", max_length=20, choices=Basis.choices, default=Basis.INDICATOR)
    indicators = models.JSONField("показатели (коды)", default=list, blank=True)
    plan_item = models.ForeignKey(PlanItem, verbose_name="пункт плана мониторинга", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="decisions")
    body = models.CharField("где принято", max_length=20, choices=Body.choices, default=Body.TEACHERS_COUNCIL)
    document_number = models.CharField("номер протокола или приказа", max_length=100, blank=True)
    responsible = models.CharField("ответственный", max_length=300, blank=True)
    deadline = models.DateField("срок исполнения", null=True, blank=True)
    status = models.CharField("состояние", max_length=20, choices=DecisionStatus.choices,
                              default=DecisionStatus.PLANNED)
    result_note = models.TextField("итог исполнения", blank=True)

    class Meta:
        verbose_name = "управленческое решение"
        verbose_name_plural = "управленческие решения"
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["school", "year"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        # A decision belongs to its school year (its effect compares the year with the next): it is made inside it,
        # as a survey is held inside its year (vsoko.records.years.outside_year, the one rule of the year's days).
        if self.year_id is not None and self.date is not None:
            refusal = outside_year(self.year_id, self.date, "Дата решения", "решения")
            if refusal:
                raise ValidationError({"date": refusal})

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        """Still to be carried out and its deadline has passed."""
        today = today or timezone.localdate()
        return self.status in DecisionStatus.open() and self.deadline is not None and self.deadline < today

    @property
    def adopted(self) -> str:
        """«педагогический совет, протокол № 3» — where, with the document's number if there is one."""
        label = Body(self.body).label
        return f"{label}, № {self.document_number}" if self.document_number else label
