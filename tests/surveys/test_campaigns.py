import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.accounts.personas import YEAR
from vsoko.audit.models import AuditEntry
from vsoko.records.enums import Sex
from vsoko.records.models import Enrollment, SchoolClass, Student
from vsoko.surveys.campaigns import Audience, addressed, audience, create_survey, survey_years
from vsoko.surveys.models import Survey, SurveyLink


@pytest.mark.parametrize(("opens_on", "closes_on", "field", "message"), [
    # YEAR is 2024/2025: 1 September 2024 to 31 August 2025.
    (datetime.date(2024, 8, 31), datetime.date(2024, 9, 14), "opens_on",
     "Начало 31.08.2024 — не в 2024/2025 учебном году опроса (01.09.2024–31.08.2025)."),
    (datetime.date(2025, 8, 25), datetime.date(2025, 9, 1), "closes_on",
     "Окончание 01.09.2025 — не в 2024/2025 учебном году опроса (01.09.2024–31.08.2025)."),
])
def test_the_service_refuses_a_survey_whose_dates_are_outside_its_school_year_and_creates_nothing(
        world, opens_on, closes_on, field, message):
    with pytest.raises(ValidationError) as refused:
        create_survey(school=world.school, year=YEAR, questionnaire="parents", title="Родители",
                      opens_on=opens_on, closes_on=closes_on)

    assert refused.value.message_dict == {field: [message]}
    assert not Survey.objects.exists() and not SurveyLink.objects.exists()
    assert not AuditEntry.objects.filter(object_type="survey").exists()


def test_the_service_takes_the_first_and_last_day_of_the_year(world):
    survey = create_survey(school=world.school, year=YEAR, questionnaire="parents", title="Родители",
                           opens_on=datetime.date(2024, 9, 1), closes_on=datetime.date(2025, 8, 31))

    assert (survey.opens_on, survey.closes_on) == (datetime.date(2024, 9, 1), datetime.date(2025, 8, 31))


def next_year_survey(world, questionnaire: str):
    """A survey of 2025/2026, whose class lists and staff are not loaded yet (the personas' data end with 2024)."""
    return create_survey(school=world.school, year=YEAR + 1, questionnaire=questionnaire, title=questionnaire,
                         opens_on=datetime.date(2025, 9, 10), closes_on=datetime.date(2025, 9, 24))


def test_a_survey_of_a_year_without_class_lists_counts_last_years_pupils_a_grade_older(world):
    # 2024/2025: Иванов 5А, Петров 5Б, Сидорова 10А (Орлов left 5Б) and, added here, an 11th grader who graduated.
    eleventh = SchoolClass.objects.create(school=world.school, year_id=YEAR, name="11А", grade=11, letter="А")
    graduate = Student.objects.create(school=world.school, student_id="S-011", last_name="Зайцев", first_name="Ян",
                                      birth_date=datetime.date(2007, 5, 1), sex=Sex.MALE)
    Enrollment.objects.create(school=world.school, year_id=YEAR, student=graduate, school_class=eleventh)

    parents = next_year_survey(world, "parents")  # grades 1–11: last year's 0–10 → Иванов, Петров, Сидорова
    students = next_year_survey(world, "students")  # grades 9–11: last year's 8–10 → Сидорова only
    teachers = next_year_survey(world, "teachers")  # last year's pedagogical staff: Смирнова, Волков

    assert audience(parents) == Audience(3, YEAR)
    assert audience(students) == Audience(1, YEAR)
    assert audience(teachers) == Audience(2, YEAR)
    assert addressed(parents) == 3


def test_a_survey_of_a_year_with_class_lists_counts_its_own_pupils(world):
    survey = create_survey(school=world.school, year=YEAR, questionnaire="parents", title="Родители",
                           opens_on=datetime.date(2024, 10, 1), closes_on=datetime.date(2024, 10, 14))

    assert audience(survey) == Audience(3, YEAR)  # Иванов, Петров, Сидорова; Орлов left


def test_a_survey_with_no_lists_of_its_year_or_the_year_before_has_no_rate(world):
    survey = create_survey(school=world.school, year=YEAR + 2, questionnaire="parents", title="Родители",
                           opens_on=datetime.date(2026, 10, 1), closes_on=datetime.date(2026, 10, 14))

    assert audience(survey) == Audience(0, YEAR + 2)


def test_the_survey_page_says_the_rate_of_a_year_without_lists_is_counted_by_last_years(client, world):
    survey = next_year_survey(world, "parents")
    survey.links.update(responses=1)
    client.force_login(world.users["deputy"])

    html = client.get(reverse("surveys:detail", args=[survey.pk])).content.decode()

    # 1 answer of 3 pupils of 2024/2025 (Иванов, Петров, Сидорова): 33,3 %
    assert ("33,3 % от 3 обучающихся этих классов — оценка по спискам 2024/2025 учебного года (классы на год "
            "старше): списков 2025/2026 учебного года ещё нет") in " ".join(html.split())


def test_in_august_a_survey_of_the_coming_year_can_be_prepared_and_is_listed(client, world, monkeypatch):
    # 20 August 2025: 2024/2025 (with data) ends in eleven days; the September survey belongs to 2025/2026.
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: datetime.date(2025, 8, 20))
    client.force_login(world.users["deputy"])

    form = client.get(reverse("surveys:new")).content.decode()
    client.post(reverse("surveys:new"), {"year": "2025", "questionnaire": "parents", "title": "Родители, сентябрь",
                                         "opens_on": "2025-09-01", "closes_on": "2025-09-14"})
    listed = client.get(reverse("surveys:index")).content.decode()

    assert survey_years([YEAR], datetime.date(2025, 8, 20)) == [2025, 2024]
    assert '<option value="2025">2025/2026</option>' in form
    assert Survey.objects.get().year_id == 2025
    assert "Родители, сентябрь" in listed
