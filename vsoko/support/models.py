"""Сопровождение неуспевающих: a pupil at risk of failing, why, what the school does about it, and how it ended.

Regulation 004: «адресность оценочных процедур и управленческих решений … ориентацию на адресную помощь по
результатам анализа». A case is opened from the at-risk list of a period (vsoko.support.risk); its result at
the next period is computed from the marks (vsoko.support.outcome), its status is the deputy's decision.
The free texts (causes, notes) describe a minor's situation: they are shown only to the users who see the
pupil and never published, exported for the website or given to the municipal observer.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone

from vsoko.records.enums import Period
from vsoko.records.models import OrgUnit, SchoolYear, StaffMember, Student, Subject
from vsoko.support.enums import CaseStatus, MeasureKind, Reason

NOT_PUBLISHED = "Не публикуется: видят только те, кому доступны сведения об обучающемся."


class SupportCase(models.Model):
    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE, related_name="support_cases")
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    student = models.ForeignKey(Student, verbose_name="обучающийся", on_delete=models.CASCADE,
                                related_name="support_cases")
    subject = models.ForeignKey(Subject, verbose_name="предмет", null=True, blank=True, on_delete=models.PROTECT)
    opened_period = models.CharField("открыто по итогам периода", max_length=10, choices=Period.choices)
    opened_on = models.DateField("дата открытия", default=timezone.localdate)
    reason = models.CharField("основание", max_length=20, choices=Reason.choices, default=Reason.FAILING)
    causes = models.TextField("причины", blank=True, help_text=(
        "Пропуски по болезни, пробелы в знаниях, трудности адаптации… " + NOT_PUBLISHED))
    status = models.CharField("состояние", max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    result_period = models.CharField("итог подведён за период", max_length=10, choices=Period.choices, blank=True)
    note = models.TextField("итог, примечание", blank=True, help_text=NOT_PUBLISHED)

    class Meta:
        verbose_name = "сопровождение обучающегося"
        verbose_name_plural = "сопровождение неуспевающих"
        ordering = ["opened_on", "pk"]
        indexes = [models.Index(fields=["school", "year"])]

    def __str__(self) -> str:
        return f"{self.get_reason_display()}, {self.get_opened_period_display()}"

    @property
    def is_open(self) -> bool:
        return self.status == CaseStatus.OPEN


class SupportMeasure(models.Model):
    case = models.ForeignKey(SupportCase, verbose_name="сопровождение", on_delete=models.CASCADE,
                             related_name="measures")
    kind = models.CharField("мера", max_length=20, choices=MeasureKind.choices)
    responsible = models.ForeignKey(StaffMember, verbose_name="ответственный", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="support_measures")
    due = models.DateField("срок", null=True, blank=True)
    done = models.BooleanField("выполнено", default=False)
    done_on = models.DateField("дата выполнения", null=True, blank=True)
    note = models.TextField("содержание, примечание", blank=True, help_text=NOT_PUBLISHED)

    class Meta:
        verbose_name = "мера поддержки"
        verbose_name_plural = "меры поддержки"
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return self.get_kind_display()

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        """Not done and its date has passed."""
        today = today or timezone.localdate()
        return not self.done and self.due is not None and self.due < today
