"""The pedagogical council's review of the year's plan: the protocol's date and number, who enters it, what is
checked, stored, logged, shown on the page and printed in the plan and the self-examination sentence.

Personas (tests/accounts/personas.py): the deputy, the director and the administrator keep the plan and enter the
protocol; the teacher and the head of a methodical association only read it; another school's director sees their
own school only.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tests.accounts.personas import YEAR, make_user
from tests.reports.readers import docx_paragraphs
from vsoko.accounts.enums import Role
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.demo.plan import plan_demo_years
from vsoko.plan.amendments import save_item
from vsoko.plan.approval import approval_sentence, approve_plan
from vsoko.plan.models import PlanItem, PlanReview
from vsoko.plan.review import ReviewRefused, review_of, review_plan
from vsoko.reports.enums import Format, ReportKind
from vsoko.reports.plan import BLANK_ORDER
from vsoko.reports.registry import render

pytestmark = pytest.mark.django_db

PROTOCOL = {"review-year": YEAR, "review-protocol_date": "2024-08-29", "review-protocol_number": "1"}


@pytest.fixture
def item(world):
    return PlanItem.objects.create(school=world.school, year_id=YEAR, object="Качество знаний", months=[4, 5],
                                   responsible="заместитель директора по УВР")


def login(client, world, persona):
    client.force_login(world.users[persona])
    return client


def review(world, persona="deputy", **protocol):
    return review_plan(school=world.school, year=YEAR, user=world.users[persona],
                       **{"protocol_date": datetime.date(2024, 8, 29), "protocol_number": "1", **protocol})


def approve(world):
    return approve_plan(school=world.school, year=YEAR, order_date=datetime.date(2024, 9, 1), order_number="123-о",
                        user=world.users["director"])


def test_the_deputy_enters_the_protocol_on_the_page_and_every_role_reads_it(client, world, item):
    response = login(client, world, "deputy").post(f"{reverse('plan:review')}?school=s1", PROTOCOL, follow=True)

    assert ("План на 2024/2025 учебный год рассмотрен на педагогическом совете, протокол от 29.08.2024 № 1."
            in response.content.decode())
    made = PlanReview.objects.get()
    assert (made.school, made.year_id, made.protocol_date, made.protocol_number, made.entered_by) == (
        world.school, YEAR, datetime.date(2024, 8, 29), "1", world.users["deputy"])
    entry = AuditEntry.objects.get(object_type="plan")
    assert (entry.action, entry.object_type, entry.object_id, entry.school, entry.user, entry.details) == (
        AuditAction.CHANGE, "plan", str(YEAR), world.school, world.users["deputy"],
        {"действие": "план мониторинга рассмотрен на педагогическом совете", "протокол": "от 29.08.2024 № 1"})
    page = login(client, world, "teacher").get(reverse("plan:index")).content.decode()
    assert "План рассмотрен на педагогическом совете</strong>, протокол от 29.08.2024 № 1." in page
    assert "Исправить протокол" not in page and "review-protocol_number" not in page


def test_the_page_asks_the_administration_for_the_protocol_until_it_is_entered(client, world, item):
    deputy = login(client, world, "deputy").get(reverse("plan:index")).content.decode()
    teacher = login(client, world, "teacher").get(reverse("plan:index")).content.decode()

    assert "рассмотрение плана не отмечено" in deputy and "Внести протокол" in deputy
    assert "рассмотрение плана не отмечено" in teacher and "Внести протокол" not in teacher


@pytest.mark.parametrize("persona", ["director", "admin"])
def test_the_director_and_the_administrator_enter_it_too(world, item, persona):
    world.users["admin"] = make_user("admin", role=Role.ADMIN, org_unit=world.school)

    assert review(world, persona).entered_by == world.users[persona]


@pytest.mark.parametrize("persona", ["teacher", "mo_head"])
def test_the_teacher_and_the_head_of_a_methodical_association_may_not_enter_it(client, world, item, persona):
    response = login(client, world, persona).post(f"{reverse('plan:review')}?school=s1", PROTOCOL)

    assert response.status_code == 403
    with pytest.raises(PermissionDenied, match="Протокол педагогического совета о рассмотрении плана вносит "
                                               "администрация школы."):
        review(world, persona)
    assert not PlanReview.objects.exists() and not AuditEntry.objects.filter(object_type="plan").exists()


def test_another_schools_director_reaches_only_their_own_school(client, world, item):
    response = login(client, world, "other_director").post(f"{reverse('plan:review')}?school=s1", PROTOCOL,
                                                            follow=True)

    # School 2 has no plan for the year: nothing to review there, and school 1 is untouched.
    assert "Плана мониторинга на 2024/2025 учебный год нет: рассматривать нечего." in response.content.decode()
    assert not PlanReview.objects.exists()


@pytest.mark.parametrize(("protocol", "message"), [
    ({"protocol_number": " \n "}, "Укажите номер протокола педагогического совета, на котором рассмотрен план."),
    ({"protocol_number": "1" * 51}, f"Номер протокола «{'1' * 51}…» длиннее 50 знаков."),
    ({"protocol_date": datetime.date(2099, 8, 29)},
     "Дата протокола 29.08.2099 ещё не наступила: внесите протокол, когда заседание педагогического совета прошло."),
    ({"protocol_date": datetime.date(2024, 5, 31)},
     "Дата протокола 31.05.2024 не относится к плану на 2024/2025 учебный год: его рассматривают на педагогическом "
     "совете с 01.06.2024 (перед учебным годом) по 31.08.2025 (конец учебного года)."),
    ({"protocol_date": datetime.date(2025, 9, 1)},
     "Дата протокола 01.09.2025 не относится к плану на 2024/2025 учебный год: его рассматривают на педагогическом "
     "совете с 01.06.2024 (перед учебным годом) по 31.08.2025 (конец учебного года)."),
])
def test_a_bad_protocol_is_refused_in_russian_and_nothing_changes(world, item, protocol, message):
    with pytest.raises(ReviewRefused) as refused:
        review(world, **protocol)

    assert str(refused.value) == message
    assert not PlanReview.objects.exists() and not AuditEntry.objects.filter(object_type="plan").exists()


@pytest.mark.parametrize("day", [datetime.date(2024, 6, 1), datetime.date(2025, 8, 31)])
def test_the_first_and_the_last_day_of_the_window_are_accepted(world, item, day):
    assert review(world, protocol_date=day).protocol_date == day


def test_a_year_without_a_plan_is_not_reviewed(world):
    with pytest.raises(ReviewRefused, match=r"^Плана мониторинга на 2024/2025 учебный год нет: рассматривать нечего"):
        review(world)
    assert not PlanReview.objects.exists()


def test_the_form_names_what_is_missing(client, world, item):
    response = login(client, world, "deputy").post(
        f"{reverse('plan:review')}?school=s1",
        {"review-year": YEAR, "review-protocol_date": "30.02.2024", "review-protocol_number": ""}, follow=True)

    assert ("Протокол не внесён: Дата протокола: введите дату, например 29.08.2024. Укажите номер протокола."
            in response.content.decode())
    assert not PlanReview.objects.exists()


def test_a_second_protocol_corrects_the_first_and_the_log_keeps_the_old_one(client, world, item):
    review(world)
    page = login(client, world, "deputy").get(reverse("plan:index")).content.decode()
    assert "Исправить протокол" in page

    review(world, "director", protocol_date=datetime.date(2024, 8, 30), protocol_number=" 2 ")

    corrected = PlanReview.objects.get()
    assert (corrected.protocol, corrected.entered_by) == ("от 30.08.2024 № 2", world.users["director"])
    assert AuditEntry.objects.order_by("pk").last().details == {
        "действие": "исправлен протокол педагогического совета о рассмотрении плана мониторинга",
        "было": "от 29.08.2024 № 1", "протокол": "от 30.08.2024 № 2"}


def test_the_review_does_not_depend_on_the_approval(world, item):
    approve(world)

    made = review(world)

    assert review_of(world.school, YEAR) == made
    assert review_of(world.school, YEAR - 1) is None


def test_the_self_examination_sentence_names_the_review_and_the_order(world, item):
    assert approval_sentence(world.school, YEAR) is None

    review(world)
    assert approval_sentence(world.school, YEAR) == (
        "План-график рассмотрен на педагогическом совете (протокол от 29.08.2024 № 1).")

    approve(world)
    assert approval_sentence(world.school, YEAR) == (
        "План-график рассмотрен на педагогическом совете (протокол от 29.08.2024 № 1) и утверждён приказом "
        "директора от 01.09.2024 № 123-о.")

    item.months = [5]
    save_item(item, reason="Приказ от 15.01.2025 № 7-о", user=world.users["deputy"])
    assert approval_sentence(world.school, YEAR) == (
        "План-график рассмотрен на педагогическом совете (протокол от 29.08.2024 № 1) и утверждён приказом "
        "директора от 01.09.2024 № 123-о; после утверждения в него внесено изменений: 1.")


def test_the_plan_document_prints_the_review_of_a_draft_and_of_an_approved_plan(world, item):
    review(world)

    draft = docx_paragraphs(render(ReportKind.PLAN, world.school, YEAR, Format.DOCX))
    assert draft[1:5] == [world.school.name, "ПРОЕКТ",
                          "РАССМОТРЕН на педагогическом совете, протокол от 29.08.2024 № 1", BLANK_ORDER]

    approve(world)
    approved = docx_paragraphs(render(ReportKind.PLAN, world.school, YEAR, Format.DOCX))
    assert approved[1:4] == [world.school.name, "УТВЕРЖДЁН приказом директора от 01.09.2024 № 123-о",
                             "РАССМОТРЕН на педагогическом совете, протокол от 29.08.2024 № 1"]


def test_the_plan_document_without_a_review_says_nothing_of_it(world, item):
    paragraphs = docx_paragraphs(render(ReportKind.PLAN, world.school, YEAR, Format.DOCX))

    assert not any("педагогическом совете, протокол" in p for p in paragraphs)


def test_the_demo_plans_are_reviewed_by_the_august_council_before_the_order(world):
    plan_demo_years(world.school, YEAR, 2)
    plan_demo_years(world.school, YEAR, 2)  # the demo again keeps them

    reviews = PlanReview.objects.filter(school=world.school).order_by("year_id")
    assert [(r.year_id, r.protocol, r.entered_by.username) for r in reviews] == [
        (YEAR - 1, "от 29.08.2023 № 1", "deputy"), (YEAR, "от 29.08.2024 № 1", "deputy")]
    assert approval_sentence(world.school, YEAR).startswith(
        "План-график рассмотрен на педагогическом совете (протокол от 29.08.2024 № 1) и утверждён приказом "
        "директора от 30.08.2024 № 91-о")
