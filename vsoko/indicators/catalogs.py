"""Loading the shipped indicator catalogs (YAML files in vsoko/indicators/catalogs/).

Every file is read and every formula checked before anything is written; a catalog
with an error fails loudly, naming the file and the indicator. Loading is
idempotent: an unchanged definition changes nothing, a changed one raises the
indicator's version and keeps the old definition in IndicatorVersion.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import transaction

from vsoko.datavalues.registry import CODE_RE, DIMS, codes
from vsoko.indicators import formula as f
from vsoko.indicators.confidential import confidential_counts
from vsoko.indicators.enums import Direction, Method, Periodicity, Unit
from vsoko.indicators.models import Catalog, Indicator, IndicatorVersion, SchoolCatalog, Target
from vsoko.records.models import OrgUnit, SchoolYear
from vsoko.records.years import school_year_of
from vsoko.yaml_files import read_yaml

CATALOG_DIR = Path(__file__).resolve().parent / "catalogs"
CATALOG_KEYS = {"code", "name", "document", "description"}
INDICATOR_KEYS = {
    "code", "name", "text", "document", "section", "item", "group", "criterion", "unit", "unit_label",
    "direction", "method", "formula", "breakdowns", "total", "periodicity", "periodicity_text", "collection",
    "responsible", "targets", "explanation",
}
TEXT_KEYS = ["name", "text", "document", "section", "item", "group", "criterion", "unit_label",
             "periodicity_text", "collection", "responsible", "explanation", "formula"]
# Keys that are not part of the definition: a change of them is not a new version.
NOT_DEFINITION = {"targets"}
# Keys that only word the definition for people: a change of them alone rewrites the current version
# instead of adding one (a Russian explanation added later, or the way of collection reworded, must not flag every
# series as changed).
WORDING = {"explanation", "collection"}
CATALOG_CODE_RE = re.compile(r"^[a-z][a-z0-9_]*$")
YEAR_KEY_RE = re.compile(r"^(\d{4})(/\d{4})?$")


class CatalogError(Exception):
    """A shipped or uploaded catalog that cannot be loaded; the message lists every problem."""


@dataclass
class CatalogSpec:
    file: str
    code: str
    name: str
    document: str
    description: str
    indicators: list[dict] = field(default_factory=list)


def definition_hash(definition: dict) -> str:
    payload = {k: v for k, v in definition.items() if k not in NOT_DEFINITION}
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


# --- reading and validating ----------------------------------------------------------------------

def read_catalog(path: Path, errors: list[str]) -> CatalogSpec | None:
    name = path.name
    try:
        data = read_yaml(path)
    except yaml.YAMLError as exc:
        errors.append(f"Каталог {name}: файл не читается как YAML: {exc}")
        return None
    if not isinstance(data, dict) or not isinstance(data.get("catalog"), dict):
        errors.append(f"Каталог {name}: нет раздела «catalog» (code, name, document, description)")
        return None
    head = data["catalog"]
    unknown = set(head) - CATALOG_KEYS
    if unknown:
        errors.append(f"Каталог {name}: неизвестные ключи раздела catalog: {', '.join(sorted(unknown))}")
    code = str(head.get("code") or "")
    if not CATALOG_CODE_RE.match(code):
        errors.append(f"Каталог {name}: код каталога «{code}» — строчные латинские буквы, цифры и «_»")
    elif code != path.stem:
        errors.append(f"Каталог {name}: код каталога «{code}» не совпадает с именем файла «{path.stem}»")
    spec = CatalogSpec(name, code, str(head.get("name") or code), str(head.get("document") or ""),
                       str(head.get("description") or ""))
    items = data.get("indicators") or []
    if not isinstance(items, list):
        errors.append(f"Каталог {name}: «indicators» должен быть списком")
        return spec
    for number, item in enumerate(items, start=1):
        entry = normalize_indicator(item, spec, f"Каталог {name}, показатель №{number}", errors)
        if entry is not None:
            spec.indicators.append(entry)
    return spec


def normalize_indicator(item, spec: CatalogSpec, where: str, errors: list[str]) -> dict | None:
    """A catalog entry as a complete, canonical definition dict; problems go to errors."""
    if not isinstance(item, dict):
        errors.append(f"{where}: запись показателя должна быть словарём")
        return None
    code = str(item.get("code") or "")
    if code:
        where = f"Каталог {spec.file}, показатель {code}"
    problems = []
    unknown = set(item) - INDICATOR_KEYS
    if unknown:
        problems.append(f"неизвестные ключи: {', '.join(sorted(unknown))}")
    if not code.startswith(f"{spec.code}.") or not CODE_RE.match(code):
        problems.append(f"код «{code}» должен начинаться с «{spec.code}.» и состоять из латиницы, цифр, «_», точек")
    entry: dict = {"code": code}
    for key in TEXT_KEYS:
        value = item.get(key, "")
        if isinstance(value, float):
            problems.append(f"«{key}: {value}» — число с точкой; заключите в кавычки, иначе 4.10 станет 4.1")
            value = ""
        entry[key] = "" if value is None else str(value).strip()
    entry["document"] = entry["document"] or spec.document
    if not entry["name"]:
        problems.append("нет названия (name)")
    for key, enum, default in [("unit", Unit, None), ("direction", Direction, Direction.NONE),
                               ("method", Method, None), ("periodicity", Periodicity, Periodicity.YEAR)]:
        value = item.get(key, default)
        if value not in enum.values:
            problems.append(f"{key}: «{value}» — допустимо: {', '.join(enum.values)}")
        entry[key] = str(value)
    entry["total"] = bool(item.get("total", True))
    entry["breakdowns"] = []
    for b in item.get("breakdowns") or []:
        dims = [b] if isinstance(b, str) else list(b) if isinstance(b, list) else None
        if not dims or any(d not in DIMS for d in dims):
            problems.append(f"разрез «{b}»: неизвестное измерение (есть: {', '.join(sorted(DIMS))})")
            continue
        entry["breakdowns"].append(dims)
    if not entry["total"] and not entry["breakdowns"]:
        problems.append("total: false без разрезов — показателю нечего выдавать")
    entry["targets"] = {}
    targets = item.get("targets") or {}
    if not isinstance(targets, dict):
        problems.append("targets — словарь «учебный год: значение»")
        targets = {}
    for key, value in targets.items():
        m = YEAR_KEY_RE.match(str(key))
        if str(key) != "default" and not m:
            problems.append(f"targets: «{key}» — учебный год вида 2024/2025 или default")
            continue
        if not isinstance(value, int | float) or isinstance(value, bool):
            problems.append(f"targets: «{key}: {value}» — значение должно быть числом")
            continue
        entry["targets"][m.group(1) if m else "default"] = value
    if entry["method"] == Method.COMPUTED and not entry["formula"]:
        problems.append("вычисляемый показатель без формулы (formula)")
    if entry["method"] == Method.ENTERED and entry["formula"]:
        problems.append("у показателя, вводимого вручную, не должно быть формулы")
    if entry["unit"] == Unit.TEXT and entry["method"] == Method.COMPUTED:
        problems.append("текстовый показатель вводится вручную (method: entered): формула не даёт текста")
    if problems:
        errors.extend(f"{where}: {p}" for p in problems)
        return None
    return entry


def check_formulas(specs: list[CatalogSpec], errors: list[str], extra_indicators: dict[str, dict] | None = None):
    """Parse and check every formula; references must exist and have no cycles."""
    by_code: dict[str, tuple[CatalogSpec, dict]] = {}
    for spec in specs:
        for entry in spec.indicators:
            if entry["code"] in by_code:
                errors.append(f"Каталог {spec.file}, показатель {entry['code']}: код повторяется")
            by_code[entry["code"]] = (spec, entry)
    known = set(by_code) | set(extra_indicators or {})
    registry = codes()
    refs: dict[str, list[str]] = {}
    for code, (spec, entry) in by_code.items():
        if entry["method"] != Method.COMPUTED:
            continue
        try:
            tree = f.parse(entry["formula"])
            f.check(tree, codes=registry, indicators=known,
                    breakdowns=[tuple(b) for b in entry["breakdowns"]], total=entry["total"])
        except f.FormulaError as exc:
            errors.append(f"Каталог {spec.file}, показатель {code}: {exc} в формуле «{entry['formula']}»")
            continue
        refs[code] = f.indicator_refs(tree)
    for code in refs:
        cycle = _find_cycle(code, refs)
        if cycle:
            spec = by_code[code][0]
            errors.append(f"Каталог {spec.file}, показатель {code}: циклическая ссылка {' → '.join(cycle)}")


def _find_cycle(start: str, refs: dict[str, list[str]]) -> list[str] | None:
    stack = [(start, [start])]
    while stack:
        node, path = stack.pop()
        for nxt in refs.get(node, []):
            if nxt == start:
                return [*path, nxt]
            if nxt not in path:
                stack.append((nxt, [*path, nxt]))
    return None


def read_catalogs(directory: Path = CATALOG_DIR) -> list[CatalogSpec]:
    errors: list[str] = []
    specs = [s for p in sorted(directory.glob("*.yaml")) if (s := read_catalog(p, errors)) is not None]
    check_formulas(specs, errors)
    if errors:
        raise CatalogError("Каталоги показателей не загружены:\n" + "\n".join(errors))
    return specs


# --- storing ------------------------------------------------------------------------------------

def store_indicator(catalog: Catalog, entry: dict, position: int, indicator: Indicator | None = None
                    ) -> tuple[Indicator, str]:
    """Create or update one indicator; a changed definition is a new version, a change of its wording
    alone (WORDING) rewrites the current one. Returns it and what happened: "created", "changed",
    "updated" (position, targets or wording) or "same"."""
    if indicator is None:
        return create_indicators(catalog, [(position, entry)])[0], "created"
    digest = definition_hash(entry)
    fields = {k: v for k, v in entry.items() if k != "code"}
    since = school_year_of(datetime.date.today())
    outcome = "updated"
    current = indicator.versions.order_by("-version").first() if indicator.definition_hash != digest else None
    if current is not None and _meaning(current.definition) == _meaning(entry):
        current.definition, current.definition_hash = entry, digest
        current.save(update_fields=["definition", "definition_hash"])
    elif indicator.definition_hash != digest:
        indicator.version += 1
        IndicatorVersion.objects.create(indicator=indicator, version=indicator.version, definition=entry,
                                        definition_hash=digest, since_year=since)
        outcome = "changed"
    elif (indicator.position, indicator.targets, indicator.retired) == (position, entry["targets"], False):
        return indicator, "same"
    for key, value in fields.items():
        setattr(indicator, key, value)
    indicator.position, indicator.definition_hash, indicator.retired = position, digest, False
    indicator.save()
    return indicator, outcome


def create_indicators(catalog: Catalog, entries: list[tuple[int, dict]]) -> list[Indicator]:
    """New indicators at their positions, each with its first version: two inserts for a whole catalog
    (a fresh database loads four catalogs of hundreds of indicators at `vsoko init` and in every test)."""
    since = school_year_of(datetime.date.today())
    indicators = Indicator.objects.bulk_create([
        Indicator(catalog=catalog, code=entry["code"], position=position, definition_hash=definition_hash(entry),
                  version=1, **{k: v for k, v in entry.items() if k != "code"})
        for position, entry in entries
    ])
    IndicatorVersion.objects.bulk_create([
        IndicatorVersion(indicator=indicator, version=1, definition=entry, definition_hash=indicator.definition_hash,
                         since_year=since)
        for indicator, (_, entry) in zip(indicators, entries, strict=True)
    ])
    return indicators


def _meaning(definition: dict) -> dict:
    return {k: v for k, v in definition.items() if k not in NOT_DEFINITION | WORDING}


def store_catalog(spec: CatalogSpec, *, school: OrgUnit | None = None) -> tuple[int, int]:
    """Create or update a catalog and its indicators; returns (created, changed)."""
    catalog, _ = Catalog.objects.update_or_create(
        code=spec.code,
        defaults={"name": spec.name, "document": spec.document, "description": spec.description,
                  "school": school, "source_file": spec.file},
    )
    existing = {i.code: i for i in Indicator.objects.filter(catalog=catalog)}
    entries = list(enumerate(spec.indicators, start=1))
    new = [(position, entry) for position, entry in entries if entry["code"] not in existing]
    outcomes = [store_indicator(catalog, entry, position, existing.pop(entry["code"]))[1]
                for position, entry in entries if entry["code"] in existing]
    created = create_indicators(catalog, new)
    # Indicators gone from the file stay (their history and values may be referenced) but are retired.
    Indicator.objects.filter(pk__in=[i.pk for i in existing.values()]).update(retired=True)
    return len(created), outcomes.count("changed")


@transaction.atomic
def load_shipped_catalogs(directory: Path = CATALOG_DIR) -> dict[str, tuple[int, int]]:
    """Load or update every shipped catalog. Idempotent. Raises CatalogError naming file and indicator."""
    return {spec.code: store_catalog(spec) for spec in read_catalogs(directory)}


def use_catalog(school: OrgUnit, code: str, *, basis: bool = True) -> SchoolCatalog:
    """Make a school use a catalog (as the basis of its own catalog when `basis`)."""
    catalog = Catalog.objects.filter(code=code).first()
    if catalog is None:
        known = ", ".join(Catalog.objects.values_list("code", flat=True)) or "нет ни одного"
        raise CatalogError(f"Каталог «{code}» не найден. Каталоги: {known}.")
    if basis:
        SchoolCatalog.objects.filter(school=school, is_basis=True).exclude(catalog=catalog).update(is_basis=False)
    link, _ = SchoolCatalog.objects.update_or_create(school=school, catalog=catalog, defaults={"is_basis": basis})
    return link


# --- a school's own catalog ---------------------------------------------------------------------

def own_catalog_code(school: OrgUnit) -> str:
    return "own_" + re.sub(r"[^a-z0-9_]", "_", school.code.lower())


def own_catalog(school: OrgUnit) -> Catalog:
    """The school's own catalog (its own indicators), created on first use."""
    code = own_catalog_code(school)
    catalog, _ = Catalog.objects.get_or_create(
        code=code, defaults={"name": f"Собственные показатели: {school.name}", "school": school,
                             "document": "Решение школы"},
    )
    return catalog


