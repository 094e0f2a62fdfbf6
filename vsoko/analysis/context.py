"""Results in their social context: each social category's year beside the whole school's.

Regulation 004, Раздел VI: «качество условий образовательной деятельности, включая контекстную
информацию (социально-экономические характеристики семей, сложность контингента …)», and the
principle of targeting: «контекстную интерпретацию результатов; ориентацию на адресную помощь».

The figures are indicators over data values (vsoko.datavalues.extractors.context), evaluated
by the indicator engine like any catalog entry: exact ratios of sums, current as soon as a
recomputation ends. One set of formulas serves every category and the whole school: the
category's codes carry the fixed dimension `social`, the school's are the core codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from vsoko.accounts import permissions
from vsoko.analysis.access import Privacy
from vsoko.datavalues import generation
from vsoko.indicators.enums import Method, Unit
from vsoko.indicators.evaluate import (
    Definition,
    Evaluator,
    Sums,
    added,
    as_year_data,
    evaluator_for,
    fixed_values,
    needed_codes,
    rows_by_school,
    summed,
)
from vsoko.indicators.formatting import DECIMALS, rounded
from vsoko.records.enums import OrgUnitKind, SocialCategory
from vsoko.records.models import OrgUnit

NOT_ALLOWED = ("Результаты по социальным категориям видят администрация школы и наблюдатель муниципалитета "
               "(наблюдатель — без малых групп).")
NOT_MUNICIPAL = ("Результаты муниципалитета по социальным категориям видят пользователи с ролью в муниципалитете "
                 "(наблюдатель муниципалитета); администрация школы видит свою школу.")
ATTESTED = "excellent|good|satisfactory|failing"  # the denominator of core.quality and core.success


@dataclass(frozen=True)
class Population:
    """Whose figures: the whole school (the core codes) or the students of one social category."""

    category: SocialCategory | None = None

    @property
    def label(self) -> str:
        return self.category.label if self.category else "все обучающиеся"

    def ref(self, code: str, *conditions: str) -> str:
        """A code with the population's selector: «results.main» or «results.social.main[social=orphan, …]»."""
        if self.category:
            code = code.replace("results.", "results.social.", 1).replace("students.ce", "students.ce.social.attested")
            conditions = (f"social={self.category.value}", *conditions)
        return f"{code}[{', '.join(conditions)}]" if conditions else code

    def definitions(self) -> dict[str, Definition]:
        def attested(which: str) -> str:
            return (f"percent({self.ref('students.ce', 'grade=2..11', f'attestation={which}')}, "
                    f"{self.ref('students.ce', 'grade=2..11', f'attestation={ATTESTED}')})")

        formulas = {
            "students": (Unit.COUNT, self.ref("students.ce")),
            "quality": (Unit.PERCENT, attested("excellent|good")),
            "success": (Unit.PERCENT, attested("excellent|good|satisfactory")),
            "results": (Unit.COUNT, self.ref("results.main")),
            "twos": (Unit.PERCENT, f"percent({self.ref('results.marks', 'mark=2')}, {self.ref('results.marks')})"),
            "passed": (Unit.PERCENT, f"percent({self.ref('results.passed')}, {self.ref('results.main')})"),
        }
        prefix = f"context.{self.category.value if self.category else 'all'}"
        return {f"{prefix}.{name}": Definition(f"{prefix}.{name}", name, unit, Method.COMPUTED, formula)
                for name, (unit, formula) in formulas.items()}


@dataclass
class Row:
    population: Population
    figures: dict[str, Fraction | None]  # name -> value
    parts: dict[str, tuple[Fraction, Fraction]]  # name -> (numerator, denominator) of the shares
    last_year: dict[str, Fraction | None]
    hidden: bool = False  # a group too small for the user to see anything of it
    hidden_shares: set[str] = field(default_factory=set)

    versus_school: dict[str, Fraction | None] = field(default_factory=dict)  # share minus the school's, п. п.

    @property
    def label(self) -> str:
        return self.population.label

    @property
    def changes(self) -> dict[str, Fraction | None]:
        """Each share minus last year's, in percentage points."""
        return {name: _minus(self.figures.get(name), self.last_year.get(name)) for name in SHARES}


@dataclass
class ContextTable:
    unit: OrgUnit  # a school, or a municipality (its schools' data values summed)
    year: int
    school_row: Row  # all the unit's students
    rows: list[Row]  # the categories with students that year, in the order of SocialCategory
    privacy: Privacy


def _minus(a: Fraction | None, b: Fraction | None) -> Fraction | None:
    return None if a is None or b is None else a - b


SHARES = ("quality", "success", "twos", "passed")


def may_see_context(user, school: OrgUnit) -> bool:
    return (permissions.can_see_sensitive(user, school) or permissions.can_make_reports(user, school)
            or permissions.works_above_schools(user))


