"""`{% data_admin_links %}`: links to the approval page, the audit log and the distribution of load, for those who
may open them."""

from django import template

from vsoko.accounts import permissions
from vsoko.teaching.access import schools_keeping_load

register = template.Library()


@register.inclusion_tag("records/partials/data_admin_links.html", takes_context=True)
def data_admin_links(context):
    user = context["request"].user
    return {
        "approval": permissions.can_manage_data(user),
        "audit": permissions.can_view_audit_log(user),
        "load": schools_keeping_load(user).exists(),
        "merge": permissions.can_merge_subjects(user),
    }
