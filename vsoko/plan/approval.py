"""Approving a year's monitoring plan by the director's order, and lifting the approval.

Regulation 000, п. 4.9: the year's scheme of monitoring «утверждается приказом директора … обязательна для
исполнения работниками школы». The approval records the order (its date and number). While it is in force,
adding, changing and deleting items are amendments with a reason (vsoko.plan.amendments); marking items done
is the plan's execution and needs none. The director approves (or the administrator, entering the signed
order); only the director lifts the approval, as with approved data (vsoko.records.approval). `vsoko plan` acts as
COMMAND_LINE: the server's operator, who holds the whole database anyway, enters the director's order.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from vsoko.accounts import permissions
from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.plan.models import PlanApproval, PlanItem, PlanReview
from vsoko.plan.papers import ORDER
from vsoko.records.models import OrgUnit
from vsoko.records.years import year_label

APPROVE_REFUSED = "Утверждает план мониторинга директор школы (приказ может внести и администратор)."
LIFT_REFUSED = "Снять утверждение плана мониторинга может только директор школы."
ORDER_NUMBER_LENGTH = ORDER.length


class CommandLine:
    """The actor of `vsoko plan` (COMMAND_LINE): no user account and no roles' check; logged as the command."""

    is_authenticated = False


COMMAND_LINE = CommandLine()


class ApprovalRefused(Exception):
    """The plan cannot be approved, or its approval lifted, now; the message says why."""


def approval_in_force(school: OrgUnit, year: int, *, lock: bool = False) -> PlanApproval | None:
    """The approval of the school's plan for the year, unless it was lifted."""
    approvals = PlanApproval.objects.filter(school=school, year_id=year, lifted_at__isnull=True)
    # No join when locking: PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
    return approvals.select_for_update().first() if lock else approvals.select_related("approved_by").first()


def approvals_of_year(school: OrgUnit, year: int) -> list[PlanApproval]:
    """Every approval of the school's plan for the year, the lifted ones too, in the order they were made; with who
    approved and who lifted each and the number of amendments made under it (`changes`). One query."""
    return list(PlanApproval.objects.filter(school=school, year_id=year).select_related("approved_by", "lifted_by")
                .annotate(changes=Count("amendments")))


def approval_sentence(school: OrgUnit, year: int) -> str | None:
    """The council's review and the approval as a report says them («План-график рассмотрен на педагогическом совете
    (протокол от 29.08.2024 № 1) и утверждён приказом директора от 01.09.2024 № 123-о; после утверждения в него
    внесено изменений: 2.»), either alone when the other is missing, or None for a draft nobody reviewed. For the
    self-examination report's ВСОКО section."""
    approval = approval_in_force(school, year)
    review = PlanReview.objects.filter(school=school, year_id=year).first()
    reviewed = f"рассмотрен на педагогическом совете (протокол {review.protocol})" if review else None
    if approval is None:
        return f"План-график {reviewed}." if reviewed else None
    approved = f"утверждён приказом директора {approval.order}"
    sentence = f"План-график {reviewed} и {approved}" if reviewed else f"План-график {approved}"
    amendments = approval.amendments.count()
    return f"{sentence}; после утверждения в него внесено изменений: {amendments}." if amendments else f"{sentence}."


def approve_plan(*, school: OrgUnit, year: int, order_date: datetime.date, order_number: str, user,
                 request=None) -> PlanApproval:
    """Record the director's order approving the school's plan for the year; audited.
    PermissionDenied without the right; ApprovalRefused without a plan, with a plan approved already, with
    an order not yet signed (a date in the future) or without its number."""
    if user is not COMMAND_LINE and not permissions.can_approve_plan(user, school):
        raise PermissionDenied(APPROVE_REFUSED)
    number = ORDER.checked_number(order_date, order_number, ApprovalRefused)
    label = year_label(year)
    with transaction.atomic():
        if not PlanItem.objects.filter(school=school, year_id=year).exists():
            raise ApprovalRefused(f"Плана мониторинга на {label} учебный год нет: утверждать нечего.")
        current = approval_in_force(school, year, lock=True)
        if current is not None:
            raise ApprovalRefused(f"План мониторинга на {label} учебный год уже утверждён приказом директора "
                                  f"{current.order}.")
        try:
            with transaction.atomic():
                approval = PlanApproval.objects.create(
                    school=school, year_id=year, order_date=order_date, order_number=number,
                    approved_by=user if getattr(user, "is_authenticated", False) else None,
                )
        except IntegrityError:  # approved by someone else a moment ago (the constraint of one approval in force)
            raise ApprovalRefused(f"План мониторинга на {label} учебный год только что утверждён: обновите "
                                  "страницу.") from None
        record(user=user, action=AuditAction.APPROVE, object_type="plan", object_id=str(year), school=school,
               details=_details(user, {"действие": "утверждён план мониторинга", "приказ": approval.order}),
               request=request)
    return approval


def lift_approval(*, school: OrgUnit, year: int, user, request=None, reason: str = "") -> PlanApproval:
    """Lift the approval in force (the director only); the plan is a draft again, the approval and the amendments
    made under it are kept. The reason (the basis: an order, a decision; the page and the command line ask for it)
    is stored with the approval and logged, its whitespace collapsed."""
    if user is not COMMAND_LINE and not permissions.can_lift_plan_approval(user, school):
        raise PermissionDenied(LIFT_REFUSED)
    reason = " ".join(reason.split())
    with transaction.atomic():
        approval = approval_in_force(school, year, lock=True)
        if approval is None:
            raise ApprovalRefused(f"План мониторинга на {year_label(year)} учебный год не утверждён: снимать "
                                  "нечего.")
        approval.lifted_at = timezone.now()
        approval.lifted_by = user if getattr(user, "is_authenticated", False) else None
        approval.lift_reason = reason
        approval.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
        details = {"действие": "снято утверждение плана мониторинга", "приказ": approval.order}
        record(user=user, action=AuditAction.REOPEN, object_type="plan", object_id=str(year), school=school,
               details=_details(user, details | ({"основание": reason} if reason else {})), request=request)
    return approval


def _details(user, details: dict) -> dict:
    return {**details, "откуда": "команда vsoko plan"} if user is COMMAND_LINE else details
