"""The overview's notice of the requests still to answer (as vsoko.decisions.agenda for the decisions due)."""

from __future__ import annotations

from django.utils import timezone

from vsoko.accounts import permissions
from vsoko.inquiries.workflow import open_answers


def overview_notices(user) -> dict:
    """The overview's notice for whoever answers requests: the open ones (not sent), the nearest deadline first."""
    if not permissions.uses_inquiries(user):
        return {}
    today = timezone.localdate()
    answers = list(open_answers(permissions.units_answering_inquiries_for(user))[:7])
    return {"inquiries_open": [(a, today > a.inquiry.deadline) for a in answers[:6]],
            "inquiries_more": len(answers) > 6}
