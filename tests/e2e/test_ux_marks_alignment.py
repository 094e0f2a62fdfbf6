"""Tables of marks (a procedure's «Статистика по отметкам», a pupil's marks by period) centre their figures; their
headings stood right-aligned above them, so «Участников» and «%» did not sit over their numbers."""

import pytest

pytestmark = pytest.mark.e2e

ALIGNMENTS = """t => [...new Set([...t.querySelectorAll('th.num, td.num')].map(c => getComputedStyle(c).textAlign))]"""


def test_the_headings_of_a_table_of_marks_stand_over_their_figures(logged_in_page, world):
    page = logged_in_page("director")

    page.goto(f"/students/{world.students['ivanov'].pk}/?year=2024")

    assert page.locator("table.table--marks").first.evaluate(ALIGNMENTS) == ["center"]
