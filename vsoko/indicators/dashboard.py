"""What the indicator pages show: a catalog as a tree with three-year dynamics, targets and benchmarks.

Each page reads the shown indicators (and the definitions of indicators their formulas
reach outside them through ref()), the data values of three years (one query),
benchmarks, targets and definition changes (one query each) and evaluates the formulas
in memory; nothing is stored between requests. The tree asks for whole-unit values
only, so its data values keep only the dimensions selectors and distributions look at.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction

from vsoko.accounts import permissions
from vsoko.analysis.access import Privacy
from vsoko.datavalues import generation
from vsoko.datavalues.registry import DIMS, breakdown_text, codes, value_text
from vsoko.indicators import formula as f
from vsoko.indicators.enums import Direction, Method, Status, Unit
from vsoko.indicators.evaluate import (
    Definition,
    Evaluator,
    Value,
    YearData,
    as_year_data,
    evaluator_for,
    fixed_values,
    load_benchmarks,
    load_data,
    needed_codes,
    rows_by_school,
    summed,
)
from vsoko.indicators.formatting import as_shown, consecutive_runs, shown_change
from vsoko.indicators.models import Catalog, Indicator, IndicatorVersion, Target
from vsoko.indicators.values import definitions_reached
from vsoko.publication.suppression import suppress_table
from vsoko.records.enums import OrgUnitKind, ValueScope
from vsoko.records.models import OrgUnit

BENCHMARK_SCOPES = [ValueScope.MUNICIPALITY, ValueScope.REGION, ValueScope.COUNTRY]
# A unit's own level is its value, summed from its schools' counts: a municipal figure a school typed from the
# official statistics is no benchmark for the municipality itself (it would stand beside a different «own» value).
OWN_LEVEL_SCOPES = {
    OrgUnitKind.MUNICIPALITY: {ValueScope.MUNICIPALITY},
    OrgUnitKind.REGION: {ValueScope.MUNICIPALITY, ValueScope.REGION},
}
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

    @property
    def before(self) -> Fraction | None:
        """The year before's value, which a change to it is said from (a «да/нет» flipped reads «было «нет»»)."""
        return self.values[-2][1].value if len(self.values) > 1 else None


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
        unit = indicator.unit
        # The change is the difference of the two figures as shown: 71,1 % → 71,4 % is +0,3 п. п. to a reader who
        # subtracts them, though the exact values differ by 0,38 («+0,4»); equal figures are «без изменений».
        change = shown_change(previous, current, unit)
        # Judged on the figures as shown (docs/indicators.md): 79,98 % is «80,0 %», at the target «80,0 %», not
        # below it — the reader sees the two figures equal; the comparison of schools judges so too.
        shown = as_shown(current, unit)
        target_value = target_for(indicator, self.year, self.school_targets)
        target = None
        if target_value is not None:
            target = Comparison("цель", target_value, compare(shown, as_shown(target_value, unit),
                                                              indicator.direction, target=True))
        bench = self.benchmarks.get((indicator.code, self.year), {})
        benchmarks = [
            Comparison(ValueScope(scope).label, bench[scope].value,
                       compare(shown, as_shown(bench[scope].value, unit), indicator.direction, target=False))
            for scope in BENCHMARK_SCOPES if scope in bench and bench[scope].value is not None
        ]
        return Line(indicator, values, change, target, benchmarks, self.changes.get(indicator.pk))


def build_context(unit: OrgUnit, year: int, shown: list[Indicator], *, breakdowns: bool = True,
                  span: int = SERIES, kept: bool = False) -> Context:
    """Values of the `span` school years up to `year`; without `breakdowns` only whole-unit values can
    be asked for (and are read much faster). A definition change is flagged within the whole series
    (three years at least: the tree evaluates two but flags as the indicator page does)."""
    definitions = definitions_reached(shown)
    years = list(range(year - span + 1, year + 1))
    # A school's values are read afresh; with `kept` (the catalog tree and the targets page, which evaluate every
    # indicator of a catalog and are viewed again and again) its whole-school values are kept under its data
    # generation as a municipality's. The other readers of a few lines ask no more queries on a first view.
    evaluator = (evaluator_for(unit, years, definitions, [i.code for i in shown], breakdowns=breakdowns)
                 if unit.kind == OrgUnitKind.SCHOOL and (breakdowns or not kept) else
                 _kept_evaluator(unit, years, definitions, [i.code for i in shown], breakdowns=breakdowns))
    school_ids = evaluator.school_ids
    benchmarks = load_benchmarks(school_ids, [year], {i.code: definitions[i.code] for i in shown})
    if own := OWN_LEVEL_SCOPES.get(unit.kind):
        benchmarks = {k: {scope: v for scope, v in by_scope.items() if scope not in own}
                      for k, by_scope in benchmarks.items()}
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


