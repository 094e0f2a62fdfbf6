"""Giving and taking roles: the one way users get their rights (the CLI calls these)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from vsoko.accounts.enums import Role
from vsoko.accounts.models import Membership, StaffAccount
from vsoko.records.enums import OrgUnitKind
from vsoko.records.models import OrgUnit, StaffMember, Subject


class RoleError(Exception):
    """A role that cannot be given as asked; the message says what to change."""


@dataclass(frozen=True)
class Granted:
    membership: Membership
    created_user: bool
    password: str | None  # set only when the user was created: shown once, never stored in clear


def grant_role(
    *,
    username: str,
    role: Role,
    org_code: str,
    class_name: str = "",
    subject_name: str = "",
    sees_sensitive: bool = False,
    first_name: str = "",
    last_name: str = "",
    staff_id: str = "",
) -> Granted:
    """Create the user if missing (with a random password) and give them the role. Idempotent.

    Side effects: one user row (new users only) and one membership row, in one transaction.
    """
    org_unit = _org_unit(org_code, role)
    class_name = class_name.strip().upper().replace(" ", "")
    if role == Role.CLASS_TEACHER and not class_name:
        raise RoleError("Для роли «классный руководитель» укажите класс, например --class 5А.")
    if class_name and role != Role.CLASS_TEACHER:
        raise RoleError(f"Класс указывается только для классного руководителя, а роль — «{role.label}».")
    if subject_name and role not in Role.subject_scoped():
        raise RoleError(f"Предмет указывается только для учителя и руководителя МО, а роль — «{role.label}».")
    if sees_sensitive and role == Role.OBSERVER:
        raise RoleError("Наблюдателю муниципалитета нельзя дать доступ к чувствительным категориям: он видит только сводные числа.")
    subject = _subject(subject_name) if subject_name else None
    staff = _staff(org_unit, staff_id) if staff_id else None

    with transaction.atomic():
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"first_name": first_name, "last_name": last_name}
        )
        password = new_password(user) if created else None
        if not created and (first_name or last_name) and (user.first_name, user.last_name) != (first_name, last_name):
            user.first_name, user.last_name = first_name or user.first_name, last_name or user.last_name
            user.save(update_fields=["first_name", "last_name"])
        membership, _ = Membership.objects.update_or_create(
            user=user, role=role, org_unit=org_unit, class_name=class_name, subject=subject,
            defaults={"sees_sensitive": sees_sensitive},
        )
        if staff is not None:
            link_staff(user, staff)
    return Granted(membership=membership, created_user=created, password=password)


def link_staff(user, staff: StaffMember) -> None:
    """The user is this member of staff (their lessons, measures, plan); a staff member has one account."""
    taken = StaffAccount.objects.filter(staff=staff).exclude(user=user).select_related("user").first()
    if taken is not None:
        raise RoleError(f"Работник «{staff}» уже связан с пользователем «{taken.user.username}»: "
                        "сначала снимите ту связь (vsoko user unlink).")
    StaffAccount.objects.get_or_create(user=user, staff=staff)


def unlink_staff(*, username: str, org_code: str) -> int:
    """Remove the user's links to staff records of this school; returns how many were removed."""
    deleted, _ = StaffAccount.objects.filter(user__username=username, staff__school__code=org_code).delete()
    if not deleted:
        raise RoleError(f"Пользователь «{username}» не связан ни с одним работником организации «{org_code}».")
    return deleted


def revoke_role(*, username: str, role: Role, org_code: str) -> int:
    """Take the role (every class or subject of it) in this org unit; returns how many were removed."""
    deleted, _ = Membership.objects.filter(user__username=username, role=role, org_unit__code=org_code).delete()
    if not deleted:
        raise RoleError(f"У пользователя «{username}» нет роли «{role.label}» в организации с кодом «{org_code}».")
    return deleted


def new_password(user) -> str:
    """Give the user a new random password; returns it (shown once, never stored in clear or logged)."""
    password = secrets.token_urlsafe(9)
    user.set_password(password)
    user.save(update_fields=["password"])
    return password


def describe(m: Membership) -> str:
    """«классный руководитель 5А — МБОУ СОШ № 1 [school-1] + чувствительные категории»."""
    parts = [m.get_role_display()]
    if m.class_name:
        parts.append(m.class_name)
    if m.subject:
        parts.append(f"({m.subject})")
    parts.append(f"— {m.org_unit.name} [{m.org_unit.code}]")
    if m.sees_sensitive:
        parts.append("+ чувствительные категории")
    return " ".join(parts)


def describe_staff(user) -> list[str]:
    """«Петрова Анна Ивановна [T-017] — МБОУ СОШ № 1» for each staff record linked to the user."""
    return [f"{a.staff.full_name} [{a.staff.staff_id}] — {a.staff.school.name}"
            for a in StaffAccount.objects.filter(user=user).select_related("staff__school").order_by("pk")]


def _org_unit(code: str, role: Role) -> OrgUnit:
    org_unit = OrgUnit.objects.filter(code=code).first()
    if org_unit is None:
        known = ", ".join(f"{u.code} ({u.name})" for u in OrgUnit.objects.order_by("kind", "code")[:20]) or "нет ни одной"
        raise RoleError(f"Организация с кодом «{code}» не найдена. Коды: {known}.")
    if role == Role.OBSERVER and org_unit.kind == OrgUnitKind.SCHOOL:
        raise RoleError(f"Наблюдатель назначается муниципалитету или региону, а «{org_unit.name}» — школа.")
    if role in (Role.CLASS_TEACHER, *Role.subject_scoped()) and org_unit.kind != OrgUnitKind.SCHOOL:
        raise RoleError(f"Роль «{role.label}» назначается в школе, а «{org_unit.name}» — {org_unit.get_kind_display()}.")
    return org_unit


def _staff(school: OrgUnit, staff_id: str) -> StaffMember:
    if school.kind != OrgUnitKind.SCHOOL:
        raise RoleError(f"Работник указывается для роли в школе, а «{school.name}» — {school.get_kind_display()}.")
    staff = StaffMember.objects.filter(school=school, staff_id=staff_id.strip()).first()
    if staff is None:
        raise RoleError(f"В школе «{school.name}» нет работника с кодом «{staff_id}» (код — столбец staff_id "
                        "листа staff пакета данных).")
    return staff


def _subject(name: str) -> Subject:
    # Compared in Python: SQLite folds the case of ASCII letters only, and subjects are a few dozen rows.
    subjects = list(Subject.objects.order_by("name"))
    wanted = _fold(name)
    subject = next((s for s in subjects if _fold(s.name) == wanted), None)
    if subject is None:
        known = ", ".join(s.name for s in subjects[:40]) or "нет ни одного"
        raise RoleError(f"Предмет «{name}» не найден. Предметы в базе: {known}.")
    return subject


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("ё", "е").split())
