"""The index of a school's year: its procedures grouped by kind, their key figures and flags.

Two grouped reads of data values (the procedures' figures and the risk flags) plus the
procedures themselves; the grades, subjects and classes to go further from.

`objectivity_by_school` finds the index's objectivity flags of many schools at once (the
municipal report): the figures the rules need summed in the database (`objectivity_figures`,
two grouped reads), instead of an index each.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db import connection
from django.db.models import DecimalField, F, IntegerField, Q, Sum
from django.db.models.functions import Cast
from django.db.models.lookups import GreaterThan, In, LessThan

from vsoko.analysis import figures as fig
from vsoko.analysis.access import QUALITY, TWOS, Privacy
from vsoko.analysis.flags import Flag, objectivity_flags
from vsoko.analysis.procedure import class_order
from vsoko.analysis.risk import (
    concerns,
    fold_classes,
    own_classes_first,
    procedure_label,
    risk_flags,
)
from vsoko.analysis.slices import withheld_by_table
from vsoko.analysis.thresholds import Thresholds
from vsoko.datavalues.enums import Source
from vsoko.datavalues.models import DataValue
from vsoko.publication.suppression import TOTAL
from vsoko.records.enums import AssessmentKind
from vsoko.records.models import Assessment, OrgUnit, SchoolClass

KIND_GROUPS = (
    ("vpr", "ВПР", (AssessmentKind.VPR,)),
    ("oge", "ОГЭ", (AssessmentKind.OGE,)),
    ("ege", "ЕГЭ", (AssessmentKind.EGE,)),
)
OTHER = ("other", "Другие процедуры")


@dataclass
class IndexRow:
    assessment: Assessment
    figures: fig.Figures
    flags: list[Flag]
    privacy: Privacy

    @property
    def label(self) -> str:
        a = self.assessment
        return procedure_label(a.kind, a.subject.name if a.subject else None, a.grade)

    @property
    def short_label(self) -> str:
        """Within its kind's table: «математика, 5 класс»."""
        a = self.assessment
        parts = [a.subject.name if a.kind == AssessmentKind.EGE else a.subject.name.lower()] if a.subject else []
        if a.kind not in (AssessmentKind.VPR, AssessmentKind.OGE, AssessmentKind.EGE):
            parts.insert(0, a.get_kind_display())
        if a.grade:
            parts.append(f"{a.grade} класс")
        return ", ".join(parts) or a.assessment_id

    @property
    def hidden(self) -> bool:
        """Too few results to show; a reserve day of retakes alone is as small as its retakes."""
        return self.privacy.too_small(self.figures.results or self.figures.retakes)

    @property
    def retake_only(self) -> bool:
        return not self.figures.results and self.figures.retakes > 0

    @property
    def is_ege(self) -> bool:
        return self.assessment.kind == AssessmentKind.EGE

    @property
    def mean_is_test_score(self) -> bool:
        """ЕГЭ gives test scores — except базовая математика, which gives only a mark: its mean is a mean mark."""
        return self.is_ege and self.figures.test_scored > 0

    @property
    def mean(self) -> Fraction | None:
        """ЕГЭ: mean test score; otherwise (and ЕГЭ without test scores) the mean mark."""
        if self.is_ege and self.figures.test_scored:
            return self.figures.mean_test_score
        if self.privacy.hides_mean(self.figures.marks):  # beside the shares it gives hidden marks back
            return None
        return self.figures.mean_mark

    @property
    def low(self) -> Fraction | None:
        """Share of «2»; for ЕГЭ and where there are no marks, of results below the minimum."""
        f = self.figures
        if f.marked and not self.is_ege:
            # With the count and the quality it gives the «3» back: the three groups as one (`hidden_shares`).
            return None if TWOS in self.privacy.hidden_shares(f.marks) else f.twos
        if self.privacy.on and 0 < f.failed < self.privacy.minimum:
            return None
        return f.failed_share

    @property
    def quality(self) -> Fraction | None:
        """Качество; for the observer withheld where it, the count and the share of «2» tell of a small group (3 of
        «4» and «5» were shown)."""
        if self.is_ege or QUALITY in self.privacy.hidden_shares(self.figures.marks):
            return None
        return self.figures.quality


