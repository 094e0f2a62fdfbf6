"""A diagnostic's levels entered on a touch phone (390×844): each pupil a card, his level's list under his name."""

import pytest
from playwright.sync_api import expect

from tests.diagnostics.conftest import tiny, world  # noqa: F401 — fixtures used by the test
from tests.e2e.browser import PHONE
from vsoko.diagnostics.models import DiagnosticResult

pytestmark = pytest.mark.e2e


def test_the_deputy_enters_a_level_on_a_phone_without_scrolling_sideways(logged_in_page, tiny):  # noqa: F811
    # The table of pupils and levels was wider than the phone: each list stood past the screen's right edge, to be
    # reached by scrolling the table sideways row after row (a class of 31 for the СПТ).
    deputy = logged_in_page("deputy", viewport=PHONE)
    deputy.goto(f"/diagnostics/{tiny.a.pk}/")
    level = deputy.get_by_label("Vera", exact=False)

    box = level.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    level.select_option(label="средний уровень адаптации")
    deputy.get_by_role("button", name="Сохранить уровни").click()

    expect(deputy.get_by_text("Сохранено: оценено обучающихся — 4, изменений — 1.")).to_be_visible()
    assert DiagnosticResult.objects.get(enrollment=tiny.pupils["vera"]).level == "medium"
