"""Numbers as Russian readers expect them: digits grouped by a no-break space (12 345)."""

from django import template

register = template.Library()


@register.filter
def grouped(value) -> str:
    if isinstance(value, bool) or not isinstance(value, int):
        return value
    return f"{value:,}".replace(",", "\u00a0")