@transaction.atomic
def save_own_indicator(school: OrgUnit, item: dict) -> Indicator:
    """Create or change one of the school's own indicators, checked like a shipped one (versioned).

    `item` has the keys of a catalog entry; its code is prefixed with the own catalog's code.
    """
    catalog = own_catalog(school)
    item = {**item, "code": item["code"] if str(item.get("code", "")).startswith(f"{catalog.code}.")
            else f"{catalog.code}.{item.get('code', '')}"}
    spec = CatalogSpec(f"каталог школы {school.code}", catalog.code, catalog.name, catalog.document, "")
    errors: list[str] = []
    entry = normalize_indicator(item, spec, f"Каталог школы {school.code}", errors)
    if entry is not None:
        spec.indicators.append(entry)
        others = Indicator.objects.filter(retired=False).exclude(code=entry["code"]).values_list("code", flat=True)
        check_formulas([spec], errors, extra_indicators=dict.fromkeys(others))
        if not errors and entry["method"] == Method.COMPUTED:
            # Every worker of the school reads an own indicator: no levels of the СПТ, which only the
            # administration sees (vsoko.indicators.confidential).
            refused = confidential_counts(f.parse(entry["formula"]), entry["breakdowns"])
            if refused:
                errors.append(refused)
    if errors:
        raise CatalogError("\n".join(errors))
    existing = Indicator.objects.filter(code=entry["code"]).first()
    if existing is not None and existing.catalog_id != catalog.pk:
        raise CatalogError(f"Код «{entry['code']}» уже занят другим каталогом.")
    position = existing.position if existing else (catalog.indicators.count() + 1)
    SchoolCatalog.objects.get_or_create(school=school, catalog=catalog)
    return store_indicator(catalog, entry, position, existing)[0]


def set_target(school: OrgUnit, indicator: Indicator, year: int, value) -> Target | None:
    """The school's target for the indicator in a year; None removes it."""
    if value is None:
        Target.objects.filter(school=school, indicator=indicator, year_id=year).delete()
        return None
    SchoolYear.objects.get_or_create(start=year)
    return Target.objects.update_or_create(school=school, indicator=indicator, year_id=year,
                                           defaults={"value": value})[0]
