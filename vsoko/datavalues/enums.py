"""Enumerations of the data-value store."""

from django.db import models


class Source(models.TextChoices):
    COMPUTED = "computed", "вычислено из записей"
    ENTERED = "entered", "введено вручную"
    IMPORTED = "imported", "загружено агрегатом"
    BENCHMARK = "benchmark", "значение для сравнения"

    @classmethod
    def own(cls) -> list["Source"]:
        """Sources that make up an org unit's own values (benchmarks are read separately)."""
        return [cls.COMPUTED, cls.ENTERED, cls.IMPORTED]
