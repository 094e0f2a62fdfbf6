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
