"""The result of a case at the end of the next period, from that period's marks: исправил(а) or не исправил(а).

A case with a subject looks at the pupil's mark in that subject, a case without one at all the pupil's marks
of the period; the progress rules decide (vsoko.progress.figures.category): a «2», «1», «незачет» or «н/а»
left means не исправил(а). No marks of the next period yet: «нет отметок». One query for any number of cases.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q

from vsoko.progress.enums import Category
from vsoko.progress.figures import MARK_FIELDS, category
from vsoko.records.enums import Mark, Period
from vsoko.records.models import OrgUnit, PeriodMark
from vsoko.support.enums import Verdict
from vsoko.support.models import SupportCase

KEY_OF_MARK = {mark: key for key, mark in MARK_FIELDS.items()}


def next_period(school: OrgUnit, period: str) -> Period | None:
    """The period after this one in the school's system (the year after the last term); None after the year."""
    own = Period.for_system(school.period_system)
    if period not in own:
        return None
    index = own.index(Period(period))
    return own[index + 1] if index + 1 < len(own) else None


@dataclass(frozen=True)
class Result:
    period: Period | None
    verdict: Verdict
    marks: str  # «математика: 3», what the verdict was read from

    @property
    def words(self) -> str:
        if self.verdict == Verdict.NO_NEXT:
            return "следующего периода в году нет"
        if self.verdict == Verdict.NO_MARKS:
            return f"нет отметок за {self.period.label}"
        return f"{self.verdict.label} ({self.marks})"


def results_of(cases: list[SupportCase]) -> dict[int, Result]:
    """Per case id, its result at the end of the period after the one it was opened in."""
    nexts = {case.pk: next_period(case.school, case.opened_period) for case in cases}
    wanted = [Q(school_id=case.school_id, year_id=case.year_id, period=nexts[case.pk], student_id=case.student_id)
              for case in cases if nexts[case.pk] is not None]
    marks: dict[tuple, list[tuple[int, str, str]]] = {}
    if wanted:
        rows = (PeriodMark.objects.filter(reduce(or_, wanted)).order_by("subject__name")
                .values_list("student_id", "year_id", "period", "subject_id", "subject__name", "mark"))
        for student_id, year, period, subject_id, subject, mark in rows:
            marks.setdefault((student_id, year, period), []).append((subject_id, subject, mark))
    results = {}
    for case in cases:
        period = nexts[case.pk]
        if period is None:
            results[case.pk] = Result(None, Verdict.NO_NEXT, "")
            continue
        own = [m for m in marks.get((case.student_id, case.year_id, period), [])
               if case.subject_id is None or m[0] == case.subject_id]
        results[case.pk] = Result(period, verdict(Counter(KEY_OF_MARK[m] for _, _, m in own)),
                                  ", ".join(f"{s.lower()}: {Mark(m).label}" for _, s, m in own))
    return results


def verdict(counts: Counter) -> Verdict:
    kind = category(Counter({key: counts[key] for key in MARK_FIELDS}))
    if kind in Category.unsuccessful():
        return Verdict.NOT_FIXED
    if kind in Category.attested():
        return Verdict.FIXED
    return Verdict.NO_MARKS  # none, or «осв» only
