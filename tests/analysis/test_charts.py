import re
from collections import Counter
from decimal import Decimal

from vsoko.analysis.charts import histogram_svg


def test_the_histogram_title_ends_its_boundaries_with_one_full_stop():
    """The chart's title (read aloud, shown on hover): 3 participants at 7 points and 1 at 14, «3» from 6 points,
    «4» from 10; the abbreviation «б.» ends the sentence, not «с 10 б..»."""
    svg = histogram_svg(Counter({Decimal(7): 3, Decimal(14): 1}), max_score=20,
                        boundaries=[(3, Decimal(6)), (4, Decimal(10))], title="ВПР, математика, 6 класс")

    label = re.search(r'aria-label="([^"]*)"', svg).group(1)
    assert label == "ВПР, математика, 6 класс: 7 б. — 3, 14 б. — 1. Границы отметок: «3» с 6 б.; «4» с 10 б."
