"""`{% teacher_options row chosen %}`: a cell's <option>s. A grade's table has a select per class and subject,
each with every teacher of the year (thousands of options): the row's options are escaped once and each cell
only marks its teacher selected, instead of a template loop per option."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from vsoko.teaching.assignments import GridRow

register = template.Library()


def _group(label: str, teachers) -> str:
    if not teachers:
        return ""
    options = format_html_join("", '<option value="{}">{}</option>', ((t.pk, t.name) for t in teachers))
    return format_html('<optgroup label="{}">{}</optgroup>', label, options)


def _row_options(row: GridRow) -> str:
    if row.options_html is None:
        row.options_html = ('<option value="">—</option>' + _group("Ведут предмет", row.first)
                            + _group("Другие учителя", row.others))
    return row.options_html


@register.simple_tag
def teacher_options(row: GridRow, chosen: int | None) -> SafeString:
    html = _row_options(row)
    if chosen is not None:
        option = f'<option value="{int(chosen)}">'
        if option in html:
            html = html.replace(option, f'<option value="{int(chosen)}" selected>', 1)
        elif chosen in row.former:  # stored before their staff row stopped being pedagogical: shown, not lost
            html += format_html('<option value="{}" selected>{} (не педагог в кадровых данных года)</option>',
                                chosen, row.former[chosen])
    return mark_safe(html)  # noqa: S308 — built above from escaped names and integer ids
