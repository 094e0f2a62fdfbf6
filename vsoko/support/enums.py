from django.db import models


class Reason(models.TextChoices):
    """Why a pupil is supported: the signal of vsoko.support.risk, or the deputy's own judgement."""

    FAILING = "failing", "неуспеваемость по итогам периода"
    ASSESSMENT_TWO = "assessment_two", "«2» за оценочную процедуру"
    NOT_ASSESSED = "not_assessed", "не аттестован"
    CONDITIONAL = "conditional", "условный перевод"
    REPEATING = "repeating", "повторное обучение"
    OTHER = "other", "другое"


class CaseStatus(models.TextChoices):
    OPEN = "open", "сопровождение идёт"
    SUCCEEDED = "succeeded", "закрыто: успевает"
    FAILED = "failed", "закрыто: не успевает"
    TRANSFERRED = "transferred", "переведён в другую школу"

    @classmethod
    def closed(cls) -> list["CaseStatus"]:
        return [cls.SUCCEEDED, cls.FAILED, cls.TRANSFERRED]


class MeasureKind(models.TextChoices):
    LESSONS = "lessons", "дополнительные занятия"
    CONSULTATIONS = "consultations", "консультации"
    ROUTE = "route", "индивидуальный образовательный маршрут"
    PARENTS = "parents", "беседа с родителями"
    COUNCIL = "council", "психолого-педагогический консилиум"
    ATTENDANCE = "attendance", "контроль посещаемости"
    OTHER = "other", "другое"


class Verdict(models.TextChoices):
    """The case's subject (or all subjects) at the end of the period after the one it was opened in."""

    FIXED = "fixed", "исправил(а)"
    NOT_FIXED = "not_fixed", "не исправил(а)"
    NO_MARKS = "no_marks", "нет отметок"
    NO_NEXT = "no_next", "следующего периода нет"
