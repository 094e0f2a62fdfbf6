"""Numbers as Russian readers expect them: digits grouped by a no-break space (12 345)."""

from django import template

register = template.Library()


@register.filter
def grouped(value) -> str:
    if isinstance(value, bool) or not isinstance(value, int):
        return value
    return f"{value:,}".replace(",", "\u00a0")


@register.simple_tag(takes_context=True)
def excel_url(context) -> str:
    """The page's own address and query (year, school, filters) with format=xlsx: «Скачать в Excel» gives the
    table the page shows (vsoko.web.downloads)."""
    request = context["request"]
    query = request.GET.copy()
    query.pop("page", None)  # a paged list is downloaded whole
    query["format"] = "xlsx"
    return f"{request.path}?{query.urlencode()}"
