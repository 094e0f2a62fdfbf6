from enum import StrEnum

from django.db import models


class ColumnType(StrEnum):
    """How a cell of the data package is read (spec/data-format.md, "Values")."""

    TEXT = "text"
    DATE = "date"
    BOOL = "bool"
    INT = "int"
    DECIMAL = "decimal"
    ENUM = "enum"
    CLASS = "class"
    YEAR = "year"
    LIST = "list"
    TYPED = "typed"  # read by the meaning of its row: a `values` cell by its indicator's unit, as the entry form


class ImportStatus(models.TextChoices):
    CHECKED = "checked", "проверен, ждёт подтверждения"
    INVALID = "invalid", "есть ошибки"
    QUEUED = "queued", "в очереди"
    RUNNING = "running", "загружается"
    DONE = "done", "загружен"
    FAILED = "failed", "сбой"

    @classmethod
    def finished(cls) -> list["ImportStatus"]:
        return [cls.INVALID, cls.DONE, cls.FAILED]
