"""Counts per level: of a year's procedures, of a procedure's classes, of the same procedure in earlier years.

Every figure is a grouped query (results counted per procedure, class or grade and level in the database).
The reader's scope is a set of classes (`Scope`): the classes a staff member may see, or every class of the
school for the municipal observer, whose groups smaller than VSOKO_MIN_GROUP_SIZE are hidden
(vsoko.publication.suppression), so no pupil's level can be told from a table. A procedure whose levels are never
published (procedures.yaml `levels_published: false`, the СПТ) is confidential: its levels per class and per grade
are the administration's only (`permissions.can_see_confidential_diagnostics`); the observer reads them for the whole
school, a teacher, an МО head and a class teacher not at all — both only how many took part (`levels_by_class`,
`school_levels`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.db.models import Count, QuerySet

from vsoko.accounts import permissions
from vsoko.diagnostics.models import Diagnostic, DiagnosticResult
from vsoko.diagnostics.procedures import Level, Procedure, procedures
from vsoko.indicators.formatting import rounded
from vsoko.publication.suppression import TOTAL, suppress_table
from vsoko.records.models import OrgUnit, SchoolClass


@dataclass(frozen=True)
class Scope:
    """The classes whose counts the reader sees, and whether small groups are hidden from them."""

    school: OrgUnit
    suppress: bool
    # Reads the levels of confidential procedures (`levels_published: false`) per class: the administration.
    confidential: bool = False

    def classes(self, user, years: list[int]) -> QuerySet[SchoolClass]:
        mine = SchoolClass.objects.filter(school=self.school, year_id__in=years)
        if self.suppress:
            return mine
        visible = SchoolClass.objects.none()
        for year in years:
            visible = visible | permissions.classes_visible_to(user, year)
        return mine.filter(pk__in=visible.values("pk"))


def scope_for(user, school: OrgUnit) -> Scope:
    """The observer (no personal data in the school) reads every class with small groups hidden."""
    return Scope(school, suppress=not permissions.can_see_personal_data(user, school),
                 confidential=permissions.can_see_confidential_diagnostics(user, school))


def levels_by_class(scope: Scope, spec: Procedure) -> bool:
    """Whether the reader sees the procedure's levels per class (and per grade). For a procedure whose levels are
    never published (the СПТ: confidential, vsoko.reports.diagnostics) only the administration does; everyone else
    sees per class only how many took part."""
    return spec.levels_published or scope.confidential


def school_levels(scope: Scope, spec: Procedure) -> bool:
    """Whether the reader sees the procedure's levels of all their classes together. The observer's classes are the
    whole school: its levels of a confidential procedure are the municipality's to know (small groups hidden). A
    teacher's, an МО head's or a class teacher's are one class or a few — a confidential procedure's levels there
    would be a class's again."""
    return levels_by_class(scope, spec) or scope.suppress


@dataclass(frozen=True)
class Cell:
    level: Level
    n: int | None  # None: hidden (a small group)
    percent: Decimal | None


@dataclass
class Distribution:
    """Pupils per level of one group (a year, a class, a grade), in the procedure's order of levels."""

    procedure: Procedure
    counts: dict[str, int]
    suppress: bool = False
    # Levels hidden besides this group's own small ones: a class's row among the classes with their total
    # (`withheld_in_table`), so that the total minus the shown classes gives no hidden class back.
    withheld: frozenset[str] = frozenset()
    # False: only how many took part (a class of a procedure whose levels the reader sees for the school only).
    levels_shown: bool = True
    cells: list[Cell] = field(init=False)
    total: int | None = field(init=False)
    favourable: Decimal | None = field(init=False)

    def __post_init__(self):
        total = sum(self.counts.values())
        minimum = settings.VSOKO_MIN_GROUP_SIZE
        # The levels of the group with their total (as suppress_groups), the `withheld` ones hidden whatever their count.
        hidden = {level for level, column in suppress_table(
            {(k, "n"): n for k, n in self.counts.items()}, primary=[(k, "n") for k in self.withheld if self.counts.get(k)])
            if column == "n" and level != TOTAL} if self.suppress else set()
        # A row whose «Оценено» is withheld (TOTAL: a small class's partner in that column) goes whole: a shown level
        # with its percentage, or the levels' sum, would give the total back.
        small = self.suppress and (0 < total < minimum or TOTAL in self.withheld)
        if not self.levels_shown:
            hidden = set(self.procedure.level_codes)
        self.cells = [Cell(level, None if small or level.code in hidden else self.counts.get(level.code, 0),
                           None if small or level.code in hidden else _percent(self.counts.get(level.code, 0), total))
                      for level in self.procedure.levels]
        self.total = None if small else total
        good = sum(self.counts.get(code, 0) for code in self.procedure.favourable_codes)
        # With a level hidden, the favourable share and the total give it back (19 − 17 = 2): hidden with it, as is
        # a share whose part or rest is a small group.
        gives_away = self.suppress and (bool(hidden) or any(0 < n < minimum for n in (good, total - good)))
        self.favourable = None if small or gives_away or not self.levels_shown else _percent(good, total)


