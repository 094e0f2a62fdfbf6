"""The педсовет's list of the subjects brought to промежуточная аттестация by the year's results (reg. 000, п. 3.4):
per school and year, the protocol that adopted it and, per subject and grade, the form the аттестация takes.

The list is entered and read in «Успеваемость» (vsoko.progress.attestation); the period marks themselves come
with the data package, by every subject of the curriculum, whatever the list says."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from vsoko.progress.enums import AttestationForm
from vsoko.records.models import OrgUnit, SchoolYear, Subject
from vsoko.records.years import outside_year

FIRST_GRADE, LAST_GRADE = 1, 11


class AttestationList(models.Model):
    school = models.ForeignKey(
        OrgUnit, verbose_name="школа", on_delete=models.CASCADE, related_name="attestation_lists"
    )
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    protocol_number = models.CharField("номер протокола педсовета", max_length=50)
    protocol_date = models.DateField("дата протокола педсовета")

    class Meta:
        verbose_name = "перечень предметов промежуточной аттестации"
        verbose_name_plural = "перечни предметов промежуточной аттестации"
        constraints = [
            models.UniqueConstraint(fields=["school", "year"], name="attestation_list_once")
        ]

    def __str__(self) -> str:
        return f"{self.year_id}: протокол № {self.protocol_number}"

    def clean(self) -> None:
        # The педсовет decides for its school year, inside it, as a management decision is made inside its year
        # (vsoko.records.years.outside_year, the one rule of the year's days).
        if self.year_id is not None and self.protocol_date is not None:
            refusal = outside_year(self.year_id, self.protocol_date, "Дата протокола", "перечня")
            if refusal:
                raise ValidationError({"protocol_date": refusal})

    @property
    def protocol(self) -> str:
        """«протокол педагогического совета от 30.08.2024 № 1»"""
        return f"протокол педагогического совета от {self.protocol_date:%d.%m.%Y} № {self.protocol_number}"


class AttestationItem(models.Model):
    attestation_list = models.ForeignKey(
        AttestationList, verbose_name="перечень", on_delete=models.CASCADE, related_name="items"
    )
    subject = models.ForeignKey(Subject, verbose_name="предмет", on_delete=models.PROTECT)
    grade = models.PositiveSmallIntegerField("класс (параллель)")
    form = models.CharField(
        "форма промежуточной аттестации", max_length=20, choices=AttestationForm.choices
    )

    class Meta:
        verbose_name = "предмет промежуточной аттестации"
        verbose_name_plural = "предметы промежуточной аттестации"
        ordering = ["subject__name", "grade"]
        constraints = [
            models.UniqueConstraint(
                fields=["attestation_list", "subject", "grade"], name="attestation_item_once"
            ),
            models.CheckConstraint(
                condition=models.Q(grade__gte=FIRST_GRADE, grade__lte=LAST_GRADE),
                name="attestation_item_grade",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject.name}, {self.grade} класс: {self.get_form_display()}"
