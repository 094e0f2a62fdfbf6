"""The demo school's distribution of load for each demo year, consistent with its staff and classes, saved
through the page's own `vsoko.teaching.assignments.apply`.

A class of grades 1–4 has one teacher of the primary classes for every subject they teach (the classes in turn
among the year's primary teachers); music, PE and English there, and every subject from grade 5, go to the
subject's teachers in blocks of neighbouring classes (the first teacher of mathematics 5А–6В, the next 7А–8Б, …),
so two teachers of one subject have different classes and different figures in the rating. English and
informatics in a class of 20 or more pupils are taught in two groups by two teachers. Weekly hours are the demo
curriculum's. A year that already has its load is kept.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count

from vsoko.demo import curriculum as cur
from vsoko.records.models import OrgUnit, PeriodMark, SchoolClass, StaffYear
from vsoko.teaching.assignments import apply, has_load

PRIMARY_POSITION = "учитель начальных классов"
LAST_PRIMARY_GRADE = 4
SPLIT = {cur.ENGLISH.name.lower(), cur.INFORMATICS.name.lower()}
GROUP_SIZE = 20


def teach_demo_years(school: OrgUnit, last_year: int, years: int) -> None:
    for year in range(last_year - years + 1, last_year + 1):
        if not has_load(school, year):
            apply(school, year, demo_load(school, year), user=None, source="demo")


def _weekly(grade: int, year: int) -> dict[str, Decimal]:
    """The curriculum's weekly hours by the subject's name in lower case (the demo journal's names)."""
    return {subject.name.lower(): Decimal(str(hours)) for subject, hours in cur.plan(grade, year)}


def demo_load(school: OrgUnit, year: int) -> dict[tuple[int, int], dict[int, Decimal | None]]:
    classes = {c.pk: c for c in SchoolClass.objects.filter(school=school, year_id=year)
               .annotate(size=Count("enrollments")).order_by("grade", "letter")}
    marked = (PeriodMark.objects.filter(school=school, year_id=year, student__enrollments__year_id=year,
                                        student__enrollments__school_class__in=list(classes))
              .values_list("student__enrollments__school_class_id", "subject_id", "subject__name")
              .distinct().order_by())
    staff = list(StaffYear.objects.filter(school=school, year_id=year, pedagogical=True)
                 .prefetch_related("subjects").select_related("staff").order_by("staff__staff_id"))
    teaches = {r.staff_id: {s.pk for s in r.subjects.all()} for r in staff}
    primary = [r.staff_id for r in staff if r.position == PRIMARY_POSITION]
    specialists = [r.staff_id for r in staff if r.position != PRIMARY_POSITION]
    primary_classes = [pk for pk, c in classes.items() if c.grade <= LAST_PRIMARY_GRADE]
    class_teacher = {pk: primary[i % len(primary)] for i, pk in enumerate(primary_classes)} if primary else {}
    by_subject: dict[tuple[int, str], list[int]] = defaultdict(list)
    load: dict[tuple[int, int], dict[int, Decimal | None]] = {}
    for class_id, subject_id, name in marked:
        teacher = class_teacher.get(class_id)
        if teacher is not None and subject_id in teaches[teacher]:
            load[(class_id, subject_id)] = {teacher: _weekly(classes[class_id].grade, year).get(name.lower())}
        else:
            by_subject[(subject_id, name)].append(class_id)
    for (subject_id, name), class_ids in by_subject.items():
        candidates = [t for t in specialists if subject_id in teaches[t]] or \
                     [t for t in teaches if subject_id in teaches[t]]
        if not candidates:
            continue
        class_ids.sort(key=lambda pk: (classes[pk].grade, classes[pk].letter))
        for i, class_id in enumerate(class_ids):
            block = i * len(candidates) // len(class_ids)  # neighbouring classes, one block per teacher
            hours = _weekly(classes[class_id].grade, year).get(name.lower())
            chosen = [candidates[block]]
            if name.lower() in SPLIT and classes[class_id].size >= GROUP_SIZE and len(candidates) > 1:
                chosen.append(candidates[(block + 1) % len(candidates)])
            load[(class_id, subject_id)] = dict.fromkeys(chosen, hours)
    return load
