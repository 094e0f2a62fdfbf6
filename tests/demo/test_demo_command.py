"""`vsoko demo`: loads through the import, creates the demo users, is idempotent, guards production."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import timezone

from vsoko.accounts.enums import Role
from vsoko.accounts.models import Membership, StaffAccount
from vsoko.demo.generator import generate_school
from vsoko.demo.model import LAST_YEAR
from vsoko.demo.service import school_profiles
from vsoko.imports.models import ImportRun
from vsoko.plan.models import PlanAmendment, PlanApproval, PlanItem
from vsoko.records.enums import OrgUnitKind
from vsoko.records.models import Enrollment, OrgUnit, PeriodMark, Result, Student, TaskScore
from vsoko.surveys.campaigns import school_year_of
from vsoko.surveys.enums import SurveyStatus
from vsoko.surveys.models import Survey
from vsoko.surveys.results import respondents

pytestmark = pytest.mark.django_db(transaction=True)

# pytest-django runs with DEBUG=False, where the demo needs --force.
SMALL = {"students": 60, "years": 2, "seed": 3, "force": True}


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def run(**options):
    call_command("demo", **{**SMALL, **options}, stdout=(out := _Out()))
    return out.text


class _Out:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass


def snapshot() -> dict[str, list]:
    """Every row of the records and accounts apps (without surrogate ids), to compare two states."""
    state = {}
    for app in ("records", "accounts", "auth", "surveys", "plan"):
        for model in apps.get_app_config(app).get_models():
            fields = [f.attname for f in model._meta.concrete_fields if f.attname != "id"]
            state[model._meta.label] = sorted(map(repr, model.objects.values_list(*fields)))
    return state


def test_demo_loads_the_generated_package_and_prints_the_users():
    output = run()

    package = generate_school(school_profiles(1, SMALL["seed"], SMALL["students"])[0], SMALL["years"])
    counts = package.counts()
    school = OrgUnit.objects.get(code="school-1")
    assert Student.objects.filter(school=school).count() == counts["students"]
    assert Enrollment.objects.filter(school=school).count() == counts["enrollments"]
    assert PeriodMark.objects.filter(school=school).count() == counts["marks"]
    assert Result.objects.filter(school=school).count() == counts["results"]
    assert TaskScore.objects.filter(result__school=school).exists()
    assert "http://127.0.0.1:8000/" in output
    assert "class-teacher  class-teacher  классный руководитель 5А" in output
    # the history of uploads (and the overview's «Последняя загрузка») named a temporary folder «vsoko-demo-o2g8kb8_»
    assert list(ImportRun.objects.filter(school=school).values_list("file_name", flat=True)) == [
        "Демонстрационный пакет"]


def test_the_printed_address_has_the_port_make_demo_serves_on(monkeypatch):
    monkeypatch.setenv("VSOKO_PORT", "8793")

    output = run()

    assert "Готово. Откройте http://127.0.0.1:8793/ и войдите" in output
    assert "(без входа): http://127.0.0.1:8793/s/" in output


def test_demo_opens_a_survey_and_prints_its_link(client):
    output = run()

    survey = Survey.objects.get(school__code="school-1")
    token = survey.links.get(grade=None).token
    assert f"http://127.0.0.1:8000/s/{token}/" in output
    assert survey.status() == SurveyStatus.OPEN
    # open now, so in the current school year (after the demo's LAST_YEAR), with answers computed into its values
    assert survey.year_id == school_year_of(timezone.localdate()) and survey.year_id > LAST_YEAR
    assert respondents(survey.school, survey.year_id, "do-needs") == survey.links.get(grade=None).responses > 0
    assert not survey.links.filter(grade__isnull=False).exists()  # the year's classes are not in the demo's data
    # the package's answers stay in the years they belong to: the indicators of those years have them
    assert respondents(survey.school, LAST_YEAR, "parents") > 0
    assert "Потребности в дополнительном образовании" in client.get(f"/s/{token}/").content.decode()


def test_demo_has_the_plans_of_its_years_done_approved_and_the_last_one_amended():
    run()

    items = PlanItem.objects.filter(school__code="school-1", year_id=LAST_YEAR)
    assert items.count() == 14  # the criteria of the core catalog
    assert all(item.done_on == item.deadline for item in items)
    approvals = PlanApproval.objects.filter(school__code="school-1", lifted_at__isnull=True).order_by("year_id")
    assert [(a.year_id, a.order, a.approved_by.username) for a in approvals] == [
        (LAST_YEAR - 1, f"от 30.08.{LAST_YEAR - 1} № 104-о", "director"),
        (LAST_YEAR, f"от 30.08.{LAST_YEAR} № 91-о", "director")]
    amendment = PlanAmendment.objects.get()
    assert (amendment.approval.year_id, amendment.item_name, amendment.lines, amendment.made_by.username) == (
        LAST_YEAR, "Анкета обучающихся", ["ответственный: заместитель директора по ВР → педагог-психолог"], "deputy")


def test_demo_users_have_their_roles():
    run()

    school = OrgUnit.objects.get(code="school-1")
    User = get_user_model()
    roles = {m.user.username: (Role(m.role), m.org_unit, m.class_name)
             for m in Membership.objects.select_related("user", "org_unit")}
    assert roles == {
        "admin": (Role.ADMIN, school, ""),
        "director": (Role.DIRECTOR, school, ""),
        "deputy": (Role.DEPUTY, school, ""),
        "mo-head": (Role.MO_HEAD, school, ""),
        "class-teacher": (Role.CLASS_TEACHER, school, "5А"),
        "teacher": (Role.TEACHER, school, ""),
        "observer": (Role.OBSERVER, school.parent, ""),
    }
    assert school.parent.kind == OrgUnitKind.MUNICIPALITY
    for login in roles:
        assert User.objects.get(username=login).check_password(login)
    assert User.objects.get(username="admin").is_superuser
    assert not User.objects.get(username="director").is_superuser
    math = Membership.objects.filter(user__username="mo-head").values_list("subject__name", flat=True)
    assert set(math) == {"математика", "алгебра", "геометрия", "вероятность и статистика"}
    assert Enrollment.objects.filter(school=school, year_id=2025, school_class__name="5А").exists()
    # The school's people are linked to the staff records whose names they carry; admin and observer are nobody.
    links = {a.user.username: a for a in StaffAccount.objects.select_related("user", "staff")}
    assert set(links) == {"director", "deputy", "mo-head", "class-teacher", "teacher"}
    for login, link in links.items():
        assert (link.staff.first_name, link.staff.last_name) == (link.user.first_name, link.user.last_name), login
        assert link.staff.school == school


def test_running_demo_twice_leaves_the_database_as_after_the_first_time():
    run()
    first = snapshot()

    run()

    assert snapshot() == first


def test_several_schools_under_one_municipality():
    run(schools=2, students=40)

    schools = OrgUnit.objects.filter(kind=OrgUnitKind.SCHOOL).order_by("code")
    assert [s.code for s in schools] == ["school-1", "school-2"]
    assert len({s.parent_id for s in schools}) == 1
    assert all(Student.objects.filter(school=s).exists() for s in schools)


def test_demo_after_a_bare_init_names_the_school_as_it_says():
    # `vsoko init` without --school creates «Школа»; the demo said it loaded «МБОУ «Демонстрационная СОШ»», but
    # the comparison of schools listed one of eight as «Школа».
    call_command("init", stdout=_Out())

    run(schools=2, students=40)

    school = OrgUnit.objects.get(code="school-1")
    assert school.name == "МБОУ «Демонстрационная СОШ»"


def test_demo_keeps_a_name_the_school_gave_itself():
    call_command("init", school="МБОУ СОШ № 7", stdout=_Out())

    output = run()

    assert OrgUnit.objects.get(code="school-1").name == "МБОУ СОШ № 7"
    # and says so from its first line on: it said «МБОУ «Демонстрационная СОШ» (school-1): создание данных»
    assert output.startswith("МБОУ СОШ № 7 (school-1): создание данных")
    assert "Демонстрационная" not in output


@override_settings(DEBUG=False)
def test_demo_refuses_to_run_without_debug():
    with pytest.raises(CommandError, match="--force"):
        run(force=False)
    assert not Student.objects.exists()


@pytest.mark.slow
def test_full_size_demo_goes_through_the_import():
    output = run(students=600, years=3, seed=1)

    counts = generate_school(school_profiles(1, 1, 600)[0], 3).counts()
    school = OrgUnit.objects.get(code="school-1")
    assert Student.objects.filter(school=school).count() == counts["students"]
    assert Enrollment.objects.filter(school=school).count() == counts["enrollments"]
    assert PeriodMark.objects.filter(school=school).count() == counts["marks"]
    assert Result.objects.filter(school=school).count() == counts["results"]
    assert "изменено 0" in output
