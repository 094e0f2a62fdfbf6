from fractions import Fraction

from vsoko.progress.page import Change


def test_a_change_keeps_one_place_and_no_change_says_so():
    """Shares are shown with one place: 90 → 85 is «−5,0 п. п.», not «−5 п. п.»; 71,52 → 71,48 rounds to no
    change, in words, not «0 п. п.»."""
    assert Change(Fraction(85), Fraction(90)).signed == "−5,0 п. п."
    assert Change(Fraction(85), Fraction(90)).words == "снижение на 5,0 п. п."
    assert Change(Fraction(7148, 100), Fraction(7152, 100)).signed == "без изменений"
    assert Change(Fraction(7148, 100), Fraction(7152, 100)).words == "без изменений"
    assert Change(Fraction(100), Fraction(200, 3)).signed == "+33,3 п. п."