def _kept_evaluator(unit: OrgUnit, years: list[int], definitions: dict[str, Definition], wanted: list[str], *,
                    breakdowns: bool) -> Evaluator:
    """`evaluator_for` a unit above schools (a municipality) or a school (`kept`, no breakdowns): its data values — all
    its schools' summed, the read that costs most of its tree and indicator page — kept under all its schools' data
    generations together with the wanted indicators' whole-unit values (`generation.cached_together`): viewed again,
    nothing is read
    or evaluated again but breakdowns; an import or an entry in any one school gives
    another key, so its new values show at once. The codes and dimensions read, and the definitions reached,
    complete the key: an edited formula is never evaluated over data kept for the old one."""
    school_ids = ([unit.pk] if unit.kind == OrgUnitKind.SCHOOL  # what descendant_schools() would read
                  else list(unit.descendant_schools().values_list("pk", flat=True)))
    data_codes, _ = needed_codes(definitions, wanted, breakdowns=breakdowns)

    def evaluator(data: dict[int, YearData]) -> Evaluator:
        return Evaluator(definitions, data, single_school=len(school_ids) == 1, school_ids=tuple(school_ids),
                         breakdowns=breakdowns)

    def evaluated() -> tuple[dict[int, YearData], dict[tuple[str, int], Value]]:
        # The data and the wanted indicators' whole-unit values, which every page of the unit shows.
        data = load_data(school_ids, years, data_codes)
        fresh = evaluator(data)
        return data, {(code, year): fresh.value(code, year) for code in wanted for year in years}

    read = tuple(sorted((code, tuple(sorted(dims))) for code, dims in data_codes.items()))
    data, values = generation.cached_together("unit_values", school_ids, evaluated, tuple(years), tuple(wanted),
                                              breakdowns, read, tuple(sorted(definitions.items())))
    kept = evaluator(data)
    kept.remember(values)
    return kept


def catalog_tree(unit: OrgUnit, year: int, catalog: Catalog, *, suppress: bool = False) -> list[Group]:
    """The catalog as group → criterion → indicator lines, in the catalog's order; with `suppress` (a reader
    outside the school's staff) values telling of small groups are withheld (`withhold`)."""
    shown = list(catalog.indicators.filter(retired=False).order_by("position"))
    context = build_context(unit, year, shown, breakdowns=False, span=TREE_SPAN, kept=True)
    privacy = Privacy(on=suppress)
    lone = withheld_above_schools(context, shown, privacy)
    groups: dict[str, Group] = {}
    for indicator in shown:
        group = groups.setdefault(indicator.group or "Без группы", Group(indicator.group or "Без группы"))
        if not group.criteria or group.criteria[-1].name != indicator.criterion:
            group.criteria.append(Criterion(indicator.criterion))
        group.criteria[-1].lines.append(withhold(context.line(indicator), privacy, lone))
    return list(groups.values())


@dataclass
class Detail:
    line: Line
    breakdown_years: list[int]
    breakdown_rows: list[tuple[str, list[Value]]]  # label, values per year (oldest first)
    words: str
    versions: list[IndicatorVersion]
    hidden: int = 0  # breakdown cells withheld from a reader outside the school's staff
    left_out: str = ""  # the breakdown rows without a value in any year shown (drop_empty_rows), named


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


def discloses(value: Value, unit: str, privacy: Privacy) -> bool:
    """Whether a value tells of 1…minimum−1 people for a reader outside the school's staff: a share whose
    part or rest (denominator − numerator: 17 of 18 tells of the one who did not) is so small, as the
    analysis pages' shares (`Privacy.discloses`); any other value over a denominator that small."""
    if not privacy.on or value.value is None or value.denominator is None:
        return False
    if unit == Unit.PERCENT and value.numerator is not None:
        return privacy.discloses(value.numerator, value.denominator)
    return privacy.too_small(value.denominator)


