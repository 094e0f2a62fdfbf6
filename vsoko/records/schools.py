"""Finding and creating schools (org units)."""

from __future__ import annotations

import re

from django.core.exceptions import ObjectDoesNotExist

from vsoko.records.enums import OrgUnitKind
from vsoko.records.models import OrgUnit

DEFAULT_MUNICIPALITY_CODE = "mun-1"
DEFAULT_SCHOOL_CODE = "school-1"
DEFAULT_SCHOOL_NAME = "Школа"  # `vsoko init` without --school
DEFAULT_MUNICIPALITY_NAME = "Муниципальный район"
QUOTES = re.compile(r"[«»\"“”„]")


def name_order(unit: OrgUnit) -> tuple:
    """A key to list org units by name as people count: «СОШ № 7» before «СОШ № 14» (the numbers in a name
    compared as numbers, the rest regardless of letter case and quotes, so a name comes before its longer forms)."""
    plain = QUOTES.sub("", unit.name).casefold()
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", plain) if part)


class SchoolNotFound(Exception):
    """The user named a school that does not exist, or did not name one where several exist."""


def ensure_school(*, name: str, code: str = DEFAULT_SCHOOL_CODE,
                  municipality_name: str = DEFAULT_MUNICIPALITY_NAME) -> OrgUnit:
    """The school with this code, created (under a municipality) if missing. Idempotent."""
    municipality, _ = OrgUnit.objects.get_or_create(
        code=DEFAULT_MUNICIPALITY_CODE,
        defaults={"name": municipality_name, "kind": OrgUnitKind.MUNICIPALITY},
    )
    school, _ = OrgUnit.objects.get_or_create(
        code=code, defaults={"name": name, "kind": OrgUnitKind.SCHOOL, "parent": municipality}
    )
    return school


def resolve_school(code: str | None) -> OrgUnit:
    """The school named by code, or the only school when no code is given."""
    schools = OrgUnit.objects.filter(kind=OrgUnitKind.SCHOOL)
    if code:
        try:
            return schools.get(code=code)
        except ObjectDoesNotExist:
            raise SchoolNotFound(f"Школа с кодом «{code}» не найдена. Коды школ: {', '.join(schools.values_list('code', flat=True)) or 'нет ни одной'}.") from None
    found = list(schools[:2])
    if not found:
        raise SchoolNotFound("В базе нет ни одной школы. Выполните «vsoko init --school НАЗВАНИЕ».")
    if len(found) > 1:
        raise SchoolNotFound("В базе несколько школ: укажите нужную через --school КОД.")
    return found[0]


def resolve_municipality(code: str | None) -> OrgUnit:
    """The municipality named by code, or the only municipality when no code is given."""
    units = OrgUnit.objects.filter(kind=OrgUnitKind.MUNICIPALITY).order_by("code")
    codes = ", ".join(units.values_list("code", flat=True))
    if code:
        try:
            return units.get(code=code)
        except ObjectDoesNotExist:
            raise SchoolNotFound(f"Муниципалитет с кодом «{code}» не найден. Коды муниципалитетов: "
                                 f"{codes or 'нет ни одного'}.") from None
    found = list(units[:2])
    if not found:
        raise SchoolNotFound("В базе нет ни одного муниципалитета: школы не отнесены к муниципалитету.")
    if len(found) > 1:
        raise SchoolNotFound(f"В базе несколько муниципалитетов: укажите нужный через --school КОД. "
                             f"Коды муниципалитетов: {codes}.")
    return found[0]
