from django.db import models


class ReportKind(models.TextChoices):
    ANALYTIC = "analytic", "Аналитическая справка"
    SELF_EXAM = "self-exam", "Отчёт о самообследовании"
    PUBLIC = "public", "Публичный доклад"
    PLAN = "plan", "План-график мониторинга"
    PERIOD_RESULTS = "period-results", "Справка об итогах периода"
    SCHEDULE = "schedule", "График оценочных процедур"
    SUPPORT = "support", "Отчёт о работе с неуспевающими"


class Format(models.TextChoices):
    """An output format, named by the file's extension."""

    DOCX = "docx", "Word (.docx)"
    XLSX = "xlsx", "Excel (.xlsx)"
    HTML = "html", "веб-страница (.html)"
    PDF = "pdf", "PDF (.pdf)"
