"""What the procedure page (vsoko.analysis) offers of its справка: the link to the «Выводы и рекомендации» page
only for who may write them."""

from django import template

from vsoko.accounts import permissions

register = template.Library()


@register.filter
def writes_conclusions(user, school) -> bool:
    return permissions.can_make_reports(user, school)
