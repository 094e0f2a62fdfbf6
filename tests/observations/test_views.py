import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.accounts.personas import YEAR, make_user
from tests.observations.conftest import visit
from vsoko.accounts.enums import Role
from vsoko.accounts.models import StaffAccount
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.datavalues.models import DataValue
from vsoko.observations.enums import LessonLevel, VisitKind, VisitPurpose
from vsoko.observations.models import LessonVisit

pytestmark = pytest.mark.django_db

SECRET = "Рекомендовано чаще использовать парную работу"


def valid(world, **changed) -> dict:
    data = {"date": "2024-11-12", "teacher": world.staff["smirnova"].pk, "observer": world.staff["petrova"].pk,
            "kind": VisitKind.LESSON, "purpose": VisitPurpose.THEMATIC, "school_class": world.classes["5А"].pk,
            "subject": world.subjects["math"].pk, "topic": "Дроби", "modern_technologies": "on", "ict": "on",
            "score_goals": 2, "score_standards": 2, "score_methods": 1, "score_activity": 2, "score_results": 1,
            "conclusions": "Урок достиг цели.", "recommendations": SECRET}
    return data | changed


def login(client, world, persona):
    client.force_login(world.users[persona])
    return client


def page(client, name, **query) -> str:
    return client.get(reverse(name), query).content.decode()


def test_the_deputy_records_a_visit_with_its_score_and_the_change_is_audited(client, world):
    response = login(client, world, "deputy").post(reverse("observations:new"), valid(world))

    made = LessonVisit.objects.get()
    assert response["Location"] == reverse("observations:detail", args=[made.pk])
    assert (made.school, made.year_id, made.teacher, made.created_by) == (
        world.school, YEAR, world.staff["smirnova"], world.users["deputy"])
    assert (made.scores, made.total, made.level) == (
        {"goals": 2, "standards": 2, "methods": 1, "activity": 2, "results": 1}, 8, LessonLevel.HIGH)

    client.post(reverse("observations:edit", args=[made.pk]), valid(world, score_goals=0))
    made.refresh_from_db()
    assert (made.total, made.level) == (6, LessonLevel.SUFFICIENT)
    client.post(reverse("observations:delete", args=[made.pk]))

    assert not LessonVisit.objects.exists()
    entries = AuditEntry.objects.filter(object_type="lesson_visit", action=AuditAction.CHANGE).order_by("pk")
    assert [(e.details["действие"], e.username, e.details["учитель"]) for e in entries] == [
        ("записано посещение", "deputy", "Смирнова Мария"), ("изменено посещение", "deputy", "Смирнова Мария"),
        ("удалено посещение", "deputy", "Смирнова Мария")]


@pytest.mark.parametrize(("changed", "error"), [
    ({"date": "2024-08-31"}, "Дата 31.08.2024 вне 2024/2025 учебного года (с 01.09.2024 по 31.08.2025)."),
    ({"date": ""}, "Укажите дату посещения."),
    ({"teacher": "other"}, "Такого работника нет среди работников школы в 2024/2025 учебном году."),
    ({"school_class": "other-5А"}, "Такого класса нет в школе в 2024/2025 учебном году."),
    ({"school_class": ""}, "Для вида «урок» выберите класс."),
    ({"observer": "smirnova"}, "Учитель и посетивший урок — один человек"),
    ({"score_methods": ""}, "Оцените критерий «Методы и приёмы»: 0, 1 или 2 балла."),
    ({"score_methods": "3"}, "Критерий «Методы и приёмы»: балл 0, 1 или 2."),
])
def test_errors_are_in_russian_and_nothing_is_saved(client, world, changed, error):
    lookup = {"other": world.staff["other"].pk, "smirnova": world.staff["smirnova"].pk,
              "other-5А": world.classes["other-5А"].pk}
    data = valid(world, **{k: lookup.get(v, v) for k, v in changed.items()})

    response = login(client, world, "director").post(reverse("observations:new"), data)

    assert response.status_code == 200
    assert error in response.content.decode()
    assert not LessonVisit.objects.exists()


def test_an_event_needs_no_class(client, world):
    login(client, world, "deputy").post(reverse("observations:new"), valid(world, kind=VisitKind.EVENT,
                                                                           school_class=""))

    assert LessonVisit.objects.get().school_class is None


