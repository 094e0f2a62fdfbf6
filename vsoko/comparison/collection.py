"""«Сбор данных»: what each school of a municipality has loaded for a year — the municipal specialist's first
question each season, «кто ещё не сдал данные?».

Counts only, never a person: pupils on the roll, the latest period with marks, pedagogical staff, the ВПР, ОГЭ and
ЕГЭ procedures with results, the questionnaires answered (their respondents as the indicators count them), the
hand-entered indicators of a catalog filled, the last import of the year's data. Each is one read across all the schools (never a query
per school), so the page costs the same number of queries for 8 schools or 50.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, TextChoices

from vsoko.datavalues.models import DataValue
from vsoko.datavalues.populations import ce_enrollments
from vsoko.imports.enums import ImportStatus
from vsoko.imports.models import ImportRun
from vsoko.indicators.enums import Method
from vsoko.indicators.models import Catalog, Indicator
from vsoko.records.enums import AssessmentKind, Period, ValueScope
from vsoko.records.models import Assessment, ManualValue, OrgUnit, PeriodMark, Result, StaffYear
from vsoko.records.schools import name_order

# The procedures the page counts, in the order of its columns.
PROCEDURE_KINDS = (AssessmentKind.VPR, AssessmentKind.OGE, AssessmentKind.EGE)


class Part(TextChoices):
    """What a school is expected to load for the year; one column each, and what «не хватает» names."""

    PUPILS = "pupils", "обучающиеся"
    MARKS = "marks", "отметки за периоды"
    STAFF = "staff", "педагоги"
    PROCEDURES = "procedures", "ВПР, ОГЭ, ЕГЭ"
    SURVEYS = "surveys", "анкеты"
    ENTERED = "entered", "показатели, вводимые вручную"


class Readiness(TextChoices):
    """The school's state as a whole: said in words and by colour (`badge`)."""

    NOTHING = "nothing", "данных нет"
    PARTIAL = "partial", "загружено не всё"
    COMPLETE = "complete", "всё загружено"

    @property
    def badge(self) -> str:
        return {"nothing": "badge--invalid", "partial": "badge--warning", "complete": "badge--ok"}[self.value]


@dataclass
class SchoolData:
    school: OrgUnit
    pupils: int = 0
    periods: set[str] = field(default_factory=set)  # the periods with marks
    staff: int = 0
    procedures: dict[str, int] = field(default_factory=dict)  # kind → procedures with results
    questionnaires: int = 0
    respondents: int = 0
    entered: int = 0  # hand-entered indicators of the catalog with the school's value
    entered_total: int = 0
    last_import: datetime.datetime | None = None  # of a done import that added or changed the year's rows

    @property
    def last_period(self) -> Period | None:
        """The latest period with marks in the school's own system (quarters, trimesters, halves); the year's marks
        are the last of all."""
        order = Period.for_system(self.school.period_system)
        found = [p for p in order if p in self.periods]
        return found[-1] if found else None

    @property
    def marks_text(self) -> str:
        period = self.last_period
        if period is None:
            return "нет"
        return "годовые" if period == Period.YEAR else str(period.label)

    @property
    def procedure_counts(self) -> list[int]:
        """Procedures with results of each kind, in PROCEDURE_KINDS' order (the page's columns)."""
        return [self.procedures.get(kind, 0) for kind in PROCEDURE_KINDS]

    @property
    def procedures_total(self) -> int:
        return sum(self.procedures.values())

    @property
    def missing(self) -> list[Part]:
        """The parts not loaded yet, in the columns' order; hand-entered indicators count while any is empty."""
        empty = {Part.PUPILS: not self.pupils, Part.MARKS: self.last_period is None, Part.STAFF: not self.staff,
                 Part.PROCEDURES: not self.procedures_total, Part.SURVEYS: not self.questionnaires,
                 Part.ENTERED: self.entered < self.entered_total}
        return [part for part in Part if empty[part]]

    @property
    def readiness(self) -> Readiness:
        if not (self.pupils or self.periods or self.staff or self.procedures_total or self.questionnaires
                or self.entered):
            return Readiness.NOTHING
        return Readiness.PARTIAL if self.missing else Readiness.COMPLETE

    @property
    def missing_text(self) -> str:
        return ", ".join(str(part.label) for part in self.missing) or "—"


def catalogs_to_fill() -> list[Catalog]:
    """The shipped catalogs (not a school's own) with indicators entered by hand, by code: those whose filling the
    page follows (the core catalog is all computed; приказ № 1324 and the regulations' catalogs are not)."""
    return list(Catalog.objects.filter(school__isnull=True)
                .annotate(entered=Count("indicators", filter=Q(indicators__method=Method.ENTERED,
                                                               indicators__retired=False)))
                .filter(entered__gt=0).order_by("code"))


