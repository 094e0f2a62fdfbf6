import pytest

from tests.accounts.personas import YEAR
from vsoko.records.enums import Period, PeriodSystem
from vsoko.support.enums import Reason, Verdict
from vsoko.support.models import SupportCase
from vsoko.support.outcome import next_period, results_of

pytestmark = pytest.mark.django_db


def case(world, key, subject=None, period=Period.Q1, reason=Reason.FAILING):
    return SupportCase.objects.create(school=world.school, year_id=YEAR, student=world.students[key],
                                      subject=world.subjects[subject] if subject else None, opened_period=period,
                                      reason=reason)


def test_the_result_is_read_from_the_next_periods_marks_of_the_cases_subject(world, django_assert_num_queries):
    fixed = case(world, "kozlov", "math")
    not_fixed = case(world, "lebedeva", "math", reason=Reason.NOT_ASSESSED)
    whole = case(world, "lebedeva")  # all subjects: the «2» in mathematics is still there
    russian = case(world, "lebedeva", "russian")
    waiting = case(world, "pavlov", "physics")  # no marks of the 2nd quarter yet
    cases = [fixed, not_fixed, whole, russian, waiting]
    for c in cases:
        c.school = world.school

    with django_assert_num_queries(1):
        results = results_of(cases)

    assert [results[c.pk].verdict for c in cases] == [Verdict.FIXED, Verdict.NOT_FIXED, Verdict.NOT_FIXED,
                                                      Verdict.FIXED, Verdict.NO_MARKS]
    assert results[fixed.pk].period == Period.Q2
    assert results[fixed.pk].words == "исправил(а) (математика: 3)"
    assert results[waiting.pk].words == "нет отметок за 2 четверть"


def test_the_period_after_the_last_term_is_the_year_and_after_the_year_there_is_none(world):
    assert next_period(world.school, Period.Q4) == Period.YEAR
    assert next_period(world.school, Period.YEAR) is None
    world.school.period_system = PeriodSystem.HALVES
    assert next_period(world.school, Period.H1) == Period.H2
    assert next_period(world.school, Period.Q1) is None  # not a period of the school's system
    late = case(world, "kozlov", "math", period=Period.YEAR)
    late.school = world.school
    assert results_of([late])[late.pk].verdict == Verdict.NO_NEXT
