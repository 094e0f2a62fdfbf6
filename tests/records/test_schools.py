import pytest

from vsoko.records.enums import OrgUnitKind
from vsoko.records.models import OrgUnit
from vsoko.records.schools import SchoolNotFound, ensure_school, name_order, resolve_school


@pytest.mark.django_db
def test_ensure_school_is_idempotent_and_sits_under_a_municipality():
    first = ensure_school(name="Школа №1")
    second = ensure_school(name="Другое имя")

    assert first.pk == second.pk
    assert first.parent.kind == OrgUnitKind.MUNICIPALITY
    assert OrgUnit.objects.filter(kind=OrgUnitKind.SCHOOL).count() == 1


@pytest.mark.django_db
def test_resolve_school_without_code_needs_exactly_one_school():
    with pytest.raises(SchoolNotFound, match="нет ни одной школы"):
        resolve_school(None)
    ensure_school(name="A", code="a")
    assert resolve_school(None).code == "a"
    ensure_school(name="B", code="b")
    with pytest.raises(SchoolNotFound, match="несколько школ"):
        resolve_school(None)
    assert resolve_school("b").name == "B"


def test_schools_are_listed_by_name_with_their_numbers_counted():
    names = ["МБОУ «СОШ № 14»", "мбоу «СОШ № 7»", "МБОУ «Гимназия № 2»", "МБОУ «СОШ № 7 им. Пушкина»", "МБОУ «СОШ»"]
    units = [OrgUnit(name=name) for name in names]

    assert [u.name for u in sorted(units, key=name_order)] == [
        "МБОУ «Гимназия № 2»", "МБОУ «СОШ»", "мбоу «СОШ № 7»", "МБОУ «СОШ № 7 им. Пушкина»", "МБОУ «СОШ № 14»"]
