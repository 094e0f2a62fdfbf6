"""Enumerations of the assessments app (see vsoko/records/enums.py for the package's own)."""

from django.db import models

from vsoko.records.enums import AssessmentKind

# Kinds whose scale has an official minimum: ОГЭ and ГВЭ (Рособрнадзор's minimum primary score), ЕГЭ (the minimum
# test score), итоговое собеседование («зачёт»). ВПР and РДР have none: the lower bound of «3» of their scale is no
# threshold (ru-domain.md §2.3, §3), and the pages show none for them.
KINDS_WITH_MINIMUM = (AssessmentKind.OGE, AssessmentKind.EGE, AssessmentKind.GVE9, AssessmentKind.GVE11,
                      AssessmentKind.INTERVIEW)


class MatchStatus(models.TextChoices):
    MATCHED = "matched", "найден"
    DOUBTFUL = "doubtful", "требует подтверждения"
    MISSING = "missing", "не найден"


class ColumnRole(models.TextChoices):
    """What a column of a results sheet holds; the column-mapping step assigns these."""

    IGNORE = "ignore", "не загружать"
    STUDENT_ID = "student_id", "код обучающегося"
    PARTICIPANT_CODE = "participant_code", "код участника"
    FULL_NAME = "full_name", "ФИО"
    LAST_NAME = "last_name", "фамилия"
    FIRST_NAME = "first_name", "имя"
    MIDDLE_NAME = "middle_name", "отчество"
    CLASS = "class", "класс"
    VARIANT = "variant", "вариант"
    TASK = "task", "задание (баллы)"
    SHORT_ANSWERS = "short_answers", "задания с кратким ответом (строка +-)"
    LONG_ANSWERS = "long_answers", "задания с развёрнутым ответом (баллы по критериям)"
    PRIMARY_SCORE = "primary_score", "первичный балл"
    TEST_SCORE = "test_score", "тестовый балл"
    MARK = "mark", "отметка"
    JOURNAL_MARK = "journal_mark", "отметка по журналу"
    ABSENT = "absent", "отсутствовал / не явился"
    SUBJECT = "subject", "предмет"
    DATE = "date", "дата"
    DOCUMENT = "document", "документ (не загружается)"
    SCHOOL = "school", "ОО (не загружается)"
    OTHER = "other", "служебный (не загружается)"

    @classmethod
    def single(cls) -> list["ColumnRole"]:
        """Roles a layout may give to one column only."""
        return [r for r in cls if r not in (cls.IGNORE, cls.TASK, cls.DOCUMENT, cls.SCHOOL, cls.OTHER)]
