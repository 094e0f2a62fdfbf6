import datetime
from urllib.parse import unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.accounts.personas import YEAR
from tests.schedule.conftest import day, holiday, work
from vsoko.audit.models import AuditEntry
from vsoko.records.enums import ApprovalStatus, OrgUnitKind
from vsoko.records.models import OrgUnit, SchoolClass, YearApproval
from vsoko.schedule.enums import ProblemKind, ProcedureKind
from vsoko.schedule.models import Holiday, ScheduledAssessment, SubjectHours

PAGE = f"{reverse('schedule:index')}?school=s1&year={YEAR}&half=2"
NEW = {"date": "2025-03-14", "subject": None, "kind": ProcedureKind.TEST, "level": "school", "lesson": "",
       "note": ""}


def login(client, world, persona):
    client.force_login(world.users[persona])
    return client


def new_work(world, **changes):
    return NEW | {"school_class": world.classes["5А"].pk, "subject": world.subjects["math"].pk} | changes


def test_the_deputy_adds_changes_and_deletes_a_work_and_each_change_is_audited(client, world):
    url = f"{reverse('schedule:new')}?school=s1&year={YEAR}"

    response = login(client, world, "deputy").post(url, new_work(world))

    entry = ScheduledAssessment.objects.get()
    assert response.status_code == 302 and response["Location"].endswith("half=2")
    assert (entry.school, entry.year_id, entry.grade, entry.date) == (world.school, YEAR, 5, day(3, 14))
    client.post(reverse("schedule:edit", args=[entry.pk]), new_work(world, date="2025-03-21"))
    client.post(reverse("schedule:delete", args=[entry.pk]))
    assert not ScheduledAssessment.objects.exists()
    assert [e.details["действие"] for e in AuditEntry.objects.filter(object_type="schedule").order_by("pk")] == [
        "добавлена работа в график", "изменена работа в графике", "удалена работа из графика"]


def test_a_date_outside_the_year_is_refused_with_the_reason(client, world):
    response = login(client, world, "deputy").post(f"{reverse('schedule:new')}?school=s1&year={YEAR}",
                                                   new_work(world, date="2025-09-10"))

    assert response.status_code == 200 and not ScheduledAssessment.objects.exists()
    assert "Дата 10.09.2025 не относится к 2024/2025 учебному году" in response.content.decode()


def test_the_whole_grade_form_sets_the_vpr_in_every_class(client, world):
    response = login(client, world, "director").post(
        f"{reverse('schedule:grade')}?school=s1&year={YEAR}",
        {"grade": 5, "subject": world.subjects["history"].pk, "date": "2025-04-15", "kind": "vpr", "level": "federal"})

    assert response.status_code == 302
    assert sorted(ScheduledAssessment.objects.values_list("school_class__name", flat=True)) == ["5А", "5Б"]


def test_an_approved_year_refuses_changes_on_the_page(client, world):
    YearApproval.objects.create(school=world.school, year_id=YEAR, status=ApprovalStatus.APPROVED)

    response = login(client, world, "deputy").post(f"{reverse('schedule:new')}?school=s1&year={YEAR}",
                                                   new_work(world), follow=True)

    assert not ScheduledAssessment.objects.exists()
    assert "утверждены и не могут быть изменены" in response.content.decode()


def test_the_page_shows_the_grid_the_problems_and_the_loaded_results(client, world):
    world.assessment = world.classes["5А"].school.assessments.get(assessment_id="VPR-5-M")
    world.assessment.date = day(4, 15)
    world.assessment.save()
    work(world, "5А", day(4, 15), kind=ProcedureKind.VPR)
    work(world, "5А", day(4, 15), "history")

    page = login(client, world, "deputy").get(PAGE).content.decode()

    assert "5А, 15.04.2025: контрольная работа по истории в день ВПР по математике" in page
    assert "мат·ВПР" in page and "Добавить работу" in page
    assert f'href="/assessments/{world.assessment.pk}/">результаты загружены' in page


