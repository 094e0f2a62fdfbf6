"""What the inspections' orders ask for now, for the overview's agenda: the findings not yet put right whose
deadline has passed or comes within AHEAD days (the same horizon as the decisions')."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from vsoko.decisions.agenda import AHEAD
from vsoko.oversight.models import Finding
from vsoko.records.models import OrgUnit


def findings_due(schools: Iterable[OrgUnit], today: datetime.date) -> list[Finding]:
    """Overdue first, then by deadline (one query); of any year: an order of last year still waits."""
    return list(Finding.objects.filter(inspection__school__in=schools, fixed_on__isnull=True,
                                       deadline__lte=today + AHEAD)
                .select_related("inspection").order_by("deadline", "pk"))
