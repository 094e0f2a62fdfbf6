"""Indicator values from data values: formulas over the summed data values of an org unit.

A municipality's value is the formula over the data values of all its schools
added up — a ratio of sums, never a mean of the schools' percentages. Values are
computed exactly (fractions) and given as the nearest float, not rounded.
Reading is one query of DataValues per call, summing away every dimension no formula,
breakdown or selector looks at; nothing is precomputed, and nothing that depends on the
database is kept between calls (only the parsing of breakdown keys is cached).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import MAX_PREC, Decimal, localcontext
from fractions import Fraction
from functools import lru_cache, reduce
from operator import or_

from django.db.models import Case, CharField, Exists, OuterRef, Q, Sum, When
from django.db.models import Value as Constant
from django.db.models.functions import Cast, Concat

from vsoko.datavalues.enums import Source
from vsoko.datavalues.models import DataValue
from vsoko.datavalues.registry import DIMS, parse_key
from vsoko.indicators import formula as f
from vsoko.indicators.enums import Method, Unit
from vsoko.records.enums import OrgUnitKind
from vsoko.records.models import OrgUnit

ENTERED_PARTS = ("numerator", "denominator")
DISTRIBUTIONS = ("median", "top_quartile")  # functions of a "score -> number of results" distribution


@dataclass(frozen=True)
class Definition:
    """What evaluation needs of an indicator (from the Indicator model or a catalog entry)."""

    code: str
    name: str
    unit: str
    method: str
    formula: str = ""
    breakdowns: tuple[tuple[str, ...], ...] = ()
    total: bool = True

    @classmethod
    def of(cls, indicator) -> Definition:
        return cls(indicator.code, indicator.name, indicator.unit, indicator.method, indicator.formula,
                   tuple(tuple(b) for b in indicator.breakdowns), indicator.total)

    @classmethod
    def from_entry(cls, entry: dict) -> Definition:
        """From a catalog entry as read from YAML (vsoko.indicators.catalogs.normalize_indicator)."""
        return cls(entry["code"], entry["name"], entry["unit"], entry["method"], entry["formula"],
                   tuple(tuple(b) for b in entry["breakdowns"]), entry["total"])

    @property
    def tree(self):
        return parsed(self.formula) if self.method == Method.COMPUTED and self.formula else None

    @property
    def factor(self) -> int:
        return 100 if self.unit == Unit.PERCENT else 1


@lru_cache(maxsize=4096)
def parsed(text: str):
    return f.parse(text)


@dataclass(frozen=True)
class Value:
    value: Fraction | None
    numerator: Fraction | None = None
    denominator: Fraction | None = None


NULL = Value(None)


@dataclass
class IndicatorValue:
    """One line of `vsoko indicators`: spec/core-indicators.md, "Machine-readable output"."""

    code: str
    name: str
    year: int
    org_unit: str
    breakdown: dict
    value: float | int | None
    numerator: float | int | None
    denominator: float | int | None
    unit: str

    def as_json(self) -> dict:
        return {
            "code": self.code, "name": self.name, "year": f"{self.year}/{self.year + 1}",
            "org_unit": self.org_unit, "breakdown": self.breakdown, "value": self.value,
            "numerator": self.numerator, "denominator": self.denominator, "unit": self.unit,
        }


def as_number(value: Fraction | None) -> float | int | None:
    if value is None:
        return None
    if value.denominator == 1:
        return int(value.numerator)
    return float(value)


# --- data -----------------------------------------------------------------------------------------

@dataclass
class YearData:
    """The summed data values of one org unit in one year: per code, (dimensions, value) rows.

    Values are exact: an int when whole (most are counts, and ints add up fast), else a Fraction.
    """

    rows: dict[str, list[tuple[dict, int | Fraction]]] = field(default_factory=lambda: defaultdict(list))

    def known(self, code: str) -> bool:
        return code in self.rows


def dim_of(dims: dict, dim: str) -> str | None:
    value = dims.get(dim)
    if value is None and dim in DIMS and DIMS[dim].derived_from:
        base = dims.get(DIMS[dim].derived_from)
        return DIMS[dim].derive(base) if base is not None else None
    return value


def load_data(school_ids: list[int], years: Iterable[int], codes: dict[str, set[str]]) -> dict[int, YearData]:
    """One query: the data values of these schools summed per year and code and, for codes that
    need dimensions (`codes`: {code: dimensions needed}), per the dimensions needed.

    The dimensions not needed are summed away while reading (e.g. subjects for СОУ), so formulas
    scan far fewer rows. A school's rows are read as stored; several schools' rows are summed in
    the database first (codes that need no dimension whole). Values come as text (no per-row
    conversion by the driver) and are added up exactly as decimals.
    """
    query = DataValue.objects.filter(org_unit_id__in=school_ids, year_id__in=list(years), code__in=list(codes),
                                     source__in=Source.own())
    if len(school_ids) == 1:
        rows = query.annotate(text=Cast("value", CharField())).values_list("year_id", "period", "code", "key", "text")
    else:
        plain = [code for code, dims in codes.items() if not dims]
        rows = (
            query.annotate(row_period=Case(When(code__in=plain, then=None), default="period"),
                           row_key=Case(When(code__in=plain, then=Constant("")), default="key"))
            .values_list("year_id", "row_period", "code", "row_key")
            .annotate(text=Cast(Sum("value"), CharField()))
        )
    return year_data(rows.order_by(), codes)


def rows_by_school(school_ids: list[int], years: Iterable[int], codes: dict[str, set[str]],
                   fixed: dict[str, dict[str, frozenset[str]]] | None = None) -> dict[int, list[tuple]]:
    """Each school's data values as the rows `summed` adds up; `added` of some schools' sums gives
    those schools' data together. Comparing 50 schools, their total and their groups is one read.

    `fixed` (see `fixed_values`) narrows a code to the rows its formulas can select: of the parents'
    survey only the question asked about, not every answer of every survey by grade. A code so
    narrowed keeps a zero row where it has data at all, so that «no parent answered that question»
    stays 0, as it is unnarrowed, and does not become «no data».
    """
    years = list(years)
    fixed = {code: dims for code, dims in (fixed or {}).items() if code in codes and dims}
    wanted = Q(code__in=[code for code in codes if code not in fixed])
    for code, dims in fixed.items():
        # On the canonical key, «|»-framed: reading the JSON breakdown of every row costs more than it saves.
        # A pattern may let through more than the formulas select (SQLite's LIKE ignores case); never less.
        narrowed = Q(code=code)
        for dim, values in dims.items():
            narrowed &= reduce(or_, (Q(framed_key__contains=f"|{dim}={value}|") for value in sorted(values)))
        wanted |= narrowed
    query = (DataValue.objects.alias(framed_key=Concat(Constant("|"), "key", Constant("|"), output_field=CharField()))
             .filter(wanted, org_unit_id__in=school_ids, year_id__in=years, source__in=Source.own()))
    found: dict[int, list[tuple]] = {pk: [] for pk in school_ids}
    for school, *row in (query.annotate(text=Cast("value", CharField()))
                         .values_list("org_unit_id", "year_id", "period", "code", "key", "text").order_by()):
        found[school].append(tuple(row))
    if fixed:
        # One probe of the (unit, year, code) index per school, year and code: where a narrowed code has data.
        own = DataValue.objects.filter(org_unit=OuterRef("pk"), source__in=Source.own())
        probes = {f"p{i}": (year, code) for i, (year, code) in enumerate((y, c) for y in years for c in fixed)}
        present = OrgUnit.objects.filter(pk__in=school_ids).annotate(
            **{name: Exists(own.filter(year_id=year, code=code)) for name, (year, code) in probes.items()})
        for school, *flags in present.values_list("pk", *probes).order_by():
            found[school] += [(year, None, code, "", "0") for (year, code), has in zip(probes.values(), flags, strict=True)
                              if has]
    return found


def fixed_values(definitions: dict[str, Definition], indicators: Iterable[str]) -> dict[str, dict[str, frozenset[str]]]:
    """{data-value code: {dimension: the only values any formula selects}} over these indicators (all those
    `needed_codes` reaches). A dimension counts where every reference to the code selects it by plain
    values (no range, no derived dimension); a code read as a distribution (median…) is never narrowed."""
    refs: dict[str, list[f.CodeRef]] = defaultdict(list)
    whole: set[str] = set()
    for code in indicators:
        definition = definitions.get(code)
        if definition is None or definition.method == Method.ENTERED:
            continue
        for ref in f.code_refs(definition.tree):
            refs[ref.code].append(ref)
        whole.update(ref.code for ref in distribution_refs(definition.tree))
    fixed: dict[str, dict[str, frozenset[str]]] = {}
    for code, code_refs in refs.items():
        if code in whole:
            continue
        per_ref = [{cond.dim: frozenset(alt.value for alt in cond.alts) for cond in ref.selector
                    if cond.dim not in DIMS or not DIMS[cond.dim].derived_from
                    if not any(alt.is_range for alt in cond.alts)} for ref in code_refs]
        dims = set.intersection(*(set(values) for values in per_ref))
        if dims:
            fixed[code] = {dim: frozenset().union(*(values[dim] for values in per_ref)) for dim in dims}
    return fixed


# Summed data values: year -> code -> the needed dimensions (sorted items) -> exact decimal sum.
Sums = dict[int, dict[str, dict[tuple, Decimal]]]


def year_data(rows: Iterable[tuple], codes: dict[str, set[str]]) -> dict[int, YearData]:
    """Rows (year, period, code, key, value as text) summed per year, code and the dimensions needed."""
    return as_year_data(summed(rows, codes))


def summed(rows: Iterable[tuple], codes: dict[str, set[str]]) -> Sums:
    needed = {code: frozenset(dims) for code, dims in codes.items()}
    # Nested dictionaries, so that a row allocates nothing but its decimal.
    kept: dict[str, dict] = {code: {} for code in codes}  # code -> {key or (key, period): dimensions kept}
    totals: Sums = defaultdict(lambda: {code: {} for code in codes})
    with localcontext(prec=MAX_PREC):  # sums of decimals are exact
        for year, period, code, key, text in rows:
            seen = kept[code]
            ident = (key, period) if period else key
            dims = seen.get(ident)
            if dims is None:
                dims = seen[ident] = kept_dims(key, period, needed[code])
            sums = totals[year][code]
            previous = sums.get(dims)
            sums[dims] = Decimal(text) if previous is None else previous + Decimal(text)
    return totals


def added(parts: Iterable[Sums]) -> Sums:
    """Several schools' sums as one: what `summed` gives for all their rows, at the cost of their few sums."""
    totals: Sums = defaultdict(lambda: defaultdict(dict))
    with localcontext(prec=MAX_PREC):
        for part in parts:
            for year, by_code in part.items():
                for code, sums in by_code.items():
                    into = totals[year][code]
                    for dims, value in sums.items():
                        previous = into.get(dims)
                        into[dims] = value if previous is None else previous + value
    return totals