def test_a_cell_of_the_grid_names_the_work_its_kind_and_level(client, world):
    vpr = work(world, "5А", day(4, 15), kind=ProcedureKind.VPR)
    test = work(world, "5Б", day(4, 16), "history")

    keeper = login(client, world, "deputy").get(PAGE).content.decode()
    reader = login(client, world, "teacher").get(PAGE).content.decode()

    assert ('<td><span class="schedule-work schedule-work--external" title="ВПР: Математика (федеральный)">'
            f'<a href="/schedule/{vpr.pk}/">мат·ВПР</a></span></td>') in keeper
    assert ('<td><span class="schedule-work" title="контрольная работа: История (школьный)">'
            f'<a href="/schedule/{test.pk}/">ист</a></span></td>') in keeper
    assert ('<td><span class="schedule-work schedule-work--external" title="ВПР: Математика (федеральный)">'
            'мат·ВПР</span></td>') in reader
    assert f"/schedule/{vpr.pk}/" not in reader


def test_teachers_read_the_schedule_without_changing_it(client, world):
    entry = work(world, "5А", day(3, 14))

    for persona in ("teacher", "class_teacher", "mo_head"):
        page = login(client, world, persona).get(PAGE)
        assert page.status_code == 200 and "мат" in page.content.decode()
        assert "Добавить работу" not in page.content.decode()
        assert client.get(reverse("schedule:new")).status_code == 403
        assert client.get(reverse("schedule:edit", args=[entry.pk])).status_code == 404
        assert client.post(reverse("schedule:delete", args=[entry.pk])).status_code == 404
    assert ScheduledAssessment.objects.count() == 1


def test_the_observer_reads_the_counts_of_problems_per_school(client, world):
    work(world, "5А", day(3, 14))
    work(world, "5А", day(3, 14), "history")

    response = login(client, world, "observer").get(PAGE)

    page = response.content.decode()
    assert response.status_code == 200 and "МБОУ «Школа №1»" in page and "МБОУ «Школа №2»" in page
    assert "5А" not in page and "истории" not in page
    assert client.get(reverse("schedule:export", args=["xlsx"]) + "?school=s1").status_code == 403


def test_another_schools_director_does_not_see_the_school(client, world):
    entry = work(world, "5А", day(3, 14))

    page = login(client, world, "other_director").get(PAGE).content.decode()

    assert "Школа №2" in page and "мат" not in page
    assert client.get(reverse("schedule:edit", args=[entry.pk])).status_code == 404


def test_the_export_is_a_file_for_the_website(client, world):
    work(world, "5А", datetime.date(2025, 3, 14))

    response = login(client, world, "teacher").get(reverse("schedule:export", args=["docx"]) + f"?school=s1&year={YEAR}&half=2")

    assert response.status_code == 200
    assert unquote(response["Content-Disposition"].split("''", 1)[1]) == (
        f"График оценочных процедур {YEAR}-{YEAR + 1} II полугодие.docx")


HOLIDAYS = f"{reverse('schedule:holidays')}?school=s1&year={YEAR}"


def test_the_deputy_adds_a_holiday_for_the_first_grade_and_the_grid_hatches_its_days(client, young):
    hours_for = {"school": young.school, "year_id": YEAR, "subject": young.subjects["math"], "hours": 132}
    SubjectHours.objects.create(grade=1, **hours_for)
    SubjectHours.objects.create(grade=2, **hours_for)
    work(young, "1А", day(2, 18))
    work(young, "2А", day(2, 18))
    login(client, young, "deputy")

    response = client.post(HOLIDAYS, {"name": "дополнительные каникулы для 1 класса", "start": "2025-02-17",
                                      "end": "2025-02-23", "grades": ["1"]})

    assert response.status_code == 302
    assert Holiday.objects.get().grades == [1]
    page = client.get(PAGE).content.decode()
    assert "1А, 18.02.2025: контрольная работа по математике — в каникулы" in page
    assert "2А, 18.02.2025" not in page
    assert page.count('class="holiday" title="дополнительные каникулы для 1 класса"') == 5  # 1А, 17–21 February
    assert "Каникулы в полугодии:</strong> дополнительные каникулы для 1 класса — 17.02–23.02.2025 (1 класс)" in page
    assert AuditEntry.objects.get(object_type="schedule").details["действие"] == "добавлены каникулы"


