"""Figures of «Итоги периода» for the page: counts and shares the observer may see, changes with arrows."""

from __future__ import annotations

from django import template

from vsoko.analysis.templatetags.analysis_format import HIDDEN
from vsoko.progress import withheld

register = template.Library()


@register.filter
def cell(line, name: str):
    """A figure of a class's row or of the total (`line.figures`), «скрыто» where the observer may not see it
    (`line.withheld`, vsoko.progress.withheld)."""
    return withheld.value(line.figures, name, line.withheld, HIDDEN)


@register.filter
def mark_counts(subject, columns) -> list:
    """The subject's numbers of marks in the table's mark columns."""
    return [HIDDEN if key in subject.withheld else subject.marks[key] for key, _ in columns]


@register.filter
def ratio(subject, name: str):
    """A subject's успеваемость, качество or СОУ, «скрыто» where the observer may not see it."""
    return HIDDEN if name in subject.withheld else getattr(subject, name)