def as_year_data(totals: Sums) -> dict[int, YearData]:
    data: dict[int, YearData] = defaultdict(YearData)
    as_dict: dict[tuple, dict] = {}
    exacts: dict[Decimal, int | Fraction] = {}
    for year, by_code in totals.items():
        for code, sums in by_code.items():
            if not sums:
                continue  # no data value: the code is unknown in that year
            rows_of_code = data[year].rows[code]
            for dims, total in sums.items():
                if dims not in as_dict:
                    as_dict[dims] = dict(dims)
                if total not in exacts:
                    exacts[total] = exact(total)
                rows_of_code.append((as_dict[dims], exacts[total]))
    return data


@lru_cache(maxsize=65536)
def kept_dims(key: str, period: str | None, needed: frozenset[str]) -> tuple:
    """The needed dimensions of a stored key and period, as sorted items (a pure function, so cached)."""
    dims = parse_key(key)
    if period:
        dims["period"] = period
    return tuple(sorted((d, v) for d, v in dims.items() if d in needed))


def exact(value: Decimal) -> int | Fraction:
    numerator, denominator = value.as_integer_ratio()
    return numerator if denominator == 1 else Fraction(numerator, denominator)


def load_benchmarks(school_ids: list[int], years: Iterable[int], definitions: dict[str, Definition]
                    ) -> dict[tuple[str, int], dict[str, Value]]:
    """Benchmarks (municipal, regional, national) per indicator and year: {scope: Value}."""
    wanted = {}
    for code in definitions:
        wanted[code] = (code, None)
        for part in ENTERED_PARTS:
            wanted[f"{code}.{part}"] = (code, part)
    parts: dict[tuple[str, int, str], dict] = defaultdict(dict)
    rows = DataValue.objects.filter(
        org_unit_id__in=school_ids, year_id__in=list(years), source=Source.BENCHMARK, code__in=list(wanted)
    ).values_list("code", "year_id", "key", "value").order_by("org_unit_id")
    for code, year, key, value in rows:
        indicator, part = wanted[code]
        scope = parse_key(key).get("scope", "")
        # With several schools of a unit, the first school's benchmark stands for the unit.
        parts[(indicator, year, scope)].setdefault(part, Fraction(value))
    out: dict[tuple[str, int], dict[str, Value]] = defaultdict(dict)
    for (indicator, year, scope), p in parts.items():
        factor = definitions[indicator].factor
        num, den = p.get("numerator"), p.get("denominator")
        value = p.get(None)
        if value is None and num is not None and den:
            value = num / den * factor
        out[(indicator, year)][scope] = Value(value, num, den)
    return out


