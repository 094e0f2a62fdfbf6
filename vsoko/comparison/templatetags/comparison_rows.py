"""The rows of the schools' table on «Сравнение школ», written in one pass.

Fifty schools by a handful of indicators are a few hundred cells, each with its place and its
comparison with all the schools together; through the template engine each cell's `if`s, loops and
attribute lookups cost more than the rest of the page together. The markup is the one the template
had, cell by cell.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from vsoko.comparison.schools import Figure
from vsoko.indicators.enums import Status

register = template.Library()

# Said to screen readers after the value; to the eye by the cell's colour and a mark before the value
# (the colour alone said nothing to a colour-blind reader or on a grey printout).
JUDGED = (Status.BETTER, Status.WORSE)
MARKS = {Status.BETTER: "▲", Status.WORSE: "▼"}


@dataclass(frozen=True)
class Spanning:
    """A column's one cell over all the schools' rows (a column withheld in every school says so once)."""

    text: str
    rows: int


@register.simple_tag
def school_rows(lines: list[dict]) -> SafeString:
    """`<tr>` of each school: its name, its group, then per indicator the value, the place and the comparison;
    the name and each shown value link to the school's own pages (`views._lines`)."""
    return mark_safe("".join(_row(line) for line in lines))  # noqa: S308 — every value escaped


def _row(line: dict) -> str:
    cells = "".join(_spanning(cell) if isinstance(cell, Spanning) else _cell(*cell)
                    for cell in line["cells"] if cell is not None)
    group = line["group"] or "—"
    return (f'\n      <tr>\n        <th scope="row" class="wrap"><a href="{escape(line["tree"])}">'
            f'{escape(line["school"].name)}</a></th>\n'
            f'        <td>{group}</td>\n        {cells}\n      </tr>\n      ')


def _cell(text: str, figure: Figure, href: str | None) -> str:
    status = Status(figure.status)
    place = f'<br><span class="muted">{figure.rank}-е место</span>' if figure.rank else ""
    judged = (f'<span class="visually-hidden"> — {status.label}, чем все школы вместе</span>'
              if status in JUDGED else "")
    mark = f'<span class="compare__mark" aria-hidden="true">{MARKS[status]}</span> ' if status in JUDGED else ""
    value = f'<a href="{escape(href)}">{escape(text)}</a>' if href else escape(text)
    return f'<td class="compare__cell compare__cell--{status.value}">{mark}{value}{place}{judged}</td>'


def _spanning(cell: Spanning) -> str:
    return f'<td class="compare__cell compare__all-withheld wrap" rowspan="{cell.rows}">{escape(cell.text)}</td>'
