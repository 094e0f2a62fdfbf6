"""Small-group suppression for every figure that leaves the school's own staff.

Primary suppression hides each group of 1…minimum−1 people (a zero is not disclosive).
Complementary suppression then makes sure no hidden cell can be recovered by
subtraction: in a table published with its totals, each row and each column is an
equation «cells = total»; an equation with exactly one hidden term gives that term
away, so another term of it (the smallest visible one, to lose little) is hidden as
well, until every line has none or at least two hidden terms.

Tables are given as counts keyed by (row, column). Totals are derived here, so the
caller cannot publish totals that disagree with the cells. The margin key `TOTAL`
stands for a row's or a column's total.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping

from django.conf import settings

TOTAL = "__total__"
Cell = tuple[Hashable, Hashable]


def suppress_table(counts: Mapping[Cell, int], *, minimum: int | None = None, primary: Collection[Cell] = (),
                   derivable: Collection[Cell] = ()) -> set[Cell]:
    """Cells (including margin cells keyed with TOTAL) to hide in a table published with totals.

    `primary`: cells to hide whatever their count (they give away something elsewhere); `derivable`: cells the
    reader can work out from other published figures — hiding one protects nothing, so it is never chosen as
    another cell's partner and does not count as hidden in a line."""
    minimum = settings.VSOKO_MIN_GROUP_SIZE if minimum is None else minimum
    table = _with_margins(counts)
    hidden = {cell for cell, n in table.items() if 0 < n < minimum} | set(primary)
    derivable = set(derivable)
    lines = _lines(table)
    changed = True
    while changed:
        changed = False
        for line in lines:
            line_hidden = [cell for cell in line if cell in hidden and cell not in derivable]
            if len(line_hidden) != 1:
                continue
            candidates = [cell for cell in line if cell not in hidden and cell not in derivable]
            if not candidates:
                continue
            # The smallest visible term loses least information; zeros last, since hiding
            # a zero protects nothing when the reader may guess it.
            partner = min(candidates, key=lambda cell: (table[cell] == 0, table[cell], str(cell)))
            hidden.add(partner)
            changed = True
    return hidden


def suppress_groups(counts: Mapping[Hashable, int], *, minimum: int | None = None) -> set[Hashable]:
    """Groups to hide in a one-dimensional breakdown published with its total (key TOTAL)."""
    hidden = suppress_table({(key, "n"): n for key, n in counts.items()}, minimum=minimum)
    return {row for row, column in hidden if column == "n"}


def _with_margins(counts: Mapping[Cell, int]) -> dict[Cell, int]:
    table = dict(counts)
    rows = {row for row, _ in counts}
    columns = {column for _, column in counts}
    for row in rows:
        table[(row, TOTAL)] = sum(n for (r, _), n in counts.items() if r == row)
    for column in columns:
        table[(TOTAL, column)] = sum(n for (_, c), n in counts.items() if c == column)
    table[(TOTAL, TOTAL)] = sum(counts.values())
    return table


def _lines(table: Mapping[Cell, int]) -> list[list[Cell]]:
    rows: dict[Hashable, list[Cell]] = {}
    columns: dict[Hashable, list[Cell]] = {}
    for cell in table:
        rows.setdefault(cell[0], []).append(cell)
        columns.setdefault(cell[1], []).append(cell)
    return list(rows.values()) + list(columns.values())
