"""Data values of attendance (vsoko.attendance): lessons and days missed over the school year, per class.

The year of a class is its records «за год» when the class has them, else the sum of its quarters, else of its
trimesters, halves, months — whichever were loaded (never two kinds at once: a quarter and its months would count
twice). The database groups the records by school × year × class × kind of period; Python only picks the kind
of each class among those few grouped rows.

    reg000.4.4.6.4 = ratio(attendance.days_ill, students.ce)

Registered through vsoko/datavalues/extractors/attendance.py (the registry imports that package).
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Count, Sum

from vsoko.attendance.models import AttendanceRecord, PeriodKind
from vsoko.datavalues.registry import DIMS, Code, Row, extractor, present_in, register_dim

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
    "attendance.pupils_reported": "обучающиеся, о посещаемости которых загружены данные за учебный год",
    "attendance.lessons_missed": "уроков пропущено обучающимися за учебный год, всего",
    "attendance.lessons_ill": "уроков пропущено за учебный год по болезни",
    "attendance.lessons_excused": "уроков пропущено за учебный год по уважительной причине",
    "attendance.lessons_unexcused": "уроков пропущено за учебный год без уважительной причины",
    "attendance.days_missed": "дней пропущено обучающимися за учебный год, всего",
    "attendance.days_ill": "дней пропущено обучающимися за учебный год по болезни",
}
DIMENSIONS = ("grade", "school_class")

if "school_class" not in DIMS:
    register_dim("school_class", "класс")


@extractor(codes=[Code(code, name, dims=DIMENSIONS) for code, name in NAMES.items()],
           present=present_in(AttendanceRecord))
def attendance(school_ids: list[int], years: list[int]) -> Iterator[Row]:
    grouped = (
        AttendanceRecord.objects.filter(school_id__in=school_ids, year_id__in=years)
        .values("school_id", "year_id", "school_class__name", "school_class__grade", "period_kind")
        .annotate(pupils=Count("student", distinct=True), **{field: Sum(field) for field in SUMMED.values()})
        .order_by()
    )
    chosen: dict[tuple[int, int, str], dict] = {}
    for row in grouped:
        key = (row["school_id"], row["year_id"], row["school_class__name"])
        held = chosen.get(key)
        if held is None or PREFERENCE.index(row["period_kind"]) < PREFERENCE.index(held["period_kind"]):
            chosen[key] = row
    for (school_id, year, class_name), row in chosen.items():
        breakdown = {"grade": row["school_class__grade"], "school_class": class_name}
        yield Row(school_id, year, "attendance.pupils_reported", row["pupils"], breakdown)
        for code, field in SUMMED.items():
            yield Row(school_id, year, code, row[field] or 0, breakdown)
