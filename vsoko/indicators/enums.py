"""Enumerations of indicator catalogs (docs/indicators.md, "Catalog file format")."""

from django.db import models


class Unit(models.TextChoices):
    PERCENT = "percent", "%"
    COUNT = "count", "чел./ед."
    SCORE = "score", "балл"
    MARK = "mark", "отметка"
    RATIO = "ratio", "отношение"
    BOOL = "bool", "да/нет"
    NUMBER = "number", "число"
    AREA = "area", "кв. м"
    MONEY = "money", "руб."
    HOURS = "hours", "ч"
    TEXT = "text", "текст"

    @classmethod
    def additive(cls) -> list["Unit"]:
        """Units whose entered values add up across schools."""
        return [cls.COUNT, cls.AREA, cls.MONEY, cls.HOURS, cls.BOOL]


class Direction(models.TextChoices):
    UP = "up", "больше — лучше"
    DOWN = "down", "меньше — лучше"
    NONE = "none", "не оценивается"


class Method(models.TextChoices):
    COMPUTED = "computed", "вычисляется"
    ENTERED = "entered", "вводится вручную"


class Periodicity(models.TextChoices):
    YEAR = "year", "ежегодно"
    TERM = "term", "по учебным периодам"
    MONTH = "month", "ежемесячно"
    ONCE = "once", "однократно"
    EVENT = "event", "по мере проведения"
    CONTINUOUS = "continuous", "постоянно"


class Status(models.TextChoices):
    """An indicator's value against its target or a benchmark."""

    MET = "met", "цель достигнута"
    NOT_MET = "not_met", "цель не достигнута"
    BETTER = "better", "лучше"
    WORSE = "worse", "хуже"
    EQUAL = "equal", "на том же уровне"
    NOT_JUDGED = "not_judged", "без оценки"
    UNKNOWN = "unknown", "нет данных"