@pytest.mark.parametrize("posted, error", [
    ({"name": "осенние каникулы", "start": "2024-11-03", "end": "2024-10-26"},
     "Последний день каникул 26.10.2024 раньше первого 03.11.2024."),
    ({"name": "летние каникулы", "start": "2025-06-01", "end": "2025-09-01"},
     "Дата 01.09.2025 не относится к 2024/2025 учебному году"),
    ({"name": "", "start": "2024-10-26", "end": "2024-11-03"}, "Укажите название каникул"),
])
def test_a_wrong_holiday_is_refused_with_the_reason(client, world, posted, error):
    response = login(client, world, "deputy").post(HOLIDAYS, posted)

    assert response.status_code == 200 and error in response.content.decode()
    assert not Holiday.objects.exists()


def test_a_second_holiday_of_the_same_name_is_refused(client, world):
    holiday(world, "осенние каникулы", day(10, 26), day(11, 3))

    response = login(client, world, "deputy").post(HOLIDAYS, {"name": "осенние каникулы", "start": "2024-10-28",
                                                              "end": "2024-11-04"})

    assert "Каникулы «осенние каникулы» в 2024/2025 учебном году уже есть" in response.content.decode()
    assert Holiday.objects.count() == 1


def test_the_director_loads_the_typical_holidays_with_one_button_and_changes_one(client, world):
    login(client, world, "director")

    response = client.post(f"{reverse('schedule:holidays_typical')}?school=s1&year={YEAR}", follow=True)

    page = response.content.decode()
    assert "весенние каникулы" in page and "22.03–30.03.2025" in page
    assert Holiday.objects.count() == 4
    spring = Holiday.objects.get(name="весенние каникулы")
    client.post(reverse("schedule:holiday_edit", args=[spring.pk]), {"name": "весенние каникулы",
                                                                     "start": "2025-03-24", "end": "2025-03-31"})
    spring.refresh_from_db()
    assert (spring.start, spring.end, spring.grades) == (day(3, 24), day(3, 31), [])
    client.post(reverse("schedule:holiday_delete", args=[spring.pk]))
    assert Holiday.objects.count() == 3


@pytest.mark.parametrize("persona", ["teacher", "class_teacher", "mo_head", "observer"])
def test_only_the_administration_keeps_the_holidays(client, world, persona):
    autumn = holiday(world, "осенние каникулы", day(10, 26), day(11, 3))
    login(client, world, persona)

    assert client.get(HOLIDAYS).status_code == 403
    assert client.post(f"{reverse('schedule:holidays_typical')}?school=s1&year={YEAR}").status_code == 403
    assert client.get(reverse("schedule:holiday_edit", args=[autumn.pk])).status_code == 404
    assert client.post(reverse("schedule:holiday_delete", args=[autumn.pk])).status_code == 404
    assert list(Holiday.objects.values_list("name", flat=True)) == ["осенние каникулы"]


def test_another_schools_director_keeps_only_their_own_holidays(client, world):
    autumn = holiday(world, "осенние каникулы", day(10, 26), day(11, 3))
    login(client, world, "other_director")

    page = client.get(HOLIDAYS).content.decode()

    assert "МБОУ «Школа №2»" in page and "26.10–03.11.2024" not in page
    assert client.get(reverse("schedule:holiday_edit", args=[autumn.pk])).status_code == 404
    assert client.post(reverse("schedule:holiday_delete", args=[autumn.pk])).status_code == 404
    assert Holiday.objects.filter(pk=autumn.pk).exists()


