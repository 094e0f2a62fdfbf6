"""`vsoko plan approve | lift | review | status`: the director's order approving the year's monitoring plan and the
protocol of the pedagogical council that reviewed it, entered from the server's command line (docs/plan.md). The same domain functions as the plan's page (vsoko.plan.approval), acting as
COMMAND_LINE: logged in the audit log as the page's approvals and reviews are, with «откуда: команда vsoko plan»."""

import argparse
import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Q
from django.utils import timezone

from vsoko.indicators.values import UnknownYear, parse_year
from vsoko.plan.approval import (
    COMMAND_LINE,
    ApprovalRefused,
    approvals_of_year,
    approve_plan,
    lift_approval,
)
from vsoko.plan.models import PlanItem
from vsoko.plan.review import ReviewRefused, review_of, review_plan
from vsoko.records.models import OrgUnit
from vsoko.records.schools import SchoolNotFound, resolve_school
from vsoko.records.years import year_label
from vsoko.reports.management.commands.report import known_year


def iso_date(text: str, what: str, example: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{what} «{text}» не распознана: укажите её как ГГГГ-ММ-ДД, "
                                         f"например {example}") from None


def order_date(text: str) -> datetime.date:
    return iso_date(text, "дата приказа", "2024-09-01")


def protocol_date(text: str) -> datetime.date:
    return iso_date(text, "дата протокола", "2024-08-29")


class Command(BaseCommand):
    help = ("План мониторинга: утвердить приказом директора (approve), снять утверждение (lift), внести протокол "
            "педагогического совета, рассмотревшего план (review), состояние (status).")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        approve = sub.add_parser("approve", help="внести приказ директора, которым утверждён план на год")
        approve.add_argument("--date", required=True, type=order_date, help="дата приказа, ГГГГ-ММ-ДД")
        approve.add_argument("--number", required=True, help="номер приказа, например 123-о")
        lift = sub.add_parser("lift", help="снять утверждение: план снова проект")
        lift.add_argument("--reason", required=True, help="основание, например «Приказ от 15.01.2025 № 7-о»")
        review = sub.add_parser("review", help="внести (или исправить) протокол педсовета, рассмотревшего план")
        review.add_argument("--date", required=True, type=protocol_date, help="дата протокола, ГГГГ-ММ-ДД")
        review.add_argument("--number", required=True, help="номер протокола, например 1")
        status = sub.add_parser("status", help="рассмотрен ли план, утверждён ли, каким приказом, сколько изменений")
        for command in (approve, lift, review, status):
            command.add_argument("--year", required=True, help="учебный год, например 2024/2025")
            command.add_argument("--school", help="код школы (если их несколько)")

    def handle(self, *args, action, year, school, **options):
        try:
            start = parse_year(year)
            unit = resolve_school(school)
            known_year(start)
            getattr(self, f"handle_{action}")(unit, start, **options)
        except (UnknownYear, SchoolNotFound, ApprovalRefused, ReviewRefused) as exc:
            raise CommandError(str(exc)) from None

    def handle_approve(self, school: OrgUnit, year: int, *, date, number, **options):
        approval = approve_plan(school=school, year=year, order_date=date, order_number=number, user=COMMAND_LINE)
        self.stdout.write(f"План мониторинга на {year_label(year)} учебный год ({school.name}) утверждён приказом "
                          f"директора {approval.order}. Теперь пункты меняются только с основанием изменения.")

    def handle_lift(self, school: OrgUnit, year: int, *, reason, **options):
        reason = " ".join(reason.split())
        if not reason:
            raise CommandError("Укажите основание снятия утверждения в --reason, например «Приказ от 15.01.2025 "
                               "№ 7-о»: без пользователя оно — единственная запись о том, почему план снова проект.")
        approval = lift_approval(school=school, year=year, user=COMMAND_LINE, reason=reason)
        self.stdout.write(f"Утверждение плана мониторинга на {year_label(year)} учебный год ({school.name}, приказ "
                          f"{approval.order}) снято: план снова проект и меняется без основания.")

    def handle_review(self, school: OrgUnit, year: int, *, date, number, **options):
        previous = review_of(school, year)
        review = review_plan(school=school, year=year, protocol_date=date, protocol_number=number, user=COMMAND_LINE)
        corrected = f" (исправлено; было: протокол {previous.protocol})" if previous else ""
        self.stdout.write(f"План мониторинга на {year_label(year)} учебный год ({school.name}) рассмотрен на "
                          f"педагогическом совете, протокол {review.protocol}{corrected}.")

    def handle_status(self, school: OrgUnit, year: int, **options):
        items = PlanItem.objects.filter(school=school, year_id=year).aggregate(
            total=Count("pk"), done=Count("pk", filter=Q(done_on__isnull=False)))
        label = f"План мониторинга на {year_label(year)} учебный год ({school.name})"
        if not items["total"]:
            self.stdout.write(f"{label}: плана нет — составьте его на странице «План мониторинга».")
            return
        self.stdout.write(f"{label}: пунктов {items['total']}, выполнено {items['done']}.")
        review = review_of(school, year)
        if review is None:
            self.stdout.write("На педагогическом совете: рассмотрение не отмечено (протокол не внесён).")
        else:
            self.stdout.write(f"Рассмотрен на педагогическом совете, протокол {review.protocol} (внёс "
                              f"{who(review.entered_by)}, {when(review.entered_at)}).")
        approvals = approvals_of_year(school, year)
        in_force = next((a for a in approvals if a.lifted_at is None), None)
        if in_force is None:
            self.stdout.write("Проект: не утверждён приказом директора.")
        else:
            self.stdout.write(f"Утверждён приказом директора {in_force.order} (внёс {who(in_force.approved_by)}, "
                              f"{when(in_force.approved_at)}); изменений после утверждения: {in_force.changes}.")
        for approval in approvals:
            if approval.lifted_at is not None:
                reason = f", основание: «{approval.lift_reason}»" if approval.lift_reason else ""
                self.stdout.write(f"Прежнее утверждение: приказ {approval.order}, снято {when(approval.lifted_at)} "
                                  f"({who(approval.lifted_by)}{reason}); изменений при нём: {approval.changes}.")


def who(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else "без пользователя — команда vsoko plan"


def when(moment: datetime.datetime) -> str:
    return f"{timezone.localtime(moment):%d.%m.%Y %H:%M}"
