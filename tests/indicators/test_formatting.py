from decimal import Decimal
from fractions import Fraction

import pytest

from vsoko.indicators.formatting import (
    as_shown,
    consecutive_runs,
    format_change,
    format_value,
    number,
    plural,
    rounded,
)


def test_values_are_written_with_a_decimal_comma_and_unit():
    assert format_value(Fraction(200, 3), "percent") == "66,7 %"
    assert format_value(Fraction(50), "percent") == "50,0 %"
    assert format_value(Fraction(1234), "count") == "1\u202f234"
    assert format_value(Fraction(1), "bool") == "да"
    assert format_value(Fraction(0), "bool") == "нет"


@pytest.mark.parametrize(("schools", "text"), [(2, "да — в 2 школах"), (5, "да — в 5 школах"),
                                               (21, "да — в 21 школе"), (11, "да — в 11 школах")])
def test_a_municipalitys_yes_no_says_in_how_many_schools(schools, text):
    """Above a school a «да/нет» counts the schools with «да» (the roll-up sums 1s): «да» alone would hide whether
    it is 2 schools of 50 or all of them. One school reads «да», as a school's own value."""
    assert format_value(Fraction(schools), "bool") == text
    assert format_value(Fraction(7, 2), "mark") == "3,50"
    assert format_value(None, "percent") == "нет данных"


def test_change_has_a_sign_and_percentage_points():
    assert format_change(Fraction(5, 2), "percent") == "+2,5 п. п."
    assert format_change(Fraction(-3), "count") == "−3"
    assert format_change(Fraction(0), "score") == "без изменений"
    assert format_change(Fraction(-1, 30), "percent") == "без изменений"  # −0,03 shown with one decimal
    assert format_change(Fraction(-1, 10), "percent") == "−0,1 п. п."
    assert format_change(None, "score") == "—"


def test_a_school_yes_no_change_says_what_it_was_and_a_count_of_schools_stays_a_number():
    """A school's «да» is 1, «нет» 0: +1 from 0 is «нет» → «да», said «было «нет»»; a municipality's value counts its
    schools with «да», so 2 → 3 is one school more, a number, as a count is shown."""
    assert format_change(Fraction(1), "bool", Fraction(0)) == "было «нет»"
    assert format_change(Fraction(-1), "bool", Fraction(1)) == "было «да»"
    assert format_change(Fraction(0), "bool", Fraction(1)) == "без изменений"
    assert format_change(Fraction(1), "bool", Fraction(2)) == "+1"
    assert format_change(Fraction(1), "bool") == "+1"  # the year before not known: the number


def test_a_noun_agrees_with_the_number():
    forms = ("балл", "балла", "баллов")
    assert [plural(n, *forms) for n in (0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111)] == [
        "баллов", "балл", "балла", "балла", "баллов", "баллов", "баллов", "баллов", "балл", "балла", "баллов",
        "балл", "баллов"]


# Excel's rounding: a half goes away from zero, on the exact value (2,625 in a deputy director's spreadsheet is
# 2,63; Python's round() and float formatting would give 2,62).

def test_a_half_is_rounded_up_as_in_excel():
    assert number(2.625, 2) == "2,63"  # half to even would give 2,62
    assert number(Fraction(21, 8), 2) == "2,63"
    assert number(Decimal("2.625"), 2) == "2,63"
    assert number(0.05, 1) == "0,1"  # the float 0.05 is a hair above 0.05; the half is still a half
    assert number(Fraction(1, 20), 1) == "0,1"
    assert number(0.5, 0) == "1"  # round() gives 0
    assert number(2.5, 0) == "3"  # round() gives 2


def test_a_fraction_is_rounded_exactly_not_through_a_float():
    assert number(Fraction(1, 8), 2) == "0,13"  # 0,125
    assert number(Fraction(107, 40), 2) == "2,68"  # 2,675: the float 2.675 is 2,67499…, Excel shows 2,68
    assert number(2.675, 2) == "2,68"
    assert number(Fraction(2675, 1000) - Fraction(1, 10**12), 2) == "2,67"  # just below the half


def test_a_negative_half_goes_away_from_zero_with_a_true_minus():
    assert number(-2.5, 0) == "\u22123"  # «−3», as Excel's ROUND(-2,5; 0)
    assert number(Fraction(-1, 8), 2) == "\u22120,13"
    assert number(Fraction(-1, 1000), 2) == "0"  # rounds to nothing: no «−0»


