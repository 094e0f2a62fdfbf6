"""Preschool monitoring across a municipality: for the organisations that keep preschool groups in a year, the
mean level of each area and the share of groups at the base level or above, side by side, and the same for all
the organisations together.

Everything is read in two GROUP BY queries (groups per school; ratings per group and area,
vsoko.preschool.summary.group_area_tallies). «Все организации вместе» adds up the groups' sums and counts — the sum of
all levels / the number of all ratings, the groups at base / the groups rated — never a mean of the schools'
means: a school with one group weighs one group, not a school.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from vsoko.preschool.areas import Area, areas
from vsoko.preschool.models import PreschoolGroup
from vsoko.preschool.summary import GroupShare, Tally, group_area_tallies
from vsoko.records.models import OrgUnit
from vsoko.records.schools import name_order


@dataclass
class Figures:
    """An area (or all areas) in one organisation or several: the ratings' tally and the groups' share."""

    ratings: Tally = field(default_factory=Tally)
    groups: GroupShare = field(default_factory=GroupShare)

    def add(self, other: Figures) -> None:
        self.ratings.add(other.ratings)
        self.groups.add(other.groups)


@dataclass
class Line:
    school: OrgUnit | None  # None: all the organisations together
    groups: int
    by_area: dict[str, Figures]
    whole: Figures  # over all areas: all the ratings; a group counted by its mean over all its ratings


@dataclass
class MunicipalOverview:
    year: int
    areas: list[Area]
    lines: list[Line]
    total: Line


def _line(school: OrgUnit | None, groups: int) -> Line:
    return Line(school, groups, {area.key: Figures() for area in areas()}, Figures())


def municipal_overview(schools: QuerySet[OrgUnit], year: int) -> MunicipalOverview:
    """The organisations among `schools` with preschool groups in `year`, by name, and all of them together."""
    groups = PreschoolGroup.objects.filter(school__in=schools, year_id=year)
    counted = dict(groups.values("school_id").annotate(n=Count("id")).order_by().values_list("school_id", "n"))
    keeping = sorted(OrgUnit.objects.filter(pk__in=list(counted)), key=name_order)
    lines = {school.pk: _line(school, counted[school.pk]) for school in keeping}
    by_group: dict[tuple[int, int], Tally] = defaultdict(Tally)  # a group's tally over all areas
    for (school_id, group_id, area_key), tally in group_area_tallies(groups).items():
        cell = lines[school_id].by_area[area_key]
        cell.ratings.add(tally)
        cell.groups.count(tally)
        by_group[school_id, group_id].add(tally)
    for (school_id, _), tally in by_group.items():
        lines[school_id].whole.ratings.add(tally)
        lines[school_id].whole.groups.count(tally)
    total = _line(None, sum(counted.values()))
    for line in lines.values():
        for key, figures in line.by_area.items():
            total.by_area[key].add(figures)
        total.whole.add(line.whole)
    return MunicipalOverview(year, list(areas()), list(lines.values()), total)
