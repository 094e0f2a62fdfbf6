"""Small-group suppression for every figure that leaves the school's own staff.

Primary suppression hides each group of 1…minimum−1 people (a zero is not disclosive).
Complementary suppression then makes sure no hidden cell can be recovered by
subtraction: in a table published with its totals, each row and each column is an
equation «cells = total»; an equation with exactly one hidden term gives that term
away, so another term of it (the smallest visible one, to lose little) is hidden as
well, until every line has none or at least two hidden terms. Two hidden terms are
not enough when the line's total is shown and they are small together: the total
minus the shown terms is their sum — 28 − 25 = 3 tells of the three pupils of two
hidden classes (2 and 1) together, a group under the minimum as much as either class.
So a line with its total shown also takes partners until its hidden terms add up to
at least the minimum (k-anonymity: a published figure, a difference of published
figures included, tells of no group of 1…minimum−1 people). A sum of 5 or more is
accepted: it tells of a group as large as any shown cell, and the reader learns only
that the hidden cells together hold that many — each of them can still be anything
from 0 to the sum. Where the total itself is hidden the line gives back nothing but
its shown terms' sum, which the reader has anyway.

Lines are checked one by one, then the table as a whole (`_recovered`): a reader
with rows and columns together can subtract a whole column from the margin column
and so on — «Всего» 6 of the classes minus column «x» 4, whose classes have nothing
else, gave class «c» (2) back although each line had two hidden terms. Every shown
total is an equation; a hidden cell that a combination of them determines (a
bridge of the graph of hidden cells, rows and columns its nodes; and a line whose
hidden terms add up to 0, each of them then 0) is as good as shown, so one more cell of its row or column is hidden
and the lines are checked again, until no hidden cell can be worked out. Bounds from
several lines at once (a hidden cell at most its row's hidden sum) are not audited:
they narrow a cell down, they do not give it.

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
                   derivable: Collection[Cell] = (), unpublished: Collection[Cell] = ()) -> set[Cell]:
    """Cells (including margin cells keyed with TOTAL) to hide in a table published with totals.

    `primary`: cells to hide whatever their count (they give away something elsewhere); `derivable`: cells the
    reader can work out from other published figures — hiding one protects nothing, so it is never chosen as
    another cell's partner and does not count as hidden in a line; `unpublished`: cells the page does not show
    (the «3» beside the shares of «2» and of «4» and «5») — hidden only where a line needs them, but then first:
    hiding them costs the reader nothing."""
    minimum = settings.VSOKO_MIN_GROUP_SIZE if minimum is None else minimum
    table = _with_margins(counts)
    hidden = {cell for cell, n in table.items() if 0 < n < minimum} | set(primary)
    derivable, unpublished = set(derivable), set(unpublished)
    lines = _lines(table)

    def partner(cells: Collection[Cell]) -> Cell | None:
        candidates = [cell for cell in cells if cell not in hidden and cell not in derivable]
        # The smallest visible term loses least information; zeros last, since hiding
        # a zero protects nothing when the reader may guess it.
        return min(candidates, key=lambda cell: (cell not in unpublished, table[cell] == 0, table[cell], str(cell)),
                   default=None)

    while True:
        changed = True
        while changed:
            changed = False
            for line, total in lines:
                line_hidden = [cell for cell in line if cell in hidden and cell not in derivable]
                if _gives_away(table, line_hidden, total, hidden, derivable, minimum) and (found := partner(line)):
                    hidden.add(found)
                    changed = True
        recovered = _recovered(table, hidden - derivable, lines)
        if not recovered:
            return hidden
        # One partner at a time, in the row or column of a cell the table gives back, then the lines again: the
        # first partner often protects the others too.
        found = next((found for cell in sorted(recovered, key=str)
                      if (found := partner([c for line, _ in lines if cell in line for c in line]))), None)
        if found is None:  # the recovered cells' lines are all hidden: another line with a hidden cell then
            found = partner([c for line, _ in lines if any(cell in hidden for cell in line) for c in line])
        if found is None:
            return hidden
        hidden.add(found)


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


def _gives_away(table: Mapping[Cell, int], line_hidden: list[Cell], total: Cell, hidden: set[Cell],
                derivable: set[Cell], minimum: int) -> bool:
    """Whether a line's hidden terms (those the reader cannot work out) leave something small to subtract: one
    alone, or — with the line's total known — several whose sum is 1…minimum−1."""
    if len(line_hidden) == 1:
        return True
    if not line_hidden or (total in hidden and total not in derivable):
        return False
    return 0 < sum(table[cell] for cell in line_hidden if cell != total) < minimum


