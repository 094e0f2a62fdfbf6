"""The history of imports: one row per uploaded or imported package."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from vsoko.imports.enums import ImportStatus
from vsoko.records.models import OrgUnit


class ImportRun(models.Model):
    token = models.UUIDField("идентификатор", default=uuid.uuid4, unique=True, editable=False)
    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE, related_name="import_runs")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="пользователь", null=True, blank=True,
                             on_delete=models.SET_NULL)
    file_name = models.CharField("файл", max_length=255)
    stored_path = models.CharField("путь к загруженному файлу", max_length=500, blank=True)
    format = models.CharField("формат", max_length=50, blank=True)
    status = models.CharField("состояние", max_length=20, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    progress_done = models.PositiveIntegerField("выполнено", default=0)
    progress_total = models.PositiveIntegerField("всего", default=0)
    progress_stage = models.CharField("этап", max_length=200, blank=True)
    counts = models.JSONField("изменения по таблицам", default=dict, blank=True)
    errors = models.JSONField("ошибки", default=list, blank=True)
    error_count = models.PositiveIntegerField("число ошибок", default=0)
    corrections = models.JSONField("исправлено при чтении", default=list, blank=True)
    notices = models.JSONField("загружено, но не учитывается в показателях", default=list, blank=True)
    years = models.JSONField("затронутые учебные годы", default=list, blank=True)
    created = models.DateTimeField("создан", auto_now_add=True)
    finished = models.DateTimeField("завершён", null=True, blank=True)

    class Meta:
        verbose_name = "загрузка данных"
        verbose_name_plural = "загрузки данных"
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["school", "-created"])]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def started_by(self) -> str:
        """Who ran the import: the user's name, or «командная строка» (vsoko import, the demo)."""
        if self.user is None:
            return "командная строка"
        return self.user.get_full_name() or self.user.username

    @property
    def is_finished(self) -> bool:
        return self.status in ImportStatus.finished()

    @property
    def percent(self) -> int:
        return round(100 * self.progress_done / self.progress_total) if self.progress_total else 0