# --- evaluation -----------------------------------------------------------------------------------

class Evaluator:
    def __init__(self, definitions: dict[str, Definition], data: dict[int, YearData], *, single_school: bool,
                 school_ids: tuple[int, ...] = (), breakdowns: bool = True):
        self.definitions = definitions
        self.data = data
        self.single_school = single_school
        self.school_ids = list(school_ids)
        self.breakdowns = breakdowns  # False: the data keep only what whole-unit values need
        self._memo: dict[tuple, Value] = {}
        self._selected: dict[tuple, dict[int, list]] = {}
        self._totals: dict[tuple, Fraction] = {}
        self._all_rows: dict[str, tuple[list, list]] = {}
        self._indexes: dict[str, dict[str, dict[str, set[int]]]] = {}
        self._matches: dict[tuple, set[int]] = {}

    # Rows of a code after its selector, cached: breakdowns then only scan these.
    def selected(self, ref: f.CodeRef, year: int) -> list[tuple[dict, int | Fraction]]:
        if year not in self.data:
            return []
        if not ref.selector:
            return self.data[year].rows.get(ref.code, [])
        key = (ref.code, ref.selector)
        if key not in self._selected:
            self._selected[key] = self._select(ref.code, ref.selector)
        return self._selected[key].get(year, [])

    def _select(self, code: str, selector: tuple[f.Cond, ...]) -> dict[int, list]:
        """The code's rows that satisfy every condition, per year (all years at once)."""
        years, rows = self._rows(code)
        by_year: dict[int, list] = defaultdict(list)
        for i in sorted(set.intersection(*(self._matching(code, cond) for cond in selector))):
            by_year[years[i]].append(rows[i])
        return by_year

    def _rows(self, code: str) -> tuple[list[int], list[tuple[dict, int | Fraction]]]:
        """The code's rows of every year and, in a parallel list, their years."""
        if code not in self._all_rows:
            years, rows = [], []
            for year, data in self.data.items():
                found = data.rows.get(code, [])
                years += [year] * len(found)
                rows += found
            self._all_rows[code] = (years, rows)
        return self._all_rows[code]

    def _matching(self, code: str, cond: f.Cond) -> set[int]:
        """Positions (in `_rows`) of the code's rows that satisfy the condition: each distinct value
        of its dimension is tested once."""
        key = (code, cond)
        if key not in self._matches:
            by_value = self._index(code)
            dim = DIMS.get(cond.dim)
            if dim is not None and dim.derived_from:  # derived dimensions are never stored
                found = [rows for base, rows in by_value.get(dim.derived_from, {}).items()
                         if cond.matches(dim.derive(base))]
            else:
                found = [rows for value, rows in by_value.get(cond.dim, {}).items() if cond.matches(value)]
            self._matches[key] = set().union(*found)
        return self._matches[key]

    def _index(self, code: str) -> dict[str, dict[str, set[int]]]:
        """{dimension: {value: positions (in `_rows`) of the code's rows with it}}."""
        if code not in self._indexes:
            index: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
            for i, (dims, _) in enumerate(self._rows(code)[1]):
                for dim, value in dims.items():
                    index[dim][value].add(i)
            self._indexes[code] = index
        return self._indexes[code]

    def total(self, ref: f.CodeRef, year: int) -> Fraction:
        """The sum of a code's rows after its selector (whole unit), cached."""
        key = (ref.code, ref.selector, year)
        if key not in self._totals:
            self._totals[key] = Fraction(sum(v for _, v in self.selected(ref, year)))
        return self._totals[key]

    def known(self, code: str, year: int) -> bool:
        return year in self.data and self.data[year].known(code)

    def remember(self, values: dict[tuple[str, int], Value]) -> None:
        """Whole-unit values evaluated before over the same data and definitions (kept by a page: see
        dashboard._kept_evaluator), taken as they are instead of evaluating them again."""
        self._memo.update(((code, year, ()), value) for (code, year), value in values.items())

    def value(self, code: str, year: int, breakdown: tuple[tuple[str, str], ...] = ()) -> Value:
        if breakdown and not self.breakdowns:
            raise ValueError("this evaluator was built for whole-unit values only")
        key = (code, year, breakdown)
        if key not in self._memo:
            definition = self.definitions.get(code)
            if definition is None:
                self._memo[key] = NULL
            elif definition.method == Method.ENTERED:
                self._memo[key] = self._entered(definition, year) if not breakdown else NULL
            else:
                self._memo[key] = self.eval(definition.tree, year, breakdown)
        return self._memo[key]

    def _entered(self, definition: Definition, year: int) -> Value:
        def total(code):
            if not self.known(code, year):
                return None
            return sum((v for _, v in self.data[year].rows[code]), Fraction(0))

        value = total(definition.code)
        num, den = (total(f"{definition.code}.{part}") for part in ENTERED_PARTS)
        ratio = num / den * definition.factor if num is not None and den else None
        if self.single_school:
            return Value(value if value is not None else ratio, num, den)
        if num is not None and den is not None:
            return Value(ratio, num, den)
        return Value(value if definition.unit in Unit.additive() else None)

    def eval(self, node, year: int, breakdown: tuple[tuple[str, str], ...]) -> Value:
        if isinstance(node, f.Num):
            return Value(node.value)
        if isinstance(node, f.CodeRef):
            if not self.known(node.code, year):
                return NULL
            if not breakdown:
                return Value(self.total(node, year))
            return Value(sum(
                (v for dims, v in self.selected(node, year) if all(dim_of(dims, d) == x for d, x in breakdown)),
                Fraction(0),
            ))
        if isinstance(node, f.Neg):
            inner = self.eval(node.operand, year, breakdown).value
            return Value(None if inner is None else -inner)
        if isinstance(node, f.BinOp):
            left = self.eval(node.left, year, breakdown).value
            right = self.eval(node.right, year, breakdown).value
            if left is None or right is None:
                return NULL
            if node.op == "+":
                return Value(left + right)
            if node.op == "-":
                return Value(left - right)
            if node.op == "*":
                return Value(left * right)
            return Value(left / right if right else None)
        if isinstance(node, f.Call):
            return self.call(node, year, breakdown)
        raise TypeError(node)

    def call(self, node: f.Call, year: int, breakdown) -> Value:
        name = node.name
        if name == "ref":
            return self.value(node.args[0].code, year, breakdown)
        if name in ("percent", "ratio", "mean"):
            num = self.eval(node.args[0], year, breakdown).value
            den = self.eval(node.args[1], year, breakdown).value
            if num is None or den is None or den == 0:
                return Value(None, num, den)
            return Value(num / den * (100 if name == "percent" else 1), num, den)
        if name == "bool":
            inner = self.eval(node.args[0], year, breakdown).value
            return Value(None if inner is None else Fraction(int(inner != 0)))
        if name in DISTRIBUTIONS:
            ref = node.args[0]
            if not self.known(ref.code, year):
                return NULL
            counts: dict[Fraction, Fraction] = defaultdict(Fraction)
            for dims, v in self.selected(ref, year):
                if all(dim_of(dims, d) == x for d, x in breakdown) and "score" in dims:
                    counts[Fraction(dims["score"])] += v
            return distribution_statistic(name, counts)
        raise f.FormulaError(f"неизвестная функция «{name}»", node.position)

    def breakdown_values(self, definition: Definition, year: int) -> list[tuple[tuple[str, str], ...]]:
        """Breakdown keys with data, per breakdown of the definition, in a natural order."""
        if definition.tree is None or not self.breakdowns:
            return []
        refs = self.code_refs(definition)
        out = []
        for dims in definition.breakdowns:
            seen = set()
            for ref in refs:
                for row_dims, _ in self.selected(ref, year):
                    values = tuple(dim_of(row_dims, d) for d in dims)
                    if None not in values:
                        seen.add(tuple(zip(dims, values, strict=True)))
            out.extend(sorted(seen, key=lambda key: [natural(v) for _, v in key]))
        return out

    def code_refs(self, definition: Definition) -> list[f.CodeRef]:
        """Data-value references of a formula and, through ref(), of the indicators it refers to."""
        refs, seen, stack = [], set(), [definition.code]
        while stack:
            code = stack.pop()
            other = self.definitions.get(code)
            if code in seen or other is None or other.tree is None:
                continue
            seen.add(code)
            refs.extend(f.code_refs(other.tree))
            stack.extend(f.indicator_refs(other.tree))
        return refs

    def results(self, definition: Definition, year: int) -> list[tuple[dict, Value]]:
        out = []
        if definition.total:
            out.append(({}, self.value(definition.code, year)))
        for key in self.breakdown_values(definition, year):
            out.append((dict(key), self.value(definition.code, year, key)))
        return out


