"""vsoko.demo.oversight on the personas' school (its staff and its ВПР of 2024/2025 as the demo's last year)."""

import pytest
from django.utils import timezone

from vsoko.demo.oversight import oversee_demo_years
from vsoko.oversight.enums import CredentialKind, InspectionResult, Progress
from vsoko.oversight.models import (
    Credential,
    Finding,
    Inspection,
    NokoResult,
    Participation,
    PublicExpert,
)
from vsoko.oversight.summary import integral, public_presence

pytestmark = pytest.mark.django_db


def test_the_demo_keeps_a_licence_inspections_noko_and_observers_and_is_idempotent(world):
    oversee_demo_years(world.school, 2024, seed=1, years=3)
    today = timezone.localdate()

    assert Credential.objects.filter(school=world.school, kind=CredentialKind.LICENCE).count() == 2
    assert Credential.objects.filter(school=world.school, kind=CredentialKind.ACCREDITATION).count() == 2
    inspections = list(Inspection.objects.filter(school=world.school))
    assert len(inspections) == 4 and {i.year for i in inspections} == {2022, 2023, 2024}
    last = Inspection.objects.get(school=world.school, year=2024, result=InspectionResult.VIOLATIONS)
    assert sorted(f.status(today) for f in last.findings.all()) == sorted([Progress.OVERDUE, Progress.OPEN])
    assert all(f.responsible is not None for f in Finding.objects.all())
    results = list(NokoResult.objects.filter(school=world.school).order_by("year"))
    assert [r.year for r in results] == [2022, 2023, 2024]
    assert integral(results[0]) < integral(results[-1])
    assert results[-1].measures.count() == 3
    assert PublicExpert.objects.filter(school=world.school).count() == 5
    assert public_presence(world.school, 2024).attended == 1  # the world has one procedure that year

    before = [list(m.objects.values()) for m in (Credential, Inspection, Finding, NokoResult, Participation)]
    oversee_demo_years(world.school, 2024, seed=1, years=3)
    assert [list(m.objects.values()) for m in (Credential, Inspection, Finding, NokoResult, Participation)] == before
