"""What of «Итоги периода» the observer may not see: each count of 1…minimum−1 pupils, and whatever would give
such a count back by arithmetic on the figures shown beside it.

A class's row shows, besides the counts, качество (its numerator is отличники + хорошисты: the row shows
«Аттестовано») and успеваемость (its numerator is «Аттестовано» − неуспевающие); the total row is the sum of the
class rows. So, as `vsoko.publication.suppression` does for a table with totals:

- успеваемость and неуспевающие are one figure: one hidden hides the other;
- качество, отличники and хорошисты are an equation: with one of them hidden another is hidden too;
- each column (a count, or качество's numerator) with the total is an equation: one hidden class cell in it
  hides another (the smallest shown, `suppress_table`) — `column_cells`, which the published diagnostics rows use
  as well (vsoko.reports.diagnostics).

A subject's row (of the school, or of a class on the class's page) shows the counts of its marks and four figures
computed from them (успеваемость, качество, СОУ, средний балл): a hidden mark count hides the four, since with them
the count is worked out; the marks of a row add up to the pupils marked (about «Аттестовано»), so one hidden mark
count hides another; the school's row of a subject is the sum of its classes' rows, each on its class page, so
every (subject, mark) column is an equation over the classes too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from vsoko.progress.figures import Category, Figures, SubjectResult
from vsoko.publication.suppression import TOTAL, suppress_table

COUNTS: dict[str, Callable[[Figures], int]] = {
    "excellent": lambda f: f.count(Category.EXCELLENT),
    "good": lambda f: f.good,
    "one_four": lambda f: f.count(Category.ONE_FOUR),
    "one_three": lambda f: f.count(Category.ONE_THREE),
    "unsuccessful": lambda f: f.unsuccessful,
    "not_assessed": lambda f: f.count(Category.NOT_ASSESSED),
}
# The shares by their numerator, each checked against its numerator and the rest of «Аттестовано».
SHARES: dict[str, Callable[[Figures], int]] = {
    "success": lambda f: f.attested - f.unsuccessful,
    "quality": lambda f: f.on_fours_and_fives,
}
RATIOS = ("success", "quality", "sou", "average")  # a subject row's figures computed from its marks


def _small(n: int, minimum: int) -> bool:
    return 0 < n < minimum


def class_cells(lines: Mapping[object, Figures], minimum: int, *, hidden_rows=frozenset()) -> dict[object, set[str]]:
    """The cells (names of COUNTS and SHARES) to withhold in each line: class ids, and TOTAL when the total is
    shown as the sum of the lines. `hidden_rows`: lines withheld whole (too small a class)."""
    every = (*COUNTS, *SHARES)
    withheld: dict[object, set[str]] = {key: set(every) if key in hidden_rows else set() for key in lines}
    for key, f in lines.items():
        withheld[key] |= {name for name, count in COUNTS.items() if _small(count(f), minimum)}
        withheld[key] |= {name for name, part in SHARES.items()
                          if _small(part(f), minimum) or _small(f.attested - part(f), minimum)}
    columns = {**COUNTS, "quality": SHARES["quality"]}
    changed = True
    while changed:
        before = sum(len(cells) for cells in withheld.values())
        for key, cells in withheld.items():
            if cells & {"success", "unsuccessful"}:
                cells |= {"success", "unsuccessful"}
            trio = {"quality", "excellent", "good"}
            if len(cells & trio) == 1:
                f = lines[key]
                if "quality" in cells:
                    cells.add(min(("excellent", "good"), key=lambda name: (COUNTS[name](f) == 0, COUNTS[name](f))))
                else:
                    cells.add("quality")
        if TOTAL in lines:
            column_cells({key: {name: value(f) for name, value in columns.items()} for key, f in lines.items()},
                         withheld, minimum)
        changed = sum(len(cells) for cells in withheld.values()) != before
    return withheld


def column_cells(lines: Mapping[object, Mapping[str, int]], withheld: Mapping[object, set[str]], minimum: int, *,
                 given: bool = False) -> None:
    """Each column of the lines shown with their total (key TOTAL, the sum of the others) is an equation: with one
    hidden term, the total minus the shown terms gives it back, so another term is withheld too (the smallest shown,
    `suppress_table`). Adds to `withheld` in place.

    `given`: the lines other than the total are shown elsewhere as they stand (their own page, to another reader),
    so hiding one of them here protects nothing: the total is withheld instead, and also when the hidden terms
    together still tell of a small group (their sum is what the subtraction gives)."""
    others = [key for key in lines if key != TOTAL]
    for name in dict.fromkeys(name for key in others for name in lines[key]):
        counts = {(key, "n"): lines[key].get(name, 0) for key in others}
        hidden = [(key, "n") for key in others if name in withheld[key] and (counts[(key, "n")] or not given)]
        primary = hidden + ([(TOTAL, "n")] if name in withheld[TOTAL] else [])
        derivable = [cell for cell in counts if cell not in hidden] if given else ()
        for key, column in suppress_table(counts, minimum=minimum, primary=primary, derivable=derivable):
            if column == "n":
                withheld[key].add(name)
        if given and 0 < sum(counts[cell] for cell in hidden) < minimum:
            withheld[TOTAL].add(name)


def subject_cells(total: list[SubjectResult], by_class: Mapping[int, list[SubjectResult]], minimum: int,
                  ) -> dict[tuple[object, int], set[str]]:
    """(class id or TOTAL, subject id) → the mark keys and RATIOS to withhold in that subject row."""
    rows = {(key, s.subject_id): s for key, subjects in [(TOTAL, total), *by_class.items()] for s in subjects}
    marks = {mark for s in rows.values() for mark, n in s.marks.items() if n}
    withheld: dict[tuple[object, int], set[str]] = {
        key: {mark for mark in marks if _small(s.marks[mark], minimum)} for key, s in rows.items()}
    subjects = {subject for _, subject in rows}
    classes_of = {subject: [key for key in by_class if (key, subject) in rows] for subject in subjects}
    changed = True
    while changed:
        before = sum(len(cells) for cells in withheld.values())
        for key, s in rows.items():  # the marks add up to the pupils marked, about «Аттестовано» of the class
            cells = withheld[key]
            if len(cells & marks) == 1 and (shown := [m for m in marks if m not in cells and s.marks[m]]):
                cells.add(min(shown, key=lambda m: (s.marks[m], m)))
        for subject in subjects:
            classes = classes_of[subject]
            for mark in marks:
                counts = {(key, "n"): rows[(key, subject)].marks[mark] for key in classes}
                primary = [(key, "n") for key in classes if mark in withheld[(key, subject)]]
                if (TOTAL, subject) in rows and mark in withheld[(TOTAL, subject)]:
                    primary.append((TOTAL, "n"))
                if not primary and not any(0 < n < minimum for n in counts.values()):
                    continue  # no cell to hide and none small (nor their sum): suppress_table would hide nothing
                for key, column in suppress_table(counts, minimum=minimum, primary=primary):
                    if column == "n" and (key, subject) in rows:
                        withheld[(key, subject)].add(mark)
        changed = sum(len(cells) for cells in withheld.values()) != before
    for cells in withheld.values():
        if cells:
            cells.update(RATIOS)
    return withheld


def value(f: Figures, name: str, withheld: set[str], hidden):
    """A cell of a class's row or of the total: `hidden` (the page's «скрыто», the document's «—*») if withheld."""
    if name in withheld:
        return hidden
    return COUNTS[name](f) if name in COUNTS else getattr(f, name)
