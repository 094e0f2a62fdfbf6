"""Reference scales, participant codes, confirmed matches and remembered column layouts.

Scales are reference data shared by every school (a ФИОКО/Рособрнадзор scale is
the same for the whole country); the rest belongs to one school.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from vsoko.assessments.enums import KINDS_WITH_MINIMUM
from vsoko.records.enums import AssessmentKind
from vsoko.records.models import OrgUnit, SchoolYear, Student


class ScaleDefinition(models.Model):
    """The official scale of one procedure: kind × subject × grade × school year.

    `year` is the school year's start (2025 = 2025/2026, the spring 2026 procedures).
    `mark_scale` and `test_scale` use the package's notation (spec/data-format.md,
    table assessments), so they can be copied into an assessment as they are.
    """

    kind = models.CharField("вид", max_length=20, choices=AssessmentKind.choices)
    subject = models.CharField("предмет", max_length=200, help_text="ключ предмета: строчными, ё = е")
    grade = models.PositiveSmallIntegerField("класс (параллель)")
    year = models.PositiveSmallIntegerField("учебный год (год начала)")
    max_score = models.PositiveIntegerField("максимальный первичный балл", null=True, blank=True)
    mark_scale = models.CharField(
        "шкала перевода в отметку", max_length=200, blank=True, help_text="например 2:0-9;3:10-15;4:16-20;5:21-24"
    )
    test_scale = models.TextField("шкала перевода в тестовый балл", blank=True, help_text="первичный:тестовый, например 0:0;1:3;2:5")
    min_score = models.PositiveIntegerField(
        "минимальный порог", null=True, blank=True, help_text="первичный балл для ОГЭ и ВПР, тестовый для ЕГЭ"
    )
    conditions = models.JSONField(
        "дополнительные условия (для расчёта)", default=list, blank=True,
        help_text='[{"mark": 4, "tasks": ["ГК1", "ГК2"], "min_points": 4, "otherwise": 3}]',
    )
    extra_conditions = models.TextField("дополнительные условия (текст)", blank=True)
    source = models.TextField("источник", blank=True)
    verified = models.BooleanField("сверено с источником", default=False)
    customized = models.BooleanField(
        "изменено пользователем", default=False, help_text="поставка новой версии не перезаписывает такую шкалу"
    )
    updated_at = models.DateTimeField("изменено", auto_now=True)

    class Meta:
        verbose_name = "шкала оценочной процедуры"
        verbose_name_plural = "шкалы оценочных процедур"
        ordering = ["-year", "kind", "subject", "grade"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "subject", "grade", "year"], name="scale_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.subject}, {self.grade} класс, {self.year}/{self.year + 1}"

    @property
    def official_minimum(self) -> int | None:
        """The minimum the pages show: none for a kind without an official one (ВПР)."""
        return self.min_score if self.kind in KINDS_WITH_MINIMUM else None


class ParticipantCode(models.Model):
    """A ВПР participant code ↔ student; the correspondence is kept only in the school.

    An empty `assessment_id` means the code holds for every procedure of the year
    (schools usually give a student one code for the whole ВПР campaign).
    """

    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE)
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    code = models.CharField("код участника", max_length=32)
    assessment_id = models.CharField("код процедуры", max_length=64, blank=True)
    student = models.ForeignKey(Student, verbose_name="обучающийся", on_delete=models.CASCADE, related_name="participant_codes")

    class Meta:
        verbose_name = "код участника"
        verbose_name_plural = "коды участников"
        constraints = [
            models.UniqueConstraint(fields=["school", "year", "code", "assessment_id"], name="participantcode_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} → {self.student}"


class ConfirmedMatch(models.Model):
    """A user's answer to a doubtful match: this name in this class is that student."""

    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE)
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    name_key = models.CharField("ФИО в файле (нормализовано)", max_length=300)
    class_key = models.CharField("класс в файле", max_length=20, blank=True)
    student = models.ForeignKey(Student, verbose_name="обучающийся", on_delete=models.CASCADE, related_name="+")
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="подтвердил", null=True, blank=True, on_delete=models.SET_NULL)
    confirmed_at = models.DateTimeField("подтверждено", auto_now=True)

    class Meta:
        verbose_name = "подтверждённое сопоставление"
        verbose_name_plural = "подтверждённые сопоставления"
        constraints = [
            models.UniqueConstraint(fields=["school", "year", "name_key", "class_key"], name="confirmedmatch_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name_key} ({self.class_key}) → {self.student}"


class ColumnMapping(models.Model):
    """What each column of a layout the system does not know holds, remembered per school.

    `signature` identifies the header row (normalised header texts); `roles` is a
    list parallel to `headers` of {"role": ColumnRole, "task": "1", "max_points": 2}.
    `assessment` holds what the file itself does not say (kind, subject, grade, year…).
    """

    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE)
    signature = models.CharField("подпись заголовков", max_length=64)
    headers = models.JSONField("заголовки", default=list)
    header_row = models.PositiveIntegerField("строка заголовков", default=1)
    roles = models.JSONField("назначение столбцов", default=list)
    assessment = models.JSONField("сведения о процедуре", default=dict, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="изменил", null=True, blank=True, on_delete=models.SET_NULL)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    class Meta:
        verbose_name = "сопоставление столбцов"
        verbose_name_plural = "сопоставления столбцов"
        constraints = [models.UniqueConstraint(fields=["school", "signature"], name="columnmapping_unique")]

    def __str__(self) -> str:
        return " | ".join(h for h in self.headers if h)[:100]


class ResultsUpload(models.Model):
    """A file uploaded on /assessments/import/, kept between the mapping and confirmation steps."""

    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="загрузил", null=True, on_delete=models.SET_NULL)
    original_name = models.CharField("имя файла", max_length=300)
    path = models.CharField("путь", max_length=500)
    format_code = models.CharField("формат", max_length=50, blank=True)
    overrides = models.JSONField(
        "сведения о процедуре", default=dict, blank=True,
        help_text="что пользователь указал сам: вид, предмет, класс, учебный год, дата, система периодов",
    )
    imported = models.BooleanField("загружено", default=False)
    created_at = models.DateTimeField("загружен", auto_now_add=True)

    class Meta:
        verbose_name = "загруженный протокол"
        verbose_name_plural = "загруженные протоколы"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name
