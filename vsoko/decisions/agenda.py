"""What the decisions ask for now: those still to be carried out whose deadline has passed or comes within
AHEAD days, for the overview's agenda."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from vsoko.decisions.enums import DecisionStatus
from vsoko.decisions.models import Decision
from vsoko.records.models import OrgUnit

AHEAD = datetime.timedelta(days=14)


def decisions_due(schools: Iterable[OrgUnit], today: datetime.date) -> list[Decision]:
    """Overdue first, then by deadline (one query); of any year: an overdue decision of last year still waits."""
    return list(Decision.objects.filter(school__in=schools, status__in=DecisionStatus.open(),
                                        deadline__lte=today + AHEAD).order_by("deadline", "pk"))
