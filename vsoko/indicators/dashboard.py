"""What the indicator pages show: a catalog as a tree with three-year dynamics, targets and benchmarks.

Each page reads the shown indicators (and the definitions of indicators their formulas
reach outside them through ref()), the data values of three years (one query),
benchmarks, targets and definition changes (one query each) and evaluates the formulas
in memory; nothing is stored between requests. The tree asks for whole-unit values
only, so its data values keep only the dimensions selectors and distributions look at.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from vsoko.accounts import permissions
from vsoko.datavalues.registry import breakdown_text, codes
from vsoko.indicators import formula as f
from vsoko.indicators.enums import Direction, Method, Status, Unit
from vsoko.indicators.evaluate import Definition, Evaluator, Value, evaluator_for, load_benchmarks
from vsoko.indicators.models import Catalog, Indicator, IndicatorVersion, Target
from vsoko.indicators.values import definitions_reached
from vsoko.publication.suppression import suppress_groups
from vsoko.records.enums import OrgUnitKind, ValueScope
from vsoko.records.models import OrgUnit

BENCHMARK_SCOPES = [ValueScope.MUNICIPALITY, ValueScope.REGION, ValueScope.COUNTRY]
SERIES = 3  # school years of an indicator's dynamics: Y−2, Y−1, Y
# The indicator page may show five years instead: 004 (разд. IV п. 10) asks for the analysis of the last 2–5 years.
SPANS = (SERIES, 5)
TREE_SPAN = 2  # the tree shows the value of Y and the change to Y−1 (catalog.html), so it evaluates only these


@dataclass
class Comparison:
    """The value against a target or a benchmark: status in words (never colour alone)."""

    label: str
    reference: Fraction | None
    status: Status


@dataclass
class Line:
    indicator: Indicator
    values: list[tuple[int, Value]]  # oldest first: Y−2, Y−1, Y (the tree: Y−1, Y)
    change: Fraction | None
    target: Comparison | None
    benchmarks: list[Comparison]
    definition_changed: int | None  # the school year in which the definition changed within the series

    @property
    def current(self) -> Value:
        return self.values[-1][1]


@dataclass
class Criterion:
    name: str
    lines: list[Line] = field(default_factory=list)


@dataclass
class Group:
    name: str
    criteria: list[Criterion] = field(default_factory=list)


def units_for(user) -> list[OrgUnit]:
    """Org units whose indicators the user may see: their schools and the units above they hold a role in."""
    schools = list(permissions.schools_for(user).select_related("parent").order_by("name"))
    higher = {s.parent for s in schools if s.parent is not None}
    if not user.is_superuser:
        held = {m.org_unit_id for m in permissions.memberships_of(user)}
        higher = {u for u in higher if u.pk in held or (u.parent_id and u.parent_id in held)}
    return sorted(higher, key=lambda u: u.name) + schools


def compare(value: Fraction | None, reference: Fraction | None, direction: str, *, target: bool) -> Status:
    if value is None or reference is None:
        return Status.UNKNOWN
    if target:
        if direction == Direction.DOWN:
            return Status.MET if value <= reference else Status.NOT_MET
        return Status.MET if value >= reference else Status.NOT_MET
    if value == reference:
        return Status.EQUAL
    if direction == Direction.NONE:
        return Status.NOT_JUDGED
    better = value > reference if direction == Direction.UP else value < reference
    return Status.BETTER if better else Status.WORSE


def target_for(indicator: Indicator, year: int, school_targets: dict[tuple[int, int], Decimal]) -> Fraction | None:
    if (indicator.pk, year) in school_targets:
        return Fraction(school_targets[(indicator.pk, year)])
    raw = indicator.targets.get(str(year), indicator.targets.get("default"))
    return None if raw is None else Fraction(str(raw))


@dataclass
class Context:
    """Everything evaluated for one unit, one catalog (or indicator) and three years."""

    unit: OrgUnit
    year: int
    years: list[int]
    evaluator: Evaluator
    benchmarks: dict
    school_targets: dict
    changes: dict[int, int]

    def line(self, indicator: Indicator) -> Line:
        values = [(y, self.evaluator.value(indicator.code, y)) for y in self.years]
        current, previous = values[-1][1].value, values[-2][1].value
        change = current - previous if current is not None and previous is not None else None
        target_value = target_for(indicator, self.year, self.school_targets)
        target = None
        if target_value is not None:
            target = Comparison("цель", target_value, compare(current, target_value, indicator.direction,
                                                              target=True))
        bench = self.benchmarks.get((indicator.code, self.year), {})
        benchmarks = [
            Comparison(ValueScope(scope).label, bench[scope].value,
                       compare(current, bench[scope].value, indicator.direction, target=False))
            for scope in BENCHMARK_SCOPES if scope in bench and bench[scope].value is not None
        ]
        return Line(indicator, values, change, target, benchmarks, self.changes.get(indicator.pk))


def build_context(unit: OrgUnit, year: int, shown: list[Indicator], *, breakdowns: bool = True,
                  span: int = SERIES) -> Context:
    """Values of the `span` school years up to `year`; without `breakdowns` only whole-unit values can
    be asked for (and are read much faster). A definition change is flagged within the whole series
    (three years at least: the tree evaluates two but flags as the indicator page does)."""
    definitions = definitions_reached(shown)
    years = list(range(year - span + 1, year + 1))
    evaluator = evaluator_for(unit, years, definitions, [i.code for i in shown], breakdowns=breakdowns)
    school_ids = evaluator.school_ids
    benchmarks = load_benchmarks(school_ids, [year], {i.code: definitions[i.code] for i in shown})
    school_targets = {}
    if unit.kind == OrgUnitKind.SCHOOL:
        school_targets = {
            (t.indicator_id, t.year_id): t.value
            for t in Target.objects.filter(school=unit, indicator__in=[i.pk for i in shown], year_id=year)
        }
    changes = dict(
        IndicatorVersion.objects.filter(
            indicator__in=[i.pk for i in shown], version__gt=1, since_year__gt=year - max(span, SERIES) + 1, since_year__lte=year,
        ).values_list("indicator_id", "since_year")
    )
    return Context(unit, year, years, evaluator, benchmarks, school_targets, changes)


def catalog_tree(unit: OrgUnit, year: int, catalog: Catalog) -> list[Group]:
    """The catalog as group → criterion → indicator lines, in the catalog's order."""
    shown = list(catalog.indicators.filter(retired=False).order_by("position"))
    context = build_context(unit, year, shown, breakdowns=False, span=TREE_SPAN)
    groups: dict[str, Group] = {}
    for indicator in shown:
        group = groups.setdefault(indicator.group or "Без группы", Group(indicator.group or "Без группы"))
        if not group.criteria or group.criteria[-1].name != indicator.criterion:
            group.criteria.append(Criterion(indicator.criterion))
        group.criteria[-1].lines.append(context.line(indicator))
    return list(groups.values())


