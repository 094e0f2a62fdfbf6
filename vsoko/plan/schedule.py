"""What the plan asks for now: the items due this month and those past their months without a done mark."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from vsoko.plan.enums import PlanStatus
from vsoko.plan.models import PlanItem
from vsoko.records.models import OrgUnit


def needing_attention(schools: Iterable[OrgUnit], year: int, today: datetime.date) -> list[tuple[PlanItem, PlanStatus]]:
    """Overdue items first, then those due this month, in plan order (one query)."""
    items = PlanItem.objects.filter(school__in=schools, year_id=year, done_on__isnull=True).order_by("position", "pk")
    found = [(item, item.status(today)) for item in items]
    order = {PlanStatus.OVERDUE: 0, PlanStatus.DUE: 1}
    return sorted(((item, status) for item, status in found if status in order), key=lambda pair: order[pair[1]])
