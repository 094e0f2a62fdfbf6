"""Running a survey: creating it with its general link, links per class, closing and reopening.

Every change is written to the audit log. Functions take keyword arguments and save what
they say; views only call them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import NamedTuple

from django.db import transaction
from django.db.models import Count, Q, Sum

from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.records.models import Enrollment, OrgUnit, SchoolClass, SchoolYear, StaffYear
from vsoko.records.years import coming_years, school_year_days, school_year_of
from vsoko.surveys.enums import Respondents
from vsoko.surveys.models import Survey, SurveyLink
from vsoko.surveys.questionnaires import questionnaires

GENERAL_LINK = "все респонденты"


def _audit(user, survey: Survey, what: str, request=None, **details) -> None:
    record(user=user, action=AuditAction.CHANGE, object_type="survey", object_id=str(survey.pk),
           school=survey.school, details={"действие": what, "опрос": survey.title, **details}, request=request)


def year_is_over(year: int, today: datetime.date) -> bool:
    return school_year_days(year)[1] < today


def survey_years(years_with_data: Iterable[int], today: datetime.date) -> list[int]:
    """The years a new survey can run in, latest first: the current school year, whether or not the school has
    loaded its data yet (a survey belongs to its year; its answers make the year's values), the coming year (in
    August, the September survey of the year about to begin: records.years.coming_years), and any year with data
    that is not over (a next year loaded early)."""
    years_with_data = list(years_with_data)
    return sorted({*coming_years(years_with_data, today), school_year_of(today),
                   *(y for y in years_with_data if not year_is_over(y, today))}, reverse=True)


def create_survey(*, school: OrgUnit, year: int, questionnaire: str, title: str, opens_on: datetime.date,
                  closes_on: datetime.date, user=None, request=None) -> Survey:
    """A survey with one general link, where respondents give their grade themselves. ValidationError (nothing
    created) when its dates lie outside its school year: the model's rule (Survey.clean), whoever calls."""
    if questionnaire not in questionnaires():
        raise ValueError(f"нет анкеты с кодом {questionnaire}")
    survey = Survey(school=school, year_id=year, questionnaire=questionnaire, title=title, opens_on=opens_on,
                    closes_on=closes_on, created_by=user)
    survey.clean()
    with transaction.atomic():
        # A new school year may have no row yet: no data of it has been loaded.
        SchoolYear.objects.get_or_create(start=year)
        survey.save()
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
    return _pupils(survey, survey.year_id, questionnaires()[survey.questionnaire].grade_range)


def _pupils(survey: Survey, year: int, grades: Iterable[int]) -> int:
    return Enrollment.objects.filter(school=survey.school, year_id=year, left_on__isnull=True,
                                     school_class__grade__in=list(grades)).count()


class Audience(NamedTuple):
    """How many the survey addresses (None: the records cannot tell), counted by the lists of `year`."""

    count: int | None
    year: int


# Whom a survey's response rate counts, by who answers; graduates of past years and employers are
# not in the records, so their surveys have no rate.
ADDRESSED_LABELS = {
    Respondents.PARENTS: "обучающихся этих классов",
    Respondents.STUDENTS: "обучающихся этих классов",
    Respondents.STAFF: "педагогических работников школы",
}


def audience(survey: Survey) -> Audience:
    """Whom the survey addresses, for its response rate: the pupils of its grades (parents, students), the
    school's pedagogical staff (teachers); None when the records cannot tell (graduates, employers).
    A survey of a year just begun, whose lists are not loaded yet (September), is counted by the lists of the year
    before, the pupils a grade older (last year's 4th grade is this year's 5th; last year's 11th grade has left):
    an estimate the page names as such, rather than no rate at all."""
    questionnaire = questionnaires()[survey.questionnaire]
    year = survey.year_id
    if questionnaire.respondents == Respondents.STAFF:
        staff = StaffYear.objects.filter(school=survey.school, pedagogical=True)
        if not staff.filter(year_id=year).exists() and staff.filter(year_id=year - 1).exists():
            year -= 1
        return Audience(staff.filter(year_id=year).count(), year)
    if not questionnaire.asks_grade:
        return Audience(None, year)
    grades = questionnaire.grade_range
    if not Enrollment.objects.filter(school=survey.school, year_id=year).exists() and \
            Enrollment.objects.filter(school=survey.school, year_id=year - 1).exists():
        return Audience(_pupils(survey, year - 1, [grade - 1 for grade in grades]), year - 1)
    return Audience(_pupils(survey, year, grades), year)


def addressed(survey: Survey) -> int | None:
    """How many the survey addresses (audience)."""
    return audience(survey).count
