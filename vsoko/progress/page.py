"""The content of «Итоги периода» for one school, year and period, as the user may see it.

Built by the page and by the Word справка alike: the classes with their figures and the change of
качество against the previous period, the total with its change against the previous period and the
same period a year before, and the subjects. A fixed number of queries whatever the school's size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from vsoko.indicators.enums import Unit
from vsoko.indicators.formatting import as_shown, fixed, shown_change
from vsoko.progress import withheld as cells
from vsoko.progress.access import Scope
from vsoko.progress.figures import (
    ClassResult,
    Figures,
    PeriodResults,
    SubjectResult,
    period_results,
    previous_period,
    subject_results,
)
from vsoko.publication.suppression import TOTAL
from vsoko.records.enums import Period
from vsoko.records.models import OrgUnit, SchoolYear


@dataclass(frozen=True)
class Change:
    """A figure now and before, in percentage points; the arrow and the words say the direction."""

    now: Fraction | None
    before: Fraction | None

    @property
    def delta(self) -> Fraction | None:
        """The difference of the two shares as shown: 71,1 % → 71,4 % is +0,3, whatever the exact values."""
        return shown_change(self.before, self.now, Unit.PERCENT)

    @property
    def arrow(self) -> str:
        d = self.delta
        if d is None:
            return ""
        if as_shown(d, Unit.PERCENT) == 0:  # «▼ без изменений» would tell of a fall the shown figures do not have
            return "="
        return "▲" if d > 0 else "▼"

    @property
    def words(self) -> str:
        d = self.delta
        if d is None:
            return "нет данных для сравнения"
        if as_shown(d, Unit.PERCENT) == 0:
            return "без изменений"
        return ("рост" if d > 0 else "снижение") + " на " + fixed(abs(d), Unit.PERCENT) + " п. п."

    @property
    def signed(self) -> str:
        d = self.delta
        if d is None:
            return "—"
        if as_shown(d, Unit.PERCENT) == 0:  # not «0 п. п.»: the words of every other change of a shown figure
            return "без изменений"
        return ("+" if d > 0 else "−") + fixed(abs(d), Unit.PERCENT) + " п. п."


@dataclass
class ClassRow:
    result: ClassResult
    previous: Figures | None
    hidden: bool = False  # too small a group for the observer
    withheld: set[str] = field(default_factory=set)  # the observer's cells not shown (vsoko.progress.withheld)

    @property
    def figures(self) -> Figures:
        return self.result.figures

    @property
    def quality_change(self) -> Change:
        return Change(self.figures.quality, self.previous.quality if self.previous else None)


# The figures the comparison table shows: (label, attribute of Figures).
COMPARED = (("Успеваемость", "success"), ("Качество знаний", "quality"), ("Отличники, доля", "excellent_share"),
            ("СОУ", "sou"))


@dataclass
class ComparisonRow:
    label: str
    now: Fraction | None
    previous: Change | None
    last_year: Change | None


@dataclass(frozen=True)
class TotalLine:
    """The total's figures and its cells withheld, as a ClassRow gives its own."""

    figures: Figures
    withheld: set[str]


@dataclass
class PeriodPage:
    school: OrgUnit
    year: int
    period: Period
    periods: list[Period]
    scope: Scope
    rows: list[ClassRow]
    total: Figures
    previous_period: Period | None
    previous_total: Figures | None
    last_year_total: Figures | None
    subjects: list[SubjectResult]
    subjects_by_class: dict[int, list[SubjectResult]]
    results: PeriodResults
    total_hidden: bool = False  # a school too small for the observer to see anything of it
    comparison: list[ComparisonRow] = field(default_factory=list)
    total_withheld: set[str] = field(default_factory=set)  # the observer's cells of the total not shown
    subjects_compared: bool = False  # each subject's качество a year before (SubjectResult.last_year)

    @property
    def year_label(self) -> str:
        return SchoolYear(start=self.year).label

    @property
    def total_line(self) -> TotalLine:
        return TotalLine(self.total, self.total_withheld)

    @property
    def last_year_label(self) -> str:
        return SchoolYear(start=self.year - 1).label

    @property
    def total_label(self) -> str:
        return "Итого по школе" if self.scope.whole_school else "Итого по вашим классам"

    @property
    def own_subjects(self) -> list[tuple[str, SubjectResult]]:
        """(class, subject) of a subject teacher's subjects, in the classes' order, then the subjects'."""
        wanted = self.scope.subjects
        return [(row.result.name, s) for row in self.rows if not row.hidden
                for s in self.subjects_by_class.get(row.result.class_id, []) if s.subject_id in wanted]

    @property
    def empty(self) -> bool:
        return self.results.empty

    def summary(self) -> list[str]:
        """A few sentences for the справка: качество and успеваемость with their change."""
        lines = []
        where = "по школе" if self.scope.whole_school else "по классам"
        for label, attribute in (("Качество знаний", "quality"), ("Успеваемость", "success"), ("СОУ", "sou")):
            now = getattr(self.total, attribute)
            if now is None or attribute in self.total_withheld:
                continue
            parts = []
            if self.previous_total is not None and (before := getattr(self.previous_total, attribute)) is not None:
                parts.append(f"{self.previous_period.label} — {fixed(before, Unit.PERCENT)} %, "
                             f"{Change(now, before).signed}")
            if self.last_year_total is not None and (before := getattr(self.last_year_total, attribute)) is not None:
                parts.append(f"{self.period.label} {self.last_year_label} — {fixed(before, Unit.PERCENT)} %, "
                             f"{Change(now, before).signed}")
            tail = f" ({'; '.join(parts)})" if parts else ""
            lines.append(f"{label} {where} — {fixed(now, Unit.PERCENT)} %{tail}.")
        t = self.total
        n = {name: "скрыто" if name in self.total_withheld else count(t) for name, count in cells.COUNTS.items()}
        lines.append(f"Аттестовано {t.attested} из {t.listed} обучающихся по списку; отличников — "
                     f"{n['excellent']}, хорошистов — {n['good']} (из них с одной «4» — "
                     f"{n['one_four']}), с одной «3» — {n['one_three']}, неуспевающих — "
                     f"{n['unsuccessful']} (из них не аттестованы — {n['not_assessed']}).")
        return lines