def privacy_for(user, school: OrgUnit) -> Privacy:
    """Whole figures for those who see the school's sensitive categories; small groups hidden for the
    school's administration without that right and for the municipal observer; 403 for the rest."""
    if permissions.can_see_sensitive(user, school):
        return Privacy(on=False)
    if may_see_context(user, school):
        return Privacy(on=True)
    raise PermissionDenied(NOT_ALLOWED)


def _populations() -> list[Population]:
    return [Population(), *(Population(c) for c in SocialCategory)]


def _definitions() -> dict[str, Definition]:
    return {code: d for p in _populations() for code, d in p.definitions().items()}


def context_table(unit: OrgUnit, year: int, privacy: Privacy) -> ContextTable:
    """The table of a school. For a municipality the engine gives the same figures (its schools' data values
    summed), but the page takes `municipal_context`: it also withholds what subtraction would give away."""
    definitions = _definitions()
    evaluator = evaluator_for(unit, [year - 1, year], definitions, list(definitions), breakdowns=False)
    return _table(unit, year, privacy, _evaluated(evaluator, year))


# Each population's figures, the parts of its shares and last year's figures: plain data, so a school's
# can be kept under its data generation (vsoko.datavalues.generation).
Evaluated = dict[SocialCategory | None, tuple[dict, dict, dict]]


def _evaluated(evaluator: Evaluator, year: int) -> Evaluated:
    found: Evaluated = {}
    for p in _populations():
        figures, parts, last_year = {}, {}, {}
        for code, definition in p.definitions().items():
            name = definition.name
            value = evaluator.value(code, year)
            figures[name] = value.value
            if value.denominator is not None:
                parts[name] = (value.numerator or Fraction(0), value.denominator)
            last_year[name] = evaluator.value(code, year - 1).value
        found[p.category] = (figures, parts, last_year)
    return found


def _table(unit: OrgUnit, year: int, privacy: Privacy, evaluated: Evaluated) -> ContextTable:
    rows = [Row(p, *evaluated[p.category]) for p in _populations()]
    for r in rows[1:]:
        r.versus_school = {name: _minus(r.figures.get(name), rows[0].figures.get(name)) for name in SHARES}
        r.hidden = privacy.too_small(int(r.figures["students"] or 0))
        r.hidden_shares = {name for name in SHARES
                           if name in r.parts and privacy.discloses(*map(int, r.parts[name]))}
    return ContextTable(unit, year, rows[0], [r for r in rows[1:] if r.figures["students"]], privacy)


# --- the municipality -----------------------------------------------------------------------------
# A municipal specialist reads the same table for the municipality (its schools' data values summed:
# a ratio of sums, never a mean of the schools' percentages) and, to see where help is needed most
# (004: «ориентацию на адресную помощь»), each school's quality in each category beside the school's own.


def municipalities_for(user) -> list[OrgUnit]:
    """The municipalities the user works in as a whole: a role held in the municipality or its region
    (the observer), or a superuser. A role in a school gives none: its users see their school."""
    municipalities = OrgUnit.objects.filter(kind=OrgUnitKind.MUNICIPALITY)
    if not (user.is_active and user.is_superuser):
        units = [m.org_unit_id for m in permissions.memberships_of(user) if m.org_unit.kind != OrgUnitKind.SCHOOL]
        municipalities = municipalities.filter(Q(pk__in=units) | Q(parent_id__in=units))
    return list(municipalities.order_by("name"))


def chosen_municipality(user, code: str) -> tuple[OrgUnit, list[OrgUnit]]:
    """The municipality asked for (?municipality=code) and all the user's: 404 when there is none of that
    code, 403 when it is not the user's."""
    options = municipalities_for(user)
    found = next((m for m in options if m.code == code), None)
    if found is not None:
        return found, options
    if OrgUnit.objects.filter(kind=OrgUnitKind.MUNICIPALITY, code=code).exists():
        raise PermissionDenied(NOT_MUNICIPAL)
    raise Http404("Нет муниципалитета с таким кодом.")


@dataclass(frozen=True)
class Cell:
    """A school's quality in one category and its difference from the school's overall quality."""

    quality: Fraction | None
    versus_school: Fraction | None  # percentage points
    hidden: bool = False  # the group is small, or the share tells of fewer than the minimum of pupils
    widest: bool = False  # the category's largest gap below its school among the schools shown

    @property
    def gap(self) -> Fraction | None:
        """The difference, when it may be shown."""
        return None if self.hidden else self.versus_school

    @property
    def shown_below(self) -> Decimal | None:
        """The gap as the page and the Excel round it, when it is below the school's («без изменений» is not)."""
        if self.gap is None:
            return None
        shown = rounded(self.gap, DECIMALS[Unit.PERCENT])
        return shown if shown < 0 else None


