"""Domain functions over catalogs and values, for the CLI, the views and other apps.

- `definitions()` — every active indicator as an evaluation Definition (one query);
- `definitions_reached(indicators)` — theirs and those their formulas reach through ref();
- `catalogs_for(school, code)` — the catalogs to show: the one asked for, else core and the school's;
- `values_for(unit, year, catalogs)` — IndicatorValue rows (whole unit and breakdowns);
- `coverage(school, year)` — per catalog: computed, entered by hand, missing;
- `parse_year("2024/2025")` — the start year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Q

from vsoko.datavalues.enums import Source
from vsoko.datavalues.models import DataValue
from vsoko.indicators import formula
from vsoko.indicators.enums import Method
from vsoko.indicators.evaluate import Definition, IndicatorValue, indicator_values
from vsoko.indicators.models import Catalog, Indicator
from vsoko.records.models import OrgUnit

CORE = "core"
# The same spellings a package's year cell accepts (imports/cells.py): 2024/2025, 2024-2025, 2024–25.
YEAR_RE = re.compile(r"^\s*(\d{4})(?:\s*[/\-–—]\s*(\d{4}|\d{2}))?\s*$")


class UnknownYear(ValueError):
    pass


def parse_year(text: str | int) -> int:
    """`2024/2025`, `2024-2025`, `2024/25` or `2024` (the start year) -> 2024."""
    m = YEAR_RE.match(str(text))
    if not m or (m.group(2) and _end_year(m.group(1), m.group(2)) != int(m.group(1)) + 1):
        raise UnknownYear(f"Учебный год «{text}» не распознан: укажите его как 2024/2025.")
    return int(m.group(1))


def _end_year(start: str, end: str) -> int:
    """The year `end` names: «2025», or «25» for the year after 2024 (and «00» after 2099)."""
    if len(end) == 4:
        return int(end)
    following = int(start) + 1
    return following if following % 100 == int(end) else -1


def definitions() -> dict[str, Definition]:
    """Every active indicator's definition, read as plain rows (not as models)."""
    return _definitions(Indicator.objects.filter(retired=False))


def definitions_reached(indicators: list[Indicator]) -> dict[str, Definition]:
    """The definitions of these indicators and of the active ones their formulas reach through
    ref(), transitively: one query per step outside them (usually none: a catalog refers to itself)."""
    found = {i.code: Definition.of(i) for i in indicators}
    asked = set(found)
    while wanted := {code for d in found.values() if d.tree is not None
                     for code in formula.indicator_refs(d.tree)} - asked:
        asked |= wanted
        found |= _definitions(Indicator.objects.filter(retired=False, code__in=wanted))
    return found


def _definitions(indicators) -> dict[str, Definition]:
    rows = indicators.order_by().values_list("code", "name", "unit", "method", "formula", "breakdowns", "total")
    return {
        code: Definition(code, name, unit, method, formula, tuple(tuple(b) for b in breakdowns), total)
        for code, name, unit, method, formula, breakdowns, total in rows
    }


def catalogs_for(school: OrgUnit | None, code: str | None = None) -> list[Catalog]:
    """The catalog named, else `core` and the catalogs the school uses (its own included)."""
    if code:
        catalog = Catalog.objects.filter(code=code).first()
        if catalog is None:
            known = ", ".join(Catalog.objects.values_list("code", flat=True)) or "нет ни одного"
            raise Catalog.DoesNotExist(f"Каталог «{code}» не найден. Каталоги: {known}.")
        return [catalog]
    condition = Q(code=CORE)
    if school is not None:
        condition |= Q(schoolcatalog__school=school) | Q(school=school)
    return list(Catalog.objects.filter(condition).distinct().order_by("code"))


def available_catalogs(school: OrgUnit | None) -> list[Catalog]:
    """Shipped catalogs and the school's own ones."""
    condition = Q(school__isnull=True) | Q(school=school) if school is not None else Q(school__isnull=True)
    return list(Catalog.objects.filter(condition).order_by("code"))


def indicators_of(catalogs: list[Catalog]):
    return Indicator.objects.filter(catalog__in=catalogs, retired=False).select_related("catalog").order_by(
        "catalog__code", "position"
    )


def values_for(org_unit: OrgUnit, year: int, catalogs: list[Catalog]) -> list[IndicatorValue]:
    defs = definitions()
    wanted = list(indicators_of(catalogs).values_list("code", flat=True))
    return indicator_values(org_unit, year, defs, wanted)


@dataclass
class Coverage:
    catalog: str
    name: str
    total: int
    computed: int
    entered: int
    missing: int
    entered_without_value: int

    def as_json(self) -> dict:
        return self.__dict__.copy()


def coverage(school: OrgUnit | None, year: int | None) -> list[Coverage]:
    """Per catalog: indicators computed from records, entered by hand through a form, and missing.

    «Missing» is an indicator the product can neither compute nor take by hand (no
    formula, no entry form); the catalogs must have none. Separately, for a school and
    year, how many entered indicators still have no value — the to-do list of the deputy.
    """
    entered_codes = set()
    if school is not None and year is not None:
        entered_codes = set(
            DataValue.objects.filter(org_unit=school, year_id=year, source=Source.ENTERED).values_list("code", flat=True)
        )
    out = []
    for catalog in Catalog.objects.order_by("code").prefetch_related("indicators"):
        indicators = [i for i in catalog.indicators.all() if not i.retired]
        computed = [i for i in indicators if i.method == Method.COMPUTED and i.formula.strip()]
        entered = [i for i in indicators if i.method == Method.ENTERED]
        without_value = sum(1 for i in entered if not ({i.code, f"{i.code}.numerator"} & entered_codes))
        out.append(Coverage(catalog.code, catalog.name, len(indicators), len(computed), len(entered),
                            len(indicators) - len(computed) - len(entered), without_value))
    return out
