import datetime

import pytest

from vsoko.records.years import coming_years


@pytest.mark.parametrize(("with_data", "today", "coming"), [
    # August 2025: 2024/2025 is ending and has data, 2025/2026 is the one the deputy prepares.
    ([2023, 2024], datetime.date(2025, 8, 20), [2025]),
    # September 2025, before the class lists are loaded: 2025/2026 is current and still without data.
    ([2023, 2024], datetime.date(2025, 9, 15), [2025]),
    # Data stopped at 2024/2025, today is in 2026/2027: 2025/2026 is over, nobody plans it now.
    ([2023, 2024], datetime.date(2026, 12, 6), [2026]),
    # August 2025 with 2025/2026 loaded early: nothing is missing; the year after is not prepared yet.
    ([2024, 2025], datetime.date(2025, 8, 20), []),
    # A school without any data: its current year.
    ([], datetime.date(2025, 8, 20), [2024]),
])
def test_the_coming_years_are_the_current_one_and_the_one_after_the_latest_with_data(with_data, today, coming):
    assert coming_years(with_data, today) == coming
