"""`vsoko plan approve | lift | status`: the director's order entered from the command line, through the same
domain functions as the plan's page and logged in the audit log as the page's approvals are."""

import datetime
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from tests.accounts.personas import YEAR
from vsoko.audit.enums import AuditAction
from vsoko.audit.models import AuditEntry
from vsoko.plan.amendments import save_item
from vsoko.plan.approval import approve_plan, lift_approval
from vsoko.plan.models import PlanAmendment, PlanApproval, PlanItem, PlanReview

pytestmark = pytest.mark.django_db
VSOKO = Path(sys.executable).parent / "vsoko"


@pytest.fixture
def items(world):
    for name, done in (("Качество знаний", datetime.date(2024, 12, 27)), ("Анкетирование родителей", None)):
        PlanItem.objects.create(school=world.school, year_id=YEAR, object=name, months=[12], done_on=done,
                                responsible="заместитель директора по УВР")
    return world


def plan(*args) -> str:
    out = io.StringIO()
    call_command("plan", *args, stdout=out)
    return out.getvalue()


APPROVE = ["approve", "--year", "2024/2025", "--date", "2024-09-01", "--number", "123-о", "--school", "s1"]


def test_approve_records_the_order_without_a_user_and_logs_it_as_the_page_does(items):
    said = plan(*APPROVE)

    assert said == ("План мониторинга на 2024/2025 учебный год (МБОУ «Школа №1») утверждён приказом директора от "
                    "01.09.2024 № 123-о. Теперь пункты меняются только с основанием изменения.\n")
    approval = PlanApproval.objects.get()
    assert (approval.school, approval.year_id, approval.order_date, approval.order_number, approval.approved_by,
            approval.lifted_at) == (items.school, YEAR, datetime.date(2024, 9, 1), "123-о", None, None)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.object_type, entry.object_id, entry.school, entry.user, entry.details) == (
        AuditAction.APPROVE, "plan", "2024", items.school, None,
        {"действие": "утверждён план мониторинга", "приказ": "от 01.09.2024 № 123-о", "откуда": "команда vsoko plan"})


def test_lift_makes_the_plan_a_draft_and_logs_the_reason(items):
    plan(*APPROVE)

    said = plan("lift", "--year", "2024/2025", "--reason", "  Приказ от 15.01.2025\n№ 7-о ", "--school", "s1")

    assert said == ("Утверждение плана мониторинга на 2024/2025 учебный год (МБОУ «Школа №1», приказ от 01.09.2024 "
                    "№ 123-о) снято: план снова проект и меняется без основания.\n")
    lifted = PlanApproval.objects.get()
    assert (lifted.lifted_at is not None, lifted.lift_reason) == (True, "Приказ от 15.01.2025 № 7-о")
    entry = AuditEntry.objects.get(action=AuditAction.REOPEN)
    assert (entry.object_type, entry.object_id, entry.user, entry.details) == ("plan", "2024", None, {
        "действие": "снято утверждение плана мониторинга", "приказ": "от 01.09.2024 № 123-о",
        "основание": "Приказ от 15.01.2025 № 7-о", "откуда": "команда vsoko plan"})


def test_the_pages_lift_logs_no_reason_and_no_command(items):
    """The domain function's reason is optional (the page and the command ask for one): without it, no «основание»."""
    approve_plan(school=items.school, year=YEAR, order_date=datetime.date(2024, 9, 1), order_number="1",
                 user=items.users["director"])
    lift_approval(school=items.school, year=YEAR, user=items.users["director"])

    assert AuditEntry.objects.get(action=AuditAction.REOPEN).details == {
        "действие": "снято утверждение плана мониторинга", "приказ": "от 01.09.2024 № 1"}


def test_status_of_a_draft_and_of_an_approved_plan_with_its_history(items):
    assert plan("status", "--year", "2024/2025", "--school", "s1") == (
        "План мониторинга на 2024/2025 учебный год (МБОУ «Школа №1»): пунктов 2, выполнено 1.\n"
        "На педагогическом совете: рассмотрение не отмечено (протокол не внесён).\n"
        "Проект: не утверждён приказом директора.\n")

    plan(*APPROVE)
    plan("lift", "--year", "2024", "--reason", "ошибка в номере", "--school", "s1")
    director = items.users["director"]
    approve_plan(school=items.school, year=YEAR, order_date=datetime.date(2024, 9, 2), order_number="124-о",
                 user=director)
    item = PlanItem.objects.get(object="Анкетирование родителей")
    item.months = [1]
    save_item(item, user=items.users["deputy"], reason="Приказ от 15.01.2025 № 7-о")
    lifted = PlanApproval.objects.get(order_number="123-о").lifted_at
    approved = PlanApproval.objects.get(order_number="124-о").approved_at

    said = plan("status", "--year", "2024/2025", "--school", "s1").splitlines()

    assert PlanAmendment.objects.count() == 1
    assert said == [
        "План мониторинга на 2024/2025 учебный год (МБОУ «Школа №1»): пунктов 2, выполнено 1.",
        "На педагогическом совете: рассмотрение не отмечено (протокол не внесён).",
        f"Утверждён приказом директора от 02.09.2024 № 124-о (внёс {director.get_full_name() or director.username}, "
        f"{timezone.localtime(approved):%d.%m.%Y %H:%M}); изменений после утверждения: 1.",
        f"Прежнее утверждение: приказ от 01.09.2024 № 123-о, снято {timezone.localtime(lifted):%d.%m.%Y %H:%M} "
        "(без пользователя — команда vsoko plan, основание: «ошибка в номере»); изменений при нём: 0.",
    ]
    assert AuditEntry.objects.filter(action__in=[AuditAction.APPROVE, AuditAction.REOPEN]).count() == 3


