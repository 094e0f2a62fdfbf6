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
