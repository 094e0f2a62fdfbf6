"""«Сведения о школе»: the school's name and its system of periods, changed by whoever loads its data."""

import pytest
from django.urls import reverse

from tests.accounts.personas import YEAR
from vsoko.audit.models import AuditEntry
from vsoko.datavalues import generation
from vsoko.records import enums
from vsoko.records.models import OrgUnit, PeriodMark
from vsoko.records.school_details import system_in_marks

pytestmark = pytest.mark.django_db
URL = reverse("web:school_details")


def as_user(client, world, persona):
    client.force_login(world.users[persona])
    return client


def to_trimesters(world):
    """The school's 1 четверть marks become 1 триместр: a school on trimesters whose system was left at quarters."""
    PeriodMark.objects.filter(school=world.school, period=enums.Period.Q1).update(period=enums.Period.T1)


def test_the_deputy_renames_the_school_and_sets_trimesters_and_the_journal_says_what_changed(client, world):
    deputy = as_user(client, world, "deputy")
    token = generation.tokens([world.school.pk]).get(world.school.pk)

    response = deputy.post(URL, {"school": world.school.code, "name": "  МБОУ  «СОШ № 7» ",
                                 "period_system": enums.PeriodSystem.TRIMESTERS})

    assert response.status_code == 302
    school = OrgUnit.objects.get(pk=world.school.pk)
    assert (school.name, school.period_system) == ("МБОУ «СОШ № 7»", enums.PeriodSystem.TRIMESTERS)
    entry = AuditEntry.objects.get(object_type="school")
    assert entry.user == world.users["deputy"] and entry.object_id == world.school.code
    assert entry.details == {"название": f"{world.school.name} → МБОУ «СОШ № 7»",
                             "учебные периоды": "четверти → триместры"}
    assert generation.tokens([school.pk])[school.pk] != token  # pages kept under the old data are not served again
    assert "Сведения о школе сохранены." in deputy.get(response["Location"]).content.decode()


def test_saving_unchanged_details_writes_nothing_to_the_journal(client, world):
    deputy = as_user(client, world, "deputy")
    deputy.post(URL, {"school": world.school.code, "name": world.school.name,
                      "period_system": world.school.period_system})
    assert not AuditEntry.objects.filter(object_type="school").exists()


@pytest.mark.parametrize(("data", "message"), [
    ({"name": "   ", "period_system": "quarters"}, "Укажите название школы"),
    ({"name": "Школа", "period_system": "semesters"}, "Выберите корректный вариант"),
])
def test_a_bad_value_is_refused_in_russian_and_changes_nothing(client, world, data, message):
    before = OrgUnit.objects.values("name", "period_system").get(pk=world.school.pk)
    response = as_user(client, world, "deputy").post(URL, {"school": world.school.code, **data})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert OrgUnit.objects.values("name", "period_system").get(pk=world.school.pk) == before
    assert not AuditEntry.objects.filter(object_type="school").exists()


@pytest.mark.parametrize("persona", ["teacher", "class_teacher", "observer"])
def test_who_does_not_load_the_schools_data_may_not_change_it(client, world, persona):
    response = as_user(client, world, persona).post(URL, {"school": world.school.code, "name": "Чужое",
                                                           "period_system": "halves"})
    assert response.status_code == 403
    assert OrgUnit.objects.get(pk=world.school.pk).name != "Чужое"


def test_a_form_sent_for_another_school_is_refused_and_changes_neither(client, world):
    response = as_user(client, world, "deputy").post(URL, {"school": world.other_school.code, "name": "Чужое",
                                                           "period_system": "halves"})
    assert response.status_code == 403
    assert not OrgUnit.objects.filter(name="Чужое").exists()


def test_marks_of_another_system_are_pointed_out_until_the_system_is_changed(client, world):
    deputy = as_user(client, world, "deputy")
    assert system_in_marks(world.school, YEAR) is None  # quarters in marks and in the school
    assert 'id="periods-mismatch"' not in deputy.get(URL).content.decode()

    to_trimesters(world)
    assert system_in_marks(world.school, YEAR) == enums.PeriodSystem.TRIMESTERS
    page = deputy.get(URL).content.decode()
    assert "В отметках 2024/2025 учебного года — триместры, а у школы указаны четверти." in page
    progress = deputy.get(reverse("progress:index"), {"year": YEAR}).content.decode()
    assert 'id="periods-mismatch"' in progress and "Отметки этого года выставлены за триместры" in progress
    assert URL in progress

    world.school.period_system = enums.PeriodSystem.TRIMESTERS
    world.school.save()
    assert system_in_marks(world.school, YEAR) is None
    assert 'id="periods-mismatch"' not in deputy.get(reverse("progress:index"), {"year": YEAR}).content.decode()


def test_a_teacher_is_told_who_changes_the_periods_without_a_link_he_may_not_follow(client, world):
    to_trimesters(world)
    PeriodMark.objects.filter(school=world.school, period=enums.Period.YEAR).delete()
    page = as_user(client, world, "teacher").get(reverse("progress:index"), {"year": YEAR}).content.decode()
    assert "Изменить их может заместитель директора или директор." in page
    assert URL not in page


def test_marks_of_two_systems_or_of_the_year_only_are_not_called_another_system(world):
    PeriodMark.objects.filter(school=world.school).exclude(period=enums.Period.YEAR).delete()
    assert system_in_marks(world.school, YEAR) is None  # only year marks
    mark = PeriodMark.objects.filter(school=world.school).first()
    for period in (enums.Period.T1, enums.Period.H1):
        PeriodMark.objects.create(school=world.school, year_id=YEAR, period=period, student=mark.student,
                                  subject=mark.subject, mark="4")
    assert system_in_marks(world.school, YEAR) is None


def test_the_data_page_links_to_the_school_details(client, world):
    assert URL in as_user(client, world, "deputy").get(reverse("imports:index")).content.decode()
