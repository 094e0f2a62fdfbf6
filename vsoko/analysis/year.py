"""The index of a school's year: its procedures grouped by kind, their key figures and flags.

Two grouped reads of data values (the procedures' figures and the risk flags) plus the
procedures themselves; the grades, subjects and classes to go further from.

`objectivity_by_school` finds the index's objectivity flags of many schools at once (the
municipal report): one grouped read of the three codes the rules need, instead of an index each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from vsoko.analysis import figures as fig
from vsoko.analysis.access import Privacy
from vsoko.analysis.flags import OBJECTIVITY_CODES, Flag, objectivity_flags
from vsoko.analysis.procedure import class_order
from vsoko.analysis.risk import fold_classes, procedure_label, risk_flags
from vsoko.analysis.thresholds import Thresholds
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
        return self.privacy.too_small(self.figures.results)

    @property
    def retake_only(self) -> bool:
        return not self.figures.results and self.figures.retakes > 0

    @property
    def is_ege(self) -> bool:
        return self.assessment.kind == AssessmentKind.EGE

    @property
    def mean(self) -> Fraction | None:
        """ЕГЭ: mean test score; otherwise the mean mark."""
        if self.is_ege and self.figures.test_scored:
            return self.figures.mean_test_score
        return self.figures.mean_mark

    @property
    def low(self) -> Fraction | None:
        """Share of «2»; for ЕГЭ and where there are no marks, of results below the minimum."""
        f = self.figures
        if f.marked and not self.is_ege:
            if self.privacy.on and 2 in self.privacy.hidden_groups({m: f.marks[m] for m in fig.MARKS}):
                return None
            return f.twos
        if self.privacy.on and 0 < f.failed < self.privacy.minimum:
            return None
        return f.failed_share

    @property
    def quality(self) -> Fraction | None:
        return None if self.is_ege else self.figures.quality


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
    classes: list[SchoolClass]
    hidden_risk: int = 0  # flags about groups too small for the observer

    @property
    def empty(self) -> bool:
        return not any(g.rows for g in self.groups)


def year_index(school: OrgUnit, year: int, privacy: Privacy, thresholds: Thresholds | None = None) -> YearIndex:
    t = thresholds or Thresholds.configured()
    assessments = list(Assessment.objects.filter(school=school, year_id=year).select_related("subject")
                       .order_by("kind", "grade", "subject__name", "date", "assessment_id"))
    figures = fig.load([school.pk], [year], by=("assessment",), codes=fig.SUMMARY_CODES)
    risk = risk_flags([school], year, thresholds=t, classes=not privacy.on)
    hidden_risk = 0
    if privacy.on:
        shown = [f for f in risk if not f.disclosive(privacy.minimum)]
        hidden_risk, risk = len(risk) - len(shown), shown
    risk = fold_classes(risk)
    risk_by_assessment: dict[int, list[Flag]] = {}
    for flag in risk:
        if not flag.where:
            risk_by_assessment.setdefault(flag.assessment, []).append(flag)

    groups = {key: KindGroup(key, title) for key, title, _ in KIND_GROUPS}
    groups[OTHER[0]] = KindGroup(*OTHER)
    kind_group = {kind: key for key, _, kinds in KIND_GROUPS for kind in kinds}
    for a in assessments:
        f = figures.get((year, a.assessment_id), fig.Figures())
        flags = shown_objectivity_flags(a, f, privacy, t) + risk_by_assessment.get(a.pk, [])
        groups[kind_group.get(a.kind, OTHER[0])].rows.append(IndexRow(a, f, flags, privacy))
    return YearIndex(
        school=school, year=year, groups=[g for g in groups.values() if g.rows], risk=risk,
        hidden_risk=hidden_risk,
        grades=sorted({a.grade for a in assessments if a.grade}),
        subjects=sorted({(a.subject_id, a.subject.name) for a in assessments if a.subject}, key=lambda s: s[1]),
        classes=sorted(SchoolClass.objects.filter(school=school, year_id=year), key=lambda c: class_order(c.name)),
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
    figures = fig.load(ids, [year], by=("school", "assessment"), codes=OBJECTIVITY_CODES)
    group_order = {kind: n for n, (_, _, group) in enumerate(KIND_GROUPS) for kind in group}
    found: dict[int, list[ProcedureFlags]] = {}
    for a in sorted(assessments, key=lambda a: group_order.get(a.kind, len(KIND_GROUPS))):
        flags = shown_objectivity_flags(a, figures.get((year, a.school_id, a.assessment_id), fig.Figures()),
                                        privacy, t)
        found.setdefault(a.school_id, []).append(ProcedureFlags(a, flags))
    return found
