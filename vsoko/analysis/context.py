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

from dataclasses import dataclass, field
from fractions import Fraction

from django.core.exceptions import PermissionDenied

from vsoko.accounts import permissions
from vsoko.analysis.access import Privacy
from vsoko.indicators.enums import Method, Unit
from vsoko.indicators.evaluate import Definition, evaluator_for
from vsoko.records.enums import SocialCategory
from vsoko.records.models import OrgUnit

NOT_ALLOWED = ("Результаты по социальным категориям видят администрация школы и наблюдатель муниципалитета "
               "(наблюдатель — без малых групп).")
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
    school: OrgUnit
    year: int
    school_row: Row
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


def context_table(school: OrgUnit, year: int, privacy: Privacy) -> ContextTable:
    populations = [Population(), *(Population(c) for c in SocialCategory)]
    definitions = {code: d for p in populations for code, d in p.definitions().items()}
    evaluator = evaluator_for(school, [year - 1, year], definitions, list(definitions), breakdowns=False)

    def row(p: Population) -> Row:
        figures, parts, last_year = {}, {}, {}
        for code, definition in p.definitions().items():
            name = definition.name
            value = evaluator.value(code, year)
            figures[name] = value.value
            if value.denominator is not None:
                parts[name] = (value.numerator or Fraction(0), value.denominator)
            last_year[name] = evaluator.value(code, year - 1).value
        return Row(p, figures, parts, last_year)

    rows = [row(p) for p in populations]
    for r in rows[1:]:
        r.versus_school = {name: _minus(r.figures.get(name), rows[0].figures.get(name)) for name in SHARES}
        r.hidden = privacy.too_small(int(r.figures["students"] or 0))
        r.hidden_shares = {name for name in SHARES
                           if name in r.parts and privacy.discloses(*map(int, r.parts[name]))}
    return ContextTable(school, year, rows[0], [r for r in rows[1:] if r.figures["students"]], privacy)
