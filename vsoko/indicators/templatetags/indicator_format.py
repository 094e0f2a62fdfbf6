from django import template
from django.db.models import Q
from django.utils.html import format_html

from vsoko.indicators import formatting
from vsoko.indicators.models import Indicator

register = template.Library()


def unbroken(text: str):
    """A figure kept on one line: a page line may not break between «95,0» and «%» (or «п. п.»). The text keeps
    its ordinary spaces, as in a spreadsheet or a copied page; the span's class is `white-space: nowrap`."""
    return format_html('<span class="nowrap">{}</span>', text)


@register.filter
def indicator_value(value, unit):
    """A Fraction (or an evaluate.Value) as text in the indicator's unit."""
    return unbroken(formatting.format_value(getattr(value, "value", value), unit))


@register.filter
def line_change(line):
    """A change to the year before by the one rule of pages and documents (formatting.change_words):
    «+2,5 п. п.», «без изменений», «было «нет»» for a school's «да/нет». `line`: a dashboard.Line or anything
    with `change`, `indicator` and `before` (a decision's effect: its `before` is a Value)."""
    before = getattr(line.before, "value", line.before)
    return unbroken(formatting.format_change(line.change, line.indicator.unit, before))


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
