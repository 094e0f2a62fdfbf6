"""`{% data_admin_links %}`: links to the approval page and the audit log, for those who may open them."""

from django import template

from vsoko.accounts import permissions

register = template.Library()


@register.inclusion_tag("records/partials/data_admin_links.html", takes_context=True)
def data_admin_links(context):
    user = context["request"].user
    return {
        "approval": permissions.can_manage_data(user),
        "audit": permissions.can_view_audit_log(user),
    }
