"""What the observer may not see of «Итоги периода» (vsoko.progress.withheld), on hand-made figures, groups under 5."""

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.publication.test_suppression import _determined
from vsoko.progress.enums import Category
from vsoko.progress.figures import Figures, SubjectResult
from vsoko.progress.withheld import RATIOS, class_cells, column_cells, subject_cells
from vsoko.publication.suppression import TOTAL


def figures(**categories: int) -> Figures:
    return Figures(categories=Counter({Category(name): n for name, n in categories.items()}))


def test_a_share_with_the_counts_beside_it_gives_no_hidden_count_back():
    """Class 1: 1 отличник, 10 хорошистов, 9 троечников of 20 — the отличник is hidden, and качество 11 of 20 with the
    10 хорошистов would give it back: качество is hidden too. Class 2: 6, 10 and 4 — качество 16 of 20 leaves 4:
    hidden, and with 10 хорошистов shown it would give the 6 отличников back: the smaller of the two goes. The
    school: 7, 20, 13 of 40 — every column has two hidden classes, nothing of the total is small."""
    lines = {1: figures(excellent=1, good=10, satisfactory=9), 2: figures(excellent=6, good=10, satisfactory=4)}
    lines[TOTAL] = figures(excellent=7, good=20, satisfactory=13)

    withheld = class_cells(lines, 5)

    assert withheld == {1: {"excellent", "quality"}, 2: {"quality", "excellent"}, TOTAL: set()}


def test_one_hidden_class_in_a_column_hides_another_and_успеваемость_goes_with_неуспевающие():
    """2 неуспевающих in class 1 (of 20) are hidden, and успеваемость (18 of 20, 2 left) with them; class 2's 6 and
    the school's 8 would give them back by subtraction: class 2's 6, the smaller, is hidden, and its успеваемость."""
    lines = {1: figures(failing=2, satisfactory=18), 2: figures(failing=6, satisfactory=14)}
    lines[TOTAL] = figures(failing=8, satisfactory=32)

    withheld = class_cells(lines, 5)

    assert withheld[1] == withheld[2] == {"unsuccessful", "success"} and withheld[TOTAL] == set()


def test_a_hidden_mark_count_hides_another_of_its_row_and_of_its_column():
    """Class A: «5» 10, «3» 1; class B: «5» 8, «3» 7; the school: 18 and 8. A's one «3» is hidden; A's marks add up to
    its pupils, so its «5» goes too; the school's counts minus B's would give A's: B's «3» (7, smaller than the
    school's 8) and «5» (8, smaller than 18) go. The school's row keeps its figures: two classes are hidden in each
    column."""
    a, b = SubjectResult(1, "физика", Counter(n5=10, n3=1)), SubjectResult(1, "физика", Counter(n5=8, n3=7))
    school = SubjectResult(1, "физика", Counter(n5=18, n3=8))

    withheld = subject_cells([school], {"A": [a], "B": [b]}, 5)

    assert withheld[("A", 1)] == withheld[("B", 1)] == {"n5", "n3", *RATIOS}
    assert withheld[(TOTAL, 1)] == set()


def test_a_hidden_cell_alone_in_a_column_hides_a_partner_or_the_total_when_the_lines_are_published_as_they_stand():
    """Class a: 3 (hidden), class b: 10, total 13 = a + b. Among lines the page hides itself the smallest shown
    term goes (b's 10 < 13); when b's 10 is already shown elsewhere, only the total can go — 13 − 10 = 3."""
    lines = {"a": {"n": 3}, "b": {"n": 10}, TOTAL: {"n": 13}}

    free = {"a": {"n"}, "b": set(), TOTAL: set()}
    column_cells(lines, free, 5)
    given = {"a": {"n"}, "b": set(), TOTAL: set()}
    column_cells(lines, given, 5, given=True)

    assert free == {"a": {"n"}, "b": {"n"}, TOTAL: set()}
    assert given == {"a": {"n"}, "b": set(), TOTAL: {"n"}}


def test_two_hidden_lines_that_together_are_small_hide_the_total_they_make_up():
    """a: 1 and b: 2 hidden, c: 10 shown, total 13: 13 − 10 = 3 tells of a and b together — 3 pupils."""
    lines = {"a": {"n": 1}, "b": {"n": 2}, "c": {"n": 10}, TOTAL: {"n": 13}}
    withheld = {"a": {"n"}, "b": {"n"}, "c": set(), TOTAL: set()}

    column_cells(lines, withheld, 5, given=True)

    assert withheld[TOTAL] == {"n"} and withheld["c"] == set()


def test_a_subject_whose_counts_are_none_small_keeps_every_cell_beside_one_that_has_a_small_count():
    """Physics: class A «5» 10, «4» 6; class B «5» 8, «4» 7; the school 18 and 13 — nothing under 5, nothing
    hidden (the columns with no small count are skipped). Mathematics in the same table: A «5» 12, «2» 2; B «5» 9,
    «2» 6; the school 21 and 8 — A's 2 goes, with A's «5» (its row adds up), B's «2» 6 (smaller than the school's 8)
    and B's «5» 9 (smaller than 21)."""
    physics = [SubjectResult(1, "физика", Counter(n5=10, n4=6)), SubjectResult(1, "физика", Counter(n5=8, n4=7))]
    maths = [SubjectResult(2, "математика", Counter(n5=12, n2=2)), SubjectResult(2, "математика", Counter(n5=9, n2=6))]
    school = [SubjectResult(1, "физика", Counter(n5=18, n4=13)), SubjectResult(2, "математика", Counter(n5=21, n2=8))]

    withheld = subject_cells(school, {"A": [physics[0], maths[0]], "B": [physics[1], maths[1]]}, 5)

    assert withheld[("A", 1)] == withheld[("B", 1)] == withheld[(TOTAL, 1)] == withheld[(TOTAL, 2)] == set()
    assert withheld[("A", 2)] == withheld[("B", 2)] == {"n5", "n2", *RATIOS}


def _trio_table(lines, withheld):
    """Lines × (отличники, хорошисты) with качество's numerator as each line's total (key TOTAL) and the total line
    as the columns': the cells as published and those withheld."""
    table = {}
    for key, f in lines.items():
        table[(key, "excellent")] = f.count(Category.EXCELLENT)
        table[(key, "good")] = f.good
        table[(key, TOTAL)] = f.on_fours_and_fives
    hidden = {(key, column) for (key, column) in table
              if ("quality" if column == TOTAL else column) in withheld[key]}
    return table, hidden


lines_of_classes = st.lists(
    st.tuples(st.integers(0, 12), st.integers(0, 12), st.integers(0, 12)), min_size=2, max_size=5)


@settings(deadline=None, max_examples=300)
@given(lines_of_classes)
def test_no_withheld_count_of_the_quality_trio_is_given_back_by_rows_and_columns_together(classes):
    # The reader's attack on the observer's «Итоги периода»: every class's отличники + хорошисты = its качество's
    # numerator (качество × «Аттестовано») and every column adds up to the school's line, all equations at once. The
    # line rules (the trio, one hidden cell in a column) already leave nothing alone here: 3 000 examples found none.
    lines = {i: figures(excellent=e, good=g, satisfactory=s) for i, (e, g, s) in enumerate(classes)}
    lines[TOTAL] = figures(excellent=sum(e for e, _, _ in classes), good=sum(g for _, g, _ in classes),
                           satisfactory=sum(s for _, _, s in classes))

    table, hidden = _trio_table(lines, class_cells(lines, 5))

    assert not _determined(table, hidden), (sorted(hidden, key=str), _determined(table, hidden))

