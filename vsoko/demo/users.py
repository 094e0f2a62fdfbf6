"""The demo users of cli.md: one per role, the password equal to the login."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.db import transaction

from vsoko.accounts.enums import Role
from vsoko.accounts.models import Membership, StaffAccount
from vsoko.accounts.roles import link_staff
from vsoko.demo.package import Package
from vsoko.records.models import OrgUnit, StaffMember, Subject
from vsoko.records.subjects import canonical_subject_name

MATH_SUBJECTS = ("Математика", "Алгебра", "Геометрия", "Вероятность и статистика")
CLASS_NAME = "5А"


@dataclass(frozen=True)
class DemoUser:
    login: str
    role: Role
    title: str  # how the role reads in the table printed at the end
    position: str = ""  # staff position of the demo school to take a name from
    subjects: tuple[str, ...] = ()
    class_name: str = ""
    sensitive: bool = False
    at_municipality: bool = False


DEMO_USERS = (
    DemoUser("admin", Role.ADMIN, "администратор", sensitive=True),
    DemoUser("director", Role.DIRECTOR, "директор", "директор", sensitive=True),
    DemoUser("deputy", Role.DEPUTY, "заместитель директора по УВР", "заместитель директора по УВР", sensitive=True),
    DemoUser("mo-head", Role.MO_HEAD, "руководитель МО (математика)", "учитель математики", MATH_SUBJECTS),
    DemoUser("class-teacher", Role.CLASS_TEACHER, f"классный руководитель {CLASS_NAME}",
             "учитель русского языка и литературы", class_name=CLASS_NAME, sensitive=True),
    DemoUser("teacher", Role.TEACHER, "учитель математики", "учитель математики", MATH_SUBJECTS[:3]),
    DemoUser("observer", Role.OBSERVER, "наблюдатель муниципалитета", at_municipality=True),
)


class Person(NamedTuple):
    first_name: str
    last_name: str
    staff_id: str = ""  # the staff record the user is linked to (accounts.StaffAccount)


def staff_names(package: Package) -> dict[str, Person]:
    """The person of the demo school each demo login is, from the last year's staff."""
    last_year = max(row["year"] for row in package.tables["staff"])
    staff = [r for r in package.tables["staff"] if r["year"] == last_year]
    names: dict[str, Person] = {"admin": Person("Системный", "администратор"), "observer": Person("Ирина", "Захарова")}
    taken: set[str] = set()
    for user in DEMO_USERS:
        if not user.position:
            continue
        # The head of the association is the most experienced math teacher, the teacher the least.
        candidates = sorted((r for r in staff if r["position"] == user.position and r["staff_id"] not in taken),
                            key=lambda r: r["experience_since"], reverse=user.login == "teacher")
        if candidates:
            taken.add(candidates[0]["staff_id"])
            chosen = candidates[0]
            names[user.login] = Person(chosen["first_name"], chosen["last_name"], chosen["staff_id"])
    return names


@transaction.atomic
def ensure_demo_users(school: OrgUnit, names: dict[str, Person] | None = None) -> list[DemoUser]:
    """Create or refresh the demo users and their memberships; running it again changes nothing."""
    User = get_user_model()
    names = names or {}
    for demo in DEMO_USERS:
        user, created = User.objects.get_or_create(username=demo.login)
        first, last, staff_id = names.get(demo.login, Person("", ""))
        changed = False
        for field, value in (("first_name", first), ("last_name", last), ("is_active", True),
                             ("is_superuser", demo.role == Role.ADMIN), ("is_staff", demo.role == Role.ADMIN)):
            if getattr(user, field) != value:
                setattr(user, field, value)
                changed = True
        if created or not user.check_password(demo.login):
            user.set_password(demo.login)  # a fresh salt each time: only when the password is wrong
            changed = True
        if changed:
            user.save()
        org_unit = school.parent if demo.at_municipality else school
        for subject in demo.subjects or (None,):
            Membership.objects.get_or_create(
                user=user, role=demo.role, org_unit=org_unit, class_name=demo.class_name,
                subject=subject_named(subject) if subject else None,
                defaults={"sees_sensitive": demo.sensitive},
            )
        staff = StaffMember.objects.filter(school=school, staff_id=staff_id).first() if staff_id else None
        if staff is not None and not StaffAccount.objects.filter(staff=staff).exists():
            link_staff(user, staff)
    return list(DEMO_USERS)


def subject_named(name: str) -> Subject:
    """The stored subject of this name (the importer matches names case-insensitively), created if missing."""
    # The import stores subjects in one spelling; iexact would not fold Cyrillic case on SQLite.
    return Subject.objects.get_or_create(name=canonical_subject_name(name))[0]