def withheld_in_table(per_row: dict[object, dict[str, int]]) -> dict[object, frozenset[str]]:
    """Rows (classes) × levels shown with their total row: the levels to hide in each row and in the total (key
    TOTAL) so that no small group is given back by subtraction along a row or a level's column. A row's own
    total (its «Оценено») withheld is marked TOTAL among its levels: «всего» minus the other classes' totals would
    give a hidden class back (25 − 22 = 3), so a partner's total is withheld too (`Distribution` hides that row)."""
    hidden = suppress_table({(row, level): n for row, counts in per_row.items() for level, n in counts.items()})
    withheld: dict[object, set[str]] = defaultdict(set)
    for row, level in hidden:
        withheld[row].add(level)
    return {row: frozenset(withheld[row]) for row in [*per_row, TOTAL]}


def withheld_in_participation(per_row: dict[object, dict[str, int]]) -> dict[object, frozenset[str]]:
    """As `withheld_in_table` for rows that show only how many took part (`levels_by_class` false): each row's total
    is the one column; a row marked TOTAL is hidden whole, and so is its partner in the column (25 − 22 = 3). The
    total row (key TOTAL) is marked TOTAL only if its own «Оценено» must go."""
    withheld = withheld_in_table({row: {"n": sum(counts.values())} for row, counts in per_row.items()})
    return {row: frozenset({TOTAL}) if cells & {"n", TOTAL} else frozenset() for row, cells in withheld.items()}


def _percent(n: int, total: int) -> Decimal | None:
    if not total:
        return None
    return rounded(Fraction(100 * n, total), 1)


def _counted(results: QuerySet[DiagnosticResult], *keys: str) -> dict[tuple, dict[str, int]]:
    """{(key values…): {level: pupils}} from one grouped query."""
    out: dict[tuple, dict[str, int]] = defaultdict(dict)
    for row in results.values(*keys, "level").annotate(n=Count("id")).order_by():
        out[tuple(row[k] for k in keys)][row["level"]] = row["n"]
    return out


@dataclass
class ProcedureYear:
    procedure: Procedure
    classes: list[str]
    distribution: Distribution


def year_summary(user, scope: Scope, year: int) -> list[ProcedureYear]:
    """The procedures held this year in the reader's classes, in the file's order, with their distribution."""
    classes = scope.classes(user, [year])
    diagnostics = Diagnostic.objects.filter(school=scope.school, year_id=year, school_class__in=classes)
    held: dict[str, list[str]] = defaultdict(list)
    for code, name in diagnostics.order_by("school_class__grade", "school_class__letter", "school_class__name") \
            .values_list("procedure", "school_class__name"):
        held[code].append(name)
    results = DiagnosticResult.objects.filter(diagnostic__in=diagnostics)
    counts = _counted(results, "diagnostic__procedure")
    total_withheld: dict[str, frozenset[str]] = {}
    if scope.suppress:  # the total of the procedure's page, which shows its classes: the cells hidden there
        per_class: dict[str, dict[int, dict[str, int]]] = defaultdict(dict)
        for (code, pk), levels in _counted(results, "diagnostic__procedure", "diagnostic_id").items():
            per_class[code][pk] = levels
        total_withheld = {code: (withheld_in_table if levels_by_class(scope, procedures()[code])
                                 else withheld_in_participation)(rows)[TOTAL]
                          for code, rows in per_class.items() if code in procedures()}
    return [ProcedureYear(spec, held[code], Distribution(spec, counts.get((code,), {}), scope.suppress,
                                                         total_withheld.get(code, frozenset()),
                                                         school_levels(scope, spec)))
            for code, spec in procedures().items() if code in held]