@dataclass
class SchoolLine:
    school: OrgUnit
    students: int
    quality: Fraction | None  # the whole school's
    cells: list[Cell]  # in the order of MunicipalContext.categories


@dataclass
class MunicipalContext:
    table: ContextTable  # the municipality's
    categories: list[SocialCategory]  # those with students in the municipality that year
    schools: list[SchoolLine]

    @property
    def largest_gap(self) -> tuple[SchoolLine, SocialCategory, Cell] | None:
        """Where a category's quality lies furthest below its school's (shown cells only)."""
        below = [(cell.shown_below, line, category, cell) for line in self.schools
                 for category, cell in zip(self.categories, line.cells, strict=True) if cell.shown_below is not None]
        return min(below, key=lambda f: f[0])[1:] if below else None


def _cell(row: Row | None) -> Cell:
    if row is None:
        return Cell(None, None)
    hidden = row.hidden or "quality" in row.hidden_shares
    return Cell(row.figures.get("quality"), row.versus_school.get("quality"), hidden=hidden)


def municipal_context(municipality: OrgUnit, year: int, privacy: Privacy) -> MunicipalContext:
    """The municipality's table and its schools × categories, from one read of the schools' data values.

    Each school's sums and figures are kept under its data generation: a page viewed again reads only the
    schools whose values were rewritten since. The municipality's figures are its schools' sums added up
    and evaluated every time."""
    schools = list(municipality.descendant_schools().order_by("name"))
    definitions = _definitions()
    data_codes, reached = needed_codes(definitions, list(definitions), breakdowns=False)
    fixed = fixed_values(definitions, reached)

    def evaluated(sums: Sums, *, single_school: bool) -> Evaluated:
        evaluator = Evaluator(definitions, as_year_data(sums), single_school=single_school, breakdowns=False)
        return _evaluated(evaluator, year)

    def read(school_ids: list[int]) -> dict[int, tuple[Sums, Evaluated]]:
        rows = rows_by_school(school_ids, [year - 1, year], data_codes, fixed)
        # Plain dictionaries: the cache pickles what it keeps.
        sums = {pk: dict(summed(school_rows, data_codes)) for pk, school_rows in rows.items()}
        return {pk: (school_sums, evaluated(school_sums, single_school=True)) for pk, school_sums in sums.items()}

    kept = generation.cached("social-context", [s.pk for s in schools], read, year,
                             tuple(sorted(definitions.items())))
    total = _table(municipality, year, privacy,
                   evaluated(added(sums for sums, _ in kept.values()), single_school=len(schools) == 1))
    categories = [r.population.category for r in total.rows]
    lines, school_rows = [], []
    for school in schools:
        own = _table(school, year, privacy, kept[school.pk][1])
        by_category = {r.population.category: r for r in own.rows}
        school_rows.append(by_category)
        lines.append(SchoolLine(school, int(own.school_row.figures["students"] or 0),
                                own.school_row.figures["quality"],
                                [_cell(by_category.get(c)) for c in categories]))
    if privacy.on:
        for row in total.rows:
            _withhold_lone_terms(row, [r for by in school_rows if (r := by.get(row.population.category))], privacy)
    _mark_widest(lines, len(categories))
    return MunicipalContext(total, categories, lines)


def _withhold_lone_terms(row: Row, terms: list[Row], privacy: Privacy) -> None:
    """A category's figure of the municipality is the sum of its schools', and each school's page shows the
    school's: the municipality's figure minus the shown schools' gives away the withheld schools' groups (or
    shares) together, so where together they are still too small — one school's alone always is, one pupil
    here and two there are too — the municipality's is withheld too (complementary suppression, as
    vsoko.publication.suppression does in a table with totals). Withheld terms that together reach the
    minimum give away only their sum."""
    withheld = [term for term in terms if term.hidden]
    if privacy.too_small(sum(int(term.figures["students"] or 0) for term in withheld)):
        row.hidden = True
        return
    for name in SHARES:
        withheld = [term for term in terms if (term.hidden or name in term.hidden_shares) and name in term.parts]
        if withheld and privacy.discloses(sum(int(term.parts[name][0]) for term in withheld),
                                          sum(int(term.parts[name][1]) for term in withheld)):
            row.hidden_shares.add(name)


def _mark_widest(lines: list[SchoolLine], width: int) -> None:
    """Per category, the schools whose gap below their own is the largest as shown (rounded as on the page: two
    gaps shown alike are both marked, a gap shown «без изменений» is none)."""
    for n in range(width):
        gaps = [line.cells[n].shown_below for line in lines if line.cells[n].shown_below is not None]
        if not gaps:
            continue
        widest = min(gaps)
        for line in lines:
            if line.cells[n].shown_below == widest:
                line.cells[n] = replace(line.cells[n], widest=True)
