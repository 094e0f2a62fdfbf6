"""Мониторинг качества дошкольного образования (regulation 004, section «Система мониторинга качества дошкольного
образования»): the preschool groups of a school year, the level of each indicator (vsoko/preschool/areas.yaml)
per group, and the year's conclusion with the measures to raise the quality.

A group holds counts only — how many children, how many with ОВЗ — never a child's name.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from vsoko.preschool.enums import QualityLevel
from vsoko.records.models import OrgUnit, SchoolYear


class PreschoolGroup(models.Model):
    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE, related_name="preschool_groups")
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    name = models.CharField("название группы", max_length=120)
    age_band = models.CharField("возраст детей", max_length=40, help_text="например, «3–4 года» или «5–7 лет»")
    children = models.PositiveSmallIntegerField("детей в группе")
    children_ovz = models.PositiveSmallIntegerField("из них детей с ОВЗ", default=0)

    class Meta:
        verbose_name = "дошкольная группа"
        verbose_name_plural = "дошкольные группы"
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["school", "year", "name"], name="preschool_group_unique"),
            models.CheckConstraint(condition=models.Q(children_ovz__lte=models.F("children")),
                                   name="preschool_group_ovz_within_children"),
        ]

    def __str__(self) -> str:
        return self.name


class Evaluation(models.Model):
    """The level of one indicator in one group and year; an indicator not yet rated has no row."""

    group = models.ForeignKey(PreschoolGroup, verbose_name="группа", on_delete=models.CASCADE,
                              related_name="evaluations")
    indicator = models.CharField("показатель", max_length=60)
    level = models.PositiveSmallIntegerField("уровень качества", choices=QualityLevel.choices)
    comment = models.TextField("обоснование", blank=True)
    evaluator = models.CharField("кто оценивал", max_length=200)
    evaluated_on = models.DateField("дата оценки")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="записал", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField("записано", auto_now=True)

    class Meta:
        verbose_name = "оценка показателя"
        verbose_name_plural = "оценки показателей"
        constraints = [models.UniqueConstraint(fields=["group", "indicator"], name="preschool_evaluation_unique")]


class YearConclusion(models.Model):
    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE, related_name="+")
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    conclusion = models.TextField("выводы", blank=True)
    measures = models.TextField("меры по повышению качества", blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="записал", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField("записано", auto_now=True)

    class Meta:
        verbose_name = "выводы мониторинга дошкольного образования"
        verbose_name_plural = "выводы мониторинга дошкольного образования"
        constraints = [models.UniqueConstraint(fields=["school", "year"], name="preschool_conclusion_unique")]
