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


def test_the_arrow_agrees_with_the_shown_change():
    """97,83 → 97,81 (a year before) shows 97,8 % twice: «= без изменений», not «▼ без изменений» — the arrow
    told of a fall the words and the figures do not have. 69,9 → 70,3 is a rise («▲»), 90 → 85 a fall («▼»)."""
    unchanged = Change(Fraction(9781, 100), Fraction(9783, 100))
    assert (unchanged.arrow, unchanged.words) == ("=", "без изменений")
    assert Change(Fraction(703, 10), Fraction(699, 10)).arrow == "▲"
    assert Change(Fraction(85), Fraction(90)).arrow == "▼"
    assert Change(Fraction(85), None).arrow == ""


def test_a_change_is_the_difference_of_the_two_shares_as_shown():
    """71,06 → 71,44 shows 71,1 % and 71,4 %: «+0,3 п. п.», not the exact 0,38's «+0,4»; 71,46 → 71,44 shows 71,5 %
    and 71,4 %: «▼ −0,1 п. п.», not «без изменений» beside two different figures."""
    assert Change(Fraction(7144, 100), Fraction(7106, 100)).signed == "+0,3 п. п."
    fall = Change(Fraction(7144, 100), Fraction(7146, 100))
    assert (fall.arrow, fall.signed, fall.words) == ("▼", "−0,1 п. п.", "снижение на 0,1 п. п.")
