from django.db import models


class ItemStatus(models.TextChoices):
    """What the auditor found for one item of the checklist. «Не требуется» (no paid services, say) leaves the
    item out of the share; «устарело» is a defect as «не размещено» is."""

    PLACED = "placed", "размещено"
    MISSING = "missing", "не размещено"
    OUTDATED = "outdated", "устарело"
    NOT_REQUIRED = "not_required", "не требуется"


DEFECTS = (ItemStatus.MISSING, ItemStatus.OUTDATED)


class AuditMethod(models.TextChoices):
    """How the audit's statuses were found: by hand, or pre-filled by «Проверить сайт автоматически» and
    confirmed by the auditor (the municipal summary shows which)."""

    MANUAL = "manual", "вручную"
    AUTOMATIC = "automatic", "с автопроверкой"


class CheckStatus(models.TextChoices):
    """Where a queued «Проверить сайт автоматически» stands."""

    QUEUED = "queued", "в очереди"
    RUNNING = "running", "идёт проверка"
    DONE = "done", "проверено"
    FAILED = "failed", "не удалось"

    @classmethod
    def finished(cls) -> tuple[str, ...]:
        return (cls.DONE, cls.FAILED)
