"""An audit of the school's official site (regulation 004, section 7, п. 6: «аудит (экспертиза) документов,
размещенных на официальных сайтах»): who checked which address on which day, and per item of the checklist
(vsoko/siteaudit/checklist.yaml) what was found. Nothing computed is stored: the share of required items in
place and the list of defects come from the items (vsoko.siteaudit.results)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from vsoko.records.models import OrgUnit
from vsoko.siteaudit.enums import AuditMethod, CheckStatus, ItemStatus


class SiteAudit(models.Model):
    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE, related_name="site_audits")
    date = models.DateField("дата проверки")
    auditor = models.CharField("кто проверял (ФИО, должность)", max_length=300)
    site_url = models.URLField("адрес сайта", max_length=300)
    fix_deadline = models.DateField("срок устранения замечаний", null=True, blank=True)
    note = models.TextField("примечание", blank=True)
    method = models.CharField("как проведён", max_length=20, choices=AuditMethod.choices, default=AuditMethod.MANUAL)

    class Meta:
        verbose_name = "аудит официального сайта"
        verbose_name_plural = "аудиты официального сайта"
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["school", "date"])]

    def __str__(self) -> str:
        return f"Аудит сайта от {self.date:%d.%m.%Y}"


class AuditItem(models.Model):
    """One item of the checklist as found: its code in the checklist, its status, a comment and a link."""

    audit = models.ForeignKey(SiteAudit, verbose_name="аудит", on_delete=models.CASCADE, related_name="items")
    code = models.CharField("пункт перечня", max_length=80)
    status = models.CharField("статус", max_length=20, choices=ItemStatus.choices)
    comment = models.CharField("комментарий", max_length=500, blank=True)
    link = models.URLField("ссылка", max_length=500, blank=True)

    class Meta:
        verbose_name = "пункт аудита"
        verbose_name_plural = "пункты аудита"
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["audit", "code"], name="site_audit_item_unique")]


class SiteCheck(models.Model):
    """A «Проверить сайт автоматически» run by the task worker (vsoko.siteaudit.tasks): the address, the progress
    (subsections checked of all) and what the site answered (`probes`, as vsoko.siteaudit.checks stores them), or
    why the check failed. The form being filled waits in the user's session; nothing here is an audit until the
    user saves one. Runs older than a day are deleted when a new one starts."""

    token = models.UUIDField("идентификатор", default=uuid.uuid4, unique=True, editable=False)
    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE, related_name="site_checks")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="пользователь", null=True, blank=True,
                             on_delete=models.SET_NULL)
    audit = models.ForeignKey(SiteAudit, verbose_name="аудит", null=True, blank=True, on_delete=models.CASCADE,
                              related_name="checks")  # the audit being edited; none for a new one
    site_url = models.CharField("адрес сайта", max_length=300)
    status = models.CharField("состояние", max_length=20, choices=CheckStatus.choices, default=CheckStatus.QUEUED)
    done = models.PositiveSmallIntegerField("проверено подразделов", default=0)
    total = models.PositiveSmallIntegerField("всего подразделов", default=0)
    probes = models.JSONField("ответы сайта", default=list, blank=True)
    error = models.CharField("почему не удалось", max_length=1000, blank=True)
    created = models.DateTimeField("создан", auto_now_add=True)
    finished = models.DateTimeField("завершён", null=True, blank=True)

    class Meta:
        verbose_name = "автоматическая проверка сайта"
        verbose_name_plural = "автоматические проверки сайта"
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"Проверка сайта {self.site_url} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in CheckStatus.finished()