def withhold(line: Line, privacy: Privacy, lone: Collection[tuple[str, int]] = ()) -> Line:
    """The line with each value that `discloses` (or whose code and year are in `lone`: `withheld_above_schools`)
    withheld (`Hidden`), and with it the change it is a term of and, for the current year, the comparisons
    with the target and the benchmarks (above or below a known reference narrows the value down)."""
    unit, code = line.indicator.unit, line.indicator.code
    values = [(y, Hidden(None) if discloses(v, unit, privacy) or (code, y) in lone else v) for y, v in line.values]
    hidden = [isinstance(v, Hidden) for _, v in values]
    if not any(hidden):
        return line
    unknown = (lambda c: c and replace(c, status=Status.UNKNOWN)) if hidden[-1] else (lambda c: c)
    return replace(line, values=values, change=None if any(hidden[-2:]) else line.change,
                   target=unknown(line.target), benchmarks=[unknown(b) for b in line.benchmarks])


def withheld_above_schools(context: Context, indicators: list[Indicator], privacy: Privacy) -> set[tuple[str, int]]:
    """(code, year) of the values of a unit above schools (a municipality) to withhold: the unit's value is
    its schools' summed, and each school's page shows the school's, so the unit's minus the shown schools'
    gives away the withheld schools together — withheld where together they still tell of a small group (one
    school alone always does). The complementary rule of the analysis pages (vsoko.analysis.context) on
    `discloses`; the schools' own values are kept per school's data generation (`_withheld_in_schools`)."""
    school_ids = list(context.evaluator.school_ids)
    if not privacy.on or context.unit.kind == OrgUnitKind.SCHOOL or len(school_ids) < 2:
        return set()
    withheld: dict[tuple[str, int], list[Value]] = {}
    for school_withheld in _withheld_in_schools(context, indicators, privacy).values():
        for code_year, value in school_withheld.items():
            withheld.setdefault(code_year, []).append(value)
    units = {i.code: i.unit for i in indicators}
    lone = set()
    for (code, year), values in withheld.items():
        numerators = [v.numerator for v in values]
        together = Value(Fraction(1), None if None in numerators else sum(numerators),
                         sum(v.denominator for v in values))
        if discloses(together, units[code], privacy):
            lone.add((code, year))
    return lone


def _withheld_in_schools(context: Context, indicators: list[Indicator], privacy: Privacy
                         ) -> dict[int, dict[tuple[str, int], Value]]:
    """{school id: {(code, year): the school's own value that `discloses`}}, from one read of the schools'
    data values. Kept per school's data generation: a municipality's page reads only the schools whose
    values changed since. The definitions reached complete the key, so an edited formula is never read
    from an entry kept under the old one."""
    definitions = context.evaluator.definitions
    codes = sorted({i.code for i in indicators})
    units = {i.code: i.unit for i in indicators}
    years = tuple(context.years)
    data_codes, reached = needed_codes(definitions, codes, breakdowns=False)

    def find(school_ids: list[int]) -> dict[int, dict[tuple[str, int], Value]]:
        rows = rows_by_school(school_ids, years, data_codes, fixed_values(definitions, reached))
        found = {}
        for school_id, school_rows in rows.items():
            evaluator = Evaluator(definitions, as_year_data(summed(school_rows, data_codes)), single_school=True,
                                  breakdowns=False)
            found[school_id] = {(code, year): value for code in codes for year in years
                                if discloses(value := evaluator.value(code, year), units[code], privacy)}
        return found

    used = tuple(definitions[code] for code in sorted(reached))
    return generation.cached("withheld_in_schools", list(context.evaluator.school_ids), find, years, used,
                             privacy.minimum)


def _terms(value: Value, unit: str) -> dict[str, Fraction] | None:
    """What a breakdown cell adds to its breakdown's total: a share's part and rest (each its own group of
    people), else the size of its group (`group_size`)."""
    if unit == Unit.PERCENT and value.numerator is not None and value.denominator is not None:
        return {"part": value.numerator, "rest": value.denominator - value.numerator}
    size = group_size(value, unit)
    return None if size is None else {"n": size}


