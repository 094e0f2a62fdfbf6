from django.db import models


class QualityLevel(models.IntegerChoices):
    """The quality levels of the federal МКДО approach. NOT_RATED is an explicit «не оценивался»: kept so that the
    form records that the indicator was looked at and left out, and excluded from every mean and share."""

    NOT_RATED = 0, "не оценивался"
    BELOW_BASE = 1, "1 — ниже базового (требования не выполняются)"
    BASE = 2, "2 — базовый (соответствует требованиям ФГОС ДО)"
    GOOD = 3, "3 — хороший"
    EXCELLENT = 4, "4 — превосходный"

    @classmethod
    def rated(cls) -> list["QualityLevel"]:
        return [level for level in cls if level != cls.NOT_RATED]
