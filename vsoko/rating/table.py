"""The rating of a period: sheets ranked by the commission's total, subtotals per group, and the money.

Стоимость балла = фонд / сумма подтверждённых баллов, rounded down to kopecks so that the sums paid never exceed
the fund; each teacher's sum = баллы × стоимость балла, and what rounding leaves is shown as the remainder.
Only confirmed sheets are ranked and paid; the others are listed with their state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal

from django.db.models import Case, CharField, Sum, Value, When

from vsoko.indicators.formatting import number
from vsoko.rating.criteria import CRITERIA
from vsoko.rating.enums import CriterionGroup, SheetStatus
from vsoko.rating.models import RatingPeriod, RatingSheet, SheetLine
from vsoko.records.models import StaffMember

KOPECK = Decimal("0.01")


def money(value: Decimal | None) -> str:
    """Rubles with kopecks always shown: «58 333,30», as in a payment order."""
    return "—" if value is None else number(value, 2, zeros=True)


@dataclass
class RatingRow:
    sheet: RatingSheet
    staff: StaffMember
    self_by_group: dict[str, int] = field(default_factory=dict)
    confirmed_by_group: dict[str, int] = field(default_factory=dict)
    rank: int | None = None
    amount: Decimal | None = None

    @property
    def self_total(self) -> int:
        return sum(self.self_by_group.values())

    @property
    def confirmed_total(self) -> int:
        return sum(self.confirmed_by_group.values())

    @property
    def difference(self) -> int:
        """Self-assessment minus the commission's points: how far the teacher's view was from the commission's."""
        return self.self_total - self.confirmed_total

    @property
    def amount_text(self) -> str:
        return money(self.amount)

    @property
    def confirmed(self) -> bool:
        return self.sheet.status == SheetStatus.CONFIRMED

    @property
    def groups(self) -> list[tuple[int, int]]:
        return [(self.self_by_group.get(g, 0), self.confirmed_by_group.get(g, 0)) for g in CriterionGroup.values]


@dataclass
class Rating:
    period: RatingPeriod
    rows: list[RatingRow]  # confirmed ones ranked first, then the rest by name
    points: int  # the sum of the confirmed totals
    point_value: Decimal | None  # рублей за балл; None without a fund or points
    paid: Decimal | None
    remainder: Decimal | None

    @property
    def ranked(self) -> list[RatingRow]:
        return [r for r in self.rows if r.confirmed]

    @property
    def pending(self) -> list[RatingRow]:
        return [r for r in self.rows if not r.confirmed]


def group_sums(sheets) -> dict[int, tuple[dict[str, int], dict[str, int]]]:
    """{sheet id: ({group: self points}, {group: confirmed points})}: one GROUP BY over the lines, the group
    of a criterion code given to the database as a CASE."""
    group = Case(*(When(code=c.code, then=Value(c.group.value)) for c in CRITERIA), default=Value(""),
                 output_field=CharField())
    rows = (SheetLine.objects.filter(sheet__in=sheets).annotate(group=group).exclude(group="")
            .values("sheet_id", "group").annotate(own=Sum("self_points"), given=Sum("confirmed_points"))
            .order_by())
    sums: dict[int, tuple[dict[str, int], dict[str, int]]] = {}
    for r in rows:
        own, given = sums.setdefault(r["sheet_id"], ({}, {}))
        own[r["group"]] = r["own"] or 0
        given[r["group"]] = r["given"] or 0
    return sums


def point_value(fund: Decimal | None, points: int) -> Decimal | None:
    if fund is None or points <= 0:
        return None
    return (fund / points).quantize(KOPECK, rounding=ROUND_DOWN)


def rating_of(period: RatingPeriod, sheets=None) -> Rating:
    sheets = list((sheets if sheets is not None else period.sheets.all()).select_related("staff"))
    sums = group_sums([s.pk for s in sheets])
    rows = []
    for sheet in sheets:
        own, given = sums.get(sheet.pk, ({}, {}))
        rows.append(RatingRow(sheet, sheet.staff, own, given if sheet.status != SheetStatus.DRAFT else {}))
    ranked = sorted((r for r in rows if r.confirmed), key=lambda r: (-r.confirmed_total, r.staff.full_name))
    rest = sorted((r for r in rows if not r.confirmed), key=lambda r: r.staff.full_name)
    for i, row in enumerate(ranked):
        # Equal totals share a place (1, 2, 2, 4).
        row.rank = ranked[i - 1].rank if i and ranked[i - 1].confirmed_total == row.confirmed_total else i + 1
    points = sum(r.confirmed_total for r in ranked)
    value = point_value(period.fund, points)
    paid = remainder = None
    if value is not None:
        for row in ranked:
            row.amount = value * row.confirmed_total
        paid = sum((r.amount for r in ranked), Decimal("0.00"))
        remainder = period.fund - paid
    return Rating(period, ranked + rest, points, value, paid, remainder)
