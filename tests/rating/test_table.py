"""The rating and the money, hand-computed: fund 100 000 руб., 7 + 5 = 12 points → 8 333,33 руб. a point
(8 333,333… rounded down), sums 58 333,31 and 41 666,65, paid 99 999,96, remainder 0,04."""

from decimal import Decimal

import pytest

from tests.accounts.personas import YEAR
from vsoko.rating import workflow
from vsoko.rating.enums import CriterionGroup, SheetStatus
from vsoko.rating.models import RatingSheet, SheetLine
from vsoko.rating.table import point_value, rating_of

pytestmark = pytest.mark.django_db


def set_sheet(sheet: RatingSheet, status: SheetStatus, points: dict[str, tuple[int, int]]) -> None:
    """Every line 0 but the given ones (self, confirmed)."""
    SheetLine.objects.filter(sheet=sheet).update(self_points=0, confirmed_points=0)
    for code, (own, given) in points.items():
        SheetLine.objects.filter(sheet=sheet, code=code).update(self_points=own, confirmed_points=given)
    sheet.status = status
    sheet.save()


@pytest.fixture
def period(world):
    period = workflow.open_period(world.school, YEAR, fund=Decimal("100000.00"))
    sheets = {s.staff.last_name: s for s in period.sheets.select_related("staff")}
    set_sheet(sheets["Смирнова"], SheetStatus.CONFIRMED, {"1.1": (3, 3), "2.3": (3, 2), "3.6": (2, 2)})
    set_sheet(sheets["Волков"], SheetStatus.CONFIRMED, {"1.2": (2, 2), "4.1": (3, 3)})
    return period


def test_point_value_and_sums_are_rounded_down_to_kopecks(period):
    rating = rating_of(period)

    assert rating.points == 12
    assert rating.point_value == Decimal("8333.33")
    assert [(r.staff.last_name, r.rank, r.confirmed_total, r.amount) for r in rating.ranked] == [
        ("Смирнова", 1, 7, Decimal("58333.31")), ("Волков", 2, 5, Decimal("41666.65"))]
    assert rating.paid == Decimal("99999.96")
    assert rating.remainder == Decimal("0.04")


def test_subtotals_per_group_and_the_difference_self_minus_confirmed(period):
    smirnova = next(r for r in rating_of(period).ranked if r.staff.last_name == "Смирнова")

    assert smirnova.confirmed_by_group == {CriterionGroup.LEARNING: 3, CriterionGroup.EXTRACURRICULAR: 2,
                                           CriterionGroup.METHODICAL: 2}
    assert smirnova.self_total == 8
    assert smirnova.difference == 1


def test_equal_totals_share_a_place_and_unconfirmed_sheets_are_neither_ranked_nor_paid(world, period):
    volkov = period.sheets.get(staff=world.staff["volkov"])
    set_sheet(volkov, SheetStatus.CONFIRMED, {"1.2": (2, 2), "4.1": (3, 3), "3.6": (2, 2)})  # 7, as Смирнова
    rating = rating_of(period)
    assert [r.rank for r in rating.ranked] == [1, 1]
    assert rating.point_value == Decimal("7142.85")  # 100 000 / 14 = 7 142,857…

    set_sheet(volkov, SheetStatus.SUBMITTED, {"1.2": (2, 2)})
    rating = rating_of(period)
    assert [r.staff.last_name for r in rating.ranked] == ["Смирнова"]
    assert [r.staff.last_name for r in rating.pending] == ["Волков"]
    assert rating.pending[0].amount is None
    assert rating.point_value == Decimal("14285.71")


def test_no_fund_or_no_points_no_money():
    assert point_value(None, 10) is None
    assert point_value(Decimal("1000"), 0) is None
    assert point_value(Decimal("1000"), 3) == Decimal("333.33")
