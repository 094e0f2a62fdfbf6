"""The cells of the schedule's month tables and the rows of its list by date, written in one pass.

A half-year is about 2 000 cells (classes × school days), most of them empty; through the
template engine each cell's `if`, `for` and attribute lookups cost more than the rest of the
page together. The markup is the one the template had, cell by cell; so for the list of the
half-year's works (some 200 rows of eight cells).
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from vsoko.schedule.enums import Level, ProcedureKind
from vsoko.schedule.grid import Cell

register = template.Library()

# The procedure a work is, after its short subject: «мат·ВПР».
MARKED_KINDS = {ProcedureKind.VPR: "·ВПР", ProcedureKind.NIKO: "·НИКО"}


@register.simple_tag
def schedule_cells(cells: list[Cell], can_edit: bool) -> SafeString:
    """`<td>` of each cell of a class's row: its works (a link to each for the schedule's keepers), the
    class's holidays marked."""
    external = Level.external()
    return mark_safe("".join(_cell(cell, can_edit, external) for cell in cells))  # noqa: S308 — every value escaped


def _cell(cell: Cell, can_edit: bool, external) -> str:
    attributes = f' class="holiday" title="{escape(cell.holiday)}"' if cell.holiday else ""
    works = "".join(_work(entry, can_edit, external) for entry in cell.works)
    return f"<td{attributes}>{works}</td>"


def _work(entry, can_edit: bool, external) -> str:
    css = "schedule-work schedule-work--external" if entry.level in external else "schedule-work"
    title = escape(f"{entry.kind_label}: {entry.subject.name} ({entry.level_label})")
    text = escape(entry.short) + MARKED_KINDS.get(entry.kind, "")
    if can_edit:
        text = f'<a href="{escape(entry.edit_url)}">{text}</a>'
    return f'<span class="{css}" title="{title}">{text}</span>'


@register.simple_tag
def schedule_rows(entries, can_edit: bool) -> SafeString:
    """`<tr>` of each work of the list by date: date, class, subject, kind (with its note), level, lesson, a link to
    the loaded results, and for the schedule's keepers a link to change it."""
    return mark_safe("".join(_row(entry, can_edit) for entry in entries))  # noqa: S308 — every value escaped


def _row(e, can_edit: bool) -> str:
    note = f'<br><span class="muted">{escape(e.note)}</span>' if e.note else ""
    results = (f'<a href="{escape(reverse("analysis:assessment", args=[e.result_pk]))}">результаты загружены</a>'
               if e.result_pk else "")
    edit = f'<td><a href="{escape(e.edit_url)}">Изменить</a></td>' if can_edit else ""
    return (f"\n        <tr><td>{e.date:%d.%m.%Y}</td><td>{escape(e.school_class.name)}</td>"
            f"<td>{escape(e.subject.name)}</td><td>{escape(e.kind_label)}{note}</td><td>{escape(e.level_label)}</td>"
            f"<td>{escape(e.lesson or '')}</td>\n          <td>{results}</td>\n          {edit}</tr>\n      ")
