"""An audit of the school's official site (regulation 004, section 7, п. 6: «аудит (экспертиза) документов,
размещенных на официальных сайтах»): who checked which address on which day, and per item of the checklist
(vsoko/siteaudit/checklist.yaml) what was found. Nothing computed is stored: the share of required items in
place and the list of defects come from the items (vsoko.siteaudit.results)."""

from __future__ import annotations

from django.db import models

from vsoko.records.models import OrgUnit
from vsoko.siteaudit.enums import ItemStatus


class SiteAudit(models.Model):
    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE, related_name="site_audits")
    date = models.DateField("дата проверки")
    auditor = models.CharField("кто проверял (ФИО, должность)", max_length=300)
    site_url = models.URLField("адрес сайта", max_length=300)
    fix_deadline = models.DateField("срок устранения замечаний", null=True, blank=True)
    note = models.TextField("примечание", blank=True)

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