def _tells(values: list[Value], unit: str, privacy: Privacy | None) -> bool:
    """Whether cells taken together (their parts and rests, or their sizes, summed: `_terms`) tell of a group of
    1…minimum−1 people."""
    summed: dict[str, Fraction] = {}
    for value in values:
        for name, n in (_terms(value, unit) or {}).items():
            summed[name] = summed.get(name, 0) + n
    return privacy is not None and any(privacy.too_small(int(n)) for n in summed.values())


def withheld_school_cells(context: Context, indicator: Indicator,
                          privacy: Privacy) -> dict[tuple[tuple, int], list[Value]] | None:
    """For a unit above schools: per (breakdown row, year index) the values of its schools' cells that their own
    indicator pages withhold from this reader (the same `suppress_breakdowns` per school). Each school's are
    kept per its data generation, as `_withheld_in_schools`. None for a school or a reader who sees everything
    (nothing is below)."""
    school_ids = list(context.evaluator.school_ids)
    if not privacy.on or context.unit.kind == OrgUnitKind.SCHOOL or len(school_ids) < 2:
        return None
    definitions = context.evaluator.definitions
    definition = definitions[indicator.code]
    years = tuple(context.years)
    data_codes, reached = needed_codes(definitions, [indicator.code])

    def find(ids: list[int]) -> dict[int, dict[tuple[tuple, int], Value]]:
        found = {}
        for school_id, school_rows in rows_by_school(ids, years, data_codes, fixed_values(definitions, reached)).items():
            evaluator = Evaluator(definitions, as_year_data(summed(school_rows, data_codes)), single_school=True)
            cells: dict[tuple, list[Value]] = {}
            for i, y in enumerate(years):
                for key in evaluator.breakdown_values(definition, y):
                    cells.setdefault(key, [Value(None)] * len(years))[i] = evaluator.value(indicator.code, y, key)
            shown = {key: list(values) for key, values in cells.items()}
            suppress_breakdowns(shown, [evaluator.value(indicator.code, y) for y in years], indicator.unit)
            found[school_id] = {(key, i): value for key, values in cells.items() for i, value in enumerate(values)
                                if value.value is not None and (key not in shown or isinstance(shown[key][i], Hidden))}
        return found

    used = tuple(definitions[code] for code in sorted(reached))
    withheld: dict[tuple[tuple, int], list[Value]] = {}
    for cells in generation.cached("withheld_school_cells", school_ids, find, years, used, privacy.minimum).values():
        for cell, value in cells.items():
            withheld.setdefault(cell, []).append(value)
    return withheld


