"""Requests and questionnaires of the education authorities (regulation 004, items 7.8–7.11).

An `Inquiry` is sent by a municipality (to its schools) or a region (to its municipalities) with one of the
forms of forms.yaml; each recipient gets an `InquiryAnswer`, which it fills as a draft and sends. The answers
are counts, shares and assessments of the org unit, never about a person.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from vsoko.inquiries.enums import AnswerStatus
from vsoko.records.models import OrgUnit, SchoolYear


class Inquiry(models.Model):
    sender = models.ForeignKey(OrgUnit, verbose_name="кто направил", on_delete=models.CASCADE,
                               related_name="inquiries_sent")
    form = models.CharField("форма", max_length=50)
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    title = models.CharField("название", max_length=200)
    text = models.TextField("сопроводительный текст", blank=True)
    deadline = models.DateField("срок ответа")
    created = models.DateTimeField("направлен", auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="направил", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    # the token of the confirmation «Отправить запрос …?» it was sent from: «Отправить» clicked twice sends it once
    confirmation = models.CharField("проверка перед отправкой", max_length=40, blank=True, default="")

    class Meta:
        verbose_name = "запрос"
        verbose_name_plural = "запросы"
        ordering = ["-created"]
        constraints = [models.UniqueConstraint(fields=["confirmation"], condition=~models.Q(confirmation=""),
                                               name="inquiry_confirmation_once")]

    def __str__(self) -> str:
        return self.title


class InquiryAnswer(models.Model):
    inquiry = models.ForeignKey(Inquiry, verbose_name="запрос", on_delete=models.CASCADE, related_name="answers")
    recipient = models.ForeignKey(OrgUnit, verbose_name="кому", on_delete=models.CASCADE,
                                  related_name="inquiry_answers")
    status = models.CharField("состояние", max_length=20, choices=AnswerStatus.choices, default=AnswerStatus.NEW)
    values = models.JSONField("ответы", default=dict, blank=True)  # field key → number text, option or text
    updated = models.DateTimeField("изменён", null=True, blank=True)
    sent_at = models.DateTimeField("отправлен", null=True, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="отправил", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    return_comment = models.TextField("замечание при возврате", blank=True)
    # «Напомнить просрочившим»: no e-mail — the recipient reads it on the overview and the answer's page
    reminded_at = models.DateTimeField("напомнено", null=True, blank=True)

    class Meta:
        verbose_name = "ответ на запрос"
        verbose_name_plural = "ответы на запросы"
        constraints = [models.UniqueConstraint(fields=["inquiry", "recipient"], name="inquiry_answer_unique")]
        indexes = [models.Index(fields=["recipient", "status"])]

    def __str__(self) -> str:
        return f"{self.inquiry} — {self.recipient}"