def natural(value: str):
    """A sort key: numbers by value, then texts with the numbers in them compared as numbers
    (grade bands 1-4, 5-9, 10-11 in that order, not 10-11 before 5-9)."""
    try:
        return (0, Fraction(value), ())
    except (ValueError, ZeroDivisionError):
        return (1, 0, tuple((0, int(part), "") if part.isdecimal() else (1, 0, part)
                            for part in re.split(r"(\d+)", value) if part))


def distribution_statistic(name: str, counts: dict[Fraction, Fraction]) -> Value:
    """Median or top-quartile boundary of a "score -> number of results" distribution."""
    n = int(sum(counts.values()))
    if n == 0:
        return Value(None, None, Fraction(0))
    ordered = sorted(counts.items(), reverse=(name == "top_quartile"))

    def kth(k: int) -> Fraction:  # 1-based position in the ordered list of results
        seen = 0
        for score, count in ordered:
            seen += count
            if seen >= k:
                return score
        raise AssertionError("k beyond n")

    if name == "top_quartile":
        value = kth(math.ceil(n / 4))
    elif n % 2:
        value = kth(n // 2 + 1)
    else:
        value = (kth(n // 2) + kth(n // 2 + 1)) / 2
    return Value(value, None, Fraction(n))


# --- entry points ---------------------------------------------------------------------------------

def needed_codes(definitions: dict[str, Definition], wanted: Iterable[str], *, breakdowns: bool = True
                 ) -> tuple[dict[str, set[str]], set[str]]:
    """({data-value code: dimensions used}, indicator codes) the wanted indicators need.

    ref() is followed transitively; a referenced indicator is evaluated in the breakdowns
    of the one that refers to it, so those dimensions are needed for its codes too. Selectors
    need their dimensions (the stored one for a derived dimension), median and top_quartile
    the score. Without `breakdowns` (whole-unit values only, as the catalog tree shows) only
    these are kept: e.g. year marks collapse from grade × subject × mark to a row per mark.
    """
    data_codes: dict[str, set[str]] = defaultdict(set)
    indicators: set[str] = set()
    seen: set[tuple[str, frozenset]] = set()
    stack = [(code, frozenset()) for code in wanted]
    while stack:
        code, extra = stack.pop()
        if (code, extra) in seen or code not in definitions:
            continue
        seen.add((code, extra))
        indicators.add(code)
        definition = definitions[code]
        if definition.method == Method.ENTERED:
            for part in (code, *(f"{code}.{p}" for p in ENTERED_PARTS)):
                data_codes.setdefault(part, set())
            continue
        tree = definition.tree
        dims = set(extra)
        if breakdowns:
            dims |= {d for b in definition.breakdowns for d in b}
        for ref in f.code_refs(tree):
            used = dims | {c.dim for c in ref.selector}
            data_codes[ref.code] |= {stored_dim(d) for d in used}
        for ref in distribution_refs(tree):
            data_codes[ref.code].add("score")
        stack.extend((other, frozenset(dims)) for other in f.indicator_refs(tree))
    return dict(data_codes), indicators


def stored_dim(dim: str) -> str:
    """The dimension stored in data values that gives this one (grade for grade_band)."""
    return DIMS[dim].derived_from or dim if dim in DIMS else dim


def distribution_refs(tree) -> list[f.CodeRef]:
    return [n.args[0] for n in f.walk(tree)
            if isinstance(n, f.Call) and n.name in DISTRIBUTIONS and n.args and isinstance(n.args[0], f.CodeRef)]


def evaluator_for(org_unit: OrgUnit, years: Iterable[int], definitions: dict[str, Definition],
                  wanted: Iterable[str], *, breakdowns: bool = True) -> Evaluator:
    """An evaluator of the wanted indicators; without `breakdowns` it gives whole-unit values only."""
    if org_unit.kind == OrgUnitKind.SCHOOL:
        school_ids = [org_unit.pk]  # what descendant_schools() would read
    else:
        school_ids = list(org_unit.descendant_schools().values_list("pk", flat=True))
    data_codes, _ = needed_codes(definitions, wanted, breakdowns=breakdowns)
    data = load_data(school_ids, years, data_codes)
    return Evaluator(definitions, data, single_school=len(school_ids) == 1, school_ids=tuple(school_ids),
                     breakdowns=breakdowns)


def indicator_values(org_unit: OrgUnit, year: int, definitions: dict[str, Definition],
                     wanted: list[str]) -> list[IndicatorValue]:
    """Every value (whole unit and breakdowns) of the wanted indicators for one year."""
    evaluator = evaluator_for(org_unit, [year], definitions, wanted)
    out = []
    for code in wanted:
        definition = definitions[code]
        for breakdown, v in evaluator.results(definition, year):
            out.append(IndicatorValue(
                code=code, name=definition.name, year=year, org_unit=org_unit.code, breakdown=breakdown,
                value=as_number(v.value), numerator=as_number(v.numerator),
                denominator=as_number(v.denominator), unit=definition.unit,
            ))
    return out
