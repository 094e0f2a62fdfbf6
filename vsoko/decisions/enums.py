from django.db import models


class Basis(models.TextChoices):
    """What a decision was taken on the grounds of (regulation 000, п. 4.19: monitoring results are the basis
    of administrative decisions)."""

    INDICATOR = "indicator", "значение показателя"
    RISK_FLAG = "risk_flag", "флаг риска (признак необъективности)"
    PLAN_ITEM = "plan_item", "пункт плана мониторинга"
    REPORT = "report", "отчёт или аналитическая справка"
    OTHER = "other", "другое"


class Body(models.TextChoices):
    """Where a decision was adopted: the bodies of the school's quality assessment (regulation 000, п. 3.1: the
    pedagogical and methodical councils, the subject teachers' methodical associations, temporary structures such
    as the pedagogical consilium; п. 4.11: the level of the school council), the director, or elsewhere."""

    TEACHERS_COUNCIL = "teachers_council", "педагогический совет"
    SCHOOL_COUNCIL = "school_council", "Совет школы"
    METHODICAL_COUNCIL = "methodical_council", "методический совет"
    SUBJECT_ASSOCIATION = "subject_association", "заседание методического объединения"
    CONSILIUM = "consilium", "педагогический консилиум"
    DIRECTORS_MEETING = "directors_meeting", "совещание при директоре"
    ORDER = "order", "приказ директора"
    OTHER = "other", "другое"


class DecisionStatus(models.TextChoices):
    PLANNED = "planned", "запланировано"
    IN_PROGRESS = "in_progress", "выполняется"
    DONE = "done", "выполнено"
    FAILED = "failed", "не выполнено"
    CANCELLED = "cancelled", "отменено"

    @classmethod
    def open(cls) -> list["DecisionStatus"]:
        """Statuses of a decision still to be carried out: only these can be overdue."""
        return [cls.PLANNED, cls.IN_PROGRESS]


class Verdict(models.TextChoices):
    """How a linked indicator moved from the decision's year to the next (vsoko.decisions.effect)."""

    IMPROVED = "improved", "улучшение"
    UNCHANGED = "unchanged", "без изменений"
    WORSENED = "worsened", "ухудшение"
    NOT_JUDGED = "not_judged", "не оценивается (направление не задано)"
    NO_DATA = "no_data", "нет данных"
