import pytest

from vsoko.indicators.values import UnknownYear, parse_year


@pytest.mark.parametrize("text", ["2024/2025", "2024", " 2024 / 2025 ", "2024-2025", "2024–2025", "2024—2025",
                                  "2024/25", "2024-25", 2024])
def test_a_school_year_is_read_in_the_spellings_a_package_accepts(text):
    assert parse_year(text) == 2024


def test_the_century_carries_over_in_a_two_digit_end():
    assert parse_year("2099/00") == 2099


@pytest.mark.parametrize("text", ["2024/2026", "2024-26", "2025/2024", "24/25", "2024/202", "учебный год", ""])
def test_a_year_that_is_not_two_consecutive_years_is_refused_in_russian(text):
    with pytest.raises(UnknownYear) as error:
        parse_year(text)
    assert str(error.value) == f"Учебный год «{text}» не распознан: укажите его как 2024/2025."
