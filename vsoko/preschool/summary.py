"""The year's figures of the monitoring of preschool education, computed in the database (GROUP BY group ×
indicator): per area the mean level over its indicators and groups, the share of ratings at the base level or
above, the «зоны роста» and the dynamics over three school years.

Definitions (docs/preschool.md):
- a rating is one indicator in one group, rated 1–4; «не оценивался» (0) and an indicator without a row are
  left out of every mean and share;
- an area's mean level = the sum of its ratings / their number (all its indicators in all groups);
- the share at base = ratings of level 2 or above / all ratings of the area, in per cent;
- зоны роста: the indicators rated «ниже базового» in some group; if there are none, the indicators with the
  lowest mean level over the groups (ties all listed), unless that is already «превосходный»;
- a group is at the base level or above in an area when its own mean level there (the sum of its ratings of the
  area's indicators / their number) is 2 or more; the share of groups at base counts only the groups with a
  rating in the area.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db.models import Case, CharField, Count, Q, QuerySet, Sum, Value, When

from vsoko.indicators.enums import Unit
from vsoko.indicators.formatting import DECIMALS, fixed, format_value, rounded
from vsoko.preschool.areas import Area, Indicator, areas, indicators
from vsoko.preschool.enums import QualityLevel
from vsoko.preschool.models import Evaluation, PreschoolGroup, YearConclusion
from vsoko.records.models import OrgUnit

MEAN = Unit.MARK  # a mean level 1–4 is shown as a mean mark is: two places, «2,50»
MEAN_DECIMALS = DECIMALS[MEAN]
YEARS_SHOWN = 3


@dataclass
class Tally:
    """Ratings counted together: how many, their sum, how many at the base level or above, how many below."""

    rated: int = 0
    total: int = 0
    at_base: int = 0
    below: int = 0

    def add(self, other: Tally) -> None:
        self.rated += other.rated
        self.total += other.total
        self.at_base += other.at_base
        self.below += other.below

    @property
    def mean(self) -> Fraction | None:
        return Fraction(self.total, self.rated) if self.rated else None

    @property
    def share_at_base(self) -> Fraction | None:
        """Per cent of the ratings at level 2 or above."""
        return Fraction(100 * self.at_base, self.rated) if self.rated else None

    @property
    def mean_text(self) -> str:
        return mean_text(self.mean)

    @property
    def share_text(self) -> str:
        return percent_text(self.share_at_base)


def mean_text(value: Fraction | None) -> str:
    return "—" if value is None else fixed(value, MEAN)


def percent_text(value: Fraction | None) -> str:
    return "—" if value is None else format_value(value, Unit.PERCENT)


@dataclass(frozen=True)
class Change:
    """An area's mean this year against the year before, in words and an arrow (never colour alone)."""

    delta: Fraction | None

    @property
    def shown(self) -> Decimal | None:
        """The change as the page rounds it: a change that rounds to zero is none («= без изменений»)."""
        return None if self.delta is None else rounded(self.delta, MEAN_DECIMALS)

    @property
    def text(self) -> str:
        shown = self.shown
        if shown is None:
            return "нет данных для сравнения"
        if shown > 0:
            return f"▲ выше на {fixed(shown, MEAN)}"
        if shown < 0:
            return f"▼ ниже на {fixed(-shown, MEAN)}"
        return "= без изменений"


def tallies(school: OrgUnit, years: list[int]) -> dict[tuple[int, str], Tally]:
    """(year, indicator key) → the tally of its ratings over the school's groups of that year: one GROUP BY."""
    rows = (Evaluation.objects.filter(group__school=school, group__year_id__in=years,
                                      level__gte=QualityLevel.BELOW_BASE)
            .values("group__year_id", "indicator")
            .annotate(rated=Count("id"), total=Sum("level"),
                      at_base=Count("id", filter=Q(level__gte=QualityLevel.BASE)),
                      below=Count("id", filter=Q(level=QualityLevel.BELOW_BASE)))
            .order_by())
    return {(r["group__year_id"], r["indicator"]): Tally(r["rated"], r["total"], r["at_base"], r["below"])
            for r in rows}


def _area_of_indicator() -> Case:
    """The area key of an evaluation's indicator, in SQL: areas.yaml is data, so the mapping is built from it."""
    return Case(*(When(indicator__in=[ind.key for ind in area.indicators], then=Value(area.key)) for area in areas()),
                default=Value(""), output_field=CharField())


def group_area_tallies(groups: QuerySet[PreschoolGroup]) -> dict[tuple[int, int, str], Tally]:
    """(school id, group id, area key) → the tally of the group's ratings in the area: one GROUP BY over these
    groups' evaluations, so a page over many schools reads one row per group and area, never a rating."""
    rows = (Evaluation.objects.filter(group__in=groups, indicator__in=[ind.key for ind in indicators()],
                                      level__gte=QualityLevel.BELOW_BASE)
            .annotate(area=_area_of_indicator())
            .values("group__school_id", "group_id", "area")
            .annotate(rated=Count("id"), total=Sum("level"),
                      at_base=Count("id", filter=Q(level__gte=QualityLevel.BASE)),
                      below=Count("id", filter=Q(level=QualityLevel.BELOW_BASE)))
            .order_by())
    return {(r["group__school_id"], r["group_id"], r["area"]): Tally(r["rated"], r["total"], r["at_base"], r["below"])
            for r in rows}


def at_base(tally: Tally) -> bool:
    """A group's tally in an area (or over all areas) at the base level or above: its mean level is 2 or more."""
    return tally.rated > 0 and tally.total >= QualityLevel.BASE * tally.rated


