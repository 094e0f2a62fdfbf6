"""Grouped queries computed inside the database give exactly the keys and breakdowns Python gives."""

import json
from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.models import BooleanField, Count, ExpressionWrapper, Q

from tests.datavalues.records import Records
from vsoko.datavalues import staging
from vsoko.datavalues.registry import breakdown_key, clean_breakdown, parse_key
from vsoko.datavalues.staging import Grouped, Output
from vsoko.records.enums import AssessmentKind, EventLevel, EventResult
from vsoko.records.models import Result

pytestmark = pytest.mark.django_db


def staged_rows(*queries: Grouped) -> list[tuple]:
    """(code, key, breakdown items, value) of the fresh values the queries give (the breakdown is the key's)."""
    staging.create()
    try:
        for query in queries:
            staging.insert_grouped(query)
        staging.sum_staged()
        rows = staging.fresh_rows()
    finally:
        staging.drop()
    return sorted((code, key, sorted(parse_key(key).items()), Decimal(str(value)))
                  for _, _, _, code, key, value, _ in rows)


@pytest.fixture
def results(school):
    """Results whose columns hold every kind of dimension value: text with «|», whole and half decimals,
    zero, NULL, true and false."""
    b = Records(school)
    pipe = b.assessment(AssessmentKind.VPR, "физика|химия", 8)
    plain = b.assessment(AssessmentKind.VPR, "математика", 8)
    for i, (assessment, primary, mark, absent) in enumerate([
        (pipe, 17, 5, False), (pipe, Decimal("17.5"), 4, False), (pipe, None, None, True),
        (plain, 0, 2, False), (plain, 17, 5, False), (plain, Decimal("10.0"), None, False),
    ]):
        b.result(assessment, b.student(f"s{i}", "8А"), primary=primary, mark=mark, absent=absent)
    return Result.objects.filter(school=school)


def test_keys_and_breakdowns_made_in_sql_equal_those_made_in_python(results):
    dims = {"subject": "assessment__subject__name", "score": "primary_score", "mark": "mark", "in_ce": "absent"}
    rows = results.values("school_id", "assessment__year_id", *dims.values()).annotate(n=Count("id"))

    expected = []
    for row in rows:  # the same grouped rows, read into Python and cleaned as `Row`s are
        breakdown = clean_breakdown({dim: row[column] for dim, column in dims.items()})
        expected.append(("c.x", breakdown_key(breakdown), sorted(breakdown.items()), Decimal(row["n"])))

    got = staged_rows(Grouped(rows, (Output("c.x", dims),), year="assessment__year_id"))

    assert got == sorted(expected)
    keys = [key for _, key, _, _ in got]
    assert "in_ce=no|mark=5|score=17|subject=физика/химия" in keys  # «|» replaced, 17.0 written as 17
    assert "in_ce=no|mark=4|score=17.5|subject=физика/химия" in keys
    assert "in_ce=yes|subject=физика/химия" in keys  # NULL score and mark: no such dimensions
    assert "in_ce=no|mark=2|score=0|subject=математика" in keys  # zero is a value, not "no value"
    assert "in_ce=no|score=10|subject=математика" in keys


def test_outputs_filter_fix_and_sum_away_dimensions(results):
    rows = (
        results.annotate(present=ExpressionWrapper(Q(absent=False), output_field=BooleanField()))
        .values("school_id", "assessment__year_id", "assessment__subject__name", "mark", "present")
        .annotate(n=Count("id"), fives=Count("id", filter=Q(mark=5)))
    )
    subject = {"subject": "assessment__subject__name"}
    got = staged_rows(Grouped(rows, (
        Output("c.present", subject, where="present"),
        Output("c.fives", subject, "fives", nonzero=True, fixed={"level": "federal"}),
        Output("c.all", {}),  # every row of the query summed into one value
    ), year="assessment__year_id"))

    assert got == [
        ("c.all", "", [], Decimal(6)),
        ("c.fives", "level=federal|subject=математика", [("level", "federal"), ("subject", "математика")],
         Decimal(1)),
        ("c.fives", "level=federal|subject=физика/химия", [("level", "federal"), ("subject", "физика/химия")],
         Decimal(1)),
        ("c.present", "subject=математика", [("subject", "математика")], Decimal(3)),
        ("c.present", "subject=физика/химия", [("subject", "физика/химия")], Decimal(2)),
    ]


