from collections import Counter
from fractions import Fraction

import pytest

from tests.progress.school import YEAR, build_school
from vsoko.progress.enums import Category
from vsoko.progress.figures import (
    category,
    period_results,
    periods_with_marks,
    previous_period,
    subject_results,
)
from vsoko.records import enums
from vsoko.records.models import PeriodMark

pytestmark = pytest.mark.django_db


def test_categories_of_each_pupil_in_the_first_quarter():
    world = build_school()
    results = period_results(world.school, YEAR, enums.Period.Q1)
    by_name = {s.last_name: s.pk for s in world.students.values()}
    got = {next(n for n, pk in by_name.items() if pk == p.student_id): p.category for p in results.pupils}
    assert got == {
        "Аверина": Category.EXCELLENT, "Борисов": Category.ONE_FOUR, "Власова": Category.ONE_THREE,
        "Григорьев": Category.FAILING, "Данилова": Category.NOT_ASSESSED, "Егоров": Category.GOOD,
        "Жукова": Category.NO_MARKS, "Зайцев": Category.SATISFACTORY,
    }
    assert [c.name for c in results.classes] == ["7А"]  # grade 1 and the other school left out


def test_figures_of_the_class_and_the_school_by_hand():
    world = build_school()
    results = period_results(world.school, YEAR, enums.Period.Q1)
    total = results.total
    assert (total.listed, total.attested, total.unsuccessful, total.good, total.on_fours_and_fives) == (8, 7, 2, 2, 3)
    assert total.success == Fraction(500, 7)  # 5 of 7
    assert total.quality == Fraction(300, 7)  # отличник, с одной 4, хорошист
    assert total.excellent_share == Fraction(100, 7)
    # marks: 6×5, 7×4, 5×3, 1×2, 1×н/а (осв out): (6 + 4,48 + 1,8 + 0,16 + 0,07) / 20
    assert total.sou == Fraction(1251, 20)
    assert total.average == Fraction(75, 19)
    assert results.classes[0].figures.categories == total.categories


def test_the_second_quarter_leaves_out_the_pupil_who_left_and_counts_the_one_without_marks():
    world = build_school()
    total = period_results(world.school, YEAR, enums.Period.Q2).total
    assert (total.listed, total.attested) == (7, 6)
    assert total.count(Category.NO_MARKS) == 1 and total.count(Category.SATISFACTORY) == 0
    assert total.quality == Fraction(200, 3)  # 4 of 6: Власова is a хорошист now


def test_the_year_counts_the_contingent_at_the_year_end_only():
    world = build_school()
    PeriodMark.objects.create(school=world.school, year_id=YEAR, period=enums.Period.YEAR,
                              student=world.students["Зайцев"], subject=world.subjects[0], mark="2")
    PeriodMark.objects.create(school=world.school, year_id=YEAR, period=enums.Period.YEAR,
                              student=world.students["Аверина"], subject=world.subjects[0], mark="5")
    total = period_results(world.school, YEAR, enums.Period.YEAR).total
    assert total.attested == 1 and total.quality == 100  # Зайцев left: not in CE(Y), as for core.quality
    (math,), _ = subject_results(world.school, YEAR, enums.Period.YEAR)
    assert math.graded == 1 and math.marks["n2"] == 0  # nor are his marks


def test_only_some_classes():
    world = build_school()
    assert period_results(world.school, YEAR, enums.Period.Q1, class_ids=set()).total.listed == 0
    assert period_results(world.school, YEAR, enums.Period.Q1, class_ids={world.cls.pk}).total.listed == 8


def test_subjects_by_hand():
    world = build_school()
    school_wide, by_class = subject_results(world.school, YEAR, enums.Period.Q1)
    math, russian, physics = school_wide
    assert [s.name for s in school_wide] == ["Математика", "Русский язык", "Физика"]
    assert (math.marks["n5"], math.marks["n4"], math.marks["n3"], math.marks["n2"], math.marks["na"]) == (1, 2, 2, 1, 1)
    assert math.success == Fraction(500, 7) and math.quality == Fraction(300, 7)
    assert math.sou == Fraction(323, 7) and math.average == Fraction(7, 2)
    assert physics.graded == 6 and physics.success == 100 and physics.quality == Fraction(500, 6)
    assert physics.sou == Fraction(464, 6)
    assert [s.name for s in by_class[world.cls.pk]] == ["Математика", "Русский язык", "Физика"]
    assert world.first_grade.pk not in by_class


@pytest.mark.parametrize(("marks", "expected"), [
    ({"passed": 2}, Category.PASSED),
    ({"n5": 1, "passed": 1}, Category.EXCELLENT),
    ({"n5": 1, "failed": 1}, Category.FAILING),
    ({"n5": 1, "n1": 1}, Category.FAILING),
    ({"exempt": 3}, Category.EXEMPT),
    ({"n3": 2, "n5": 1}, Category.SATISFACTORY),
    ({"n4": 2}, Category.GOOD),
    ({"na": 1, "n2": 1}, Category.NOT_ASSESSED),
])
def test_category_rules_follow_the_year_indicators(marks, expected):
    assert category(Counter(marks)) == expected


def test_periods_in_the_schools_order_and_the_previous_one():
    world = build_school()
    assert periods_with_marks(world.school, YEAR) == [enums.Period.Q1, enums.Period.Q2]
    assert previous_period(world.school, enums.Period.Q2) == enums.Period.Q1
    assert previous_period(world.school, enums.Period.Q1) is None
    assert previous_period(world.school, enums.Period.YEAR) == enums.Period.Q4
    assert previous_period(world.school, enums.Period.T2) is None  # not the school's system


def test_the_period_counts_read_the_marks_from_the_index_alone():
    """Both grouped reads of a period's marks (per pupil, per class × subject) find the period's marks and read
    what they count from one index, never the marks table: the deputy's page ran them at 75–80 ms each on
    PostgreSQL with a (school, year, period) index that left the table to read (benchmarks/results.md)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    world = build_school()
    with CaptureQueriesContext(connection) as queries:
        period_results(world.school, YEAR, enums.Period.Q1)
        subject_results(world.school, YEAR, enums.Period.Q1)
    reads = [q["sql"] for q in queries.captured_queries if '"records_periodmark"' in q["sql"]]
    assert len(reads) == 2
    for sql in reads:
        assert '"records_periodmark"."id"' not in sql  # an index holds no id on PostgreSQL: counted by mark
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN QUERY PLAN " + sql, [])
                plan = " ".join(str(row[-1]) for row in cursor.fetchall())
            assert "records_periodmark USING COVERING INDEX mark_period_counts" in plan, plan
