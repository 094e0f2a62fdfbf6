"""The demo's rating (vsoko.demo.rating) on the small world: deterministic, the demo teacher's sheet a draft,
the others submitted and mostly confirmed, a second run changes nothing."""

import pytest

from tests.accounts.personas import YEAR
from vsoko.accounts.models import StaffAccount
from vsoko.demo.rating import FUND, rate_demo_year
from vsoko.rating.enums import SheetStatus
from vsoko.rating.models import RatingPeriod

pytestmark = pytest.mark.django_db


def test_the_demo_teachers_sheet_stays_a_draft_and_the_rest_are_submitted(world):
    StaffAccount.objects.filter(staff=world.staff["volkov"]).update(user=world.users["teacher"])

    period = rate_demo_year(world.school, YEAR, seed=1)

    statuses = dict(period.sheets.values_list("staff__last_name", "status"))
    assert statuses["Волков"] == SheetStatus.DRAFT
    assert statuses["Смирнова"] in (SheetStatus.SUBMITTED, SheetStatus.CONFIRMED)
    assert period.fund == FUND
    assert rate_demo_year(world.school, YEAR, seed=1) is None
    assert RatingPeriod.objects.count() == 1


def test_the_same_seed_gives_the_same_sheets(world):
    def points():
        period = rate_demo_year(world.school, YEAR, seed=7)
        got = sorted(period.sheets.values_list("staff__last_name", "lines__code", "lines__self_points",
                                               "lines__confirmed_points", "status"))
        period.delete()
        return got

    assert points() == points()


def test_the_deputy_confirms_the_sheets_and_the_director_the_deputys_own(world):
    # The demo deputy teaches: here she is Смирнова (the link of the personas' world moved to her account).
    StaffAccount.objects.filter(staff=world.staff["smirnova"]).update(user=world.users["deputy"])

    period = rate_demo_year(world.school, YEAR, seed=2)  # seed 2: neither sheet is left waiting

    confirmed = dict(period.sheets.filter(status=SheetStatus.CONFIRMED)
                     .values_list("staff__last_name", "confirmed_by__username"))
    assert confirmed == {"Смирнова": "director", "Волков": "deputy"}
