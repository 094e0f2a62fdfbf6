"""Figures of «Итоги периода» for the page: counts and shares the observer may see, changes with arrows."""

from __future__ import annotations

from django import template

from vsoko.analysis.templatetags.analysis_format import HIDDEN

register = template.Library()


@register.filter
def count_for(n: int, privacy) -> int | str:
    """A count of pupils, or «скрыто» where it tells of a small group (the observer)."""
    return HIDDEN if privacy is not None and privacy.too_small(n) else n


@register.filter
def success_for(figures, privacy):
    if privacy is not None and privacy.discloses(figures.unsuccessful, figures.attested):
        return HIDDEN
    return figures.success


@register.filter
def quality_for(figures, privacy):
    if privacy is not None and privacy.discloses(figures.on_fours_and_fives, figures.attested):
        return HIDDEN
    return figures.quality


@register.filter
def mark_counts(subject, columns) -> list[int]:
    """The subject's numbers of marks in the table's mark columns."""
    return [subject.marks[key] for key, _ in columns]