@dataclass
class Detail:
    line: Line
    breakdown_years: list[int]
    breakdown_rows: list[tuple[str, list[Value]]]  # label, values per year (oldest first)
    words: str
    versions: list[IndicatorVersion]
    hidden: int = 0  # breakdown cells withheld from a reader outside the school's staff


@dataclass(frozen=True)
class Hidden(Value):
    """A breakdown cell withheld from a reader outside the school's staff (a small group or its complement)."""

    suppressed: bool = True


def group_size(value: Value, unit: str) -> Fraction | None:
    """How many people a cell is about: its denominator, or a head count itself."""
    if value.denominator is not None:
        return value.denominator
    if unit == Unit.COUNT and value.value is not None:
        return value.value
    return None


def suppress_breakdowns(rows: dict[tuple, list[Value]], totals: list[Value], unit: str,
                        minimum: int | None = None) -> int:
    """Hide, in place, the breakdown cells of groups of 1…minimum−1 people and the cells that would give
    them away by subtraction from the total (publication.suppression); returns how many were hidden.

    Each breakdown (the rows with the same dimensions) is a one-dimensional table per year whose
    total is the indicator's value; people of the total outside every row make a row of their own,
    so the difference is not left to subtraction.
    """
    hidden_count = 0
    by_dims: dict[tuple[str, ...], list[tuple]] = {}
    for key in rows:
        by_dims.setdefault(tuple(d for d, _ in key), []).append(key)
    for keys in by_dims.values():
        for i, total in enumerate(totals):
            sizes = {key: size for key in keys if (size := group_size(rows[key][i], unit)) is not None}
            if not sizes:
                continue
            whole = group_size(total, unit)
            rest = whole - sum(sizes.values()) if whole is not None else 0
            counts = {**sizes, **({("__rest__",): rest} if rest > 0 else {})}
            for key in suppress_groups(counts, minimum=minimum):
                if key in rows:
                    rows[key][i] = Hidden(None)
                    hidden_count += 1
    for key in [k for k, values in rows.items()
                if any(isinstance(v, Hidden) for v in values)
                and all(isinstance(v, Hidden) or v.value is None for v in values)]:
        del rows[key]
    return hidden_count


def indicator_detail(unit: OrgUnit, year: int, indicator: Indicator, *, suppress: bool = False,
                     span: int = SERIES) -> Detail:
    """One indicator of a unit over `span` years up to `year`; with `suppress` (a reader outside the
    school's staff) small groups of the breakdowns are hidden."""
    context = build_context(unit, year, [indicator], span=span)
    definition = context.evaluator.definitions[indicator.code]
    rows: dict[tuple, list[Value]] = {}
    for i, y in enumerate(context.years):
        for key in context.evaluator.breakdown_values(definition, y):
            rows.setdefault(key, [Value(None)] * len(context.years))[i] = context.evaluator.value(indicator.code, y, key)
    hidden = 0
    if suppress:
        totals = [context.evaluator.value(indicator.code, y) for y in context.years]
        hidden = suppress_breakdowns(rows, totals, indicator.unit)
    labelled = [(breakdown_text(key), values) for key, values in rows.items()]
    return Detail(
        line=context.line(indicator),
        breakdown_years=context.years,
        breakdown_rows=labelled,
        words=indicator.explanation or formula_words(definition),
        versions=list(indicator.versions.order_by("-version")),
        hidden=hidden,
    )


def formula_words(definition: Definition) -> str:
    if definition.method == Method.ENTERED:
        return "Вводится вручную (значение или числитель и знаменатель)."
    return f.in_words(definition.tree, codes())

