"""A school's settings of indicators (docs/indicators.md, «Настройка показателей школы»).

- `catalogs_in_use(school)` / `choose_catalogs(...)` — which shipped catalogs the school uses;
- `save_own(...)` — add or change one of the school's own indicators (versioned by catalogs.store_indicator);
- `save_targets(...)` — the school's targets of a year;
- `version_history(indicator)` — the versions of a definition with what changed in each.

Every change is written to the audit log with old and new values.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from vsoko.audit.enums import AuditAction
from vsoko.audit.log import mask_changes, record
from vsoko.indicators.catalogs import NOT_DEFINITION, own_catalog, save_own_indicator, set_target
from vsoko.indicators.models import Catalog, Indicator, IndicatorVersion, SchoolCatalog, Target
from vsoko.records.approval import ensure_open
from vsoko.records.models import OrgUnit, SchoolYear

# The fields of an own indicator the settings form edits (the rest keep catalog defaults).
OWN_FIELDS = ("name", "unit", "unit_label", "direction", "method", "formula", "group", "criterion",
              "breakdowns", "total", "explanation", "periodicity", "responsible")


def shipped_catalogs() -> list[Catalog]:
    return list(Catalog.objects.filter(school__isnull=True).order_by("code"))


def chosen_catalog_ids(school: OrgUnit) -> set[int]:
    """The shipped catalogs the school has ticked (empty: it has not chosen)."""
    return set(SchoolCatalog.objects.filter(school=school, catalog__school__isnull=True)
               .values_list("catalog_id", flat=True))


def catalogs_in_use(school: OrgUnit | None) -> list[Catalog]:
    """The catalogs the school's pages offer: the shipped ones it chose (every shipped one while it
    has chosen none) and its own."""
    if school is None:
        return shipped_catalogs()
    chosen = chosen_catalog_ids(school)
    shipped = [c for c in shipped_catalogs() if not chosen or c.pk in chosen]
    own = list(Catalog.objects.filter(school=school).order_by("code"))
    return shipped + own


@transaction.atomic
def choose_catalogs(*, school: OrgUnit, catalog_ids: set[int], user=None, request=None) -> bool:
    """Store which shipped catalogs the school uses; True if something changed."""
    shipped = {c.pk: c for c in shipped_catalogs()}
    wanted = {pk for pk in catalog_ids if pk in shipped}
    before = chosen_catalog_ids(school)
    if wanted == before:
        return False
    SchoolCatalog.objects.filter(school=school, catalog_id__in=before - wanted).delete()
    for pk in sorted(wanted - before):
        SchoolCatalog.objects.create(school=school, catalog_id=pk)
    names = lambda ids: ", ".join(shipped[pk].code for pk in sorted(ids, key=lambda pk: shipped[pk].code))  # noqa: E731
    record(user=user, action=AuditAction.CHANGE, object_type="school_catalogs", object_id=school.code,
           school=school, details={"changes": mask_changes({"catalogs": (names(before), names(wanted))})},
           request=request)
    return True


def own_indicators(school: OrgUnit) -> list[Indicator]:
    return list(Indicator.objects.filter(catalog__school=school, retired=False).order_by("position"))


def _definition(indicator: Indicator | None) -> dict:
    if indicator is None:
        return {}
    return {name: getattr(indicator, name) for name in OWN_FIELDS}


def save_own(*, school: OrgUnit, code: str, data: dict, user=None, request=None) -> tuple[Indicator, dict]:
    """Create or change an own indicator; returns it and the changes {field: (old, new)}.

    Raises catalogs.CatalogError (Russian, naming the problem) when the definition is not valid.
    """
    catalog = own_catalog(school)
    full = code if code.startswith(f"{catalog.code}.") else f"{catalog.code}.{code}"
    existing = Indicator.objects.filter(code=full, catalog=catalog).first()
    before = _definition(existing)
    item = {"code": full, **{k: v for k, v in data.items() if k in OWN_FIELDS}}
    if existing is not None:
        item["targets"] = existing.targets
    indicator = save_own_indicator(school, item)
    after = _definition(indicator)
    changes = {k: (before.get(k), after[k]) for k in OWN_FIELDS if before.get(k) != after[k]}
    if changes:
        record(user=user, action=AuditAction.CHANGE, object_type="indicator", object_id=indicator.code,
               school=school, details={"version": indicator.version, "changes": mask_changes(changes)},
               request=request)
    return indicator, changes


def current_targets(school: OrgUnit, year: int, indicators: list[Indicator]) -> dict[int, Decimal]:
    return dict(Target.objects.filter(school=school, year_id=year, indicator__in=[i.pk for i in indicators])
                .values_list("indicator_id", "value"))


@transaction.atomic
def save_targets(*, school: OrgUnit, year: int, values: dict[Indicator, Decimal | None], user=None,
                 request=None) -> int:
    """Set (or remove, with None) the school's targets of a year; returns how many changed.

    Raises records.approval.DataLocked when the year's data are approved.
    """
    old = current_targets(school, year, list(values))
    changed = {i: (old.get(i.pk), v) for i, v in values.items()
               if (old.get(i.pk) is None) != (v is None) or (v is not None and old.get(i.pk) != v)}
    if not changed:
        return 0
    ensure_open(school, [year])
    SchoolYear.objects.get_or_create(start=year)  # a coming year's targets are set before any of its data
    for indicator, (before, after) in changed.items():
        set_target(school, indicator, year, after)
        record(user=user, action=AuditAction.CHANGE, object_type="target", object_id=f"{indicator.code}/{year}",
               school=school, details={"changes": mask_changes({"value": (before, after)})}, request=request)
    return len(changed)


@dataclass
class VersionRow:
    version: IndicatorVersion
    changed: list[str]  # the keys of the definition that differ from the previous version


def version_history(indicator: Indicator) -> list[VersionRow]:
    """Newest first; the first version lists nothing as changed."""
    rows, previous = [], None
    for v in indicator.versions.order_by("version"):
        changed = [] if previous is None else sorted(
            k for k in set(v.definition) | set(previous.definition)
            if k not in NOT_DEFINITION and v.definition.get(k) != previous.definition.get(k))
        rows.append(VersionRow(v, changed))
        previous = v
    return rows[::-1]
