"""Storing one anonymous response: its answers become records before the respondent is thanked.

A response is the answered questions of one respondent; a skipped question stores
nothing (the respondent still counts in the questionnaire's denominator, as the spec
says). The respondent's id is random: it is linked neither to the link nor to the time.
It is drawn when the form is shown and sent back with it (the submission key), so the
same form sent twice — a double tap, or a resend after the network lost the answer to
the first send — is stored once.
The answers, the link's count and the request to recompute the year's values are one
transaction; the recomputation itself runs in the task worker (vsoko.datavalues.refresh).
"""

from __future__ import annotations

import datetime
import re
import secrets
from collections.abc import Mapping

from django.db import IntegrityError, transaction
from django.db.models import F

from vsoko.datavalues.refresh import request_recompute
from vsoko.records.approval import locked_years
from vsoko.records.enums import SurveyChannel
from vsoko.records.models import SurveyAnswer
from vsoko.records.years import year_label
from vsoko.surveys.enums import SurveyStatus
from vsoko.surveys.models import Survey, SurveyLink
from vsoko.surveys.questionnaires import Questionnaire, questionnaires

RESPONDENT_PREFIX = "онлайн-"
SUBMISSION_KEY = re.compile(r"[0-9a-f]{16}")


def new_submission_key() -> str:
    """A random key for one shown form; the stored respondent is RESPONDENT_PREFIX + key."""
    return secrets.token_hex(8)


class ResponseRefused(ValueError):
    """The response cannot be stored; the message, in Russian, says why (and to the respondent)."""


def refusal(survey: Survey, today: datetime.date | None = None) -> str:
    """Why the survey takes no answers now ('' if it does)."""
    # The dates let a respondent holding an old flyer tell «too late» from «too early».
    opens, closes = f"{survey.opens_on:%d.%m.%Y}", f"{survey.closes_on:%d.%m.%Y}"
    status = survey.status(today)
    if survey.closed:
        return (f"Опрос завершён досрочно: школа прекратила приём ответов раньше назначенного срока (с {opens} по "
                f"{closes}). Спасибо за интерес!")
    if status == SurveyStatus.UPCOMING:
        return f"Опрос начнётся {opens} и продлится по {closes} включительно. Откройте эту ссылку в эти дни."
    if status == SurveyStatus.CLOSED:
        return f"Опрос завершён {closes}: ответы принимались с {opens} по {closes} включительно. Спасибо за интерес!"
    if locked_years(survey.school, [survey.year_id]):
        return (f"Опрос завершён: школа утвердила данные {year_label(survey.year_id)} учебного года, ответы больше "
                "не принимаются. Спасибо за интерес!")
    return ""


def check_answers(questionnaire: Questionnaire, *, grade: int | None, answers: Mapping[str, str]) -> dict[str, str]:
    """The answered questions (code -> option text). Raises ResponseRefused for an unknown question or
    option, a grade outside the questionnaire's, or no answer at all. A questionnaire that asks no
    grade (teachers, graduates, employers) takes none: submit() stores its answers without one."""
    if questionnaire.asks_grade and (grade is None or grade not in questionnaire.grade_range):
        first, last = questionnaire.grades
        raise ResponseRefused(f"Укажите класс: от {first} до {last}.")
    given = {}
    for code, answer in answers.items():
        if not answer:
            continue
        question = questionnaire.question(code)
        if question is None:
            raise ResponseRefused(f"В анкете нет вопроса «{code}».")
        if answer not in question.options:
            raise ResponseRefused(f"Ответ «{answer}» на вопрос «{question.text}» не из списка вариантов.")
        given[code] = answer
    if not given:
        raise ResponseRefused("Ответьте хотя бы на один вопрос.")
    return given


def submit(link: SurveyLink, *, grade: int | None, answers: Mapping[str, str], submission: str = "",
           today: datetime.date | None = None) -> str:
    """Store one response through this link; returns the respondent's random id.

    The link's grade, when it has one, is the respondent's grade. Raises ResponseRefused
    (nothing stored) when the survey takes no answers or the answers are not the questionnaire's.
    A response whose submission key is already stored is not stored again (its respondent is
    returned) when it comes with the same answers or with none (a resend); with other answers it is a
    new response under a fresh key (the sent form filled in again). A key not of new_submission_key()'s
    form is replaced by a fresh one.
    """
    survey = link.survey
    reason = refusal(survey, today)
    if reason:
        raise ResponseRefused(reason)
    questionnaire = questionnaires()[survey.questionnaire]
    grade = (link.grade or grade) if questionnaire.asks_grade else None
    key = submission if SUBMISSION_KEY.fullmatch(submission or "") else new_submission_key()
    respondent = RESPONDENT_PREFIX + key
    stored = SurveyAnswer.objects.filter(school=survey.school, year_id=survey.year_id, survey=survey.questionnaire,
                                         respondent=respondent)
    earlier = {(row.question, row.answer, row.grade) for row in stored}
    if earlier and not any(answers.values()):
        return respondent  # the stored form resent without its answers: already counted, nothing to add
    given = check_answers(questionnaire, grade=grade, answers=answers)
    if earlier:
        if earlier == {(code, answer, grade) for code, answer in given.items()}:
            return respondent  # the same form sent again (a double tap, a resend): stored once
        # The sent form filled in anew («Назад» after «Спасибо», for another child): a response of its own.
        respondent = RESPONDENT_PREFIX + new_submission_key()
    try:
        with transaction.atomic():
            SurveyAnswer.objects.bulk_create([
                SurveyAnswer(school=survey.school, year_id=survey.year_id, survey=survey.questionnaire,
                             respondent=respondent, grade=grade, question=code, answer=answer,
                             channel=SurveyChannel.ONLINE)
                for code, answer in given.items()
            ])
            SurveyLink.objects.filter(pk=link.pk).update(responses=F("responses") + 1)
            request_recompute(survey.school, survey.year_id)
    except IntegrityError:
        # The same form's other send was being stored at this very moment (a double tap): it won.
        if SurveyAnswer.objects.filter(school=survey.school, year_id=survey.year_id, survey=survey.questionnaire,
                                       respondent=respondent).exists():
            return respondent
        raise
    return respondent