def suppress_breakdowns(rows: dict[tuple, list[Value]], totals: list[Value], unit: str,
                        minimum: int | None = None, below: Mapping[tuple[tuple, int], list[Value]] | None = None,
                        privacy: Privacy | None = None) -> int:
    """Hide, in place, the breakdown cells of groups of 1…minimum−1 people — for a share, a part or a rest
    that small (17 of 18) — and the cells that would give them away by subtraction from the total
    (publication.suppression); returns how many were hidden.

    Each breakdown (the rows with the same dimensions) is a table per year whose total is the indicator's
    value: rows × (part, rest) for a share — its parts add up to the total's numerator, its rests to the
    total's denominator less the numerator — rows × size otherwise. People of the total outside every row
    make a row of their own, so the difference is not left to subtraction.

    `below` (a unit above schools: `withheld_school_cells`): per (row, year index) the schools' cells withheld
    on their own pages. The unit's cell is their sum with the shown ones, so minus the shown ones it gives the
    withheld ones together: withheld where that is one school's cell (given away exactly) or where together
    they still tell of a small group (`privacy`). A cell with no withheld school cell the reader can add up
    from the schools' pages: it is never another cell's partner.
    """
    hidden_count = 0
    by_dims: dict[tuple[str, ...], list[tuple]] = {}
    for key in rows:
        by_dims.setdefault(tuple(d for d, _ in key), []).append(key)
    for keys in by_dims.values():
        for i, total in enumerate(totals):
            counts = {(key, column): n for key in keys if (terms := _terms(rows[key][i], unit))
                      for column, n in terms.items()}
            if not counts:
                continue
            whole = _terms(total, unit) or {}
            for column, n in whole.items():
                rest = n - sum(m for (_, c), m in counts.items() if c == column)
                if rest > 0:
                    counts[(("__rest__",), column)] = rest
            primary, derivable = set(), set()
            if below is not None:
                for key in keys:
                    cells = below.get((key, i), [])
                    if len(cells) == 1 or (cells and _tells(cells, unit, privacy)):
                        primary |= {cell for cell in counts if cell[0] == key}
                    elif not cells:
                        derivable |= {cell for cell in counts if cell[0] == key}
            for key in {key for key, _ in suppress_table(counts, minimum=minimum, primary=primary,
                                                         derivable=derivable)}:
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
    school's staff) values telling of small groups are withheld, the unit's (`withhold`) and the
    breakdowns' (`suppress_breakdowns`)."""
    context = build_context(unit, year, [indicator], span=span)
    privacy = Privacy(on=suppress)
    definition = context.evaluator.definitions[indicator.code]
    rows: dict[tuple, list[Value]] = {}
    for i, y in enumerate(context.years):
        for key in context.evaluator.breakdown_values(definition, y):
            rows.setdefault(key, [Value(None)] * len(context.years))[i] = context.evaluator.value(indicator.code, y, key)
    hidden = 0
    lone = withheld_above_schools(context, [indicator], privacy)
    if suppress:
        totals = [context.evaluator.value(indicator.code, y) for y in context.years]
        # A year whose value is withheld for giving away withheld schools together: its breakdowns would do
        # the same (a lone subject's row is the value itself), so they are withheld with it.
        for i, y in enumerate(context.years):
            if (indicator.code, y) in lone:
                for values in rows.values():
                    if values[i].value is not None and not isinstance(values[i], Hidden):
                        values[i] = Hidden(None)
                        hidden += 1
        hidden += suppress_breakdowns(rows, totals, indicator.unit, below=withheld_school_cells(context, indicator,
                                                                                              privacy),
                                      privacy=privacy)
    left_out = drop_empty_rows(rows)
    labelled = [(breakdown_text(key), values) for key, values in rows.items()]
    return Detail(
        line=withhold(context.line(indicator), privacy, lone),
        breakdown_years=context.years,
        breakdown_rows=labelled,
        words=indicator.explanation or formula_words(definition),
        versions=list(indicator.versions.order_by("-version")),
        hidden=hidden,
        left_out=left_out,
    )


def drop_empty_rows(rows: dict[tuple, list[Value]]) -> str:
    """Remove, in place, the breakdown rows with no value in any year (numerator and denominator absent, or the
    value undefined: grades 1–6 of a share counted in grades 7–11 only); name them in one line, «параллель 1–6;
    предмет физика, химия» (a row of several dimensions by its label). A cell withheld from the reader is a value."""
    empty = [key for key, values in rows.items()
             if all(v.value is None and not isinstance(v, Hidden) for v in values)]
    by_dim: dict[str, list[str]] = {}
    several = []
    for key in empty:
        del rows[key]
        if len(key) == 1:
            by_dim.setdefault(key[0][0], []).append(key[0][1])
        else:
            several.append(breakdown_text(key))
    named = [f"{DIMS[dim].label if dim in DIMS else dim} {_runs(dim, values)}" for dim, values in by_dim.items()]
    return "; ".join([*named, *several])


def _runs(dim: str, values: list[str]) -> str:
    """«1–6, 10»: whole numbers three or more in a row as a range, the others (and other values) one by one."""
    if not all(v.isdecimal() for v in values):
        return ", ".join(value_text(dim, v) for v in values)
    runs = consecutive_runs(sorted({int(v) for v in values}))
    return ", ".join(f"{run[0]}–{run[-1]}" if len(run) >= 3 else ", ".join(map(str, run)) for run in runs)


def formula_words(definition: Definition) -> str:
    if definition.method == Method.ENTERED:
        return "Вводится вручную (значение или числитель и знаменатель)."
    return f.in_words(definition.tree, codes())

