import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.accounts.personas import YEAR
from vsoko.audit.models import AuditEntry
from vsoko.datavalues.compute import recompute
from vsoko.records.models import SurveyAnswer
from vsoko.surveys.campaigns import create_survey
from vsoko.surveys.models import Survey
from vsoko.surveys.questionnaires import questionnaires

pytestmark = pytest.mark.django_db

FULL, UNSURE = "полностью удовлетворен", "затрудняюсь ответить"


@pytest.fixture
def deputy(world):
    return world.users["deputy"]


@pytest.fixture
def open_survey(world, autumn_2024):
    """Open today (20 September 2024 for the pages), in the world's year: its dates lie in that year."""
    today = timezone.localdate()
    return create_survey(school=world.school, year=YEAR, questionnaire="parents", title="Родители",
                         opens_on=today - datetime.timedelta(days=1), closes_on=today + datetime.timedelta(days=7))


@pytest.fixture
def autumn_2024(monkeypatch):
    """Today is 20 September 2024, inside the personas' 2024/2025 year: a new survey can still be answered."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: datetime.date(2024, 9, 20))


def respond_url(survey, **query):
    url = reverse("survey_form:respond", args=[survey.links.get(grade=None).token])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_deputy_creates_a_survey_and_it_is_audited(client, world, deputy, autumn_2024):
    client.force_login(deputy)

    response = client.post(reverse("surveys:new"), {"year": "2024", "questionnaire": "students", "title": "",
                                                    "opens_on": "2024-10-01", "closes_on": "2024-10-20"})

    survey = Survey.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("surveys:detail", args=[survey.pk])
    assert (survey.title, survey.year_id, survey.school) == ("Удовлетворённость обучающихся качеством образования",
                                                             YEAR, world.school)
    assert survey.links.count() == 1
    assert AuditEntry.objects.filter(object_type="survey", object_id=str(survey.pk), user=deputy).exists()


@pytest.mark.parametrize(("opens_on", "closes_on", "message"), [
    ("2024-10-20", "2024-10-01", "Окончание не может быть раньше начала"),
    ("2023-10-01", "2023-10-20", "Начало 01.10.2023 — не в 2024/2025 учебном году опроса (01.09.2024–31.08.2025)"),
    ("2024-09-01", "2024-09-19", "Окончание 19.09.2024 уже прошло: по такому опросу никто не сможет ответить"),
    # a survey of 2024/2025 cannot take answers in September 2025: they would belong to 2025/2026
    ("2025-08-20", "2025-09-10", "Окончание 10.09.2025 — не в 2024/2025 учебном году опроса (01.09.2024–31.08.2025)"),
])
def test_wrong_dates_are_refused_and_nothing_is_created(client, deputy, opens_on, closes_on, message, autumn_2024):
    client.force_login(deputy)

    response = client.post(reverse("surveys:new"), {"year": "2024", "questionnaire": "parents",
                                                    "opens_on": opens_on, "closes_on": closes_on})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Survey.objects.exists()


@pytest.mark.parametrize(("opens_on", "closes_on", "field", "message"), [
    (datetime.date(2024, 8, 20), datetime.date(2024, 9, 10), "opens_on",
     "Начало 20.08.2024 — не в 2024/2025 учебном году опроса (01.09.2024–31.08.2025)."),
    (datetime.date(2025, 8, 1), datetime.date(2025, 9, 10), "closes_on",
     "Окончание 10.09.2025 — не в 2024/2025 учебном году опроса (01.09.2024–31.08.2025)."),
])
def test_the_model_refuses_a_survey_whose_dates_are_outside_its_school_year(world, opens_on, closes_on, field,
                                                                           message):
    survey = Survey(school=world.school, year_id=YEAR, questionnaire="parents", title="Родители",
                    opens_on=opens_on, closes_on=closes_on)

    with pytest.raises(ValidationError) as refused:
        survey.full_clean()

    assert refused.value.message_dict == {field: [message]}


def test_a_parent_answers_on_the_link_without_logging_in(client, open_survey, django_capture_on_commit_callbacks):
    page = client.get(respond_url(open_survey))
    assert page.status_code == 200
    html = page.content.decode()
    assert "В каком классе учится ваш ребёнок?" in html and "Насколько вы удовлетворены школой в целом?" in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(respond_url(open_survey), {"grade": "4", "q_overall": FULL, "q_safety": UNSURE})

    assert response.status_code == 302
    assert response["Location"] == reverse("survey_form:thanks", args=[open_survey.links.get().token])
    assert sorted(SurveyAnswer.objects.values_list("question", "answer", "grade")) == [
        ("overall", FULL, 4), ("safety", UNSURE, 4)]
    thanks = client.get(response["Location"]).content.decode()
    assert "Ваши ответы сохранены" in thanks and "за другого ребёнка" in thanks
    # The same browser is told it has answered, and may answer again for another child.
    assert "Вы уже ответили" in client.get(respond_url(open_survey)).content.decode()
    assert "Отправить ответы" in client.get(respond_url(open_survey, again=1)).content.decode()


def test_the_same_form_posted_twice_stores_one_response(client, open_survey, django_capture_on_commit_callbacks):
    # The parent taps «Отправить» twice, or resends after the network lost the first answer.
    html = client.get(respond_url(open_survey)).content.decode()
    key = re.search(r'name="submission" value="([0-9a-f]{16})"', html).group(1)
    data = {"submission": key, "grade": "4", "q_overall": FULL, "q_safety": UNSURE}

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(respond_url(open_survey), data)
        second = client.post(respond_url(open_survey), data)

    assert first.status_code == second.status_code == 302
    assert second["Location"] == reverse("survey_form:thanks", args=[open_survey.links.get().token])
    assert SurveyAnswer.objects.count() == 2
    assert open_survey.links.get().responses == 1
    # A new form (another child) gets a new key.
    again = client.get(respond_url(open_survey, again=1)).content.decode()
    assert 'name="submission"' in again and key not in again


def test_a_stored_form_resent_with_no_answers_is_thanked_and_counted_once(client, deputy, open_survey,
                                                                           django_capture_on_commit_callbacks):
    html = client.get(respond_url(open_survey)).content.decode()
    key = re.search(r'name="submission" value="([0-9a-f]{16})"', html).group(1)

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(respond_url(open_survey), {"submission": key, "grade": "4", "q_overall": FULL})
        resent = client.post(respond_url(open_survey), {"submission": key, "grade": "4"})
    client.force_login(deputy)
    page = client.get(reverse("surveys:detail", args=[open_survey.pk])).content.decode()

    assert first.status_code == resent.status_code == 302
    assert open_survey.links.get().responses == 1
    assert re.search(r"<dd class=\"stat__value\">1</dd>\s*<dd class=\"stat__note\">", page)


def test_the_respondents_pages_do_not_lead_a_parent_to_the_staff_login(client, open_survey):
    # The logo linked to «/», which sends a parent without an account to the login form.
    form = client.get(respond_url(open_survey)).content.decode()
    thanks = client.get(reverse("survey_form:thanks", args=[open_survey.links.get().token])).content.decode()

    assert 'href="/"' not in form and 'href="/"' not in thanks
    assert "ВСОКО" in form


def test_an_empty_response_gets_a_clear_error_and_stores_nothing(client, open_survey):
    response = client.post(respond_url(open_survey), {"grade": "4"})

    assert response.status_code == 400
    assert "Ответьте хотя бы на один вопрос" in response.content.decode()
    assert not SurveyAnswer.objects.exists()


def test_a_response_without_the_grade_names_the_missing_field(client, open_survey):
    response = client.post(respond_url(open_survey), {"q_overall": FULL})

    assert response.status_code == 400
    assert "Укажите класс" in response.content.decode()
    assert not SurveyAnswer.objects.exists()


def test_a_closed_survey_says_so_and_takes_nothing(client, deputy, open_survey):
    client.force_login(deputy)
    client.post(reverse("surveys:close", args=[open_survey.pk]), {"action": "close"})
    client.logout()

    page = client.get(respond_url(open_survey))
    client.post(respond_url(open_survey), {"grade": "4", "q_overall": FULL})

    assert "Опрос завершён" in page.content.decode()
    assert not SurveyAnswer.objects.exists()


def test_an_unknown_link_is_404(client, db):
    assert client.get(reverse("survey_form:respond", args=["no-such-token"])).status_code == 404


def test_the_survey_page_shows_links_counts_and_the_summary(client, deputy, open_survey,
                                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for grade, answer in [(5, FULL), (5, FULL), (6, UNSURE)]:
            client.post(respond_url(open_survey, again=1), {"grade": str(grade), "q_overall": answer})
    client.force_login(deputy)
    client.post(reverse("surveys:class_links", args=[open_survey.pk]))

    html = client.get(reverse("surveys:detail", args=[open_survey.pk])).content.decode()

    assert f"/s/{open_survey.links.get(grade=None).token}/" in html
    assert "5А" in html and "10А" in html  # class links
    assert "Удовлетворены: 66,7 %" in html  # 2 of 3
    assert "скрыто*" not in html  # one band only: no breakdown shown


def test_the_printable_sheet_has_the_link_and_its_qr_code(client, deputy, open_survey):
    client.force_login(deputy)
    link = open_survey.links.get()

    html = client.get(reverse("surveys:flyer", args=[open_survey.pk, link.pk])).content.decode()

    assert f"http://testserver/s/{link.token}/" in html
    assert "<svg" in html


def test_links_and_qr_codes_use_the_public_address_when_set(client, deputy, open_survey, settings):
    settings.VSOKO_PUBLIC_URL = "https://vsoko.school12.ru"
    client.force_login(deputy)
    link = open_survey.links.get()

    page = client.get(reverse("surveys:detail", args=[open_survey.pk])).content.decode()
    flyer = client.get(reverse("surveys:flyer", args=[open_survey.pk, link.pk])).content.decode()

    assert f"https://vsoko.school12.ru/s/{link.token}/" in page
    assert f"https://vsoko.school12.ru/s/{link.token}/" in flyer
    assert "testserver" not in page and "на этот компьютер" not in page


def test_a_survey_opened_on_this_computer_warns_that_its_links_lead_nowhere(client, deputy, open_survey, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    client.force_login(deputy)
    link = open_survey.links.get()

    page = client.get(reverse("surveys:detail", args=[open_survey.pk]), HTTP_HOST="127.0.0.1:8000").content.decode()
    flyer = client.get(reverse("surveys:flyer", args=[open_survey.pk, link.pk]), HTTP_HOST="127.0.0.1:8000")
    elsewhere = client.get(reverse("surveys:detail", args=[open_survey.pk])).content.decode()  # testserver

    assert "Ссылки ведут на адрес 127.0.0.1, то есть на этот компьютер" in page
    assert f"http://127.0.0.1:8000/s/{link.token}/" in page
    assert "VSOKO_PUBLIC_URL" in flyer.content.decode()
    assert "на этот компьютер" not in elsewhere


def test_the_other_schools_survey_is_not_found(client, world, open_survey):
    client.force_login(world.users["other_director"])

    assert client.get(reverse("surveys:detail", args=[open_survey.pk])).status_code == 404
    assert client.post(reverse("surveys:close", args=[open_survey.pk])).status_code == 404


def test_answers_loaded_from_a_package_have_their_summary_without_any_survey(client, world, deputy):
    for respondent, answer in [("p1", FULL), ("p2", FULL), ("p3", UNSURE), ("p4", FULL)]:
        SurveyAnswer.objects.create(school=world.school, year_id=YEAR, survey="students", respondent=respondent,
                                    grade=10, question="overall", answer=answer)
    recompute(world.school, [YEAR])
    client.force_login(deputy)

    index = client.get(reverse("surveys:index")).content.decode()
    summary = client.get(reverse("surveys:summary", args=["students"])).content.decode()

    assert reverse("surveys:summary", args=["students"]) in index
    assert reverse("surveys:summary", args=["parents"]) not in index  # nobody answered it
    assert "Удовлетворены: 75,0 %" in summary  # 3 of 4
    assert client.get(reverse("surveys:summary", args=["no-such-questionnaire"])).status_code == 404


@pytest.fixture
def teachers_survey(world, autumn_2024):
    today = timezone.localdate()
    return create_survey(school=world.school, year=YEAR, questionnaire="teachers", title="Педагоги",
                         opens_on=today - datetime.timedelta(days=1), closes_on=today + datetime.timedelta(days=7))


def test_the_new_survey_form_offers_the_new_questionnaires(client, deputy):
    client.force_login(deputy)

    html = client.get(reverse("surveys:new")).content.decode()

    for title in ("Удовлетворённость педагогических работников условиями труда",
                  "Удовлетворённость выпускников качеством образования",
                  "Удовлетворённость работодателей и социальных партнёров", "Информационные запросы родителей"):
        assert title in html


def test_the_deputy_creates_a_teachers_survey(client, deputy, autumn_2024):
    client.force_login(deputy)

    client.post(reverse("surveys:new"), {"year": "2024", "questionnaire": "teachers", "title": "",
                                         "opens_on": "2024-10-01", "closes_on": "2024-10-20"})

    survey = Survey.objects.get()
    assert (survey.questionnaire, survey.title) == ("teachers",
                                                    "Удовлетворённость педагогических работников условиями труда")


def test_a_teacher_answers_without_a_grade_question(client, teachers_survey, django_capture_on_commit_callbacks):
    page = client.get(respond_url(teachers_survey)).content.decode()
    assert "Насколько вы удовлетворены работой в школе в целом?" in page
    assert 'name="grade"' not in page and "В каком классе" not in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(respond_url(teachers_survey), {"q_overall": FULL, "q_training": UNSURE})

    assert response.status_code == 302
    assert sorted(SurveyAnswer.objects.values_list("survey", "question", "answer", "grade")) == [
        ("teachers", "overall", FULL, None), ("teachers", "training", UNSURE, None)]
    thanks = client.get(response["Location"]).content.decode()
    assert "Ваши ответы сохранены" in thanks and "за другого ребёнка" not in thanks


def test_the_teachers_survey_page_counts_the_rate_against_the_staff_and_has_no_levels(
        client, deputy, teachers_survey, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(respond_url(teachers_survey), {"q_overall": FULL})
    client.force_login(deputy)

    html = client.get(reverse("surveys:detail", args=[teachers_survey.pk])).content.decode()

    assert "50,0 % от 2 педагогических работников школы" in html  # 1 of Смирнова and Волков
    assert reverse("surveys:class_links", args=[teachers_survey.pk]) not in html
    assert "Класс в этой анкете не спрашивается" in html
    assert "Удовлетворены: 100,0 %" in html
    assert "Удовлетворены по уровням" not in html and "класс не указан" not in html


def test_class_links_of_a_teachers_survey_are_refused_with_the_reason(client, deputy, teachers_survey):
    client.force_login(deputy)

    response = client.post(reverse("surveys:class_links", args=[teachers_survey.pk]), follow=True)

    assert "не спрашивает класс" in response.content.decode()
    assert teachers_survey.links.count() == 1


def test_the_printable_sheet_of_an_employers_survey_has_no_class(client, world, deputy):
    survey = create_survey(school=world.school, year=YEAR, questionnaire="employers", title="Партнёры",
                           opens_on=datetime.date(2024, 10, 1), closes_on=datetime.date(2024, 10, 20))
    link = survey.links.get()
    client.force_login(deputy)

    html = client.get(reverse("surveys:flyer", args=[survey.pk, link.pk])).content.decode()

    assert "Уважаемые социальные партнёры и работодатели школы!" in html
    assert f"http://testserver/s/{link.token}/" in html and "<svg" in html
    assert "Ссылка для класса" not in html


def test_the_graduates_summary_shows_choice_and_scale_questions_without_levels(client, world, deputy):
    # Three graduates: two of 9th grade (one also answered «overall» fully satisfied), one of 11th unsure.
    for respondent, answers in [("g1", {"finished": "9 класс", "overall": FULL}), ("g2", {"finished": "9 класс"}),
                                ("g3", {"finished": "11 класс", "overall": UNSURE})]:
        for question, text in answers.items():
            SurveyAnswer.objects.create(school=world.school, year_id=YEAR, survey="graduates", respondent=respondent,
                                        grade=11 if respondent == "g3" else None, question=question, answer=text)
    recompute(world.school, [YEAR])
    client.force_login(deputy)

    html = client.get(reverse("surveys:summary", args=["graduates"])).content.decode()

    assert "Удовлетворены: 33,3 %" in html  # 1 of 3, the one who skipped «overall» counts below
    assert "66,7 %" in html  # 9 класс: 2 of 3
    assert "Ответившие по уровням образования" not in html  # a package's grade makes no band here


@pytest.mark.parametrize("code", ["parents", "students", "parents-do", "do-needs", "info-needs", "teachers",
                                  "graduates", "employers"])
def test_every_questionnaire_can_be_answered_on_its_page(client, world, code, django_capture_on_commit_callbacks,
                                                         autumn_2024):
    questionnaire = questionnaires()[code]
    today = timezone.localdate()
    survey = create_survey(school=world.school, year=YEAR, questionnaire=code, title=code,
                           opens_on=today, closes_on=today)

    html = client.get(respond_url(survey)).content.decode()
    first = questionnaire.questions[0]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(respond_url(survey), {
            f"q_{first.code}": first.options[-1],
            **({"grade": str(questionnaire.grades[1])} if questionnaire.asks_grade else {}),
        })

    assert all(q.text in html for q in questionnaire.questions)
    assert ('name="grade"' in html) == questionnaire.asks_grade
    assert response.status_code == 302
    assert list(SurveyAnswer.objects.values_list("survey", "question", "answer", "grade")) == [
        (code, first.code, first.options[-1], questionnaire.grades[1] if questionnaire.asks_grade else None)]


def test_the_new_surveys_default_dates_lie_in_the_chosen_year_even_when_today_does_not(client, deputy,
                                                                                        monkeypatch):
    # Today is before the personas' latest year 2024/2025 begins: today would be refused as a start.
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: datetime.date(2024, 6, 10))
    client.force_login(deputy)

    html = client.get(reverse("surveys:new")).content.decode()
    opens_on = re.search(r'name="opens_on" value="([^"]+)"', html).group(1)
    closes_on = re.search(r'name="closes_on" value="([^"]+)"', html).group(1)
    response = client.post(reverse("surveys:new"), {"year": "2024", "questionnaire": "parents", "title": "",
                                                    "opens_on": opens_on, "closes_on": closes_on})

    assert (opens_on, closes_on) == ("2024-09-01", "2024-09-15")
    assert response.status_code == 302
    assert Survey.objects.get().opens_on == datetime.date(2024, 9, 1)


def test_a_year_that_is_over_is_not_offered_for_a_new_survey(client, deputy, new_year_2025):
    # 2024/2025 (the header's year) has ended: a survey there would be closed the moment it was created.
    client.force_login(deputy)

    html = client.get(reverse("surveys:new")).content.decode()
    response = client.post(reverse("surveys:new"), {"year": "2024", "questionnaire": "parents", "title": "",
                                                    "opens_on": "2025-06-01", "closes_on": "2025-08-31"})

    form = html[html.index('<form method="post" class="form"'):]
    assert 'value="2025" selected' in form and 'value="2024"' not in form
    assert response.status_code == 200
    assert "Выберите корректный вариант" in response.content.decode()
    assert not Survey.objects.exists()


@pytest.fixture
def new_year_2025(monkeypatch):
    """Today is 20 September 2025: 2025/2026 has begun, but the school has loaded no data for it yet
    (the personas' latest year is 2024/2025)."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: datetime.date(2025, 9, 20))


def test_a_survey_is_created_in_a_new_school_year_that_has_no_data_yet(client, deputy, new_year_2025):
    # The header offers only 2024/2025 (the latest year with data), which is over: before, the page said
    # «2024/2025 учебный год закончился… сначала загрузите данные» and refused every survey of the new year.
    client.force_login(deputy)

    html = client.get(reverse("surveys:new")).content.decode()
    response = client.post(reverse("surveys:new"), {"year": "2025", "questionnaire": "parents", "title": "",
                                                    "opens_on": "2025-09-22", "closes_on": "2025-10-05"})

    assert "закончился" not in html
    assert re.search(r'<option value="2025" selected>2025/2026', html)
    survey = Survey.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("surveys:detail", args=[survey.pk])
    assert (survey.year_id, survey.opens_on) == (2025, datetime.date(2025, 9, 22))
    # The section's list shows it beside the header's year, and its page names its own year.
    index = client.get(reverse("surveys:index")).content.decode()
    assert "Родители" in index or survey.title in index
    assert "2025/2026" in client.get(reverse("surveys:detail", args=[survey.pk])).content.decode()


def test_a_new_years_survey_takes_answers_and_shows_them_in_its_summary(client, world, deputy, new_year_2025,
                                                                       django_capture_on_commit_callbacks):
    survey = create_survey(school=world.school, year=2025, questionnaire="parents", title="Осень 2025",
                           opens_on=datetime.date(2025, 9, 20), closes_on=datetime.date(2025, 10, 5))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(respond_url(survey), {"grade": "4", "q_overall": FULL})
    client.force_login(deputy)
    html = client.get(reverse("surveys:detail", args=[survey.pk])).content.decode()

    assert response.status_code == 302
    assert "Сводка ответов за 2025/2026 учебный год" in html
    assert "Удовлетворены: 100,0 %" in html


def test_the_surveys_page_names_the_questionnaires_in_russian_only(client, deputy):
    client.force_login(deputy)

    html = client.get(reverse("surveys:index")).content.decode()

    assert "Удовлетворённость родителей качеством образования" in html
    assert "<code>parents</code>" not in html and ">Код<" not in html


def test_class_links_in_a_year_without_classes_say_the_classes_are_not_loaded(client, world, deputy, new_year_2025):
    # Before: «Новых классов нет: у каждого класса этих параллелей уже есть ссылка» — untrue, there are no classes.
    survey = create_survey(school=world.school, year=2025, questionnaire="parents", title="Осень 2025",
                           opens_on=datetime.date(2025, 9, 20), closes_on=datetime.date(2025, 10, 5))
    client.force_login(deputy)

    page = client.post(reverse("surveys:class_links", args=[survey.pk]), follow=True).content.decode()

    assert "уже есть ссылка" not in page
    assert "В данных школы нет классов 2025/2026 учебного года" in page
    assert survey.links.count() == 1


def test_the_general_link_comes_first_above_the_class_links(client, world, deputy, open_survey):
    # PostgreSQL sorts an empty grade last: the link for everyone — the one sent to the school's chat — was
    # below 27 class rows.
    from vsoko.surveys.campaigns import add_class_links

    add_class_links(survey=open_survey)
    client.force_login(deputy)

    html = client.get(reverse("surveys:detail", args=[open_survey.pk])).content.decode()

    rows = re.findall(r'<tr>\s*<th scope="row">([^<]+)</th>', html)
    assert rows[:4] == ["все респонденты", "5А", "5Б", "10А"]


def test_on_a_shared_computer_the_next_pupil_can_answer_too(client, world, django_capture_on_commit_callbacks,
                                                           autumn_2024):
    # Pupils of 9–11 fill the questionnaire in the computer class one after another: the second pupil at the
    # same computer saw «Вы уже ответили» with no way on (only parents' questionnaires offered to answer again).
    today = timezone.localdate()
    survey = create_survey(school=world.school, year=YEAR, questionnaire="students", title="9–11",
                           opens_on=today, closes_on=today)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(respond_url(survey), {"grade": "10", "q_overall": FULL})

    thanks = client.get(response["Location"]).content.decode()
    answered = client.get(respond_url(survey)).content.decode()

    again = respond_url(survey, again=1)
    assert f'href="{again}"' in thanks
    assert "Вы уже ответили" in answered and f'href="{again}"' in answered
    assert "Отправить ответы" in client.get(again).content.decode()


def test_a_parent_whose_browser_keeps_no_cookies_still_sends_the_answers(world, django_capture_on_commit_callbacks,
                                                                      autumn_2024):
    # A messenger's built-in browser that keeps no cookies has no CSRF cookie: the answers ended on Django's
    # English «Forbidden (403) CSRF verification failed», lost. The form is public and anonymous: a forged
    # send could do nothing that anyone with the link cannot do.
    from django.test import Client

    today = timezone.localdate()
    survey = create_survey(school=world.school, year=YEAR, questionnaire="parents", title="Родители",
                           opens_on=today, closes_on=today)
    phone = Client(enforce_csrf_checks=True)

    with django_capture_on_commit_callbacks(execute=True):
        response = phone.post(respond_url(survey), {"grade": "2", "q_overall": FULL})

    assert response.status_code == 302
    assert list(SurveyAnswer.objects.values_list("question", "grade")) == [("overall", 2)]


def test_closing_a_survey_early_asks_to_confirm(client, deputy, open_survey):
    client.force_login(deputy)

    html = client.get(reverse("surveys:detail", args=[open_survey.pk])).content.decode()

    assert re.search(r'<button[^>]*data-confirm="Завершить опрос[^"]*"[^>]*>Завершить досрочно</button>', html)


def test_a_new_teachers_survey_is_not_told_to_add_class_links(client, deputy, autumn_2024):
    # «Раздайте ссылку или добавьте ссылки по классам» — the teachers' questionnaire has no class links.
    client.force_login(deputy)

    page = client.post(reverse("surveys:new"), {"year": "2024", "questionnaire": "teachers", "title": "",
                                                "opens_on": "2024-10-01", "closes_on": "2024-10-20"},
                       follow=True).content.decode()

    assert "Опрос создан" in page and "ссылки по классам" not in page.split("Опрос создан")[1].split("</")[0]


def test_all_the_class_sheets_print_in_one_go(client, deputy, open_survey):
    # Before a parents' meeting the deputy printed 27 sheets one by one, a print dialog each.
    from vsoko.surveys.campaigns import add_class_links

    add_class_links(survey=open_survey)
    client.force_login(deputy)

    detail = client.get(reverse("surveys:detail", args=[open_survey.pk])).content.decode()
    html = client.get(reverse("surveys:flyers", args=[open_survey.pk])).content.decode()

    assert f'href="{reverse("surveys:flyers", args=[open_survey.pk])}"' in detail
    assert html.count("<svg") == 4  # the general link and 5А, 5Б, 10А
    assert re.findall(r"Ссылка для класса ([^.]+)\.", html) == ["5А", "5Б", "10А"]
    for link in open_survey.links.all():
        assert f"/s/{link.token}/" in html
    assert html.count('class="flyer flyer--sheet"') == 4
    assert "Печать — 4 листа" in html


def test_the_deputy_extends_a_survey_that_has_ended(client, deputy, world, autumn_2024):
    # Few parents answered by the last day (15 September; today is the 20th): the survey could be neither
    # extended nor reopened.
    survey = create_survey(school=world.school, year=YEAR, questionnaire="parents", title="Родители",
                           opens_on=datetime.date(2024, 9, 2), closes_on=datetime.date(2024, 9, 15))
    client.force_login(deputy)

    page = client.get(reverse("surveys:detail", args=[survey.pk])).content.decode()
    response = client.post(reverse("surveys:dates", args=[survey.pk]), {"closes_on": "2024-09-30"}, follow=True)

    assert 'name="closes_on"' in page and "Продлить опрос" in page
    survey.refresh_from_db()
    assert survey.closes_on == datetime.date(2024, 9, 30) and survey.status() == "open"
    assert "Опрос продлён до 30.09.2024." in response.content.decode()
    assert AuditEntry.objects.filter(object_type="survey", object_id=str(survey.pk),
                                     details__действие="изменён срок окончания").exists()


@pytest.mark.parametrize(("closes_on", "message"), [
    ("2024-09-15", "Окончание 15.09.2024 уже прошло"),
    ("2024-09-05", "Окончание не может быть раньше начала (10.09.2024)"),
    ("2025-09-01", "Окончание 01.09.2025 — не в 2024/2025 учебном году опроса (01.09.2024–31.08.2025)"),
])
def test_a_wrong_last_day_is_refused_and_stays_typed(client, deputy, world, autumn_2024, closes_on, message):
    survey = create_survey(school=world.school, year=YEAR, questionnaire="parents", title="Родители",
                           opens_on=datetime.date(2024, 9, 10), closes_on=datetime.date(2024, 9, 25))
    client.force_login(deputy)

    response = client.post(reverse("surveys:dates", args=[survey.pk]), {"closes_on": closes_on})

    survey.refresh_from_db()
    assert survey.closes_on == datetime.date(2024, 9, 25)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and f'name="closes_on" value="{closes_on}"' in html
