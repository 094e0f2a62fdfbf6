"""What every page of the shell shows in its header: the menu, the user and their roles, the year."""

from __future__ import annotations

from vsoko.accounts import permissions
from vsoko.web.navigation import GROUP_OF, current_section, menu_for
from vsoko.web.school_year import available_years, selected_year


def shell(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    section = current_section(request.path)
    return {
        "shell_menu": menu_for(user),
        "shell_current_section": section.key if section else "",
        "shell_current_group": GROUP_OF.get(section.key, ("",))[0] if section else "",
        "shell_memberships": permissions.memberships_of(user),
        "shell_can": {
            "personal_data": permissions.can_see_personal_data(user),
            "staff": permissions.can_see_staff(user),
            "manage_data": permissions.can_manage_data(user),
            "reports": permissions.can_make_reports(user),
            "users": permissions.can_manage_users(user),
        },
        "shell_years": available_years(request),
        "shell_year": selected_year(request),
    }
