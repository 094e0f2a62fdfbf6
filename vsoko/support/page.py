"""The content of «Работа с неуспевающими» for one school, year and period, as the user may see it.

Built by the page and by the Word report alike: the pupils at risk after the period (with their open case,
if any), the open cases of the year with their measures and deadlines, and the results at the end of this
period of the cases opened after the previous one. A fixed number of queries whatever the school's size.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch
from django.utils import timezone

from vsoko.accounts import permissions
from vsoko.progress.figures import previous_period
from vsoko.records.enums import Period
from vsoko.records.models import OrgUnit, SchoolYear, Student
from vsoko.support.access import Scope, cases_for, visible_risk
from vsoko.support.enums import CaseStatus, Verdict
from vsoko.support.models import SupportCase, SupportMeasure
from vsoko.support.outcome import Result, results_of
from vsoko.support.risk import AtRisk, at_risk


@dataclass
class RiskRow:
    pupil: AtRisk
    name: str
    case: SupportCase | None  # the pupil's open case of the year


@dataclass
class CaseRow:
    case: SupportCase
    name: str
    measures: list[tuple[SupportMeasure, bool]]  # with «overdue»
    result: Result | None
    editable: bool

    @property
    def overdue(self) -> int:
        return sum(1 for _, late in self.measures if late)


@dataclass
class SupportPage:
    school: OrgUnit
    year: int
    period: Period
    periods: list[Period]
    scope: Scope
    risk: list[RiskRow] = field(default_factory=list)
    open_cases: list[CaseRow] = field(default_factory=list)
    results: list[CaseRow] = field(default_factory=list)  # opened after `previous`, judged at `period`
    previous: Period | None = None
    counts: Counter = field(default_factory=Counter)  # of the year's cases by status, and «opened»
    hidden: set = field(default_factory=set)  # counts the observer may not see

    @property
    def year_label(self) -> str:
        return SchoolYear(start=self.year).label

    @property
    def fixed(self) -> int:
        return sum(1 for r in self.results if r.result and r.result.verdict == Verdict.FIXED)

    @property
    def not_fixed(self) -> int:
        return sum(1 for r in self.results if r.result and r.result.verdict == Verdict.NOT_FIXED)

    @property
    def shown_people(self) -> int:
        return len({r.pupil.student_id for r in self.risk} | {r.case.student_id for r in self.open_cases}
                   | {r.case.student_id for r in self.results})


def name_of(student: Student) -> str:
    return " ".join(p for p in (student.last_name, student.first_name, student.middle_name) if p)


def support_page(user, school: OrgUnit, year: int, period: Period, periods: list[Period],
                 scope: Scope, today: datetime.date | None = None) -> SupportPage:
    """The page as the user sees it; user None: the administration's report of the «Отчёты» registry (scope
    ADMINISTRATION), every pupil of the school as its director sees them."""
    today = today or timezone.localdate()
    page = SupportPage(school, year, period, periods, scope, previous=previous_period(school, period))
    statuses = dict(SupportCase.objects.filter(school=school, year_id=year).values_list("status")
                    .annotate(n=Count("pk")).order_by())
    page.counts = Counter({s: statuses.get(s, 0) for s in CaseStatus})
    page.counts["opened"] = sum(statuses.values())
    if not scope.names:
        page.hidden = scope.privacy.hidden_groups({s: page.counts[s] for s in CaseStatus})
        if scope.privacy.too_small(page.counts["opened"]):
            page.hidden |= {"opened", *CaseStatus}
        return page
    rows = visible_risk(scope, at_risk(school, year, period))
    cases = list(cases_for(scope, school, year).select_related("student", "subject").prefetch_related(
        Prefetch("measures", SupportMeasure.objects.select_related("responsible").order_by("due", "pk")))
        .order_by("class_grade", "class_letter", "class_name", "student__last_name", "student__first_name", "pk"))
    pupils = permissions.students_visible_to(user, year) if user is not None else Student.objects.filter(school=school)
    visible = set(pupils.filter(
        pk__in={r.student_id for r in rows} | {c.student_id for c in cases}).values_list("pk", flat=True))
    cases = [c for c in cases if c.student_id in visible]
    judged = [c for c in cases if page.previous is not None and c.opened_period == page.previous]
    results = results_of(judged)

    def case_row(case: SupportCase) -> CaseRow:
        measures = [(m, m.is_overdue(today)) for m in case.measures.all()]
        return CaseRow(case, name_of(case.student), measures, results.get(case.pk), scope.edits(case.class_id))

    open_by_student = {c.student_id: c for c in cases if c.is_open}
    names = dict((pk, " ".join(p for p in parts if p)) for pk, *parts in Student.objects.filter(
        pk__in=[r.student_id for r in rows if r.student_id in visible]).values_list(
        "pk", "last_name", "first_name", "middle_name"))
    classes = {r.class_id: i for i, r in reversed(list(enumerate(rows)))}  # the classes' order (grade, letter)
    page.risk = sorted((RiskRow(r, names[r.student_id], open_by_student.get(r.student_id))
                        for r in rows if r.student_id in names), key=lambda r: (classes[r.pupil.class_id], r.name))
    page.open_cases = [case_row(c) for c in cases if c.is_open]
    page.results = [case_row(c) for c in judged]
    return page