REVIEW = ["review", "--year", "2024/2025", "--date", "2024-08-29", "--number", "1", "--school", "s1"]


def test_review_records_the_councils_protocol_without_a_user_and_status_prints_it(items):
    said = plan(*REVIEW)

    assert said == ("План мониторинга на 2024/2025 учебный год (МБОУ «Школа №1») рассмотрен на педагогическом "
                    "совете, протокол от 29.08.2024 № 1.\n")
    review = PlanReview.objects.get()
    assert (review.school, review.year_id, review.protocol_date, review.protocol_number, review.entered_by) == (
        items.school, YEAR, datetime.date(2024, 8, 29), "1", None)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.object_type, entry.object_id, entry.user, entry.details) == (
        AuditAction.CHANGE, "plan", "2024", None,
        {"действие": "план мониторинга рассмотрен на педагогическом совете", "протокол": "от 29.08.2024 № 1",
         "откуда": "команда vsoko plan"})
    status = plan("status", "--year", "2024/2025", "--school", "s1").splitlines()
    assert status[1] == (f"Рассмотрен на педагогическом совете, протокол от 29.08.2024 № 1 (внёс без пользователя — "
                         f"команда vsoko plan, {timezone.localtime(review.entered_at):%d.%m.%Y %H:%M}).")


def test_review_again_corrects_the_protocol_and_says_what_it_was(items):
    plan(*REVIEW)

    said = plan("review", "--year", "2024/2025", "--date", "2024-08-30", "--number", "2", "--school", "s1")

    assert said == ("План мониторинга на 2024/2025 учебный год (МБОУ «Школа №1») рассмотрен на педагогическом "
                    "совете, протокол от 30.08.2024 № 2 (исправлено; было: протокол от 29.08.2024 № 1).\n")
    assert PlanReview.objects.get().protocol == "от 30.08.2024 № 2"


@pytest.mark.parametrize(("args", "message"), [
    (["review", "--year", "2024/2025", "--date", "2024-08-29", "--number", " ", "--school", "s1"],
     "Укажите номер протокола педагогического совета, на котором рассмотрен план."),
    (["review", "--year", "2024/2025", "--date", "2024-03-01", "--number", "1", "--school", "s1"],
     "Дата протокола 01.03.2024 не относится к плану на 2024/2025 учебный год"),
    (["review", "--year", "2023/2024", "--date", "2023-08-29", "--number", "1", "--school", "s1"],
     "Плана мониторинга на 2023/2024 учебный год нет: рассматривать нечего."),
    (["review", "--year", "2024/2025", "--date", "29.08.2024", "--number", "1", "--school", "s1"],
     "дата протокола «29.08.2024» не распознана: укажите её как ГГГГ-ММ-ДД, например 2024-08-29"),
    (["review", "--year", "2024/2025", "--date", "2024-08-29", "--school", "s1"], "--number"),
])
def test_a_bad_review_is_refused_and_changes_nothing(items, args, message):
    with pytest.raises(CommandError) as error:
        plan(*args)

    assert message in str(error.value)
    assert not PlanReview.objects.exists() and not AuditEntry.objects.exists()


def test_status_of_a_year_without_a_plan_says_so(world):
    assert plan("status", "--year", "2024/2025", "--school", "s1") == (
        "План мониторинга на 2024/2025 учебный год (МБОУ «Школа №1»): плана нет — составьте его на странице "
        "«План мониторинга».\n")


