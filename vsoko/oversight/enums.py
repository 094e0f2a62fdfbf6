from django.db import models


class CredentialKind(models.TextChoices):
    """The two permits the regulation names among the procedure's content (regulation 000, п. 4.4.2:
    «результаты лицензирования и государственной аккредитации»)."""

    LICENCE = "licence", "лицензия на осуществление образовательной деятельности"
    ACCREDITATION = "accreditation", "государственная аккредитация"


class Body(models.TextChoices):
    """Who inspected the school."""

    EDUCATION = "education", "Рособрнадзор / региональный орган надзора в сфере образования"
    CONSUMER = "consumer", "Роспотребнадзор"
    FIRE = "fire", "Госпожнадзор МЧС"
    PROSECUTOR = "prosecutor", "прокуратура"
    FOUNDER = "founder", "учредитель"
    OTHER = "other", "иное"


class InspectionKind(models.TextChoices):
    PLANNED = "planned", "плановая проверка"
    UNPLANNED = "unplanned", "внеплановая проверка"
    PREVENTIVE = "preventive", "профилактический визит"


class InspectionResult(models.TextChoices):
    CLEAN = "clean", "нарушений нет"
    VIOLATIONS = "violations", "выявлены нарушения"


class Progress(models.TextChoices):
    """Where a finding (or a measure of the НОКО improvement plan) stands: computed from the day it was done and
    its deadline, never stored — «просрочено» changes by itself when the deadline passes."""

    OPEN = "open", "устраняется"
    DONE = "done", "устранено"
    OVERDUE = "overdue", "просрочено"


class Represents(models.TextChoices):
    """Whom a public observer or expert represents (regulation 000, п. 5.2: «общественности и профессиональных
    объединений в качестве экспертов»)."""

    PARENTS = "parents", "родительская общественность"
    COUNCIL = "council", "управляющий совет"
    PROFESSIONAL = "professional", "профессиональное сообщество"
    OTHER = "other", "иное"


class ParticipationRole(models.TextChoices):
    OBSERVER = "observer", "общественный наблюдатель"
    EXPERT = "expert", "общественный эксперт"
