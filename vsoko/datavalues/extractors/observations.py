"""Data values of the lesson-observation journal (vsoko.observations, «Посещение уроков»).

The regulation 000 indicators 6.1 and 6.2 (shares of teachers using modern pedagogical technologies and
ИКТ) are shares among the teachers observed in the year: a teacher counts once however many times they
were visited, and counts in the numerator when at least one visit noted the technology. Only the
school's own pedagogical staff of the year are counted (a visit to a librarian's event or a record
pointing at another school's staff member does not change the shares). Every value is one grouped query.
"""

from __future__ import annotations

from django.db.models import Count, Exists, F, OuterRef, Q

from vsoko.datavalues.registry import DIMS, Code, extractor, present_in, register_dim
from vsoko.datavalues.staging import grouped
from vsoko.observations.enums import LessonLevel, VisitKind, VisitPurpose
from vsoko.observations.models import LessonVisit
from vsoko.records.models import StaffMember, StaffYear

for _name, _label, _values in [
    ("visit_kind", "что посещено", dict(VisitKind.choices)),
    ("visit_purpose", "цель посещения", dict(VisitPurpose.choices)),
    ("lesson_level", "уровень урока", dict(LessonLevel.choices)),
]:
    if _name not in DIMS:
        register_dim(_name, _label, values=_values)

# What a visit noted -> the code of the teachers with at least one such visit.
NOTED = {
    "modern_technologies": "visits.teachers.modern",
    "ict": "visits.teachers.ict",
    "differentiation": "visits.teachers.differentiation",
}


def observed_teachers(school_ids: list[int], years: list[int]):
    """Visits to the school's own pedagogical staff of the visit's year."""
    pedagogical = StaffYear.objects.filter(staff=OuterRef("teacher"), year=OuterRef("year"),
                                           school=OuterRef("school"), pedagogical=True)
    return LessonVisit.objects.filter(school_id__in=school_ids, year_id__in=years,
                                      teacher__school_id=F("school_id")).filter(Exists(pedagogical))


@extractor(
    reads=(LessonVisit, StaffYear, StaffMember),
    codes=[
        Code("visits.count", "посещения уроков и мероприятий", dims=("visit_kind", "visit_purpose", "lesson_level")),
        Code("visits.teachers", "педагоги школы, чьи уроки или мероприятия посещены в учебном году"),
        Code("visits.teachers.modern", "посещённые педагоги, применявшие современные педагогические технологии "
                                       "хотя бы на одном посещении"),
        Code("visits.teachers.ict", "посещённые педагоги, использовавшие ИКТ хотя бы на одном посещении"),
        Code("visits.teachers.differentiation", "посещённые педагоги с дифференцированным подходом хотя бы на "
                                                "одном посещении"),
    ],
    present=present_in(LessonVisit),
)
def lesson_visits(school_ids, years):
    visits = LessonVisit.objects.filter(school_id__in=school_ids, year_id__in=years)
    by_kind = visits.values("school_id", "year_id", "kind", "purpose", "level").annotate(n=Count("id"))
    yield grouped(by_kind, "visits.count",
                  {"visit_kind": "kind", "visit_purpose": "purpose", "lesson_level": "level"})

    observed = observed_teachers(school_ids, years).values("school_id", "year_id")
    yield grouped(observed.annotate(n=Count("teacher", distinct=True)), "visits.teachers", {})
    for field, code in NOTED.items():
        noted = observed.annotate(n=Count("teacher", distinct=True, filter=Q(**{field: True})))
        yield grouped(noted, code, {})
