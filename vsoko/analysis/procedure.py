"""The page of one procedure: what ФИС ОКО «Аналитика» shows a school, plus the flags.

Everything comes from data values in three queries (figures per class, the tasks, the
same procedure in the two previous years) plus the procedure's tasks and its benchmarks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from vsoko.analysis import benchmarks as bm
from vsoko.analysis import figures as fig
from vsoko.analysis.access import Privacy
from vsoko.analysis.flags import Flag, boundaries, objectivity_flags, spikes
from vsoko.analysis.risk import Procedure, fold_classes, procedure_label, weak_results
from vsoko.analysis.thresholds import Mastery, Thresholds, mastery
from vsoko.assessments.enums import KINDS_WITH_MINIMUM
from vsoko.assessments.subjects import is_base_mathematics
from vsoko.indicators.formatting import plural
from vsoko.records.enums import AssessmentKind, Difficulty
from vsoko.records.models import Assessment

MASTERY_CLASS = {Mastery.MASTERED: "ok", Mastery.BORDER_ABOVE: "border", Mastery.BORDER_BELOW: "border",
                 Mastery.NOT_MASTERED: "bad"}
EXAMS = (AssessmentKind.OGE, AssessmentKind.EGE, AssessmentKind.GVE9, AssessmentKind.GVE11)


def minimum_words(score: int, kind: str) -> str:
    """A minimum threshold with its scale (spec/data-format.md, min_score): ЕГЭ sets it in test scores, the other
    exams in primary scores — «24» alone does not say which."""
    if kind == AssessmentKind.EGE:
        return f"{score} {plural(score, 'тестовый балл', 'тестовых балла', 'тестовых баллов')}"
    return f"{score} {plural(score, 'первичный балл', 'первичных балла', 'первичных баллов')}"


@dataclass
class TaskRow:
    task: str
    max_points: int
    difficulty: str
    skill: str
    completion: Fraction | None
    mastery: Mastery | None
    by_mark: list[Fraction | None]
    by_class: list[Fraction | None]
    benchmark: list[Fraction | None]

    @property
    def difficulty_label(self) -> str:
        return Difficulty(self.difficulty).label if self.difficulty in Difficulty.values else "—"

    @property
    def mastery_class(self) -> str:
        return MASTERY_CLASS.get(self.mastery, "none")


@dataclass
class ClassRow:
    name: str
    figures: fig.Figures
    hidden: bool = False  # the observer: a class of 1…4 results
    hidden_marks: set = field(default_factory=set)


@dataclass
class YearRow:
    year: int
    figures: fig.Figures
    max_score: int | None
    # The observer's privacy for the year, with the marks that year's table of classes hides in «Всего»
    # (`slices.year_privacy`); None: the page's own.
    privacy: Privacy | None = None


@dataclass
class ProcedurePage:
    assessment: Assessment
    label: str
    total: fig.Figures
    classes: list[ClassRow]
    tasks: list[TaskRow]
    flags: list[Flag]
    risk: list[Flag]
    benchmarks: bm.Benchmarks
    boundaries: list
    spikes: set
    dynamics: list[YearRow]
    privacy: Privacy
    hidden_marks: set
    hidden_journal: set
    hidden_mark_groups: set  # mark groups too small to show their task completion

    @property
    def is_exam(self) -> bool:
        return self.assessment.kind in EXAMS

    @property
    def is_ege(self) -> bool:
        return self.assessment.kind == AssessmentKind.EGE

    @property
    def is_base_mathematics(self) -> bool:
        """ЕГЭ по математике базового уровня: a mark alone, no test score; a «3» passes it."""
        subject = self.assessment.subject
        return self.is_ege and subject is not None and is_base_mathematics(subject.name)

    @property
    def shows_test_scores(self) -> bool:
        return self.is_ege and not self.is_base_mathematics

    @property
    def minimum(self) -> int | None:
        """The official minimum of the procedure's scale, None for a kind without one (ВПР) and for базовая
        математика, which a mark of «3» passes whatever score is stored."""
        if self.assessment.kind not in KINDS_WITH_MINIMUM or self.is_base_mathematics:
            return None
        return self.assessment.min_score

    @property
    def minimum_words(self) -> str:
        """What passes, with its scale: «24 тестовых балла» (ЕГЭ), «8 первичных баллов» (ОГЭ, ГВЭ, собеседование);
        without a minimum a mark of «3» passes (docs/data-values.md, results.passed)."""
        if self.is_base_mathematics:
            return "отметка «3»"
        if self.minimum is None:
            return "не задан: преодолевшими считаются получившие отметку «3» и выше"
        return minimum_words(self.minimum, self.assessment.kind)

    @property
    def shows_minimum_at_top(self) -> bool:
        return self.minimum is not None or self.is_base_mathematics

    @property
    def too_small(self) -> bool:
        """Too few results to show; a reserve day of retakes alone is as small as its retakes."""
        return self.privacy.too_small(self.total.results or self.total.retakes)

    @property
    def mark_groups(self) -> list[int]:
        return list(fig.MARKS)

    @property
    def hidden_mark_index(self) -> list[int]:
        """Positions (0 for «2» … 3 for «5») of the mark groups whose task completion is hidden."""
        return [i for i, m in enumerate(fig.MARKS) if m in self.hidden_mark_groups]

    @property
    def has_marks(self) -> bool:
        return self.total.marked > 0

    @property
    def has_tasks(self) -> bool:
        return bool(self.tasks)

    @property
    def mark_rows(self):
        """(mark, results, %, benchmark values, hidden) for the table of marks."""
        return [(m, n, share, self.benchmarks.row(str(m)), m in self.hidden_marks)
                for m, n, share in self.total.mark_rows]

    @property
    def success_shown(self) -> bool:
        """Успеваемость is N − «2» over N: not beside a hidden «2»."""
        return 2 not in self.hidden_marks

    @property
    def quality_shown(self) -> bool:
        """Качество is «4» + «5» over N: not beside a hidden «4» or «5»."""
        return not self.hidden_marks & {4, 5}

    @property
    def mean_shown(self) -> bool:
        """The mean mark gives hidden marks back beside the shares and the count (`Privacy.hides_mean`)."""
        return not self.privacy.hides_mean(self.total.marks, self.hidden_marks)

    @property
    def journal_rows(self):
        return [(key, label, n, share, key in self.hidden_journal) for key, label, n, share in self.total.journal_rows]

    @property
    def basic(self) -> Fraction | None:
        return self.total.level_completion([Difficulty.BASIC])

    @property
    def advanced(self) -> Fraction | None:
        return self.total.level_completion([Difficulty.ADVANCED, Difficulty.HIGH])

    @property
    def not_mastered(self) -> list[TaskRow]:
        return [t for t in self.tasks if t.mastery is not None and not t.mastery.is_mastered]

    @property
    def class_names(self) -> list[str]:
        return [c.name for c in self.classes]


def procedure_page(assessment: Assessment, privacy: Privacy, thresholds: Thresholds | None = None) -> ProcedurePage:
    t = thresholds or Thresholds.configured()
    school, year, code = assessment.school_id, assessment.year_id, assessment.assessment_id
    per_class = fig.load([school], [year], by=("class",), assessments=[code])
    total = fig.total(per_class.values())
    classes = sorted(
        (ClassRow(name, f) for (_, name), f in per_class.items() if name is not None and f.results),
        key=lambda c: class_order(c.name),
    )
    hidden_total = privacy.hide_classes(classes)
    benchmarks = bm.for_assessment(assessment)
    tasks = task_rows(assessment, total, classes, benchmarks)
    subject = assessment.subject.name if assessment.subject else ""
    proc = Procedure(assessment.pk, school, code, assessment.kind, subject, assessment.grade,
                     procedure_label(assessment.kind, subject, assessment.grade))
    flags = objectivity_flags(total, max_score=assessment.max_score, mark_scale=assessment.mark_scale, t=t)
    risk = weak_results(total, proc, t)
    for row in classes:
        if row.figures.results >= t.risk_min_results:
            risk += weak_results(row.figures, proc, t, where=row.name)
    if privacy.on:
        flags = [f for f in flags if not f.disclosive(privacy.minimum)]
        risk = [f for f in risk if not f.where and not f.disclosive(privacy.minimum)]
    risk = fold_classes(risk)
    peaks = {s.low for s in spikes(total, assessment.mark_scale, t)}
    return ProcedurePage(
        assessment=assessment, label=proc.label, total=total, classes=classes, tasks=tasks, flags=flags, risk=risk,
        benchmarks=benchmarks, boundaries=boundaries(assessment.mark_scale), spikes=peaks,
        dynamics=dynamics(assessment, privacy), privacy=privacy,
        hidden_marks=privacy.hidden_groups({m: total.marks[m] for m in fig.MARKS}) | hidden_total,
        hidden_journal=privacy.hidden_groups({"lowered": total.lowered, "confirmed": total.confirmed,
                                              "raised": total.raised}),
        hidden_mark_groups={m for m in fig.MARKS if privacy.too_small(total.marks[m])},
    )


def task_rows(assessment: Assessment, total: fig.Figures, classes: list[ClassRow],
              benchmarks: bm.Benchmarks) -> list[TaskRow]:
    """Task-by-task completion with its mastery, by mark group and by class, in the order of the work."""
    rows = []
    for task in assessment.tasks.order_by("position"):
        completion = total.completion(task.task)
        rows.append(TaskRow(
            task=task.task, max_points=task.max_points, difficulty=task.difficulty, skill=task.skill,
            completion=completion, mastery=mastery(task.difficulty, completion),
            by_mark=[total.completion_by_mark(task.task, m) for m in fig.MARKS],
            by_class=[c.figures.completion(task.task) for c in classes],
            benchmark=benchmarks.row(f"task.{task.task}"),
        ))
    return rows


def dynamics(assessment: Assessment, privacy: Privacy, years: int = 3) -> list[YearRow]:
    """The same procedure (kind, subject, grade) of the school in this and the previous years."""
    # The tables of classes are built in slices, on this module's rows: imported here, not at the top.
    from vsoko.analysis.slices import year_privacy

    span = list(range(assessment.year_id - years + 1, assessment.year_id + 1))
    same = list(Assessment.objects.filter(
        school_id=assessment.school_id, year_id__in=span, kind=assessment.kind,
        subject_id=assessment.subject_id, grade=assessment.grade,
    ).select_related("subject"))
    codes = {a.assessment_id for a in same}
    max_scores = {a.year_id: a.max_score for a in same if a.max_score}
    loaded = fig.load([assessment.school_id], span, by=(), assessments=codes, codes=(*fig.SUMMARY_CODES,
                                                                                      *fig.TASK_CODES))
    privacies = year_privacy(assessment.school, same, privacy)
    return [YearRow(y, loaded.get((y,), fig.Figures()), max_scores.get(y), privacies.get(y, privacy)) for y in span]


def class_order(name: str) -> tuple:
    digits = "".join(ch for ch in name if ch.isdigit())
    return (int(digits) if digits else 99, name)
