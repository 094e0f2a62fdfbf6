from django.db import models


class AnswerStatus(models.TextChoices):
    """Where a recipient's answer stands. Sent answers are read-only until the sender returns one."""

    NEW = "new", "не начат"
    DRAFT = "draft", "черновик"
    RETURNED = "returned", "на доработке"
    SENT = "sent", "отправлен"

    @property
    def open(self) -> bool:
        """The recipient still has to answer (the overview's notice, «просрочено» after the deadline)."""
        return self != AnswerStatus.SENT

    @property
    def badge(self) -> str:
        return {"new": "badge--muted", "draft": "badge--warning", "returned": "badge--invalid",
                "sent": "badge--ok"}[self.value]
