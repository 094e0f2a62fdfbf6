"""Running a survey: creating it with its general link, links per class, closing and reopening.

Every change is written to the audit log. Functions take keyword arguments and save what
they say; views only call them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, Q, Sum

from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.records.models import Enrollment, OrgUnit, SchoolClass, SchoolYear, StaffYear
from vsoko.surveys.enums import Respondents
from vsoko.surveys.models import Survey, SurveyLink
from vsoko.surveys.questionnaires import questionnaires

GENERAL_LINK = "все респонденты"


def _audit(user, survey: Survey, what: str, request=None, **details) -> None:
    record(user=user, action=AuditAction.CHANGE, object_type="survey", object_id=str(survey.pk),
           school=survey.school, details={"действие": what, "опрос": survey.title, **details}, request=request)


def school_year_of(day: datetime.date) -> int:
    """The start of the school year that `day` falls in (1 September to 31 August)."""
    return day.year if day.month >= 9 else day.year - 1


def year_is_over(year: int, today: datetime.date) -> bool:
    return datetime.date(year + 1, 8, 31) < today


def survey_years(years_with_data: Iterable[int], today: datetime.date) -> list[int]:
    """The years a new survey can run in, latest first: the current school year, whether or not the school has
    loaded its data yet (a survey belongs to its year; its answers make the year's values), and any year with
    data that is not over (a next year loaded early)."""
    return sorted({school_year_of(today)} | {y for y in years_with_data if not year_is_over(y, today)},
                  reverse=True)


def create_survey(*, school: OrgUnit, year: int, questionnaire: str, title: str, opens_on: datetime.date,
                  closes_on: datetime.date, user=None, request=None) -> Survey:
    """A survey with one general link, where respondents give their grade themselves."""
    if questionnaire not in questionnaires():
        raise ValueError(f"нет анкеты с кодом {questionnaire}")
    with transaction.atomic():
        # A new school year may have no row yet: no data of it has been loaded.
        SchoolYear.objects.get_or_create(start=year)
        survey = Survey.objects.create(school=school, year_id=year, questionnaire=questionnaire, title=title,
                                       opens_on=opens_on, closes_on=closes_on, created_by=user)
        SurveyLink.objects.create(survey=survey, label=GENERAL_LINK)
        _audit(user, survey, "создан опрос", request, анкета=questionnaire)
    return survey


def add_class_links(*, survey: Survey, user=None, request=None) -> list[SurveyLink]:
    """A link for each class of the survey's year and grades that has none yet, its grade fixed and its
    expected responses the class's pupils who have not left (one per pupil, or per pupil's family for parents).
    A questionnaire that asks no grade has no grades, so none."""
    grades = questionnaires()[survey.questionnaire].grade_range
    if not grades:
        return []
    classes = (
        SchoolClass.objects.filter(school=survey.school, year_id=survey.year_id, grade__in=list(grades))
        .annotate(pupils=Count("enrollments", filter=Q(enrollments__left_on__isnull=True))).order_by("grade", "name")
    )
    taken = set(survey.links.values_list("label", flat=True))
    created = []
    with transaction.atomic():
        for school_class in classes:
            if school_class.name in taken:
                continue
            created.append(SurveyLink.objects.create(survey=survey, label=school_class.name, grade=school_class.grade,
                                                     expected=school_class.pupils or None))
        if created:
            _audit(user, survey, "добавлены ссылки по классам", request, ссылок=len(created))
    return created


def has_classes(survey: Survey) -> bool:
    """Whether the records have classes of the survey's year and grades (a year just begun may have none yet)."""
    grades = questionnaires()[survey.questionnaire].grade_range
    return bool(grades) and SchoolClass.objects.filter(school=survey.school, year_id=survey.year_id,
                                                       grade__in=list(grades)).exists()


def set_closed(*, survey: Survey, closed: bool, user=None, request=None) -> None:
    """Close a survey before its last day (no more answers), or reopen it."""
    Survey.objects.filter(pk=survey.pk).update(closed=closed)
    survey.closed = closed
    _audit(user, survey, "опрос завершён досрочно" if closed else "опрос открыт снова", request)


def set_closes_on(*, survey: Survey, closes_on: datetime.date, user=None, request=None) -> None:
    """Move a survey's last day (extend it, or end it sooner)."""
    before = survey.closes_on
    Survey.objects.filter(pk=survey.pk).update(closes_on=closes_on)
    survey.closes_on = closes_on
    _audit(user, survey, "изменён срок окончания", request, было=f"{before:%d.%m.%Y}", стало=f"{closes_on:%d.%m.%Y}")


def open_surveys(schools: Iterable[OrgUnit], today: datetime.date) -> list[Survey]:
    """Surveys taking answers today (by their dates; closed ones left out), with `answered` (one query)."""
    return list(
        Survey.objects.filter(school__in=schools, closed=False, opens_on__lte=today, closes_on__gte=today)
        .annotate(answered=Sum("links__responses")).order_by("closes_on", "pk")
    )


def enrolled_in_grades(survey: Survey) -> int:
    """Pupils of the survey's year in the questionnaire's grades: whom a survey of the whole school addresses."""
    grades = questionnaires()[survey.questionnaire].grade_range
    return Enrollment.objects.filter(school=survey.school, year_id=survey.year_id, left_on__isnull=True,
                                     school_class__grade__in=list(grades)).count()


# Whom a survey's response rate counts, by who answers; graduates of past years and employers are
# not in the records, so their surveys have no rate.
ADDRESSED_LABELS = {
    Respondents.PARENTS: "обучающихся этих классов",
    Respondents.STUDENTS: "обучающихся этих классов",
    Respondents.STAFF: "педагогических работников школы",
}


def addressed(survey: Survey) -> int | None:
    """Whom the survey addresses, for its response rate: the pupils of its grades (parents, students), the
    school's pedagogical staff of the year (teachers); None when the records cannot tell (graduates, employers)."""
    questionnaire = questionnaires()[survey.questionnaire]
    if questionnaire.respondents == Respondents.STAFF:
        return StaffYear.objects.filter(school=survey.school, year_id=survey.year_id, pedagogical=True).count()
    if questionnaire.asks_grade:
        return enrolled_in_grades(survey)
    return None
