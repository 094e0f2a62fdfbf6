"""The audit log required by 152-FZ: who saw or changed whose personal data, and when."""

from django.conf import settings
from django.db import models

from vsoko.audit.enums import AuditAction


class AuditEntry(models.Model):
    created = models.DateTimeField("когда", auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="кто", null=True, blank=True, on_delete=models.SET_NULL)
    username = models.CharField("логин", max_length=150, blank=True)
    action = models.CharField("действие", max_length=20, choices=AuditAction.choices)
    object_type = models.CharField("тип объекта", max_length=50, blank=True)
    object_id = models.CharField("код объекта", max_length=100, blank=True)
    school = models.ForeignKey("records.OrgUnit", verbose_name="школа", null=True, blank=True, on_delete=models.SET_NULL)
    details = models.JSONField("подробности", default=dict, blank=True)
    ip = models.GenericIPAddressField("IP-адрес", null=True, blank=True)

    class Meta:
        verbose_name = "запись журнала"
        verbose_name_plural = "журнал доступа"
        ordering = ["-created"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.created:%Y-%m-%d %H:%M} {self.username or '—'}: {self.get_action_display()}"
