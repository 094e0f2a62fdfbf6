from django.db import models


class CriterionGroup(models.TextChoices):
    """The groups of the оценочный лист, in the order of the sheet."""

    LEARNING = "learning", "Результаты обучения"
    EXTRACURRICULAR = "extracurricular", "Внеурочная деятельность и олимпиады"
    METHODICAL = "methodical", "Методическая работа и профессиональное развитие"
    CLASS_TEACHER = "class_teacher", "Классное руководство"


class CriterionKind(models.TextChoices):
    """Who gives the points: computed from the school's records (the teacher only comments), or declared by
    the teacher with evidence and checked by the commission."""

    COMPUTED = "computed", "рассчитывается по данным"
    DECLARED = "declared", "заявляет педагог"


class PeriodStatus(models.TextChoices):
    OPEN = "open", "открыт"
    CLOSED = "closed", "завершён"


class SheetStatus(models.TextChoices):
    DRAFT = "draft", "черновик"
    SUBMITTED = "submitted", "подан на проверку"
    RETURNED = "returned", "возвращён на доработку"
    CONFIRMED = "confirmed", "подтверждён комиссией"

    @classmethod
    def editable_by_teacher(cls) -> list["SheetStatus"]:
        return [cls.DRAFT, cls.RETURNED]


class SheetAction(models.TextChoices):
    """The buttons of a sheet's page (the `action` of its POST); the label is what the page says when it is done
    and what the audit log records."""

    SAVE = "save", "Лист сохранён."
    SUBMIT = "submit", "Лист подан на проверку комиссии."
    REVIEW = "review", "Баллы комиссии сохранены."
    CONFIRM = "confirm", "Лист подтверждён."
    RETURN = "return", "Лист возвращён педагогу на доработку."

    @classmethod
    def commission(cls) -> list["SheetAction"]:
        """The commission's actions: never on a member's own sheet."""
        return [cls.REVIEW, cls.CONFIRM, cls.RETURN]


class PeriodAction(models.TextChoices):
    """The buttons of the period's page; the label, as in SheetAction."""

    SAVE = "save", "Сохранены фонд и протокол."
    RECOMPUTE = "recompute", "Пересчитаны критерии по данным школы."
    CLOSE = "close", "Рейтинг завершён."
    REOPEN = "reopen", "Рейтинг открыт снова."