@dataclass
class KindGroup:
    key: str
    title: str
    rows: list[IndexRow] = field(default_factory=list)


@dataclass
class YearIndex:
    school: OrgUnit
    year: int
    groups: list[KindGroup]
    risk: list[Flag]
    grades: list[int]
    subjects: list[tuple[int, str]]
    classes: list[SchoolClass]  # the classes with results of the year's procedures: each has a page
    hidden_risk: int = 0  # flags about groups too small for the observer
    own_classes: frozenset[str] = frozenset()  # a class teacher's classes: their flags come first
    without_results: list[str] = field(default_factory=list)  # the other classes of the year, by name

    @property
    def own_unflagged(self) -> list[str]:
        """The class teacher's classes without a risk flag, to say so above the school's flags."""
        return sorted(c for c in self.own_classes if not any(concerns(f, frozenset([c])) for f in self.risk))

    @property
    def empty(self) -> bool:
        return not any(g.rows for g in self.groups)


def year_index(school: OrgUnit, year: int, privacy: Privacy, thresholds: Thresholds | None = None, *,
               own_classes: frozenset[str] = frozenset()) -> YearIndex:
    t = thresholds or Thresholds.configured()
    assessments = list(Assessment.objects.filter(school=school, year_id=year).select_related("subject")
                       .order_by("kind", "grade", "subject__name", "date", "assessment_id"))
    figures = fig.load([school.pk], [year], by=("assessment",), codes=fig.SUMMARY_CODES)
    risk = risk_flags([school], year, thresholds=t, classes=not privacy.on)
    hidden_risk = 0
    if privacy.on:
        shown = [f for f in risk if not f.disclosive(privacy.minimum)]
        hidden_risk, risk = len(risk) - len(shown), shown
    risk = own_classes_first(fold_classes(risk), own_classes)
    risk_by_assessment: dict[int, list[Flag]] = {}
    for flag in risk:
        if not flag.where:
            risk_by_assessment.setdefault(flag.assessment, []).append(flag)

    groups = {key: KindGroup(key, title) for key, title, _ in KIND_GROUPS}
    groups[OTHER[0]] = KindGroup(*OTHER)
    kind_group = {kind: key for key, _, kinds in KIND_GROUPS for kind in kinds}
    # A procedure's row is its classes' «Всего» on its page: what the table of classes hides there, hidden here too.
    withheld = withheld_by_table(school, year, assessments, privacy)
    for a in assessments:
        f = figures.get((year, a.assessment_id), fig.Figures())
        flags = shown_objectivity_flags(a, f, privacy, t) + risk_by_assessment.get(a.pk, [])
        groups[kind_group.get(a.kind, OTHER[0])].rows.append(
            IndexRow(a, f, flags, privacy.within(withheld.get(a.assessment_id, {}).get(TOTAL, ()))))
    classes = sorted(SchoolClass.objects.filter(school=school, year_id=year), key=lambda c: class_order(c.name))
    # The classes whose page has rows: main results of the year's procedures, by class (one grouped read).
    with_results = {key[1] for key, f in fig.load([school.pk], [year], by=("class",),
                                                  codes=("assessment.results",)).items() if f.results}
    return YearIndex(
        school=school, year=year, groups=[g for g in groups.values() if g.rows], risk=risk,
        hidden_risk=hidden_risk, own_classes=own_classes,
        grades=sorted({a.grade for a in assessments if a.grade}),
        subjects=sorted({(a.subject_id, a.subject.name) for a in assessments if a.subject}, key=lambda s: s[1]),
        classes=[c for c in classes if c.name in with_results],
        without_results=[c.name for c in classes if c.name not in with_results],
    )