@pytest.mark.parametrize(("args", "message"), [
    (APPROVE[:-2] + ["--school", "s9"], "Школа с кодом «s9» не найдена. Коды школ: "),
    (APPROVE[:-2], "В базе несколько школ: укажите нужную через --school КОД."),
    (["approve", "--year", "2023/2024", "--date", "2023-09-01", "--number", "5", "--school", "s1"],
     "Плана мониторинга на 2023/2024 учебный год нет: утверждать нечего."),
    (["approve", "--year", "2030/2031", "--date", "2024-09-01", "--number", "5", "--school", "s1"],
     "Учебный год 2030/2031 не найден в базе: данные есть за 2023/2024, 2024/2025."),
    (["approve", "--year", "2024-2026", "--date", "2024-09-01", "--number", "5", "--school", "s1"],
     "Учебный год «2024-2026» не распознан: укажите его как 2024/2025."),
    (["approve", "--year", "2024/2025", "--date", "2099-09-01", "--number", "5", "--school", "s1"],
     "Дата приказа 01.09.2099 ещё не наступила: внесите приказ, когда он подписан."),
    (["approve", "--year", "2024/2025", "--date", "2024-09-01", "--number", "  ", "--school", "s1"],
     "Укажите номер приказа директора, которым утверждён план."),
    (["lift", "--year", "2024/2025", "--reason", "ошибка", "--school", "s1"],
     "План мониторинга на 2024/2025 учебный год не утверждён: снимать нечего."),
    (["lift", "--year", "2024/2025", "--reason", "  ", "--school", "s1"],
     "Укажите основание снятия утверждения в --reason"),
    (["status", "--year", "2024/2025", "--school", "s2x"], "Школа с кодом «s2x» не найдена."),
])
def test_user_errors_are_russian_and_change_nothing(items, args, message):
    with pytest.raises(CommandError) as error:
        plan(*args)

    assert message in str(error.value)
    assert not PlanApproval.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_plan_approved_already_is_not_approved_again(items):
    plan(*APPROVE)

    with pytest.raises(CommandError, match="План мониторинга на 2024/2025 учебный год уже утверждён приказом "
                                           "директора от 01.09.2024 № 123-о."):
        plan("approve", "--year", "2024/2025", "--date", "2024-09-02", "--number", "124-о", "--school", "s1")
    assert PlanApproval.objects.get().order_number == "123-о"
    assert AuditEntry.objects.count() == 1


@pytest.mark.parametrize(("args", "message"), [
    (["approve", "--year", "2024/2025", "--date", "01.09.2024", "--number", "5"],
     "дата приказа «01.09.2024» не распознана: укажите её как ГГГГ-ММ-ДД, например 2024-09-01"),
    (["approve", "--year", "2024/2025", "--date", "2024-02-30", "--number", "5"], "дата приказа «2024-02-30»"),
    (["approve", "--year", "2024/2025", "--number", "5"], "--date"),
    (["lift", "--year", "2024/2025"], "--reason"),
    (["unknown", "--year", "2024/2025"], "invalid choice"),
])
def test_bad_arguments_are_refused_by_the_parser(items, args, message):
    with pytest.raises(CommandError, match=message):
        plan(*args)
    assert not PlanApproval.objects.exists()


@pytest.mark.slow
def test_exit_codes(tmp_path):
    """0 — done, 1 — a user error (Russian, on stderr), 2 — bad arguments; a database of its own."""
    env = {**os.environ, "VSOKO_DATA_DIR": str(tmp_path), "DATABASE_URL": ""}
    env.pop("DJANGO_SETTINGS_MODULE", None)

    def vsoko(*args):
        return subprocess.run([VSOKO, *args], env=env, capture_output=True, text=True, cwd=tmp_path)

    assert vsoko("init", "--school", "Школа").returncode == 0
    made = vsoko("shell", "-c", "from vsoko.records.models import *; from vsoko.plan.models import PlanItem; "
                                "SchoolYear.objects.create(start=2024); PlanItem.objects.create("
                                "school=OrgUnit.objects.get(kind='school'), year_id=2024, object='Качество знаний')")
    assert made.returncode == 0, made.stderr

    approved = vsoko("plan", "approve", "--year", "2024/2025", "--date", "2024-09-01", "--number", "1-о")
    assert approved.returncode == 0, approved.stderr
    assert "утверждён приказом директора от 01.09.2024 № 1-о" in approved.stdout
    again = vsoko("plan", "approve", "--year", "2024/2025", "--date", "2024-09-01", "--number", "1-о")
    assert (again.returncode, again.stderr.strip()) == (
        1, "CommandError: План мониторинга на 2024/2025 учебный год уже утверждён приказом директора от 01.09.2024 "
           "№ 1-о.")
    bad_date = vsoko("plan", "approve", "--year", "2024/2025", "--date", "1 сентября", "--number", "1-о")
    assert bad_date.returncode == 2
    assert "дата приказа «1 сентября» не распознана" in bad_date.stderr
    status = vsoko("plan", "status", "--year", "2024/2025")
    assert status.returncode == 0
    assert "Утверждён приказом директора от 01.09.2024 № 1-о (внёс без пользователя — команда vsoko plan, " \
        in status.stdout