def test_not_a_half_rounds_to_the_nearest():
    assert number(Fraction(2, 3), 2) == "0,67"
    assert number(Fraction(1, 3), 1) == "0,3"
    assert number(2.624, 2) == "2,62"
    assert number(Fraction(200, 3), 1) == "66,7"


def test_the_rounded_value_is_exact_and_keeps_its_places():
    assert rounded(Fraction(1, 8), 2) == Decimal("0.13")
    assert str(rounded(Fraction(1, 8), 2)) == "0.13"
    assert str(rounded(-2.5, 0)) == "-3"
    assert str(rounded(Decimal("12.5"), 2)) == "12.50"
    assert rounded(Fraction(-1, 1000), 2) == 0


def test_thousands_are_set_apart_and_zeros_kept_only_when_asked():
    assert number(Decimal("58333.3"), 2) == "58\u202f333,3"
    assert number(Decimal("58333.3"), 2, zeros=True) == "58\u202f333,30"
    assert number(Fraction(-12345, 2), 0) == "\u22126\u202f173"  # −6 172,5


def test_a_change_that_is_a_half_is_shown_rounded_up_not_as_no_change():
    assert format_change(Fraction(1, 20), "percent") == "+0,1 п. п."  # 0,05 п. п.: half to even gave «без изменений»
    assert format_change(Fraction(-1, 20), "percent") == "−0,1 п. п."
    assert format_value(Fraction(5, 8), "mark") == "0,63"


# A column of one unit shows the same places in every row, as a spreadsheet's number format does: «95,0» under
# «88,7», «4,00» under «3,85» — not «95» and «4».

def test_a_unit_is_shown_with_all_its_places_zeros_kept():
    assert [format_value(v, "percent") for v in (Fraction(95), Fraction(887, 10))] == ["95,0 %", "88,7 %"]
    assert [format_value(v, "mark") for v in (Fraction(4), Fraction(77, 20))] == ["4,00", "3,85"]
    assert format_value(Fraction(72), "score") == "72,0"
    assert [format_value(v, "ratio") for v in (Fraction(15), Fraction(1, 4))] == ["15,00", "0,25"]
    assert format_value(Fraction(1, 2), "area") == "0,5 м²"
    assert format_value(Fraction(1234), "count") == "1\u202f234"  # a count stays whole
    assert format_value(Fraction(58333), "money") == "58\u202f333 ₽"
    assert format_value(Fraction(3999, 50), "percent") == "80,0 %"  # 79,98


def test_a_change_keeps_the_places_of_its_unit():
    assert format_change(Fraction(1), "percent") == "+1,0 п. п."
    assert format_change(Fraction(-1, 2), "mark") == "−0,50"
    assert format_change(Fraction(1, 200), "mark") == "+0,01"  # 0,005: a half, away from zero
    assert format_change(Fraction(1, 300), "mark") == "без изменений"  # 0,0033…


def test_a_value_as_shown_is_the_rounded_figure():
    assert as_shown(Fraction(3999, 50), "percent") == 80  # 79,98 % is «80,0 %»
    assert as_shown(Fraction(3997, 50), "percent") == Fraction(799, 10)  # 79,94 % is «79,9 %»
    assert as_shown(Fraction(77, 20), "mark") == Fraction(77, 20)
    assert as_shown(Fraction(1, 8), "mark") == Fraction(13, 100)
    assert as_shown(None, "percent") is None


def test_consecutive_runs_cut_where_a_number_does_not_follow():
    assert consecutive_runs([1, 2, 3, 5, 7, 8]) == [[1, 2, 3], [5], [7, 8]]
    assert consecutive_runs([4]) == [[4]]
    assert consecutive_runs([]) == []


def test_a_change_is_the_difference_of_the_two_figures_as_shown():
    from vsoko.indicators.formatting import shown_change

    # 90,94 % → «90,9 %», 81,26 % → «81,3 %»: the reader's 81,3 − 90,9 = −9,6, not the exact −9,68 («−9,7»).
    assert shown_change(Fraction(9094, 100), Fraction(8126, 100), "percent") == Fraction(-96, 10)
    assert shown_change(Fraction(3994, 1000), Fraction(4216, 1000), "mark") == Fraction(23, 100)  # 3,99 → 4,22
    assert shown_change(None, Fraction(1), "percent") is None
    assert shown_change(Fraction(1), None, "percent") is None
