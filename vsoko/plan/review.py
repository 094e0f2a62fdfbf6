"""The pedagogical council's review of the year's monitoring plan: the date and number of its protocol.

Regulation 004, разд. IV п. 10: the pedagogical council «рассматривает план проведения мониторинга(ов)/оценочных
процедур на текущий учебный год» and discusses the results; the director approves the plan by an order
(vsoko.plan.approval). The administration that keeps the plan enters the protocol (the deputy is usually the
council's secretary); a second protocol for the year corrects the first, and the audit log keeps what it was.
`vsoko plan review` enters it as COMMAND_LINE.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from vsoko.accounts import permissions
from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.plan.approval import COMMAND_LINE
from vsoko.plan.models import PlanItem, PlanReview
from vsoko.plan.papers import PROTOCOL
from vsoko.records.models import OrgUnit
from vsoko.records.years import year_label

REVIEW_REFUSED = "Протокол педагогического совета о рассмотрении плана вносит администрация школы."
PROTOCOL_NUMBER_LENGTH = PROTOCOL.length
# The council reviews the plan of year Y at its August meeting before the year (or at the June one that closes the
# year before), or late, during the year itself: a protocol from June of Y to the end of the school year.
EARLIEST_MONTH = 6


class ReviewRefused(Exception):
    """The review cannot be recorded; the message says why."""


def review_of(school: OrgUnit, year: int) -> PlanReview | None:
    return PlanReview.objects.filter(school=school, year_id=year).select_related("entered_by").first()


def review_window(year: int) -> tuple[datetime.date, datetime.date]:
    """The dates a protocol reviewing the plan of school year `year` can bear: 1 June of `year` to 31 August next."""
    return datetime.date(year, EARLIEST_MONTH, 1), datetime.date(year + 1, 8, 31)


def review_plan(*, school: OrgUnit, year: int, protocol_date: datetime.date, protocol_number: str, user,
                request=None) -> PlanReview:
    """Record (or correct) the protocol of the pedagogical council that reviewed the school's plan for the year;
    audited. PermissionDenied without the right to keep the plan; ReviewRefused without a plan, without a number,
    with a date in the future or outside the year's window (review_window)."""
    if user is not COMMAND_LINE and not permissions.can_edit_plan(user, school):
        raise PermissionDenied(REVIEW_REFUSED)
    number = PROTOCOL.checked_number(protocol_date, protocol_number, ReviewRefused)
    label = year_label(year)
    first, last = review_window(year)
    if not first <= protocol_date <= last:
        raise ReviewRefused(f"Дата протокола {protocol_date:%d.%m.%Y} не относится к плану на {label} учебный год: "
                            f"его рассматривают на педагогическом совете с {first:%d.%m.%Y} (перед учебным годом) "
                            f"по {last:%d.%m.%Y} (конец учебного года).")
    with transaction.atomic():
        if not PlanItem.objects.filter(school=school, year_id=year).exists():
            raise ReviewRefused(f"Плана мониторинга на {label} учебный год нет: рассматривать нечего.")
        entered_by = user if getattr(user, "is_authenticated", False) else None
        previous = PlanReview.objects.select_for_update().filter(school=school, year_id=year).first()
        details = {"действие": "план мониторинга рассмотрен на педагогическом совете"}
        if previous is None:
            try:
                with transaction.atomic():
                    review = PlanReview.objects.create(school=school, year_id=year, protocol_date=protocol_date,
                                                       protocol_number=number, entered_by=entered_by)
            except IntegrityError:  # entered by someone else a moment ago (one review per year)
                raise ReviewRefused(f"Протокол о рассмотрении плана на {label} учебный год только что внесён: "
                                    "обновите страницу.") from None
        else:
            details = {"действие": "исправлен протокол педагогического совета о рассмотрении плана мониторинга",
                       "было": previous.protocol}
            review = previous
            review.protocol_date, review.protocol_number = protocol_date, number
            review.entered_by, review.entered_at = entered_by, timezone.now()
            review.save()
        details["протокол"] = review.protocol
        if user is COMMAND_LINE:
            details["откуда"] = "команда vsoko plan"
        record(user=user, action=AuditAction.CHANGE, object_type="plan", object_id=str(year), school=school,
               details=details, request=request)
    return review
