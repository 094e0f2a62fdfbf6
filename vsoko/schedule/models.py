"""The school's single schedule of assessment procedures (единый график оценочных процедур) and the yearly
hours of its subjects that limit the school's own works (письмо Минпросвещения и Рособрнадзора
от 06.08.2021 № СК-228/03, № 01-169/08-01; the checks are in vsoko.schedule.load)."""

from __future__ import annotations

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