def test_a_saved_visit_recomputes_the_indicators_data_in_the_background(client, world, settings,
                                                                         django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    login(client, world, "deputy")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("observations:new"), valid(world))
    value = DataValue.objects.get(org_unit=world.school, year_id=YEAR, code="visits.teachers.ict")
    assert value.value == 1

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("observations:edit", args=[LessonVisit.objects.get().pk]), valid(world, ict=""))
    assert DataValue.objects.get(org_unit=world.school, year_id=YEAR, code="visits.teachers.ict").value == 0


def test_the_journal_filters_by_teacher_purpose_and_month(client, world):
    visit(world, "smirnova", topic="Дроби")
    visit(world, "volkov", topic="Оптика", purpose=VisitPurpose.PERSONAL, day=datetime.date(2025, 3, 4))
    login(client, world, "deputy")

    everything = page(client, "observations:index")
    by_teacher = page(client, "observations:index", teacher=world.staff["volkov"].pk)
    by_purpose = page(client, "observations:index", purpose="thematic")
    by_month = page(client, "observations:index", month=3)

    assert "Смирнова Мария" in everything and "Волков Олег" in everything
    assert ("15.10.2024" not in by_teacher) and ("04.03.2025" in by_teacher)
    assert ("15.10.2024" in by_purpose) and ("04.03.2025" not in by_purpose)
    assert ("15.10.2024" not in by_month) and ("04.03.2025" in by_month)