def test_an_approved_year_refuses_holiday_changes_on_the_page(client, world):
    YearApproval.objects.create(school=world.school, year_id=YEAR, status=ApprovalStatus.APPROVED)

    response = login(client, world, "deputy").post(f"{reverse('schedule:holidays_typical')}?school=s1&year={YEAR}",
                                                   follow=True)

    assert "утверждены и не могут быть изменены" in response.content.decode()
    assert not Holiday.objects.exists()


def test_a_public_holiday_is_greyed_in_the_month_grid(client, world):
    work(world, "5А", day(5, 5))

    page = login(client, world, "deputy").get(PAGE).content.decode()

    assert '<th scope="col" class="weekend" title="Праздник Весны и Труда">1</th>' in page


def _school_with_a_crowded_day(world, code: str) -> OrgUnit:
    """A school of the observer's municipality whose 5А has two works on 14 March: one breach of the day's limit,
    and two subjects without yearly hours."""
    school = OrgUnit.objects.create(code=code, name=f"МБОУ «Школа {code}»", kind=OrgUnitKind.SCHOOL,
                                    parent=world.school.parent)
    fifth = SchoolClass.objects.create(school=school, year_id=YEAR, name="5А", grade=5, letter="А")
    for subject in ("math", "history"):
        ScheduledAssessment.objects.create(school=school, year_id=YEAR, date=day(3, 14), school_class=fifth,
                                           subject=world.subjects[subject], kind=ProcedureKind.TEST,
                                           level=ProcedureKind.TEST.default_level)
    return school


def test_the_observers_counts_take_as_many_queries_for_three_schools_as_for_two(client, world):
    work(world, "5А", day(3, 14))
    work(world, "5А", day(3, 14), "history")
    login(client, world, "observer")
    with CaptureQueriesContext(connection) as two:
        client.get(PAGE)
    third = _school_with_a_crowded_day(world, "s3")

    with CaptureQueriesContext(connection) as three:
        response = client.get(PAGE)

    assert len(three) == len(two)
    rows = {row["school"].code: row for row in response.context["rows"]}
    assert rows.keys() == {"s1", "s2", third.code}
    for code, works, same_day, no_hours in (("s1", 2, 1, 2), ("s2", 0, 0, 0), ("s3", 2, 1, 2)):
        counts = rows[code]["counts"]
        assert (rows[code]["works"], counts[ProblemKind.SAME_DAY], counts[ProblemKind.NO_HOURS]) == (
            works, same_day, no_hours), code


def test_a_row_of_the_list_by_date_escapes_the_note_and_the_page_s_queries_do_not_grow_with_the_works(
        client, world, django_assert_max_num_queries):
    """The list «Списком по датам» is written by `schedule_rows` with the markup the template had: the date, the
    class, the subject, the kind with its note (escaped), the level, the lesson, and the keepers' link to change it.
    Two works or twelve: the page asks the same statements (19 for the deputy, 2 of them the session's)."""
    entry = work(world, "5Б", day(3, 14), "history")
    entry.note, entry.lesson = "Чтение <b> & письмо", 3
    entry.save()
    work(world, "5А", day(3, 20))
    login(client, world, "deputy")
    page = client.get(PAGE).content.decode()
    for i in range(10):
        work(world, "5А", day(4, 1 + i))

    with django_assert_max_num_queries(19):
        assert client.get(PAGE).status_code == 200

    assert (f'<tr><td>14.03.2025</td><td>5Б</td><td>История</td><td>контрольная работа<br><span class="muted">Чтение '
            f'&lt;b&gt; &amp; письмо</span></td><td>школьный</td><td>3</td>\n          <td></td>\n          '
            f'<td><a href="/schedule/{entry.pk}/">Изменить</a></td></tr>') in page
