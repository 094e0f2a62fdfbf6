"""Data values of attendance (vsoko.attendance): lessons and days missed over the school year, per class.

The year of a class is its records «за год» when the class has them, else the sum of its quarters, else of its
trimesters, halves, months — whichever were loaded (never two kinds at once: a quarter and its months would count
twice). All in the database: a record is left out when its class has records of a preferred kind in the year
(the class's best kind by a window over its records), the rest grouped by school × year × class.

Only pupils of the contingent at the year's end (CE, vsoko.datavalues.populations.in_ce) count: a pupil who left
before 25 May is not in `students.ce`, so his absences are not in the numerator either — both parts of the ratio
over the same pupils.

    reg000.4.4.6.4 = ratio(attendance.days_ill, students.ce)

Registered through vsoko/datavalues/extractors/attendance.py (the registry imports that package).
"""

from __future__ import annotations

from django.db.models import Case, Count, F, IntegerField, Min, Sum, Value, When, Window

from vsoko.attendance.models import AttendanceRecord, PeriodKind
from vsoko.datavalues.populations import in_ce
from vsoko.datavalues.registry import DIMS, Code, extractor, present_in, register_dim
from vsoko.datavalues.staging import Grouped, Output
from vsoko.records.models import Enrollment, SchoolClass, Student

# The kind of period a class's year is read from, the first one loaded.
PREFERENCE = (PeriodKind.YEAR, PeriodKind.QUARTER, PeriodKind.TRIMESTER, PeriodKind.HALF, PeriodKind.MONTH)
SUMMED = {
    "attendance.lessons_missed": "lessons_missed",
    "attendance.lessons_ill": "lessons_ill",
    "attendance.lessons_excused": "lessons_excused",
    "attendance.lessons_unexcused": "lessons_unexcused",
    "attendance.days_missed": "days_missed",
    "attendance.days_ill": "days_ill",
}
NAMES = {
    "attendance.pupils_reported": "обучающиеся контингента на конец года, о посещаемости которых загружены данные",
    "attendance.lessons_missed": "уроков пропущено обучающимися контингента на конец года за учебный год, всего",
    "attendance.lessons_ill": "уроков пропущено за учебный год по болезни",
    "attendance.lessons_excused": "уроков пропущено за учебный год по уважительной причине",
    "attendance.lessons_unexcused": "уроков пропущено за учебный год без уважительной причины",
    "attendance.days_missed": "дней пропущено обучающимися контингента на конец года за учебный год, всего",
    "attendance.days_ill": "дней пропущено обучающимися контингента на конец года за учебный год по болезни",
}
DIMENSIONS = ("grade", "school_class")

if "school_class" not in DIMS:
    register_dim("school_class", "класс")


def _rank(prefix: str = "") -> Case:
    """The place of a record's kind of period in PREFERENCE (0 = the year)."""
    return Case(*(When(**{f"{prefix}period_kind": kind}, then=Value(i)) for i, kind in enumerate(PREFERENCE)),
                default=Value(len(PREFERENCE)), output_field=IntegerField())


@extractor(codes=[Code(code, name, dims=DIMENSIONS) for code, name in NAMES.items()],
           reads=(AttendanceRecord, Enrollment, SchoolClass, Student), present=present_in(AttendanceRecord))
def attendance(school_ids: list[int], years: list[int]):
    # A record counts when its kind of period is the best its class has in the year (the year over quarters…):
    # the best rank of the class by a window over its records, one sort. A NOT EXISTS of a better record
    # compared every record with every other of its class (0.6 s for one school's 7 000 records).
    # «rank <= best» is «rank = best» (best is the least rank), but PostgreSQL estimates an equality of two
    # columns at 0.5 % of the rows: it expected 327 of 65 000 records of ten schools and fetched each by an
    # index lookup (three nested loops, 0.7 s of CPU); an inequality is estimated at a third, and hashed.
    kept = (
        AttendanceRecord.objects.filter(school_id__in=school_ids, year_id__in=years)
        .annotate(rank=_rank(), best=Window(Min(_rank()), partition_by=[F("school_class"), F("year")]))
        .filter(rank__lte=F("best")).values("pk")
    )
    rows = (
        AttendanceRecord.objects.filter(in_ce(school_ids, years), school_id__in=school_ids, year_id__in=years)
        .filter(pk__in=kept)
        .values("school_id", "year_id", "school_class__name", "school_class__grade")
        .annotate(pupils=Count("student", distinct=True), **{field: Sum(field) for field in SUMMED.values()})
        .order_by()
    )
    dims = {"grade": "school_class__grade", "school_class": "school_class__name"}
    yield Grouped(rows, (Output("attendance.pupils_reported", dims, "pupils"),
                         *(Output(code, dims, field) for code, field in SUMMED.items())))
