"""The risk block of the school overview: one call, `risk_summary(user, schools, year)`."""

from __future__ import annotations

from dataclasses import dataclass

from vsoko.accounts import permissions
from vsoko.analysis.access import Privacy
from vsoko.analysis.flags import Flag, Level
from vsoko.analysis.risk import fold_classes, own_classes_first, risk_flags
from vsoko.records.models import OrgUnit, Result

SHOWN = 5


@dataclass(frozen=True)
class RiskSummary:
    flags: list[Flag]  # the first few, most serious first
    total: int
    high: int
    hidden: int = 0  # flags about groups too small for a user who sees aggregates only

    @property
    def minimum(self) -> int:
        return Privacy(on=True).minimum

    @property
    def more(self) -> bool:
        return self.total > len(self.flags)


def risk_summary(user, schools: list[OrgUnit], year: int | None, *, shown: int = SHOWN) -> RiskSummary | None:
    """The year's risk flags of the schools for the overview; None when there is nothing to say.

    A user who sees aggregates only (the observer) gets flags of whole procedures, without
    those that tell of fewer than the minimum group size.
    """
    if year is None or not schools:
        return None
    aggregates_only = not permissions.can_see_personal_data(user)
    flags = risk_flags(schools, year, classes=not aggregates_only)
    if not flags and not Result.objects.filter(assessment__school__in=schools, assessment__year_id=year).exists():
        return None  # no procedure with results: «no weak results found» would vouch for results nobody loaded
    hidden = 0
    if aggregates_only:
        privacy = Privacy(on=True)
        shown_flags = [f for f in flags if not f.disclosive(privacy.minimum)]
        hidden, flags = len(flags) - len(shown_flags), shown_flags
    # A class teacher's own class first: the block shows only the first few.
    own = frozenset(permissions.classes_led_by(user, year).filter(school__in=schools).values_list("name", flat=True))
    flags = own_classes_first(fold_classes(flags), own)
    return RiskSummary(flags[:shown], len(flags), sum(1 for f in flags if f.level == Level.HIGH), hidden)