def shown_objectivity_flags(a: Assessment, f: fig.Figures, privacy: Privacy, t: Thresholds) -> list[Flag]:
    """The objectivity flags of a procedure as its school's «Анализ» shows them: those that would tell of a
    group smaller than the minimum are withheld from a reader who sees aggregates only."""
    flags = objectivity_flags(f, max_score=a.max_score, mark_scale=a.mark_scale, t=t, assessment=a.pk)
    return [x for x in flags if not x.disclosive(privacy.minimum)] if privacy.on else flags


@dataclass(frozen=True)
class ProcedureFlags:
    assessment: Assessment
    flags: list[Flag]

    @property
    def label(self) -> str:
        """«ВПР, математика, 5 класс»."""
        a = self.assessment
        return procedure_label(a.kind, a.subject.name if a.subject else None, a.grade)


def objectivity_by_school(schools: list[OrgUnit], year: int, privacy: Privacy, thresholds: Thresholds | None = None,
                          kinds: tuple[str, ...] | None = None) -> dict[int, list[ProcedureFlags]]:
    """{school pk: its procedures of the year with their objectivity flags (none, where none is found)}: the flags
    `year_index` gives each school's procedures (the same rules, thresholds and privacy), for all the schools
    from one grouped read of the figures the rules need and one read of the procedures. `kinds` narrows the
    procedures (ВПР, ОГЭ, ЕГЭ); procedures in the index's order (kind as its groups go, grade, subject, date)."""
    t = thresholds or Thresholds.configured()
    ids = [s.pk for s in schools]
    assessments = Assessment.objects.filter(school_id__in=ids, year_id=year).select_related("subject").order_by(
        "kind", "grade", "subject__name", "date", "assessment_id")
    if kinds is not None:
        assessments = assessments.filter(kind__in=kinds)
    figures = objectivity_figures(ids, year, t)
    group_order = {kind: n for n, (_, _, group) in enumerate(KIND_GROUPS) for kind in group}
    found: dict[int, list[ProcedureFlags]] = {}
    for a in sorted(assessments, key=lambda a: group_order.get(a.kind, len(KIND_GROUPS))):
        flags = shown_objectivity_flags(a, figures.get((a.school_id, a.assessment_id), SummedFigures()), privacy, t)
        found.setdefault(a.school_id, []).append(ProcedureFlags(a, flags))
    return found


@dataclass
class SummedFigures(fig.Figures):
    """What the objectivity rules read of a procedure, summed in the database (`objectivity_figures`): the
    marks, the journal comparison and the primary-score histogram as counts and a sum, and of the histogram
    only the scores where the boundary-spike rule holds (the rule then asks whether one is a boundary)."""

    marked_count: int = 0
    compared_count: int = 0
    lowered_count: int = 0
    raised_count: int = 0
    scored_count: int = 0
    score_sum: Decimal = Decimal(0)
    peaks: dict[Decimal, tuple[int, int, int]] = field(default_factory=dict)  # score: (at, below, above)

    @property
    def marked(self) -> int:
        return self.marked_count

    @property
    def compared(self) -> int:
        return self.compared_count

    @property
    def lowered(self) -> int:
        return self.lowered_count

    @property
    def raised(self) -> int:
        return self.raised_count

    @property
    def scored(self) -> int:
        return self.scored_count

    @property
    def mean_score(self) -> Fraction | None:
        return Fraction(self.score_sum) / self.scored_count if self.scored_count else None

    def scores_around(self, score: Decimal) -> tuple[int, int, int]:
        # A score not read fails the rule (at 0, not above its neighbour): nothing else can be a spike.
        return self.peaks.get(score, (0, 0, 0))


