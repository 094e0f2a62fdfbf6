"""The server-drawn charts keep their texts readable on a 360 px phone: at least 12 px as shown (the drawing's font
size times its scale), with the years' labels side by side, not on each other; the desktop keeps its sizes.

The 360-unit indicator chart is shown 286 px wide on a 360 px phone: its 12-unit labels were 9,5 px; the 640-unit
histogram, 480 px wide in its scrolling frame, had 9 px scores and 8,3 px boundary marks."""

import pytest

from tests.accounts.personas import YEAR
from tests.analysis.world import build_analysis_world
from vsoko.datavalues.compute import recompute
from vsoko.indicators.catalogs import load_shipped_catalogs
from vsoko.records.models import Assessment

pytestmark = pytest.mark.e2e

PHONE_360 = {"width": 360, "height": 740}

# [class, text, px as shown, left, right] of every text drawn and displayed (a hidden tspan is not).
SHOWN_TEXTS = """() => [...document.querySelectorAll('svg.chart text')]
  .filter(t => getComputedStyle(t).display !== 'none' && t.getBBox().width > 0)
  .map(t => {
    const box = t.getBoundingClientRect();
    return [t.getAttribute('class'), t.textContent, parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a,
            box.left, box.right];
  })"""


def small(texts) -> list:
    return [(cls, text, round(size, 1)) for cls, text, size, *_ in texts if size < 12]


def overlapping(texts, cls: str) -> list:
    boxes = sorted((left, right, text) for c, text, _, left, right in texts if c == cls)
    return [(a[2], b[2]) for a, b in zip(boxes, boxes[1:], strict=False) if b[0] < a[1]]


def outside(page, texts) -> list:
    """Texts cut off at the drawing's left or right edge."""
    edges = page.evaluate("[...document.querySelectorAll('svg.chart')].map(s => s.getBoundingClientRect())"
                          ".map(r => [r.left, r.right])")
    return [text for _, text, _, left, right in texts
            if not any(low - 0.5 <= left and right <= high + 0.5 for low, high in edges)]


@pytest.mark.parametrize("years", [3, 5])
def test_the_indicator_chart_has_12_px_labels_on_a_360_px_phone_and_keeps_its_size_on_the_desktop(
        logged_in_page, world, years):
    load_shipped_catalogs()
    recompute(world.school, [YEAR])
    url = f"/indicators/core.quality/?unit=s1&year={YEAR}&years={years}"
    phone = logged_in_page("deputy", viewport=PHONE_360)

    phone.goto(url)

    texts = phone.evaluate(SHOWN_TEXTS)
    labels = [t for t in texts if t[0] == "chart__label"]
    assert len(labels) == years
    assert small(texts) == []
    assert overlapping(texts, "chart__label") == [] and overlapping(texts, "chart__empty") == []
    assert outside(phone, texts) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE_360["width"]

    desktop = logged_in_page("deputy")
    desktop.goto(url)
    # 448 px wide on the desktop (28rem): the 12-unit labels are 14,9 px, neither smaller nor blown up.
    sizes = [size for cls, _, size, *_ in desktop.evaluate(SHOWN_TEXTS) if cls == "chart__label"]
    assert len(sizes) == years and all(14 <= size <= 16 for size in sizes)
    assert desktop.locator("svg.chart text.chart__label").first.text_content() == f"{YEAR - years + 1}/{YEAR - years + 2}"


@pytest.mark.parametrize("code", ["VPR-5-R", "OGE-9-M"])  # 0…10 points, every one written; 0…31
def test_the_histograms_of_a_procedure_have_12_px_texts_on_a_phone(logged_in_page, world, code):
    build_analysis_world(world)
    url = f"/assessments/{Assessment.objects.get(assessment_id=code).pk}/"
    phone = logged_in_page("director", viewport=PHONE_360)

    phone.goto(url)

    texts = phone.evaluate(SHOWN_TEXTS)
    assert {"chart__boundary-label", "chart__label"} <= {t[0] for t in texts}
    assert small(texts) == []
    scores = [t for t in texts if t[0] == "chart__label" and t[1].isdigit()]  # the scores under the bars
    # 0…10: every score; 0…31: 0, 5 … 30 (a 24-unit slot a label; 31 scores have 18 units each).
    assert [int(t[1]) for t in scores] == (list(range(11)) if code == "VPR-5-R" else list(range(0, 31, 5)))
    assert overlapping(scores, "chart__label") == []
    assert outside(phone, texts) == []

    desktop = logged_in_page("director")
    desktop.goto(url)
    texts = desktop.evaluate(SHOWN_TEXTS)
    assert small(texts) == []
    assert len([t for t in texts if t[0].startswith("chart__label") and t[1].isdigit()]) == (11 if code == "VPR-5-R"
                                                                                             else 32)
