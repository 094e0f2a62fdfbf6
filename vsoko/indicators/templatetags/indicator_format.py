from django import template
from django.db.models import Q

from vsoko.indicators import formatting
from vsoko.indicators.models import Indicator

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


@register.inclusion_tag("web/partials/indicator_codes.html")
def indicator_code_list(school):
    """Names beside codes under a field that takes indicator codes: nobody remembers «core.vpr_base»."""
    indicators = (Indicator.objects.filter(Q(catalog__school__isnull=True) | Q(catalog__school=school), retired=False)
                  .select_related("catalog").order_by("catalog__school", "catalog__code", "position")
                  .only("code", "name", "catalog__name", "catalog__code", "catalog__school"))
    return {"indicators": indicators}
