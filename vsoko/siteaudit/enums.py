from django.db import models


class ItemStatus(models.TextChoices):
    """What the auditor found for one item of the checklist. «Не требуется» (no paid services, say) leaves the
    item out of the share; «устарело» is a defect as «не размещено» is."""

    PLACED = "placed", "размещено"
    MISSING = "missing", "не размещено"
    OUTDATED = "outdated", "устарело"
    NOT_REQUIRED = "not_required", "не требуется"


DEFECTS = (ItemStatus.MISSING, ItemStatus.OUTDATED)
