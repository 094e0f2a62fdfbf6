"""The teachers' rating of a school year: the period, a sheet per teacher, a line per criterion.

Regulation 000, п. 2.2 names among the tasks of the school's quality system «определение рейтинга и
стимулирующих доплат педагогам», and п. 2.3 the principle of «рефлексивности, реализуемой через включение
педагогов в критериальный самоанализ и самооценку своей деятельности». A sheet is the teacher's self-assessment
(`self_points`) checked by the commission (`confirmed_points`); the rating ranks confirmed sheets.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from vsoko.rating.criteria import CRITERIA_BY_CODE, Criterion, points_text
from vsoko.rating.enums import CriterionGroup, PeriodStatus, SheetStatus
from vsoko.records.models import OrgUnit, SchoolYear, StaffMember


class RatingPeriod(models.Model):
    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE, related_name="rating_periods")
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    status = models.CharField("состояние", max_length=10, choices=PeriodStatus.choices, default=PeriodStatus.OPEN)
    fund = models.DecimalField("фонд стимулирующих выплат, руб.", max_digits=12, decimal_places=2, null=True,
                               blank=True, validators=[MinValueValidator(Decimal("0"))])
    protocol_number = models.CharField("номер протокола комиссии", max_length=30, blank=True)
    protocol_date = models.DateField("дата протокола", null=True, blank=True)
    created_at = models.DateTimeField("открыт", auto_now_add=True)

    class Meta:
        verbose_name = "период рейтинга"
        verbose_name_plural = "периоды рейтинга"
        constraints = [models.UniqueConstraint(fields=["school", "year"], name="rating_period_unique")]

    def __str__(self) -> str:
        return f"{self.school} — {self.year}"

    @property
    def is_open(self) -> bool:
        return self.status == PeriodStatus.OPEN


class RatingSheet(models.Model):
    period = models.ForeignKey(RatingPeriod, verbose_name="период", on_delete=models.CASCADE, related_name="sheets")
    staff = models.ForeignKey(StaffMember, verbose_name="педагог", on_delete=models.CASCADE,
                              related_name="rating_sheets")
    status = models.CharField("состояние", max_length=10, choices=SheetStatus.choices, default=SheetStatus.DRAFT)
    class_teacher = models.BooleanField("классный руководитель", default=False)
    return_comment = models.TextField("замечание комиссии при возврате", blank=True)
    submitted_at = models.DateTimeField("подан", null=True, blank=True)
    confirmed_at = models.DateTimeField("подтверждён", null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="подтвердил", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "оценочный лист"
        verbose_name_plural = "оценочные листы"
        constraints = [models.UniqueConstraint(fields=["period", "staff"], name="rating_sheet_unique")]

    def __str__(self) -> str:
        return f"{self.staff} — {self.period.year_id}"

    def grouped_lines(self) -> list[tuple[CriterionGroup, list[SheetLine]]]:
        """The sheet's lines of known criteria by group, in the order of the criteria (the page and the Word file)."""
        order = {code: i for i, code in enumerate(CRITERIA_BY_CODE)}
        lines = sorted((line for line in self.lines.all() if line.code in order), key=lambda line: order[line.code])
        return [(group, mine) for group in CriterionGroup
                if (mine := [line for line in lines if line.criterion.group == group])]

    @property
    def editable_by_teacher(self) -> bool:
        return self.period.is_open and self.status in SheetStatus.editable_by_teacher()

    @property
    def reviewable(self) -> bool:
        return self.period.is_open and self.status == SheetStatus.SUBMITTED


class SheetLine(models.Model):
    sheet = models.ForeignKey(RatingSheet, verbose_name="лист", on_delete=models.CASCADE, related_name="lines")
    code = models.CharField("критерий", max_length=10)
    measure_text = models.CharField("значение по данным", max_length=300, blank=True)
    self_points = models.PositiveSmallIntegerField("самооценка", null=True, blank=True)
    self_comment = models.TextField("подтверждение педагога", blank=True)
    confirmed_points = models.PositiveSmallIntegerField("баллы комиссии", null=True, blank=True)
    commission_comment = models.TextField("комментарий комиссии", blank=True)

    class Meta:
        verbose_name = "строка оценочного листа"
        verbose_name_plural = "строки оценочного листа"
        constraints = [models.UniqueConstraint(fields=["sheet", "code"], name="rating_line_unique")]

    def __str__(self) -> str:
        return f"{self.sheet} — {self.code}"

    @property
    def criterion(self) -> Criterion | None:
        return CRITERIA_BY_CODE.get(self.code)

    @property
    def computed_text(self) -> str:
        """The measure next to its points: «качество 62,5 % (45 из 72 годовых отметок) → 2 балла из 3»."""
        return f"{self.measure_text or '—'} → {points_text(self.self_points or 0, self.criterion.max_points)}"
