from django.db import models


class VisitKind(models.TextChoices):
    """What was visited (regulation 000, п. 1.16: «посещение уроков и внеклассных мероприятий»)."""

    LESSON = "lesson", "урок"
    EXTRACURRICULAR = "extracurricular", "внеурочное занятие"
    EVENT = "event", "внеклассное мероприятие"

    @classmethod
    def with_class(cls) -> list["VisitKind"]:
        """Kinds held with one class: the class is required for them."""
        return [cls.LESSON, cls.EXTRACURRICULAR]


class VisitPurpose(models.TextChoices):
    """Why the lesson was visited: the usual kinds of внутришкольный контроль (regulation 000, п. 1.15:
    «система контрольно-инспекционной деятельности»)."""

    FRONTAL = "frontal", "фронтальный контроль"
    THEMATIC = "thematic", "тематический контроль"
    PERSONAL = "personal", "персональный контроль"
    CLASS_GENERAL = "class_general", "классно-обобщающий контроль"
    NEWCOMER = "newcomer", "адаптация молодого специалиста"
    GIA = "gia", "подготовка к ГИА"
    OTHER = "other", "другое"


class LessonLevel(models.TextChoices):
    """The lesson's level by its total score (vsoko.observations.criteria.level_of)."""

    HIGH = "high", "высокий"
    SUFFICIENT = "sufficient", "достаточный"
    LOW = "low", "низкий"
