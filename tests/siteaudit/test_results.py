import datetime
from fractions import Fraction

from tests.siteaudit.conftest import all_codes, audit
from vsoko.records.models import OrgUnit
from vsoko.siteaudit.enums import ItemStatus
from vsoko.siteaudit.results import last_audits, result_of, share_percent


def test_share_and_defects_of_an_audit(world):
    n = len(all_codes())
    made = audit(world.school, datetime.date(2025, 3, 3), {
        "catering.menu": ItemStatus.OUTDATED, "document.charter": ItemStatus.MISSING,
        "paid_edu": ItemStatus.NOT_REQUIRED, "paid_edu.order": ItemStatus.NOT_REQUIRED})
    made.items.filter(code="catering.menu").update(comment="меню за прошлую неделю")

    result = result_of(made)

    # Two items not required leave n − 2 required, of which two are defects.
    assert (result.placed, result.required) == (n - 4, n - 2)
    assert result.share == Fraction(n - 4, n - 2)
    # In the checklist's order: «Документы» before «Организация питания».
    assert [(d.section, d.name, d.status, d.comment) for d in result.defects] == [
        ("Документы", "Устав", ItemStatus.MISSING, ""),
        ("Организация питания в образовательной организации", "Меню ежедневного горячего питания",
         ItemStatus.OUTDATED, "меню за прошлую неделю"),
    ]


def test_share_percent():
    assert share_percent(Fraction(3, 8)) == "37,5 %"
    assert share_percent(None) == "—"


def test_last_audit_of_each_school_with_its_counts(world):
    n = len(all_codes())
    audit(world.school, datetime.date(2024, 10, 1), {}, default=ItemStatus.MISSING)  # older: everything missing
    latest = audit(world.school, datetime.date(2025, 3, 3), {"document.charter": ItemStatus.MISSING,
                                                             "inter": ItemStatus.NOT_REQUIRED,
                                                             "inter.agreements": ItemStatus.NOT_REQUIRED})

    rows = last_audits(OrgUnit.objects.filter(code__in=["s1", "s2"]))

    assert [(r.school.code, r.audit, r.placed, r.required, r.defects) for r in rows] == [
        ("s1", latest, n - 3, n - 2, 1),
        ("s2", None, 0, 0, 0),
    ]
    assert rows[0].share == Fraction(n - 3, n - 2)
    assert rows[1].share is None
