"""What the plan asks for now: the items due this month and those past their months without a done mark."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from vsoko.plan.enums import PlanStatus
from vsoko.plan.models import PlanItem
from vsoko.records.models import OrgUnit
from vsoko.records.years import school_year_of


@dataclass(frozen=True)
class Attention:
    items: list[tuple[PlanItem, PlanStatus]]  # overdue first, then due this month, in plan order
    planned: bool  # the plan followed has an item: without one, «nothing due» would vouch for a plan never made


def attention(schools: Iterable[OrgUnit], year: int, today: datetime.date) -> Attention:
    """The items needing attention and whether there is a plan at all (one query). The plan followed is the
    current school year's (by today's date) once it has items — in September the header still shows last year
    until the new year's data are loaded, while the new plan, drafted in August, is the one in force — else
    `year`'s."""
    current = school_year_of(today)
    items = list(PlanItem.objects.filter(school__in=schools, year_id__in={year, current}).order_by("position", "pk"))
    followed = current if any(item.year_id == current for item in items) else year
    found = [(item, item.status(today)) for item in items if item.year_id == followed and item.done_on is None]
    order = {PlanStatus.OVERDUE: 0, PlanStatus.DUE: 1}
    return Attention(sorted(((item, status) for item, status in found if status in order),
                            key=lambda pair: order[pair[1]]),
                     planned=any(item.year_id == followed for item in items))
