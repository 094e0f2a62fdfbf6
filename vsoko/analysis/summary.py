"""The risk block of the school overview: one call, `risk_summary(user, schools, year)`."""

from __future__ import annotations

from dataclasses import dataclass

from vsoko.accounts import permissions
from vsoko.analysis.access import Privacy
from vsoko.analysis.flags import Flag, Level
from vsoko.analysis.risk import risk_flags
from vsoko.records.models import OrgUnit

SHOWN = 5


@dataclass(frozen=True)
class RiskSummary:
    flags: list[Flag]  # the first few, most serious first
    total: int
    high: int

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
    if aggregates_only:
        privacy = Privacy(on=True)
        flags = [f for f in flags if not f.disclosive(privacy.minimum)]
    return RiskSummary(flags[:shown], len(flags), sum(1 for f in flags if f.level == Level.HIGH))
