import datetime
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.accounts.personas import YEAR, build_world
from vsoko.attendance.models import AttendanceRecord, PeriodKind
from vsoko.datavalues import staging
from vsoko.datavalues.compute import CORE_STATISTICS_TABLES
from vsoko.datavalues.registry import (
    Code,
    breakdown_key,
    breakdown_text,
    clean_breakdown,
    codes,
    dim_value,
    extractor,
    grade_band,
    load_extractors,
    parse_key,
    value_text,
)
from vsoko.datavalues.staging import Grouped
from vsoko.diagnostics.models import Diagnostic, DiagnosticResult
from vsoko.observations.models import LessonVisit
from vsoko.records.models import (
    Assessment,
    AssessmentTask,
    Enrollment,
    Result,
    SurveyAnswer,
    TaskScore,
)


def test_dimension_values_are_canonical_strings():
    assert [dim_value(v) for v in (Decimal("17.0"), Decimal("17.5"), 9, True, False, "", None, 17.0)] == [
        "17", "17.5", "9", "yes", "no", None, None, "17"]


def test_breakdown_key_is_sorted_and_parses_back():
    breakdown = clean_breakdown({"subject": "математика", "grade": 9, "outcome": "", "x": "a|b"})

    assert breakdown_key(breakdown) == "grade=9|subject=математика|x=a/b"
    assert parse_key(breakdown_key(breakdown)) == breakdown
    assert parse_key("") == {}


def test_grade_bands():
    assert [grade_band(g) for g in ("1", "4", "5", "9", "10", "11", "12", "x")] == [
        "1-4", "1-4", "5-9", "5-9", "10-11", "10-11", None, None]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"code": "nodot", "name": "x"}, "at least one dot"),
    ({"code": "a.b", "name": "x", "dims": ("colour",)}, "unknown dimension"),
    ({"code": "a.b", "name": "x", "dims": ("grade",), "fixed": ("subject",)}, "not among dims"),
    ({"code": "a.b", "name": "x", "dims": ("grade",), "dist": True}, "needs the dimension 'score'"),
    ({"code": "a.b", "name": "x", "dims": ("grade_band",)}, "unknown dimension"),
])
def test_code_declarations_are_checked(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Code(**kwargs)


def test_a_code_cannot_be_declared_by_two_extractors():
    taken = next(iter(codes()))

    with pytest.raises(ValueError, match="is declared by"):
        extractor(codes=[Code(taken, "again")], reads=())(lambda school_ids, years: [])


def test_every_registered_code_is_documented():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "data-values.md").read_text()
    core = {c for c, code in codes().items() if code.extractor.startswith("vsoko.datavalues.extractors.core.")}

    assert sorted(c for c in core if f"`{c}`" not in doc) == []


def test_coded_dimension_values_are_shown_in_russian_and_others_as_stored():
    codes()  # loads the extractors, which register their own dimensions
    assert value_text("kind", "oge") == "ОГЭ"
    assert value_text("level", "federal") == "заключительный или всероссийский"
    assert value_text("answer", "unsure") == "затрудняюсь ответить"
    assert value_text("staff_topic", "shnor") == "ШНОР"  # registered by the regulations' extractors
    assert value_text("subject", "математика") == "математика"
    assert value_text("unknown_dimension", "x") == "x"
    assert breakdown_text([("grade", "9"), ("in_ce", "no")]) == "параллель: 9, в контингенте на конец года: нет"



def test_an_extractor_declares_models_not_table_names():
    with pytest.raises(ValueError, match="a Django model class is expected"):
        extractor(codes=[], reads=["records_enrollment"])(lambda school_ids, years: [])


READS_TABLE = re.compile(r'\b(?:FROM|JOIN)\s+"?(\w+)"?', re.IGNORECASE)


def tables_named(sql: str) -> set[str]:
    """The tables of installed models an SQL statement reads (FROM and JOIN); temporary staging tables are not."""
    installed = {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    return {name for name in READS_TABLE.findall(sql) if name in installed}


def test_tables_named_in_sql_are_parsed():
    sql = ('SELECT 1 FROM "records_enrollment" INNER JOIN "records_schoolclass" ON 1 '
           'LEFT OUTER JOIN records_student ON 1 JOIN (SELECT 1 FROM "vsoko_staged") s WHERE "x"."y" = 1')
    assert tables_named(sql) == {"records_enrollment", "records_schoolclass", "records_student"}


@pytest.mark.django_db
def test_every_table_an_extractor_reads_is_declared_in_its_reads():
    # A tiny world with a row in every table the extractors read, plugins' too: every query path runs.
    world = build_world()
    school, student, enrollment = world.school, world.students["ivanov"], Enrollment.objects.get(
        student=world.students["ivanov"], year_id=YEAR)
    vpr = Assessment.objects.get(assessment_id="VPR-5-M")
    task = AssessmentTask.objects.create(assessment=vpr, task="1", position=1, max_points=2, functional_literacy=True)
    TaskScore.objects.create(result=Result.objects.get(assessment=vpr), task=task, points=2)
    SurveyAnswer.objects.create(school=school, year_id=YEAR, survey="parents", respondent="r1", grade=5,
                                question="q1", answer="полностью удовлетворен")
    AttendanceRecord.objects.create(school=school, year_id=YEAR, student=student, school_class=enrollment.school_class,
                                    period_kind=PeriodKind.YEAR, lessons_missed=6, lessons_ill=6, days_missed=1,
                                    days_ill=1)
    diagnostic = Diagnostic.objects.create(school=school, year_id=YEAR, procedure="adaptation_5",
                                           date=datetime.date(2024, 10, 1), school_class=enrollment.school_class)
    DiagnosticResult.objects.create(diagnostic=diagnostic, enrollment=enrollment, level="high")
    LessonVisit.objects.create(school=school, year_id=YEAR, date=datetime.date(2024, 10, 15),
                               observer=world.staff["volkov"], teacher=world.staff["smirnova"],
                               school_class=enrollment.school_class, subject=world.subjects["math"])
    core = {model._meta.db_table for model in CORE_STATISTICS_TABLES}

    undeclared = {}
    for name, ext in load_extractors().items():
        staging.create()
        try:
            with CaptureQueriesContext(connection) as ctx:
                for item in ext.fn([school.pk], [YEAR]):
                    if isinstance(item, Grouped):
                        staging.insert_grouped(item)
                if ext.present is not None:
                    list(ext.present([school.pk], [YEAR]))
        finally:
            staging.drop()
        read = set().union(*(tables_named(query["sql"]) for query in ctx.captured_queries))
        assert read, f"{name}: no query captured"
        missing = read - core - {model._meta.db_table for model in ext.reads}
        if missing:
            undeclared[name] = sorted(missing)

    assert not undeclared, "tables read but not in reads=:\n" + "\n".join(
        f"{name}: {', '.join(tables)}" for name, tables in sorted(undeclared.items()))