def _lines(table: Mapping[Cell, int]) -> list[tuple[list[Cell], Cell]]:
    """Each row and each column with its total cell (its margin: (row, TOTAL) of a row, (TOTAL, column) of a
    column), the total among its cells."""
    rows: dict[Hashable, list[Cell]] = {}
    columns: dict[Hashable, list[Cell]] = {}
    for cell in table:
        rows.setdefault(cell[0], []).append(cell)
        columns.setdefault(cell[1], []).append(cell)
    return ([(cells, (row, TOTAL)) for row, cells in rows.items()]
            + [(cells, (TOTAL, column)) for column, cells in columns.items()])


def _recovered(table: Mapping[Cell, int], unknown: set[Cell], lines: list[tuple[list[Cell], Cell]]) -> set[Cell]:
    """The `unknown` cells that the shown cells and totals give back.

    With a row's and a column's total counted negative, every row and every column of the table with its margins
    adds up to 0: the cells are the edges of a graph of rows and columns in which each node balances (a flow). The
    shown cells are known flows; the unknown ones are fixed exactly where no cycle of unknown edges passes — the
    bridges of their graph (on a cycle, adding 1 around it changes no total). That is the same as a combination
    of the equations leaving the cell alone, found in linear time. A line with its total shown whose unknown terms
    add up to 0 gives each of them too: none can be below 0.

    A line of one term has for total the same figure (a grade alone in its column of levels, an «в том числе» row
    alone in its column): it is unknown with its term, whatever the caller says of it (`derivable`: no figure of
    its own)."""
    unknown = set(unknown)
    changed = True
    while changed:
        changed = False
        for line, total in lines:
            terms = [cell for cell in line if cell != total]
            if len(terms) == 1 and terms[0] in unknown and total not in unknown:
                unknown.add(total)
                changed = True
    recovered = set()
    for line, total in lines:
        terms = [cell for cell in line if cell != total and cell in unknown]
        if terms and total not in unknown and sum(table[cell] for cell in terms) == 0:
            recovered |= set(terms)
    return recovered | _bridges(unknown)


def _bridges(cells: set[Cell]) -> set[Cell]:
    """The cells that are bridges of the graph with a node per row and per column and an edge per cell (Tarjan,
    iterative)."""
    neighbours: dict[tuple, list[tuple[tuple, Cell]]] = {}
    for cell in cells:
        row, column = ("row", cell[0]), ("column", cell[1])
        neighbours.setdefault(row, []).append((column, cell))
        neighbours.setdefault(column, []).append((row, cell))
    order: dict[tuple, int] = {}
    low: dict[tuple, int] = {}
    bridges = set()
    for root in neighbours:
        if root in order:
            continue
        order[root] = low[root] = len(order)
        stack = [(root, None, iter(neighbours[root]))]
        while stack:
            node, via, edges = stack[-1]
            for other, cell in edges:
                if cell == via:
                    continue
                if other in order:
                    low[node] = min(low[node], order[other])
                else:
                    order[other] = low[other] = len(order)
                    stack.append((other, cell, iter(neighbours[other])))
                    break
            else:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > order[parent]:
                        bridges.add(via)
    return bridges