def period_page(school: OrgUnit, year: int, period: Period, periods: list[Period], scope: Scope) -> PeriodPage:
    """Three or four GROUP BY queries: the period, the previous one, the same period a year ago, the subjects."""
    current = period_results(school, year, period, scope.class_ids)
    before = previous_period(school, period)
    previous = period_results(school, year, before, scope.class_ids) if before is not None else None
    # A year ago the classes were other classes: the comparison is the whole school's only.
    last_year = period_results(school, year - 1, period) if scope.whole_school else None
    subjects, by_class = subject_results(school, year, period, scope.class_ids)
    previous_by_class = {c.class_id: c.figures for c in previous.classes} if previous else {}
    rows = [ClassRow(c, previous_by_class.get(c.class_id)) for c in current.classes]
    if scope.privacy.on:
        hidden = scope.privacy.hidden_groups({r.result.class_id: r.figures.listed for r in rows})
        for row in rows:
            row.hidden = row.result.class_id in hidden
        total_hidden = TOTAL in hidden or scope.privacy.too_small(current.total.listed)
    else:
        total_hidden = False
    page = PeriodPage(
        school=school, year=year, period=period, periods=periods, scope=scope, rows=rows, total=current.total,
        previous_period=before if previous is not None and previous.total.attested else None,
        previous_total=previous.total if previous is not None and previous.total.attested else None,
        last_year_total=last_year.total if last_year is not None and last_year.total.attested else None,
        subjects=subjects, subjects_by_class=by_class, results=current, total_hidden=total_hidden,
    )
    if scope.privacy.on:
        _withhold(page, scope)
    elif page.last_year_total is not None:  # the observer's small groups are withheld cell by cell: no comparison
        _compare_subjects(page)
    page.comparison = [
        ComparisonRow(label, getattr(page.total, attribute),
                      Change(getattr(page.total, attribute), getattr(page.previous_total, attribute))
                      if page.previous_total else None,
                      Change(getattr(page.total, attribute), getattr(page.last_year_total, attribute))
                      if page.last_year_total else None)
        for label, attribute in COMPARED if WITHHELD_WITH.get(attribute, attribute) not in page.total_withheld
    ]
    return page


def _compare_subjects(page: PeriodPage) -> None:
    """Each subject's качество against the same period a year before, the school's as a whole (one more GROUP BY)."""
    before, _ = subject_results(page.school, page.year - 1, page.period)
    quality = {s.subject_id: s.quality for s in before}
    for subject in page.subjects:
        subject.last_year = Change(subject.quality, quality.get(subject.subject_id))
    page.subjects_compared = True


# A figure of the comparison table withheld with a cell of the total: the share of отличники with their count.
WITHHELD_WITH = {"excellent_share": "excellent"}


def _withhold(page: PeriodPage, scope: Scope) -> None:
    """The observer's cells not shown, worked out over the whole school whatever the page shows: a class's page
    shows the cells its row has on the school's page (the school's total is the sum of every class)."""
    minimum = scope.privacy.minimum
    if scope.whole_school:
        results, subjects, by_class = page.results, page.subjects, page.subjects_by_class
        hidden = {r.result.class_id for r in page.rows if r.hidden}
    else:
        results = period_results(page.school, page.year, page.period)
        subjects, by_class = subject_results(page.school, page.year, page.period)
        hidden = scope.privacy.hidden_groups({c.class_id: c.figures.listed for c in results.classes})
        for row in page.rows:
            row.hidden = row.result.class_id in hidden
    lines = {c.class_id: c.figures for c in results.classes} | {TOTAL: results.total}
    withheld = cells.class_cells(lines, minimum, hidden_rows=hidden)
    for row in page.rows:
        row.withheld = withheld.get(row.result.class_id, set())
    page.total_withheld = withheld[TOTAL]
    by_subject = cells.subject_cells(subjects, by_class, minimum)
    # The observer's page shows the school's subjects or one class's (its page): their rows' keys.
    line = TOTAL if scope.whole_school else next(iter(scope.class_ids), None)
    for subject in page.subjects:
        subject.withheld = by_subject.get((line, subject.subject_id), set(cells.RATIOS) | set(subject.marks))


def hidden_class_ids(page: PeriodPage) -> set[int]:
    return {r.result.class_id for r in page.rows if r.hidden}
