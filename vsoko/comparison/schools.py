"""Comparing the schools of a municipality on key indicators: values, ranks, the total of all schools,
and groups of similar schools.

Every value comes from the indicator engine: a school's from its data values, the total's and each
group's from the data values of their schools summed (a ratio of sums, never a mean of the schools'
percentages); all of them from one read of the schools' data values. For a reader who may not see a school's
pupils (the municipal observer), a value that tells of a group smaller than VSOKO_MIN_GROUP_SIZE — a share whose
part or rest (17 of 18: the one without) is that small, any other value over so small a denominator, as on the
indicator page (`vsoko.indicators.dashboard.discloses`) — is withheld, and left out of the ranks and the groups.
«All schools together» and each group's row are sums of their schools: a group row with a withheld school is
withheld, and the total, which minus the shown schools gives all the withheld ones together, is withheld where
these still tell of a small group (`complement`: the complementary rule of the analysis pages,
vsoko.analysis.context, with the same `Privacy`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from django.conf import settings

from vsoko.analysis.access import Privacy
from vsoko.comparison.clusters import competition_ranks, kmeans, standardized
from vsoko.datavalues import generation
from vsoko.indicators.dashboard import compare, discloses
from vsoko.indicators.enums import Direction, Status
from vsoko.indicators.evaluate import (
    Evaluator,
    Sums,
    Value,
    added,
    as_year_data,
    fixed_values,
    needed_codes,
    rows_by_school,
    summed,
)
from vsoko.indicators.formatting import as_shown
from vsoko.indicators.models import Catalog, Indicator
from vsoko.indicators.values import CORE, definitions_reached
from vsoko.records.models import OrgUnit

# The key indicators of the cluster model (000, п. 4.7) offered first: results, ГИА, ВПР, staff, satisfaction.
KEY_INDICATORS = ("core.quality", "core.success", "core.vpr_base", "core.oge_passed", "core.ege_mean_score",
                  "core.staff_courses_3y", "core.parents_satisfied")
DEFAULT_GROUPS = 3
GROUP_CHOICES = range(2, 6)  # the numbers of groups the page offers


@dataclass(frozen=True)
class Figure:
    value: Value
    withheld: bool = False
    rank: int | None = None
    status: Status = Status.UNKNOWN  # against the total of all schools

    @property
    def shown(self) -> Fraction | None:
        return None if self.withheld else self.value.value


@dataclass(frozen=True)
class SchoolLine:
    school: OrgUnit
    figures: list[Figure]
    group: int | None  # the Group's number; None: no value to group by


@dataclass(frozen=True)
class Group:
    number: int  # 1 = the strongest
    schools: list[OrgUnit]
    figures: list[Figure]  # the group's schools taken together


@dataclass(frozen=True)
class Comparison:
    year: int
    indicators: list[Indicator]
    lines: list[SchoolLine]
    total: list[Figure]
    groups: list[Group]

    @property
    def withheld_everywhere(self) -> list[bool]:
        """Per indicator: no school's value is shown, and some are withheld (the others have no data): a column
        of «—*» that tells the reader nothing but that every school's group is small — said once instead, beside
        the municipality's own value (`total`), which `complement` shows where all of them together tell of no
        small group (minus no shown school, it gives away all the schools together, never one)."""
        return [any(line.figures[n].withheld for line in self.lines)
                and all(line.figures[n].withheld or line.figures[n].value.value is None for line in self.lines)
                for n in range(len(self.indicators))]


class _Values:
    """The indicators' values of any set of the schools, from one read of all their data values.

    `keep` (the page, viewed again and again with another sort, number of groups or choice): each school's
    sums and its own values are kept for its data generation (vsoko.datavalues.generation). Both follow
    from its data values, the year and the definitions alone (the key holds all three), and a rewrite of
    its values gives a new token, under which the next page reads and evaluates that school again. The
    sums of several schools together are added up from the kept sums every time."""

    def __init__(self, schools: list[OrgUnit], year: int, indicators: list[Indicator], *, keep: bool = False):
        self.year, self.codes = year, [i.code for i in indicators]
        self.definitions = definitions_reached(indicators)
        data_codes, reached = needed_codes(self.definitions, self.codes, breakdowns=False)
        fixed = fixed_values(self.definitions, reached)

        def read(school_ids: list[int]) -> dict[int, tuple[Sums, list[Value]]]:
            rows = rows_by_school(school_ids, [year], data_codes, fixed)
            # Plain dictionaries: the cache pickles what it keeps.
            sums = {pk: dict(summed(school_rows, data_codes)) for pk, school_rows in rows.items()}
            return {pk: (school_sums, self._evaluated(school_sums, single_school=True))
                    for pk, school_sums in sums.items()}

        ids = [s.pk for s in schools]
        kept = generation.cached("compare", ids, read, year, tuple(self.codes),
                                 tuple(sorted(self.definitions.items()))) if keep else read(ids)
        self.sums = {pk: school_sums for pk, (school_sums, _) in kept.items()}
        self.own = {pk: values for pk, (_, values) in kept.items()}

    def of(self, school_ids: list[int]) -> list[Value]:
        if len(school_ids) == 1:
            return self.own[school_ids[0]]
        return self._evaluated(added(self.sums[pk] for pk in school_ids), single_school=False)

    def _evaluated(self, sums: Sums, *, single_school: bool) -> list[Value]:
        evaluator = Evaluator(self.definitions, as_year_data(sums), single_school=single_school, breakdowns=False)
        return [evaluator.value(code, self.year) for code in self.codes]


def everywhere_note(comparison: Comparison, n: int) -> str | None:
    """What a column withheld in every school (`Comparison.withheld_everywhere`) says once instead of a «—*» per
    school: that every school's group is small, and whether the municipality's own value is shown."""
    if not comparison.withheld_everywhere[n]:
        return None
    minimum = settings.VSOKO_MIN_GROUP_SIZE
    schools = "всех школах" if all(line.figures[n].withheld for line in comparison.lines) else "всех школах с данными"
    if comparison.total[n].withheld:
        return f"во {schools} и в муниципалитете в целом группы меньше {minimum} человек — значения скрыты"
    return f"во {schools} группы меньше {minimum} человек — показано только значение по муниципалитету"


def everywhere_said(comparison: Comparison, n: int, total: str) -> str | None:
    """`everywhere_note` with the municipality's own value as shown (`total`) where it is shown: what a table without
    a row of all schools together — the groups of similar schools — says once over a column withheld everywhere."""
    note = everywhere_note(comparison, n)
    if note is None or comparison.total[n].withheld:
        return note
    return f"{note}: {total}"


def offered_indicators(catalog: Catalog | None) -> list[Indicator]:
    """The catalog's indicators that have a whole-school value, in the catalog's order: those one may compare."""
    return list(Indicator.objects.filter(catalog=catalog, retired=False, total=True).order_by("position"))


def default_indicators(catalog: Catalog | None, offered: list[Indicator]) -> list[Indicator]:
    """The key indicators in the core catalog; in another, its first indicators with a direction."""
    if catalog is not None and catalog.code == CORE:
        return [i for i in offered if i.code in KEY_INDICATORS]
    return [i for i in offered if i.direction in (Direction.UP, Direction.DOWN)][:len(KEY_INDICATORS)]


def indicator_groups(offered: list[Indicator]) -> list[tuple[str, int]]:
    """The groups of the offered indicators (Кадры, ВПР…) in the catalog's order, each with how many it has: one
    choice compares, and takes to Excel, a whole group at once."""
    counts: dict[str, int] = {}
    for indicator in offered:
        if indicator.group:
            counts[indicator.group] = counts.get(indicator.group, 0) + 1
    return list(counts.items())


def in_group(offered: list[Indicator], group: str | None) -> list[Indicator]:
    """The offered indicators of the group asked for (the page's ?group=); none for no group or one the catalog has
    not (the form sends it along when the catalog changes): the ticked ones are taken then."""
    return [i for i in offered if group and i.group == group]


def ticked(offered: list[Indicator], asked: Collection[str]) -> list[Indicator]:
    """The offered indicators whose codes are asked for, in the catalog's order. A code the catalog does not offer
    chooses nothing: the page's form sends the boxes ticked in another catalog along when the catalog changes.
    None ticked: the page takes `default_indicators`."""
    return [i for i in offered if i.code in asked]


def chosen_groups(raw: str | None) -> int:
    """The number of groups asked for (the page's ?k=), one of GROUP_CHOICES; anything else: DEFAULT_GROUPS."""
    raw = (raw or "").strip()
    return int(raw) if raw.isdigit() and int(raw) in GROUP_CHOICES else DEFAULT_GROUPS


@dataclass(frozen=True)
class YearFigures:
    total: list[Figure]  # all the schools together
    schools: dict[int, list[Figure]]  # each school's own, by its pk


def year_figures(schools: list[OrgUnit], year: int, indicators: list[Indicator]) -> YearFigures:
    """All the schools together and each school in one year, for a reader who sees no school's pupils (the
    municipal report's earlier years): a school's value withheld where it tells of a small group (`discloses`, as
    on «Сравнение школ»), the total where, minus the schools shown that year (each school's value is on its
    indicator page and on «Сравнение школ» of that year), it would give away the withheld ones (`complement`, no
    groups). One read of the data values."""
    values = _Values(schools, year, indicators)
    privacy = Privacy(on=True)
    total = []
    own: dict[int, list[Figure]] = {s.pk: [] for s in schools}
    for n, value in enumerate(values.of([s.pk for s in schools])):
        unit = indicators[n].unit
        withheld = {}
        for school in schools:
            hidden = discloses(mine := values.own[school.pk][n], unit, privacy)
            own[school.pk].append(Figure(mine, withheld=hidden))
            if hidden:
                withheld[school.pk] = mine
        total.append(Figure(value, withheld=complement(withheld, {}, unit, privacy)[1]))
    return YearFigures(total, own)


def together(values: Collection[Value]) -> Value:
    """Values taken together as subtraction from their sum gives them: numerators and denominators summed (the
    value itself does not matter to `discloses`); no numerator where one of them has none."""
    numerators = [v.numerator for v in values]
    return Value(Fraction(1), None if None in numerators else sum(numerators), sum(v.denominator for v in values))


def complement(withheld: Mapping[Hashable, Value], group_of: Mapping[Hashable, int], unit: str,
               privacy: Privacy) -> tuple[set[int], bool]:
    """The groups whose row, and whether the row of all schools together, must be withheld too.

    `withheld`: each withheld school's value (of an indicator of this `unit`); `group_of`: each grouped school's
    group. A group row with a withheld school is withheld: the groups change with the number of groups and the
    indicators ticked, and a row of withheld schools that together tell of no small group, beside the total
    under another choice where they fall apart, would give away the school left over. The shown group rows then
    hold shown schools only, and the total minus the shown schools gives all the withheld schools together:
    withheld where these still tell of a small group (`discloses`: their denominators, or for a share their
    parts and rests, summed; one school alone always does), the same under every choice of groups.
    """
    if not privacy.on or not withheld:
        return set(), False
    groups = {group_of[key] for key in withheld if key in group_of}
    return groups, discloses(together(withheld.values()), unit, privacy)


def compare_schools(schools: list[OrgUnit], year: int, indicators: list[Indicator], *,
                    hides_small_groups: Callable[[OrgUnit], bool], groups: int = DEFAULT_GROUPS,
                    keep: bool = False) -> Comparison:
    """The schools compared; `keep`: each school's sums and values kept for its data generation (see `_Values`)."""
    values = _Values(schools, year, indicators, keep=keep)
    total = values.of([s.pk for s in schools])
    raw = {s.pk: values.of([s.pk]) for s in schools}
    privacy = Privacy(on=True)
    hidden = {s.pk: [hides_small_groups(s) and discloses(v, i.unit, privacy) for v, i in zip(raw[s.pk], indicators,
                                                                                             strict=True)]
              for s in schools}

    # Per indicator: the shown values, the ranks among them — by the values as shown, so that two schools shown
    # with the same «19,4 %» share a place; the groups take the exact values.
    columns: list[dict[int, float]] = []
    ranks: list[dict[int, int]] = []
    for n, indicator in enumerate(indicators):
        column = {pk: float(values[n].value) for pk, values in raw.items()
                  if values[n].value is not None and not hidden[pk][n]}
        columns.append(column)
        judged = indicator.direction in (Direction.UP, Direction.DOWN)
        # Places by the values as shown: 19,44 % and 19,35 % are both «19,4 %», equal, not first and second.
        ranks.append(competition_ranks({pk: as_shown(raw[pk][n].value, indicator.unit) for pk in column},
                                       higher_is_better=indicator.direction == Direction.UP) if judged else {})

    # Groups of similar schools: on the judged indicators, the schools with at least one shown value.
    judged = [n for n, i in enumerate(indicators) if i.direction in (Direction.UP, Direction.DOWN)]
    present = [s.pk for s in schools if any(s.pk in columns[n] for n in judged)]
    points = standardized([columns[n] for n in judged],
                          [1 if indicators[n].direction == Direction.UP else -1 for n in judged], present)
    group_of = kmeans(points, groups) if judged else {}

    # The rows of sums (the groups', all schools') withheld where they would give away withheld schools; no
    # school is then better or worse than a withheld total: fifty such marks would narrow it down between two
    # schools' values.
    withheld_groups: list[set[int]] = []
    withheld_total: list[bool] = []
    for n, indicator in enumerate(indicators):
        withheld = {s.pk: raw[s.pk][n] for s in schools if hidden[s.pk][n]}
        in_groups, in_total = complement(withheld, group_of, indicator.unit, privacy)
        withheld_groups.append(in_groups)
        withheld_total.append(in_total)

    def figures(values: list[Value], pk: int | None = None) -> list[Figure]:
        return [Figure(value, withheld=pk is not None and hidden[pk][n], rank=ranks[n].get(pk),
                       status=compare(as_shown(value.value, indicators[n].unit),
                                      as_shown(total[n].value, indicators[n].unit), indicators[n].direction,
                                      target=False)
                       if pk is not None and not hidden[pk][n] and not withheld_total[n] else Status.UNKNOWN)
                for n, value in enumerate(values)]

    def sums(values: list[Value], withheld: list[bool]) -> list[Figure]:
        return [Figure(value, withheld=withheld[n]) for n, value in enumerate(values)]

    lines = [SchoolLine(s, figures(raw[s.pk], s.pk), group_of[s.pk] + 1 if s.pk in group_of else None)
             for s in schools]
    found = []
    for number in sorted(set(group_of.values())):
        members = [s for s in schools if group_of.get(s.pk) == number]
        found.append(Group(number + 1, members, sums(values.of([s.pk for s in members]),
                                                     [number in withheld_groups[n] for n in range(len(indicators))])))
    return Comparison(year, indicators, lines, sums(total, withheld_total), found)