def test_a_teacher_sees_only_the_visits_to_their_own_lessons(client, world):
    own = visit(world, "volkov", recommendations="Волкову: больше опытов")
    others = visit(world, "smirnova", recommendations=SECRET)
    login(client, world, "volkov")

    journal = page(client, "observations:index")
    summary = page(client, "observations:summary")

    assert "Волкову: больше опытов" in summary and SECRET not in summary
    assert "Смирнова" not in journal and "Смирнова" not in summary
    assert client.get(reverse("observations:detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("observations:detail", args=[others.pk])).status_code == 404
    assert client.get(reverse("observations:edit", args=[own.pk])).status_code == 403


def test_a_teacher_without_a_staff_record_is_told_so_and_sees_nothing(client, world):
    visit(world, "volkov")

    journal = page(login(client, world, "teacher"), "observations:index")

    assert "Учётная запись не связана с записью педагога" in journal
    assert "Волков" not in journal


def test_the_head_of_the_mathematics_association_sees_the_mathematics_teachers(client, world):
    math = visit(world, "smirnova")
    physics = visit(world, "volkov")
    login(client, world, "mo_head")

    assert client.get(reverse("observations:detail", args=[math.pk])).status_code == 200
    assert client.get(reverse("observations:detail", args=[physics.pk])).status_code == 404
    assert "Волков" not in page(client, "observations:summary")


def test_the_observer_sees_counts_and_no_names_or_texts(client, world):
    one = visit(world, "smirnova", recommendations=SECRET, conclusions="Вывод о уроке")
    visit(world, "volkov", purpose=VisitPurpose.GIA)
    login(client, world, "observer")

    journal = page(client, "observations:index")
    summary = page(client, "observations:summary")

    for text in (journal, summary):
        assert "Смирнова" not in text and "Волков" not in text and SECRET not in text
    assert "подготовка к ГИА" in journal and "октябрь" in journal
    assert client.get(reverse("observations:detail", args=[one.pk])).status_code == 403
    assert client.get(reverse("observations:export")).status_code == 403


def test_another_schools_deputy_cannot_open_or_change_the_visit(client, world):
    one = visit(world, "smirnova", recommendations=SECRET)
    stranger = make_user("other-deputy", role=Role.DEPUTY, org_unit=world.other_school)
    client.force_login(stranger)

    assert client.get(reverse("observations:detail", args=[one.pk])).status_code == 404
    assert client.get(reverse("observations:edit", args=[one.pk])).status_code == 404
    assert client.post(reverse("observations:delete", args=[one.pk])).status_code == 404
    assert SECRET not in page(client, "observations:index")
    assert LessonVisit.objects.filter(pk=one.pk).exists()


@pytest.mark.parametrize("name", ["observations:index", "observations:summary"])
def test_the_journal_and_summary_ask_as_many_queries_for_three_visits_as_for_one(client, world, name):
    login(client, world, "deputy")
    visit(world, "smirnova", recommendations="одна")
    with CaptureQueriesContext(connection) as one:
        client.get(reverse(name))
    visit(world, "volkov", recommendations="две")
    visit(world, "orlova", recommendations="три", day=datetime.date(2025, 1, 20))
    with CaptureQueriesContext(connection) as three:
        client.get(reverse(name))

    assert len(three) == len(one)


def test_a_teacher_linked_to_a_staff_record_sees_its_visits_whatever_the_accounts_name(client, world):
    visit(world, "volkov", recommendations="Волкову: больше опытов")
    visit(world, "smirnova", recommendations=SECRET)
    StaffAccount.objects.create(user=world.users["teacher"], staff=world.staff["volkov"])

    journal = page(login(client, world, "teacher"), "observations:summary")

    assert "Волкову: больше опытов" in journal and SECRET not in journal


def test_the_head_of_an_association_records_their_own_visits_to_its_teachers(client, world):
    # The head of the mathematics МО is Орлова Елена (the account linked to her staff record).
    StaffAccount.objects.create(user=world.users["mo_head"], staff=world.staff["orlova"])
    login(client, world, "mo_head")
    mine = valid(world, observer=world.staff["orlova"].pk)

    form = page(client, "observations:new")
    # Only the mathematics teacher may be chosen, and the visitor is the head herself, already chosen.
    teachers = form.split('name="teacher"')[1].split("</select>")[0]
    visitors = form.split('name="observer"')[1].split("</select>")[0]
    assert "Смирнова" in teachers and "Волков" not in teachers and "Петрова" not in teachers
    assert f'value="{world.staff["orlova"].pk}" selected' in visitors and "Петрова" not in visitors

    physics = client.post(reverse("observations:new"), mine | {"teacher": world.staff["volkov"].pk})
    as_deputy = client.post(reverse("observations:new"), mine | {"observer": world.staff["petrova"].pk})
    assert "Этого работника выбрать нельзя" in physics.content.decode()
    assert "Этого работника выбрать нельзя" in as_deputy.content.decode()
    assert not LessonVisit.objects.exists()

    saved = client.post(reverse("observations:new"), mine)
    made = LessonVisit.objects.get()
    assert saved.status_code == 302 and (made.teacher, made.observer) == (world.staff["smirnova"], world.staff["orlova"])
    assert client.get(reverse("observations:edit", args=[made.pk])).status_code == 200
    # The administration's visit to the same teacher: she reads it, but it is not hers to change.
    theirs = visit(world, "smirnova")
    assert client.get(reverse("observations:detail", args=[theirs.pk])).status_code == 200
    assert client.get(reverse("observations:edit", args=[theirs.pk])).status_code == 403
    assert client.post(reverse("observations:delete", args=[theirs.pk])).status_code == 403
    assert client.post(reverse("observations:delete", args=[made.pk])).status_code == 302
    assert list(LessonVisit.objects.all()) == [theirs]


def test_opening_a_visit_is_audited_as_a_view_of_the_teachers_personal_data(client, world):
    one = visit(world, "smirnova", recommendations=SECRET)

    login(client, world, "deputy").get(reverse("observations:detail", args=[one.pk]))

    entry = AuditEntry.objects.get(action=AuditAction.VIEW_PERSON)
    assert (entry.object_type, entry.object_id, entry.school, entry.username) == (
        "lesson_visit", str(one.pk), world.school, "deputy")
    assert SECRET not in str(entry.details) and "Смирнова" not in str(entry.details)


def test_a_refused_visit_leaves_no_view_in_the_log(client, world):
    one = visit(world, "smirnova")

    login(client, world, "observer").get(reverse("observations:detail", args=[one.pk]))
    login(client, world, "volkov").get(reverse("observations:detail", args=[one.pk]))

    assert not AuditEntry.objects.filter(action=AuditAction.VIEW_PERSON).exists()


@pytest.mark.parametrize("name", ["observations:index", "observations:summary"])
def test_the_journal_and_summary_with_names_are_audited_as_list_views_and_counts_only_are_not(client, world, name):
    visit(world, "smirnova")

    login(client, world, "deputy").get(reverse(name))
    login(client, world, "observer").get(reverse(name))

    entries = AuditEntry.objects.filter(action=AuditAction.VIEW_LIST)
    assert [(e.object_type, e.username, e.school) for e in entries] == [("lesson_visits", "deputy", world.school)]