def objectivity_figures(ids: list[int], year: int, t: Thresholds) -> dict[tuple[int, str], SummedFigures]:
    """{(school id, assessment code): SummedFigures} of the year: two grouped reads of the data values, each giving
    Python a row per procedure (and per score where a spike could be), never the per-class rows or the histograms
    (the 50 demo schools: 46 600 grouped rows of marks, journal pairs and scores before, 0.5 s of CPU)."""
    rows = DataValue.objects.filter(org_unit_id__in=ids, year_id=year, source=Source.COMPUTED)
    mark = Cast(fig.breakdown_value("mark"), IntegerField())
    journal_mark = Cast(fig.breakdown_value("journal_mark"), IntegerField())
    marks, journal = Q(code="assessment.marks"), Q(code="assessment.journal")
    per_procedure = rows.filter(marks | journal).values(
        d_school=F("org_unit_id"), d_assessment=fig.breakdown_value("assessment")).annotate(
        marked=Sum("value", filter=marks), top=Sum("value", filter=marks & Q(In(mark, [4, 5]))),
        compared=Sum("value", filter=journal), lowered=Sum("value", filter=journal & Q(LessThan(mark, journal_mark))),
        raised=Sum("value", filter=journal & Q(GreaterThan(mark, journal_mark))),
    ).order_by()
    out: dict[tuple[int, str], SummedFigures] = defaultdict(SummedFigures)
    for r in per_procedure:
        if r["d_assessment"] is not None:  # None: the zero row of a school-year with results but none of these codes
            out[(r["d_school"], r["d_assessment"])] = SummedFigures(
                marks=Counter({4: int(r["top"] or 0)}), marked_count=int(r["marked"] or 0),
                compared_count=int(r["compared"] or 0), lowered_count=int(r["lowered"] or 0),
                raised_count=int(r["raised"] or 0))
    for school, code, first, scored, score_sum, at_score, at, below, above in _histograms(rows, t):
        if code is None:
            continue
        f = out[(school, code)]
        if first:
            f.scored_count, f.score_sum = int(scored), _decimal(score_sum)
        if at >= t.spike_min_results and at * Fraction(t.spike_ratio).denominator >= (
                Fraction(t.spike_ratio).numerator * below) and at > above:
            f.peaks[_decimal(at_score)] = (int(at), int(below), int(above))
    return dict(out)


def _histograms(rows, t: Thresholds) -> list[tuple]:
    """The primary-score histograms read in the database, per procedure: its first row carries the number of
    scores and their sum; the others only the scores where the spike rule holds but for the boundary — at least
    `spike_min_results` results, at least `spike_ratio` times those one point below, more than one point above
    (neighbours from a window over the procedure's scores: a score with no results is no row, so a neighbour
    counts only if it is exactly one point away). Standard window functions: the same on SQLite and PostgreSQL."""
    score = Cast(fig.breakdown_value("score"), DecimalField(max_digits=20, decimal_places=6))
    histogram = rows.filter(code="assessment.score.dist").values(
        d_school=F("org_unit_id"), d_assessment=fig.breakdown_value("assessment"), d_score=score,
    ).annotate(n=Sum("value")).order_by()
    sql, params = histogram.query.sql_with_params()
    ratio = Fraction(t.spike_ratio)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT d_school, d_assessment, bin = 1, scored, score_sum, d_score, n, below, above FROM ("
            " SELECT d_school, d_assessment, d_score, n, ROW_NUMBER() OVER w AS bin,"
            "  SUM(n) OVER procedure AS scored, SUM(d_score * n) OVER procedure AS score_sum,"
            "  CASE WHEN LAG(d_score) OVER w = d_score - 1 THEN LAG(n) OVER w ELSE 0 END AS below,"
            "  CASE WHEN LEAD(d_score) OVER w = d_score + 1 THEN LEAD(n) OVER w ELSE 0 END AS above"
            f" FROM ({sql}) histogram"
            " WINDOW procedure AS (PARTITION BY d_school, d_assessment),"
            "  w AS (PARTITION BY d_school, d_assessment ORDER BY d_score)"
            ") bins WHERE bin = 1 OR (n >= %s AND n * %s >= %s * below AND n > above)",
            [*params, t.spike_min_results, ratio.denominator, ratio.numerator])
        return cursor.fetchall()


def _decimal(value) -> Decimal:
    """A sum as the database gives it (SQLite: an int or a float of whole and half points) as an exact Decimal."""
    return Decimal(0) if value is None else value if isinstance(value, Decimal) else Decimal(str(value))
