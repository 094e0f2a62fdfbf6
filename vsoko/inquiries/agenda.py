"""The overview's notice of the requests (as vsoko.decisions.agenda for the decisions due): for whoever answers
them, those still to answer; for the municipal specialist who sends them, those not everybody has answered."""

from __future__ import annotations

from django.db.models import Count, F, Q
from django.utils import timezone

from vsoko.accounts import permissions
from vsoko.accounts.enums import Role
from vsoko.inquiries.enums import AnswerStatus
from vsoko.inquiries.models import Inquiry
from vsoko.inquiries.workflow import open_answers

SHOWN = 6


def overview_notices(user) -> dict:
    """The open answers of the user's units, the nearest deadline first (one query); for an observer also the
    requests sent on behalf of their unit that are not answered by all (one query more, for the observer only)."""
    if not permissions.uses_inquiries(user):
        return {}
    today = timezone.localdate()
    answers = list(open_answers(permissions.units_answering_inquiries_by_role(user))[:SHOWN + 1])
    notices = {"inquiries_open": [(a, today > a.inquiry.deadline) for a in answers[:SHOWN]],
               "inquiries_more": len(answers) > SHOWN}
    if any(m.role == Role.OBSERVER for m in permissions.memberships_of(user)):
        sent = list(Inquiry.objects.filter(sender__in=permissions.units_sending_inquiries_for(user))
                    .annotate(recipients=Count("answers"),
                              answered=Count("answers", filter=Q(answers__status=AnswerStatus.SENT)))
                    .filter(answered__lt=F("recipients")).order_by("deadline", "pk")[:SHOWN])
        notices["inquiries_sent"] = [(i, today > i.deadline) for i in sent]
    return notices
