"""The demo school's work with pupils at risk in its last year: a case for most pupils at risk after each of the
first two periods (one per pupil; with its subject when the pupil fails one subject), with one to three measures
(lessons, consultations and a route led by a teacher of the subject); some measures done, some past their date. The cases of the first period are mostly closed with the result the next
period's marks give. The generator has its own random.Random seeded from the demo's seed, so no other demo
number changes; running the demo again keeps the cases as they are."""

from __future__ import annotations

import datetime
import random

from vsoko.progress.figures import periods_with_marks
from vsoko.records.enums import Period
from vsoko.records.models import OrgUnit, StaffYear
from vsoko.support.enums import CaseStatus, MeasureKind, Verdict
from vsoko.support.models import SupportCase, SupportMeasure
from vsoko.support.outcome import next_period, results_of
from vsoko.support.risk import at_risk

SHARE = 0.85  # of the pupils at risk who get a case
CAUSES = (
    "Пропуски уроков по болезни (более 30 % уроков за период).",
    "Пробелы в знаниях за предыдущий класс.",
    "Низкая учебная мотивация, не выполняет домашние задания.",
    "Трудности адаптации после перехода в новый класс.",
    "Прибыл из другой школы, расхождение в программах.",
    "",
)
MEASURES = ((MeasureKind.CONSULTATIONS, 30), (MeasureKind.LESSONS, 25), (MeasureKind.PARENTS, 20),
            (MeasureKind.ROUTE, 8), (MeasureKind.ATTENDANCE, 10), (MeasureKind.COUNCIL, 4), (MeasureKind.OTHER, 3))
PERIOD_ENDS = {Period.Q1: (10, 25), Period.Q2: (12, 27), Period.T1: (11, 29), Period.H1: (12, 27)}


def support_demo_year(school: OrgUnit, year: int, seed: int) -> int:
    """Cases of `year` after its first two periods; returns how many were opened."""
    if SupportCase.objects.filter(school=school, year_id=year).exists():
        return 0
    rng = random.Random(f"{seed}-support")
    teachers = _teachers(school, year)
    periods = [p for p in periods_with_marks(school, year) if p != Period.YEAR][:2]
    opened: set[int] = set()
    cases: list[SupportCase] = []
    measures: list[SupportMeasure] = []
    for period in periods:
        month, day = PERIOD_ENDS.get(period, (12, 27))
        start = datetime.date(year, month, day)
        for pupil in at_risk(school, year, period):
            if pupil.student_id in opened or rng.random() > SHARE:
                continue
            opened.add(pupil.student_id)
            subject = pupil.subject_ids[0] if len(pupil.subject_ids) == 1 else None
            case = SupportCase(school=school, year_id=year, student_id=pupil.student_id, subject_id=subject,
                               opened_period=period, opened_on=start + datetime.timedelta(days=rng.randint(3, 12)),
                               reason=pupil.reason, causes=rng.choice(CAUSES))
            cases.append(case)
            for _ in range(rng.randint(1, 3)):
                kind = rng.choices(*zip(*MEASURES, strict=True))[0]
                due = case.opened_on + datetime.timedelta(days=rng.randint(14, 60))
                done = rng.random() < 0.6
                candidates = teachers.get(subject, []) if kind in (MeasureKind.CONSULTATIONS, MeasureKind.LESSONS,
                                                                   MeasureKind.ROUTE) else []
                measures.append(SupportMeasure(
                    case=case, kind=kind, responsible=rng.choice(candidates) if candidates else None, due=due,
                    done=done, done_on=due - datetime.timedelta(days=rng.randint(0, 7)) if done else None))
    SupportCase.objects.bulk_create(cases)
    for measure in measures:
        measure.case_id = measure.case.pk
    SupportMeasure.objects.bulk_create(measures)
    _close_first_period(rng, school, [c for c in cases if periods and c.opened_period == periods[0]])
    return len(cases)


def _teachers(school: OrgUnit, year: int) -> dict[int | None, list]:
    """Teachers of each subject in the year, in a fixed order."""
    found: dict[int | None, list] = {}
    rows = (StaffYear.objects.filter(school=school, year_id=year, pedagogical=True, subjects__isnull=False)
            .select_related("staff").order_by("staff__staff_id").values_list("subjects", "staff"))
    staff = {s.staff_id: s.staff for s in StaffYear.objects.filter(school=school, year_id=year).select_related("staff")}
    for subject_id, staff_id in rows:
        found.setdefault(subject_id, []).append(staff[staff_id])
    return found


def _close_first_period(rng: random.Random, school: OrgUnit, cases: list[SupportCase]) -> None:
    """Most cases of the first period closed with the next period's result; the rest still open."""
    for case in cases:
        case.school = school
    results = results_of(cases)
    closed = []
    for case in cases:
        result = results[case.pk]
        if result.verdict not in (Verdict.FIXED, Verdict.NOT_FIXED) or rng.random() < 0.25:
            continue
        case.status = CaseStatus.SUCCEEDED if result.verdict == Verdict.FIXED else CaseStatus.FAILED
        case.result_period = next_period(school, case.opened_period)
        case.note = ("Исправил(а) отметку по итогам периода." if case.status == CaseStatus.SUCCEEDED
                     else "Отметка не исправлена; сопровождение продолжено по новому плану.")
        closed.append(case)
    SupportCase.objects.bulk_update(closed, ["status", "result_period", "note"])
