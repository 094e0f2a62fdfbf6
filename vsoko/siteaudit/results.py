"""What an audit comes to: the share of required items in place and the defects (the «перечень замечаний»);
for many schools, the last audit of each with its share and number of defects (one GROUP BY)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Count, Q, QuerySet

from vsoko.records.models import OrgUnit
from vsoko.siteaudit.checklist import items_by_code, sections
from vsoko.siteaudit.enums import DEFECTS, ItemStatus
from vsoko.siteaudit.models import AuditItem, SiteAudit


@dataclass(frozen=True)
class Defect:
    section: str
    name: str
    status: ItemStatus
    comment: str
    link: str


@dataclass(frozen=True)
class Result:
    placed: int
    required: int  # every item but «не требуется»
    defects: list[Defect]

    @property
    def share(self) -> Fraction | None:
        """Placed of required, 0..1; None when nothing is required."""
        return Fraction(self.placed, self.required) if self.required else None


def share_percent(share: Fraction | None) -> str:
    if share is None:
        return "—"
    return f"{float(share * 100):.1f}".replace(".", ",") + " %"


def _order() -> dict[str, int]:
    return {code: n for n, code in enumerate(items_by_code())}


def result_of(audit: SiteAudit) -> Result:
    items = list(audit.items.all())
    order = _order()
    titles = {s.code: s.title for s in sections()}
    known = items_by_code()
    required = [i for i in items if i.status != ItemStatus.NOT_REQUIRED]
    defects = []
    for i in sorted((i for i in items if i.status in DEFECTS), key=lambda i: (order.get(i.code, len(order)), i.code)):
        item = known.get(i.code)
        defects.append(Defect(titles.get(item.section, "") if item else "", item.name if item else i.code,
                              ItemStatus(i.status), i.comment, i.link))
    return Result(sum(1 for i in required if i.status == ItemStatus.PLACED), len(required), defects)


@dataclass(frozen=True)
class SchoolRow:
    school: OrgUnit
    audit: SiteAudit | None
    placed: int = 0
    required: int = 0
    defects: int = 0

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.placed, self.required) if self.required else None


def last_audits(schools: QuerySet[OrgUnit]) -> list[SchoolRow]:
    """Every school with its last audit (the latest date; of one day, the last recorded) and its counts."""
    schools = list(schools.order_by("name"))
    last: dict[int, SiteAudit] = {}
    for audit in SiteAudit.objects.filter(school__in=schools).order_by("school_id", "-date", "-pk"):
        last.setdefault(audit.school_id, audit)
    counts = {row["audit_id"]: row for row in AuditItem.objects.filter(audit__in=list(last.values()))
              .values("audit_id").annotate(
                  placed=Count("pk", filter=Q(status=ItemStatus.PLACED)),
                  required=Count("pk", filter=~Q(status=ItemStatus.NOT_REQUIRED)),
                  defects=Count("pk", filter=Q(status__in=DEFECTS)))}
    rows = []
    for school in schools:
        audit = last.get(school.pk)
        c = counts.get(audit.pk, {}) if audit else {}
        rows.append(SchoolRow(school, audit, c.get("placed", 0), c.get("required", 0), c.get("defects", 0)))
    return rows