def test_a_column_of_another_type_cannot_be_a_dimension(results):
    rows = results.values("school_id", "assessment__year_id", "assessment__date").annotate(n=Count("id"))
    staging.create()
    try:
        with pytest.raises(TypeError, match="DateField"):
            staging.insert_grouped(Grouped(rows, (Output("c.x", {"day": "assessment__date"}),),
                                           year="assessment__year_id"))
    finally:
        staging.drop()


def test_a_failed_recomputation_leaves_no_staging_table_behind(school, monkeypatch):
    from vsoko.datavalues import compute
    from vsoko.datavalues.models import DataValue

    b = Records(school)
    b.marks(b.student("s1", "5А"), {"математика": "5"})
    compute.recompute(school, [2024])
    before = sorted(DataValue.objects.values_list("code", "key", "value"))
    Records(school).marks(b.student("s2", "5А"), {"математика": "4"})

    def broken_merge(*args, **kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(staging, "merge", broken_merge)
    with pytest.raises(RuntimeError):
        compute.recompute(school, [2024])

    assert sorted(DataValue.objects.values_list("code", "key", "value")) == before
    for table in (staging.STAGED, staging.FRESH):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {table}")


def test_stored_breakdowns_are_the_items_of_their_keys(school):
    """The JSON breakdown is written from the key in SQL: a value holding «=» or «|» survives."""
    from vsoko.datavalues.compute import recompute
    from vsoko.datavalues.models import DataValue

    b = Records(school)
    b.marks(b.student("s1", "5А"), {"физика|химия": "5"})
    b.survey("родители", "r1", 5, {"Нравится ли?": "да = нет"})
    recompute(school, [2024])

    values = list(DataValue.objects.filter(org_unit=school))
    assert len(values) > 20
    for value in values:
        assert value.breakdown == parse_key(value.key), value.key
    answers = [v.breakdown for v in values if v.code == "survey.answers"]
    assert answers == [{"answer": "да = нет", "grade": "5", "question": "Нравится ли?", "survey": "родители"}]
    marks = [v.breakdown for v in values if v.code == "marks.year"]
    assert marks == [{"grade": "5", "mark": "5", "subject": "физика/химия"}]


@pytest.mark.parametrize(("key", "expected"), [
    ("", {}),
    ("grade=5", {"grade": "5"}),
    ("class=5А|grade=5|subject=физика/химия", {"class": "5А", "grade": "5", "subject": "физика/химия"}),
    ("answer=да = нет|grade=5", {"answer": "да = нет", "grade": "5"}),  # an «=» in a value: the slow way
    ("a==|b=x=y=z", {"a": "=", "b": "x=y=z"}),
    ("name=«Школа \"Знание\"» \\ 1", {"name": "«Школа \"Знание\"» \\ 1"}),
    ("a=строка\nвторая\tтаб\x01|b=", {"a": "строка\nвторая\tтаб\x01", "b": ""}),
])
def test_the_breakdown_made_from_a_key_in_sql_is_the_keys_items(key, expected):
    """The set-based breakdown expression (`_breakdown_from_key`) gives the key's items on both databases
    and, on SQLite, the very text the Python function writes (quotes, backslashes, control characters)."""
    staging.create()
    expression = staging._breakdown_from_key("%s")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {expression}", [key] * expression.count("%s"))
        made = cursor.fetchone()[0]
    assert (json.loads(made) if isinstance(made, str) else made) == expected
    if connection.vendor == "sqlite":
        assert made == json.dumps(expected, ensure_ascii=False, separators=(",", ":"))


def test_sums_of_tenths_are_exact(school):
    """Sums of decimals made inside the database read back exactly (SQLite adds them as binary floats,
    and its text of a float has 15 significant digits)."""
    from vsoko.datavalues.compute import recompute

    b = Records(school)
    assessment = b.assessment(AssessmentKind.VPR, "математика", 8, tasks=[("1", 1, "базовый")])
    for i, score in enumerate(["0.1", "0.2", "0.4"]):
        b.result(assessment, b.student(f"s{i}", "8А"), primary=Decimal(score), mark=3, tasks=[Decimal(score)])
    recompute(school, [2024])

    def stored(code):
        # As the indicator evaluator reads values: as text, not through Django's decimal converter.
        with connection.cursor() as cursor:
            cursor.execute("SELECT CAST(value AS TEXT) FROM datavalues_datavalue WHERE org_unit_id = %s AND code = %s",
                           [school.pk, code])
            return [Decimal(text) for (text,) in cursor.fetchall()]

    assert stored("results.primary_score.sum") == [Decimal("0.7")]
    assert stored("results.task_points") == [Decimal("0.7")]  # summed again when staged rows are added up


def test_an_output_leaving_dimensions_out_is_summed_before_it_is_staged(results):
    """One staged row per key, not one per query row: the summing of the staging table stays small."""
    rows = results.values("school_id", "assessment__year_id", "assessment__subject__name", "mark").annotate(
        n=Count("id"))
    staging.create()
    try:
        staging.insert_grouped(Grouped(rows, (Output("c.subject", {"subject": "assessment__subject__name"}),
                                              Output("c.all", {})), year="assessment__year_id"))
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT code, key, value FROM {staging.STAGED} ORDER BY code, key")
            staged = [(code, key, Decimal(str(value))) for code, key, value in cursor.fetchall()]
    finally:
        staging.drop()

    assert staged == [("c.all", "", Decimal(6)), ("c.subject", "subject=математика", Decimal(3)),
                      ("c.subject", "subject=физика/химия", Decimal(3))]


def test_a_code_given_by_two_outputs_is_summed_and_the_others_are_taken_as_staged(results):
    rows = results.values("school_id", "assessment__year_id", "assessment__subject__name").annotate(n=Count("id"))
    subject = {"subject": "assessment__subject__name"}
    staging.create()
    try:
        staging.insert_grouped(Grouped(rows, (Output("c.twice", subject), Output("c.once", subject)),
                                       year="assessment__year_id"))
        staging.insert_grouped(Grouped(rows, (Output("c.twice", subject),), year="assessment__year_id"))
        assert staging.sum_staged({"c.twice"}) == 4
        got = sorted((code, key, Decimal(str(value))) for _, _, _, code, key, value, _ in staging.fresh_rows())
    finally:
        staging.drop()

    assert got == [("c.once", "subject=математика", Decimal(3)), ("c.once", "subject=физика/химия", Decimal(3)),
                   ("c.twice", "subject=математика", Decimal(6)), ("c.twice", "subject=физика/химия", Decimal(6))]


def test_summing_only_the_codes_given_twice_gives_the_values_of_summing_all(school):
    """`_stage` names every code that more than one output gives: the fresh values are the same
    as when every staged row is summed."""
    from vsoko.datavalues.compute import _stage

    b = Records(school)
    for i, level in enumerate([EventLevel.FINAL, EventLevel.REGIONAL, EventLevel.FINAL]):
        s = b.student(f"s{i}", "9А")
        b.marks(s, {"математика": "5", "русский язык": "4"})
        b.event(s, "олимпиада", level, result=EventResult.WINNER)

    def fresh(summed_all: bool) -> tuple[set, list]:
        try:
            repeated = _stage([school.pk], [2024], manual=True)
            staging.sum_staged(None if summed_all else repeated)
            return repeated, sorted(staging.fresh_rows(), key=repr)
        finally:
            staging.drop()

    repeated, selective = fresh(False)
    _, everything = fresh(True)
    assert "students.ce.events.level" in repeated  # the federal level and each level: two queries
    assert "marks.period" not in repeated
    assert selective == everything
