"""Surveys the school runs on its own pages: a questionnaire open between two dates, answered through links.

The answers themselves are records (`records.SurveyAnswer`, channel «online»), not linked to
the survey, the link or the time of answering: only the link's count of responses is kept,
for the response rate. Nothing here identifies a respondent.
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from vsoko.records.models import OrgUnit, SchoolYear
from vsoko.records.years import outside_year
from vsoko.surveys.enums import SurveyStatus


def dates_outside_year(year: int, opens_on: datetime.date | None, closes_on: datetime.date | None) -> dict[str, str]:
    """Field -> a Russian message for a date of the survey that lies outside its school year: the answers belong
    to the survey's year (its data values and indicators), so it can take them only inside that year."""
    errors = {field: outside_year(year, day, what, "опроса")
              for field, day, what in (("opens_on", opens_on, "Начало"), ("closes_on", closes_on, "Окончание")) if day}
    return {field: message for field, message in errors.items() if message}


class Survey(models.Model):
    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE, related_name="surveys")
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    questionnaire = models.CharField("анкета", max_length=50)
    title = models.CharField("название", max_length=200)
    opens_on = models.DateField("начало")
    closes_on = models.DateField("окончание (включительно)")
    closed = models.BooleanField("завершён досрочно", default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="создал", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("создан", auto_now_add=True)

    class Meta:
        verbose_name = "опрос"
        verbose_name_plural = "опросы"
        ordering = ["-opens_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.year_id is not None:
            errors = dates_outside_year(self.year_id, self.opens_on, self.closes_on)
            if errors:
                raise ValidationError(errors)

    def status(self, today: datetime.date | None = None) -> SurveyStatus:
        today = today or timezone.localdate()
        if self.closed or today > self.closes_on:
            return SurveyStatus.CLOSED
        if today < self.opens_on:
            return SurveyStatus.UPCOMING
        return SurveyStatus.OPEN


def new_token() -> str:
    return secrets.token_urlsafe(12)


class SurveyLink(models.Model):
    """A link to answer a survey: for everyone, or for one class (its grade then is not asked)."""

    survey = models.ForeignKey(Survey, verbose_name="опрос", on_delete=models.CASCADE, related_name="links")
    token = models.CharField("код ссылки", max_length=32, unique=True, default=new_token)
    label = models.CharField("для кого", max_length=100)
    grade = models.PositiveSmallIntegerField("класс (параллель)", null=True, blank=True)
    expected = models.PositiveIntegerField("ожидается ответов", null=True, blank=True)
    responses = models.PositiveIntegerField("получено ответов", default=0)

    class Meta:
        verbose_name = "ссылка опроса"
        verbose_name_plural = "ссылки опроса"
        ordering = ["grade", "label", "pk"]

    def __str__(self) -> str:
        return self.label