@dataclass
class GroupShare:
    """Groups counted by their own mean level: how many have a rating, how many of them are at base or above."""

    rated: int = 0
    at_base: int = 0

    def count(self, tally: Tally) -> None:
        if tally.rated:
            self.rated += 1
            self.at_base += at_base(tally)

    def add(self, other: GroupShare) -> None:
        self.rated += other.rated
        self.at_base += other.at_base

    @property
    def share(self) -> Fraction | None:
        """Per cent of the groups with a rating whose mean level is 2 or more."""
        return Fraction(100 * self.at_base, self.rated) if self.rated else None

    @property
    def share_text(self) -> str:
        return percent_text(self.share)


def area_tally(area: Area, year: int, by_indicator: dict[tuple[int, str], Tally]) -> Tally:
    tally = Tally()
    for ind in area.indicators:
        tally.add(by_indicator.get((year, ind.key), Tally()))
    return tally


@dataclass
class AreaRow:
    area: Area
    by_year: dict[int, Tally]
    year: int

    @property
    def current(self) -> Tally:
        return self.by_year[self.year]

    @property
    def change(self) -> Change:
        now, before = self.current.mean, self.by_year[self.year - 1].mean
        return Change(None if now is None or before is None else now - before)

    def means(self, years: list[int]) -> list[Fraction | None]:
        return [self.by_year[y].mean for y in years]

    @property
    def means_shown(self) -> list[str]:
        """The mean of each year shown, oldest first."""
        return [self.by_year[y].mean_text for y in sorted(self.by_year)]


@dataclass
class GrowthZone:
    indicator: Indicator
    area: Area
    mean: Fraction | None
    below_groups: list[str] = field(default_factory=list)

    @property
    def reason(self) -> str:
        if self.below_groups:
            return "ниже базового уровня в группах: " + ", ".join(self.below_groups)
        return f"самый низкий средний уровень по группам ({mean_text(self.mean)})"


@dataclass
class GroupRow:
    group: PreschoolGroup
    rated: int
    not_rated: int
    total: int

    @property
    def unrecorded(self) -> int:
        """Indicators the group has no level for, not even «не оценивался»."""
        return len(indicators()) - self.rated - self.not_rated

    @property
    def mean(self) -> Fraction | None:
        return Fraction(self.total, self.rated) if self.rated else None

    @property
    def mean_text(self) -> str:
        return mean_text(self.mean)


@dataclass
class Overview:
    school: OrgUnit
    year: int
    years: list[int]
    groups: list[GroupRow]
    areas: list[AreaRow]
    growth: list[GrowthZone]
    conclusion: YearConclusion | None

    @property
    def whole(self) -> Tally:
        tally = Tally()
        for row in self.areas:
            tally.add(row.current)
        return tally

    @property
    def has_ratings(self) -> bool:
        return self.whole.rated > 0

    @property
    def children(self) -> int:
        return sum(row.group.children for row in self.groups)

    @property
    def children_ovz(self) -> int:
        return sum(row.group.children_ovz for row in self.groups)


def groups_of(school: OrgUnit, year: int) -> QuerySet[PreschoolGroup]:
    return PreschoolGroup.objects.filter(school=school, year_id=year)


def group_rows(school: OrgUnit, year: int) -> list[GroupRow]:
    """The year's groups with their counts of ratings (one query). Only the indicators of areas.yaml count: the
    levels of one taken out of the file stay stored but count nowhere, as in the areas' means."""
    known = Q(evaluations__indicator__in=[ind.key for ind in indicators()])
    rated = known & Q(evaluations__level__gte=QualityLevel.BELOW_BASE)
    groups = groups_of(school, year).annotate(
        rated=Count("evaluations", filter=rated), not_rated=Count(
            "evaluations", filter=known & Q(evaluations__level=QualityLevel.NOT_RATED)),
        level_sum=Sum("evaluations__level", filter=rated)).order_by("name", "pk")
    return [GroupRow(g, g.rated, g.not_rated, g.level_sum or 0) for g in groups]


def growth_zones(school: OrgUnit, year: int, by_indicator: dict[tuple[int, str], Tally]) -> list[GrowthZone]:
    area_of = {ind.key: area for area in areas() for ind in area.indicators}
    below = defaultdict(list)
    for key, name in (Evaluation.objects.filter(group__school=school, group__year_id=year, indicator__in=list(area_of),
                                                level=QualityLevel.BELOW_BASE)
                      .order_by("group__name").values_list("indicator", "group__name")):
        below[key].append(name)
    if below:
        return [GrowthZone(ind, area_of[ind.key], by_indicator[(year, ind.key)].mean, below[ind.key])
                for ind in indicators() if ind.key in below]
    rated = [(by_indicator[(year, ind.key)].mean, ind) for ind in indicators() if (year, ind.key) in by_indicator]
    if not rated:
        return []
    lowest = min(mean for mean, _ in rated)
    if lowest >= QualityLevel.EXCELLENT:
        return []
    return [GrowthZone(ind, area_of[ind.key], mean) for mean, ind in rated if mean == lowest]


def overview(school: OrgUnit, year: int) -> Overview:
    years = list(range(year - YEARS_SHOWN + 1, year + 1))
    by_indicator = tallies(school, years)
    rows = [AreaRow(area, {y: area_tally(area, y, by_indicator) for y in years}, year)
            for area in areas()]
    return Overview(school, year, years, group_rows(school, year), rows, growth_zones(school, year, by_indicator),
                    YearConclusion.objects.filter(school=school, year_id=year).first())


def has_preschool_data(school: OrgUnit, year: int) -> bool:
    return groups_of(school, year).exists()
