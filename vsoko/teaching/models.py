"""The school's distribution of teaching load (тарификация): who teaches which subject in which class in a
year. The data package does not carry it (the owner's contract); the administration enters it here once a
year, and the rating and the analysis' teacher page then read a teacher's own classes instead of every class
of their subjects."""

from __future__ import annotations

from django.db import models

from vsoko.records.models import OrgUnit, SchoolClass, SchoolYear, StaffMember, Subject


class TeachingAssignment(models.Model):
    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE,
                               related_name="teaching_assignments")
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    staff = models.ForeignKey(StaffMember, verbose_name="учитель", on_delete=models.CASCADE,
                              related_name="teaching_assignments")
    school_class = models.ForeignKey(SchoolClass, verbose_name="класс", on_delete=models.CASCADE,
                                     related_name="teaching_assignments")
    subject = models.ForeignKey(Subject, verbose_name="предмет", on_delete=models.PROTECT)
    weekly_hours = models.DecimalField("часов в неделю", max_digits=4, decimal_places=1, null=True, blank=True)

    class Meta:
        verbose_name = "нагрузка учителя"
        verbose_name_plural = "распределение нагрузки"
        ordering = ["school_class__grade", "school_class__name", "subject__name"]
        constraints = [
            # Two teachers of one subject in one class are allowed: groups (английский язык, информатика).
            models.UniqueConstraint(fields=["year", "school_class", "subject", "staff"], name="teaching_once"),
        ]
        indexes = [models.Index(fields=["school", "year"])]

    def __str__(self) -> str:
        return f"{self.school_class.name}, {self.subject.name}: {self.staff}"
