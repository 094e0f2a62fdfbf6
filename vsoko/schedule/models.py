"""The school's single schedule of assessment procedures (единый график оценочных процедур) and the yearly
hours of its subjects that limit the school's own works (письмо Минпросвещения и Рособрнадзора
от 06.08.2021 № СК-228/03, № 01-169/08-01; the checks are in vsoko.schedule.load)."""

from __future__ import annotations

import datetime

from django.db import models

from vsoko.records.models import OrgUnit, SchoolClass, SchoolYear, Subject
from vsoko.schedule.enums import Level, ProcedureKind


class ScheduledAssessment(models.Model):
    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE,
                               related_name="scheduled_assessments")
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    date = models.DateField("дата")
    school_class = models.ForeignKey(SchoolClass, verbose_name="класс", on_delete=models.CASCADE,
                                     related_name="scheduled_assessments")
    subject = models.ForeignKey(Subject, verbose_name="предмет", on_delete=models.PROTECT)
    level = models.CharField("уровень", max_length=20, choices=Level.choices, default=Level.SCHOOL)
    kind = models.CharField("вид", max_length=20, choices=ProcedureKind.choices, default=ProcedureKind.TEST)
    lesson = models.PositiveSmallIntegerField("урок", null=True, blank=True)
    note = models.CharField("примечание", max_length=500, blank=True)

    class Meta:
        verbose_name = "оценочная процедура"
        verbose_name_plural = "график оценочных процедур"
        ordering = ["date", "school_class__grade", "school_class__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["school_class", "date", "subject", "kind"],
                                    name="schedule_one_procedure_per_class_day_subject_kind",
                                    violation_error_message="Эта работа по этому предмету в этом классе на эту "
                                                            "дату уже есть в графике."),
        ]
        indexes = [models.Index(fields=["school", "year", "date"])]

    def __str__(self) -> str:
        return f"{self.school_class.name}, {self.date:%d.%m.%Y}: {self.get_kind_display()} ({self.subject.name})"

    @property
    def grade(self) -> int:
        """The class's grade: a federal procedure is set for a grade, and its results are found by it."""
        return self.school_class.grade


class SubjectHours(models.Model):
    """The yearly hours of a subject in a grade by the school's curriculum (учебный план)."""

    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE, related_name="subject_hours")
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    grade = models.PositiveSmallIntegerField("параллель")
    subject = models.ForeignKey(Subject, verbose_name="предмет", on_delete=models.PROTECT)
    hours = models.PositiveSmallIntegerField("часов в год")

    class Meta:
        verbose_name = "часы предмета по учебному плану"
        verbose_name_plural = "часы предметов по учебному плану"
        ordering = ["grade", "subject__name"]
        constraints = [
            models.UniqueConstraint(fields=["school", "year", "grade", "subject"], name="schedule_hours_once"),
        ]

    def __str__(self) -> str:
        return f"{self.grade} класс, {self.subject.name}: {self.hours} ч в год"


class Holiday(models.Model):
    """School holidays (каникулы) of a year: no assessment is held in them. Without grades they are every class's;
    with grades only theirs — the additional February holidays of the first grade."""

    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE, related_name="holidays")
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    name = models.CharField("название", max_length=100)
    start = models.DateField("первый день")
    end = models.DateField("последний день")
    grades = models.JSONField("только для параллелей", default=list, blank=True)  # [1]; [] — every class

    class Meta:
        verbose_name = "каникулы"
        verbose_name_plural = "каникулы"
        ordering = ["start", "name"]
        constraints = [
            models.UniqueConstraint(fields=["school", "year", "name"], name="schedule_holiday_name_once",
                                    violation_error_message="Каникулы с таким названием в этом году уже есть."),
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="schedule_holiday_in_order",
                                   violation_error_message="Последний день каникул раньше первого."),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.period})"

    @property
    def period(self) -> str:
        """«26.10–03.11.2024», «29.12.2024–11.01.2025», «01.06.2025» for one day."""
        if self.start == self.end:
            return f"{self.end:%d.%m.%Y}"
        start = f"{self.start:%d.%m}" if self.start.year == self.end.year else f"{self.start:%d.%m.%Y}"
        return f"{start}–{self.end:%d.%m.%Y}"

    @property
    def grades_text(self) -> str:
        """«1 класс», «1, 2 классы»; "" when the holidays are every class's."""
        if not self.grades:
            return ""
        return ", ".join(str(g) for g in self.grades) + (" класс" if len(self.grades) == 1 else " классы")

    def applies_to(self, grade: int) -> bool:
        return not self.grades or grade in self.grades

    def overlaps(self, start: datetime.date, end: datetime.date) -> bool:
        return self.start <= end and self.end >= start
