from fractions import Fraction

from vsoko.indicators.formatting import format_change, format_value, plural


def test_values_are_written_with_a_decimal_comma_and_unit():
    assert format_value(Fraction(200, 3), "percent") == "66,7 %"
    assert format_value(Fraction(50), "percent") == "50 %"
    assert format_value(Fraction(1234), "count") == "1\u202f234"
    assert format_value(Fraction(1), "bool") == "да"
    assert format_value(Fraction(7, 2), "mark") == "3,5"
    assert format_value(None, "percent") == "нет данных"


def test_change_has_a_sign_and_percentage_points():
    assert format_change(Fraction(5, 2), "percent") == "+2,5 п. п."
    assert format_change(Fraction(-3), "count") == "−3"
    assert format_change(Fraction(0), "score") == "без изменений"
    assert format_change(Fraction(-1, 30), "percent") == "без изменений"  # −0,03 shown with one decimal
    assert format_change(Fraction(-1, 10), "percent") == "−0,1 п. п."
    assert format_change(None, "score") == "—"


def test_a_noun_agrees_with_the_number():
    forms = ("балл", "балла", "баллов")
    assert [plural(n, *forms) for n in (0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111)] == [
        "баллов", "балл", "балла", "балла", "баллов", "баллов", "баллов", "баллов", "балл", "балла", "баллов",
        "балл", "баллов"]
