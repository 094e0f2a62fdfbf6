"""«Признаки необъективности по школам»: the objectivity flags of the ВПР, ОГЭ and ЕГЭ of a municipality's schools
side by side — the schools with flags counted, every flag of high risk explained — on the web page and in the
municipal report (vsoko.reports.municipal) alike.

The flags are those each school's «Анализ» page shows a reader who sees aggregates only (`objectivity_by_school`:
the same rules and thresholds, a flag that would tell of fewer than VSOKO_MIN_GROUP_SIZE people left out), for
whoever reads them: the page and its download leave the school, as the report does. The page keeps each school's
flags for its data generation (vsoko.datavalues.generation: every import recomputes what it touched): the grouped
read takes 0.2–0.3 s for the 8 demo schools, a kept page a few milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass

from vsoko.analysis.access import Privacy
from vsoko.analysis.flags import Flag, FlagKind, Level
from vsoko.analysis.thresholds import Thresholds
from vsoko.analysis.year import KIND_GROUPS, ProcedureFlags, objectivity_by_school
from vsoko.datavalues import generation
from vsoko.records.models import OrgUnit

KINDS = tuple(kind for _, _, kinds in KIND_GROUPS for kind in kinds)  # ВПР, ОГЭ, ЕГЭ


def flags_by_school(schools: list[OrgUnit], year: int, *, keep: bool = False) -> dict[int, list[ProcedureFlags]]:
    """{school pk: its procedures of the year with their shown flags}, every school present; `keep`: kept for the
    schools' data generations."""
    thresholds = Thresholds.configured()

    def find(ids: list[int]) -> dict[int, list[ProcedureFlags]]:
        asked = set(ids)
        found = objectivity_by_school([s for s in schools if s.pk in asked], year, Privacy(on=True), thresholds,
                                      kinds=KINDS)
        return {pk: found.get(pk, []) for pk in ids}

    ids = [s.pk for s in schools]
    return generation.cached("objectivity", ids, find, year, thresholds) if keep else find(ids)


@dataclass(frozen=True)
class SchoolFlags:
    school: OrgUnit
    procedures: int  # ВПР, ОГЭ and ЕГЭ of the year
    flagged: int  # of them with a flag
    high: int  # of them with a flag of high risk
    by_kind: list[int]  # procedures with a flag of each of Summary.kinds


@dataclass(frozen=True)
class HighFlag:
    school: OrgUnit
    procedure: ProcedureFlags
    flag: Flag


@dataclass(frozen=True)
class Summary:
    kinds: list[FlagKind]  # the kinds found at some school, in FlagKind's order
    schools: list[SchoolFlags]  # the schools with a flag, in the order given
    high: list[HighFlag]


def summary(schools: list[OrgUnit], found: dict[int, list[ProcedureFlags]]) -> Summary:
    flagged = [school for school in schools if any(p.flags for p in found.get(school.pk, []))]
    kinds = [kind for kind in FlagKind.objectivity()
             if any(f.kind == kind for s in flagged for p in found[s.pk] for f in p.flags)]
    lines, high = [], []
    for school in flagged:
        procedures = found[school.pk]
        lines.append(SchoolFlags(
            school, len(procedures), sum(1 for p in procedures if p.flags),
            sum(1 for p in procedures if any(f.level == Level.HIGH for f in p.flags)),
            [sum(1 for p in procedures if any(f.kind == kind for f in p.flags)) for kind in kinds]))
        high += [HighFlag(school, p, f) for p in procedures for f in p.flags if f.level == Level.HIGH]
    return Summary(kinds, lines, high)
