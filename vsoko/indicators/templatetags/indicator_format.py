from django import template

from vsoko.indicators import formatting

register = template.Library()


@register.filter
def indicator_value(value, unit):
    """A Fraction (or an evaluate.Value) as text in the indicator's unit."""
    return formatting.format_value(getattr(value, "value", value), unit)


@register.filter
def indicator_change(change, unit):
    return formatting.format_change(change, unit)


@register.filter
def status_class(status):
    return formatting.status_class(status)


@register.filter
def school_year(start):
    return f"{start}/{start + 1}"


@register.filter
def plain_number(value):
    """A numerator or denominator: up to two decimals, decimal comma; empty for None."""
    return "" if value is None else formatting.number(value, 2)
