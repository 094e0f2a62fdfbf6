"""The demo's site audits (vsoko.demo.siteaudit) on a few bare schools, not a whole demo: the demo school's audit in
May of the last year with its four defects, about half of a municipality's schools audited, a second run the same."""

import datetime

import pytest

from vsoko.demo.siteaudit import SITE, audit_demo_sites
from vsoko.records.enums import OrgUnitKind
from vsoko.records.models import OrgUnit
from vsoko.siteaudit.enums import ItemStatus
from vsoko.siteaudit.models import SiteAudit
from vsoko.siteaudit.results import last_audits, result_of

pytestmark = pytest.mark.django_db
YEAR = 2025


def more_schools(school, count):
    return [school] + [OrgUnit.objects.create(code=f"school-{n}", name=f"МБОУ «СОШ № {n}»", kind=OrgUnitKind.SCHOOL,
                                              parent=school.parent) for n in range(2, count + 1)]


def test_the_demo_school_has_one_audit_with_four_defects(school):
    audit_demo_sites([school], YEAR, seed=1)

    audit = SiteAudit.objects.get(school=school)
    assert audit.site_url == SITE and audit.auditor.endswith(", заместитель директора по УВР")
    assert datetime.date(2026, 5, 11) <= audit.date <= datetime.date(2026, 5, 25)  # after 20 April, 2025/2026
    assert audit.fix_deadline == audit.date + datetime.timedelta(days=30)
    result = result_of(audit)
    # 14 subsections' pages + 35 documents = 49 items; «Платные услуги: порядок» не требуется → 48 required,
    # 4 defects → 44 placed.
    assert (result.placed, result.required) == (44, 48)
    assert [(d.name, d.status) for d in result.defects] == [
        ("Отчёт о результатах самообследования", ItemStatus.OUTDATED),
        ("Предписания органов контроля (надзора) и отчёты об их исполнении", ItemStatus.MISSING),
        ("Количество вакантных мест по каждой образовательной программе и классу", ItemStatus.OUTDATED),
        ("Меню ежедневного горячего питания", ItemStatus.OUTDATED),
    ]
    assert "отчёт за 2025 год" in result.defects[0].comment


def test_half_of_a_municipality_is_audited_and_a_second_run_changes_nothing(school):
    schools = more_schools(school, 8)

    audit_demo_sites(schools, YEAR, seed=1)
    audit_demo_sites(schools, YEAR, seed=2)

    rows = last_audits(OrgUnit.objects.filter(kind=OrgUnitKind.SCHOOL))
    done = [row.school for row in rows if row.audit]
    assert len(done) == 4 and school in done and len(rows) - len(done) == 4
    assert SiteAudit.objects.count() == 4
    assert all(row.defects <= 5 and row.required == 48 for row in rows if row.audit)