def entered_indicators(catalog: Catalog | None) -> list[str]:
    """The codes of the catalog's indicators entered by hand (not computed): those a school fills in itself."""
    if catalog is None:
        return []
    return list(Indicator.objects.filter(catalog=catalog, retired=False, method=Method.ENTERED)
                .order_by("position").values_list("code", flat=True))


def collected(schools: list[OrgUnit], year: int, catalog: Catalog | None) -> list[SchoolData]:
    """What each school has loaded for the year, by name; one grouped read per table for all of them."""
    by_school = {s.pk: SchoolData(s) for s in schools}
    ids = list(by_school)
    for row in ce_enrollments(ids, [year]).values("school_id").annotate(n=Count("pk")).order_by():
        by_school[row["school_id"]].pupils = row["n"]
    # Which periods have marks: an index seek per school and period, not a scan of the year's marks (250 000 rows
    # for the 8 demo schools, a third of a second to DISTINCT).
    has = {period: Exists(PeriodMark.objects.filter(school_id=OuterRef("pk"), year_id=year, period=period))
           for period in Period.values}
    marks = (OrgUnit.objects.filter(pk__in=ids).annotate(**{f"has_{p}": e for p, e in has.items()})
             .values_list("pk", *(f"has_{p}" for p in has)).order_by())
    for pk, *found in marks:
        by_school[pk].periods = {p for p, yes in zip(has, found, strict=True) if yes}
    staff = StaffYear.objects.filter(school_id__in=ids, year_id=year, pedagogical=True)
    for row in staff.values("school_id").annotate(n=Count("pk")).order_by():
        by_school[row["school_id"]].staff = row["n"]
    # A procedure counts once it has a result (one seek per procedure, not a count of every result).
    procedures = (Assessment.objects.filter(school_id__in=ids, year_id=year, kind__in=PROCEDURE_KINDS)
                  .filter(Exists(Result.objects.filter(assessment=OuterRef("pk"))))
                  .values("school_id", "kind").annotate(n=Count("pk")).order_by())
    for row in procedures:
        by_school[row["school_id"]].procedures[row["kind"]] = row["n"]
    # The questionnaires' respondents as the indicators count them (survey.respondents, a row per questionnaire
    # and grade, each respondent in one of them), not a distinct count over every answer.
    respondents = DataValue.objects.filter(org_unit_id__in=ids, year_id=year, period__isnull=True,
                                           code="survey.respondents")
    questionnaires: dict[int, set[str]] = {pk: set() for pk in ids}
    for pk, breakdown, value in respondents.values_list("org_unit_id", "breakdown", "value").order_by():
        questionnaires[pk].add(breakdown.get("survey", ""))
        by_school[pk].respondents += int(value)
    for pk, found in questionnaires.items():
        by_school[pk].questionnaires = len(found)
    codes = entered_indicators(catalog)
    for data in by_school.values():
        data.entered_total = len(codes)
    if codes:
        filled = (ManualValue.objects.filter(school_id__in=ids, year_id=year, scope=ValueScope.SCHOOL,
                                             indicator__in=codes)
                  .values("school_id").annotate(n=Count("indicator", distinct=True)).order_by())
        for row in filled:
            by_school[row["school_id"]].entered = row["n"]
    # The year's last load: a done import that added or changed rows of the year (`years`, a JSON list, which
    # SQLite cannot search in: the schools' done runs are few, a season's loads, and read as they are).
    imports = ImportRun.objects.filter(school_id__in=ids, status=ImportStatus.DONE).values_list(
        "school_id", "years", "created").order_by()
    for pk, years, created in imports:
        data = by_school[pk]
        if year in (years or []) and (data.last_import is None or created > data.last_import):
            data.last_import = created
    return sorted(by_school.values(), key=lambda data: name_order(data.school))


class Order(TextChoices):
    """The page's ?sort=: who to chase first (the most parts missing), or by name."""

    MISSING = "missing", "сначала те, у кого не хватает больше"
    NAME = "name", "по названию"


def ordered(rows: list[SchoolData], order: Order) -> list[SchoolData]:
    """`rows` (by name) in the order asked for: the most parts missing first, then the fewest hand-entered
    indicators filled, then by name (the sort is stable); or by name."""
    if order == Order.NAME:
        return rows
    return sorted(rows, key=lambda data: (-len(data.missing), data.entered - data.entered_total))
