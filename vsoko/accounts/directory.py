"""Names of the people behind roles, for display (who is the class teacher of 5А)."""

from __future__ import annotations

from collections.abc import Iterable

from vsoko.accounts.enums import Role
from vsoko.accounts.models import Membership
from vsoko.records.models import SchoolClass


def display_name(user) -> str:
    return user.get_full_name() or user.get_username()


def class_teacher_names(classes: Iterable[SchoolClass]) -> dict[tuple[int, str], str]:
    """{(school id, class name): "Фамилия Имя"} for the given classes, in one query."""
    classes = list(classes)
    if not classes:
        return {}
    memberships = Membership.objects.filter(
        role=Role.CLASS_TEACHER,
        org_unit_id__in={c.school_id for c in classes},
        class_name__in={c.name for c in classes},
    ).select_related("user").order_by("pk")
    names: dict[tuple[int, str], list[str]] = {}
    for m in memberships:
        names.setdefault((m.org_unit_id, m.class_name), []).append(display_name(m.user))
    return {key: ", ".join(value) for key, value in names.items()}
