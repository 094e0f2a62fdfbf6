import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.datavalues.records import Records, make_school
from vsoko.datavalues.compute import extract, recompute, recompute_all, years_with_records
from vsoko.datavalues.enums import Source
from vsoko.datavalues.models import DataValue
from vsoko.imports.signals import package_imported
from vsoko.records.enums import ValueScope

pytestmark = pytest.mark.django_db


def values(school, code, year=2024):
    return {(dv.key, dv.source): dv.value for dv in DataValue.objects.filter(org_unit=school, year_id=year, code=code)}


def test_recompute_replaces_the_school_values_of_those_years(school):
    b = Records(school)
    s = b.student("s1", "5А")
    recompute(school, [2024])
    assert values(school, "students.ce")[("attestation=none|disability=no|grade=5|ovz=no", Source.COMPUTED)] == 1

    b.marks(s, {"математика": "5"})
    recompute(school, [2024])
    recompute(school, [2024])

    assert values(school, "students.ce") == {("attestation=excellent|disability=no|grade=5|ovz=no", Source.COMPUTED): 1}
    assert values(school, "marks.year") == {("grade=5|mark=5|subject=математика", Source.COMPUTED): 1}


def test_recompute_leaves_other_years_and_schools_alone(school):
    other = make_school("other")
    Records(school).student("s1", "5А")
    Records(school, 2023).student("s0", "4А")
    Records(other).student("o1", "5А")
    recompute(school, [2023, 2024])
    recompute(other, [2024])

    Records(school).student("s2", "5А")
    recompute(school, [2024])

    assert DataValue.objects.filter(org_unit=school, year_id=2023, code="students.ce").count() == 1
    assert sum(values(other, "students.ce").values()) == 1
    assert sum(values(school, "students.ce").values()) == 2


def test_package_imported_signal_recomputes_at_once(school):
    Records(school).student("s1", "5А")

    package_imported.send(sender=None, school=school, years=[2024], tables=["students", "enrollments"])

    assert sum(values(school, "students.ce").values()) == 1


def test_codes_without_rows_are_zero_where_the_source_data_exist(school):
    Records(school).student("s1", "5А")  # enrollments, but no events and no marks

    recompute(school, [2024])

    assert values(school, "students.ce.events") == {("", Source.COMPUTED): 0}
    assert values(school, "marks.year") == {}  # no marks at all: no data, not zero


def test_manual_values_are_mirrored_as_entered_and_benchmark(school):
    b = Records(school)
    b.manual("reg000.2.3", value=1)
    b.manual("reg000.1.5", numerator=3, denominator=4, scope=ValueScope.REGION)

    recompute(school, [2024])

    assert values(school, "reg000.2.3") == {("", Source.ENTERED): 1}
    assert values(school, "reg000.1.5.numerator") == {("scope=region", Source.BENCHMARK): 3}
    assert values(school, "reg000.1.5.denominator") == {("scope=region", Source.BENCHMARK): 4}


def test_extraction_for_many_schools_equals_extraction_per_school(school):
    other = make_school("other")
    for sch, n in ((school, 2), (other, 3)):
        b = Records(sch)
        for i in range(n):
            b.marks(b.student(f"s{i}", f"{5 + i}А"), {"математика": str(3 + i % 3)})

    together = {(v.org_unit_id, v.code, v.key): v.value for v in extract([school.pk, other.pk], [2024])}
    apart = {(v.org_unit_id, v.code, v.key): v.value
             for sch in (school, other) for v in extract([sch.pk], [2024])}

    assert together == apart


def test_extraction_is_set_based_the_number_of_queries_does_not_grow_with_students(school):
    def queries_for(n):
        b = Records(school, 2024 + n)
        for i in range(n):
            s = b.student(f"n{n}-{i}", f"{2 + i % 9}А")
            b.marks(s, {"математика": "5", "русский язык": "4"})
        with CaptureQueriesContext(connection) as ctx:
            extract([school.pk], [2024 + n])
        return len(ctx.captured_queries)

    assert queries_for(2) == queries_for(20)


def test_recompute_all_and_years_with_records(school):
    other = make_school("other")
    Records(school, 2023).student("s1", "5А")
    Records(other, 2024).student("o1", "5А")

    assert years_with_records() == [2023, 2024]
    recompute_all()

    assert sum(values(school, "students.ce", 2023).values()) == 1
    assert sum(values(other, "students.ce", 2024).values()) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="planner statistics of PostgreSQL")
def test_statistics_of_a_small_table_grown_a_few_pages_are_refreshed(school):
    # The classes of ten demo schools fill 7 pages; analyzed at the first school's 80 classes (1 page), the
    # planner believed class ids end at 80 and chose nested loops that took twice the time (docs/data-values.md).
    from vsoko.datavalues.compute import refresh_statistics
    from vsoko.records.models import SchoolClass

    Records(school).school_class("5А")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE records_schoolclass")
        SchoolClass.objects.bulk_create([SchoolClass(school=school, year_id=2024, name=f"{i}Б", grade=5, letter="Б")
                                         for i in range(400)])
        refresh_statistics()
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'records_schoolclass'")
        assert cursor.fetchone()[0] >= 401


def test_the_statistics_cover_the_core_and_every_table_an_extractor_reads_without_importing_plugins():
    # One registry per extension point: the attendance, diagnostics and observations tables come from the
    # extractors' `reads`, not from imports of plugin apps in the core.
    import pathlib

    from vsoko.datavalues import compute
    from vsoko.datavalues.registry import load_extractors

    tables = set(compute.statistics_tables())

    assert {"attendance_attendancerecord", "diagnostics_diagnosticresult", "observations_lessonvisit",
            "records_staffyear_subjects", "records_schoolyear", "datavalues_datavalue"} <= tables
    assert {m._meta.db_table for ext in load_extractors().values() for m in ext.reads} <= tables
    source = pathlib.Path(compute.__file__).read_text()
    assert not any(f"vsoko.{app}" in source for app in ("attendance", "diagnostics", "observations"))