@dataclass
class Row:
    label: str
    distribution: Distribution
    diagnostic: Diagnostic | None = None


@dataclass
class ProcedurePage:
    procedure: Procedure
    classes: list[Row]
    total: Distribution
    dynamics: list[tuple[int, list[Row]]]  # (grade, one row per year, the oldest first)
    by_class: bool = True  # False: the classes' and grades' rows show only how many took part (`levels_by_class`)
    school: bool = True  # False: the total too (`school_levels`)


def procedure_page(user, scope: Scope, spec: Procedure, year: int) -> ProcedurePage:
    """A procedure's classes this year and, per grade, the same procedure in the two previous years
    (the same grade: 1 класс this year against 1 класс last year)."""
    years = [year - 2, year - 1, year]
    classes = scope.classes(user, years)
    diagnostics = Diagnostic.objects.filter(school=scope.school, procedure=spec.code, school_class__in=classes)
    results = DiagnosticResult.objects.filter(diagnostic__in=diagnostics)
    this_year = list(diagnostics.filter(year_id=year).select_related("school_class", "conducted_by")
                     .order_by("school_class__grade", "school_class__letter", "school_class__name"))
    per_class = _counted(results.filter(diagnostic__year_id=year), "diagnostic_id")
    by_class = levels_by_class(scope, spec)
    in_table = withheld_in_table if by_class else withheld_in_participation
    withheld = in_table({d.pk: per_class.get((d.pk,), {}) for d in this_year}) if scope.suppress else {}
    rows = [Row(d.school_class.name, Distribution(spec, per_class.get((d.pk,), {}), scope.suppress,
                                                  withheld.get(d.pk, frozenset()), by_class), d)
            for d in this_year]
    total: dict[str, int] = defaultdict(int)
    for counts in per_class.values():
        for level, n in counts.items():
            total[level] += n
    per_grade = _counted(results, "diagnostic__school_class__grade", "diagnostic__year_id")
    grades = sorted({grade for grade, _ in per_grade})
    # This year's row of a grade is the sum of its classes shown above: it hides what any of them hides.
    grade_of = {d.pk: d.school_class.grade for d in this_year}
    in_grade: dict[int, set[str]] = defaultdict(set)
    for pk, levels in withheld.items():
        if pk != TOTAL:
            in_grade[grade_of[pk]] |= levels
    dynamics = [(grade, [Row(f"{y}/{y + 1}", Distribution(spec, per_grade.get((grade, y), {}), scope.suppress,
                                                          frozenset(in_grade[grade]) if y == year else frozenset(),
                                                          by_class))
                         for y in years]) for grade in grades]
    in_total = school_levels(scope, spec)
    return ProcedurePage(spec, rows, Distribution(spec, dict(total), scope.suppress, withheld.get(TOTAL, frozenset()),
                                                  in_total), dynamics, by_class, in_total)


def class_distribution(user, scope: Scope, diagnostic: Diagnostic) -> Distribution | None:
    """A class's distribution on its diagnostic's page: for the observer, its row as the procedure's page shows it
    (with the cells hidden there as a small class's partner — else the class's page gave them back beside the
    total), and only how many took part where the levels are the school's only (`levels_by_class`)."""
    spec = diagnostic.spec
    if spec is None:
        return None
    if scope.suppress:
        page = procedure_page(user, scope, spec, diagnostic.year_id)
        row = next((row for row in page.classes if row.diagnostic.pk == diagnostic.pk), None)
        if row is not None:
            return row.distribution
    counts = dict(diagnostic.results.values_list("level").annotate(n=Count("id")).order_by())
    return Distribution(spec, counts, scope.suppress, levels_shown=levels_by_class(scope, spec))


def withheld_assessed(user, scope: Scope, year: int, codes: set[str]) -> set[int]:
    """The diagnostics of the year whose «Оценено» the observer's procedure pages hide (a small class, or its
    partner: «Всего» minus the other classes would give it back) — the year's list of diagnostics hides them too."""
    if not scope.suppress:
        return set()
    specs = procedures()
    return {row.diagnostic.pk for code in codes if code in specs
            for row in procedure_page(user, scope, specs[code], year).classes if row.distribution.total is None}
