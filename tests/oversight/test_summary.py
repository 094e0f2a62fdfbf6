import datetime
from decimal import Decimal

import pytest

from tests.oversight.conftest import expert, finding, inspection
from vsoko.oversight.enums import Progress
from vsoko.oversight.models import NokoResult, Participation
from vsoko.oversight.summary import (
    Change,
    FixTally,
    Presence,
    findings_in_order,
    fix_tallies,
    integral,
    integral_note,
    noko_dynamics,
    noko_sentence,
    public_presence,
)
from vsoko.records.enums import AssessmentKind
from vsoko.records.models import Assessment, SchoolYear

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 6, 10)
D = datetime.date


def test_fix_tallies_count_found_fixed_and_overdue_per_school_year(world):
    older = inspection(world.school, D(2023, 10, 2))  # 2023/2024
    finding(older, deadline=D(2024, 1, 31), fixed_on=D(2024, 1, 20))  # fixed
    finding(older, deadline=D(2024, 5, 31))  # overdue: not fixed, deadline before TODAY
    finding(older, deadline=TODAY)  # being put right: the deadline is today
    newer = inspection(world.school, D(2025, 2, 3))  # 2024/2025
    finding(newer, deadline=D(2025, 3, 1), fixed_on=D(2025, 4, 1))  # fixed late: fixed, not overdue
    finding(newer, deadline=D(2025, 9, 1))
    other = inspection(world.other_school, D(2025, 2, 3))
    finding(other, deadline=D(2025, 1, 1))  # another school's: not counted

    tallies = fix_tallies(world.school, TODAY)

    assert tallies == [FixTally(2024, found=2, fixed=1, overdue=0), FixTally(2023, found=3, fixed=1, overdue=1)]
    assert [(t.label, t.open) for t in tallies] == [("2024/2025", 1), ("2023/2024", 1)]


def test_overdue_findings_come_first_then_open_then_done(world):
    made = inspection(world.school, D(2024, 10, 1))
    done = finding(made, deadline=D(2024, 11, 1), fixed_on=D(2024, 10, 20))
    later = finding(made, deadline=D(2025, 9, 1))
    sooner = finding(made, deadline=TODAY)
    overdue = finding(made, deadline=D(2025, 6, 9))

    assert findings_in_order(world.school, TODAY) == [
        (overdue, Progress.OVERDUE), (sooner, Progress.OPEN), (later, Progress.OPEN), (done, Progress.DONE)]


SCORES = {"openness": Decimal("90"), "comfort": Decimal("80"), "accessibility": Decimal("70.5"),
          "courtesy": Decimal("100"), "satisfaction": Decimal("60")}


def test_the_integral_score_is_the_mean_of_the_five_criteria():
    # (90 + 80 + 70,5 + 100 + 60) / 5 = 400,5 / 5 = 80,1
    assert integral(NokoResult(year=2024, **SCORES)) == Decimal("80.1")


def test_a_missing_criterion_gives_no_integral_and_says_which():
    result = NokoResult(year=2024, **SCORES | {"accessibility": None})

    assert integral(result) is None
    assert integral_note(result) == ("Интегральный балл не вычислен: нет балла по критерию «доступность услуг для "
                                     "инвалидов».")
    two = NokoResult(year=2024, **SCORES | {"accessibility": None, "comfort": None})
    assert integral_note(two) == ("Интегральный балл не вычислен: нет балла по критериям «комфортность условий», "
                                  "«доступность услуг для инвалидов».")


def test_dynamics_compare_each_year_with_the_one_before(world):
    NokoResult.objects.create(school=world.school, year=2022, **SCORES)  # 80,1
    NokoResult.objects.create(school=world.school, year=2023, **{k: v + 2 for k, v in SCORES.items()})  # 82,1
    NokoResult.objects.create(school=world.school, year=2024, place=3, places=12,
                              **{k: v + Decimal("0.5") for k, v in SCORES.items()})  # 80,6

    rows = noko_dynamics(world.school)

    assert [r.integral for r in rows] == [Decimal("80.1"), Decimal("82.1"), Decimal("80.6")]
    assert rows[0].change is None
    # A score keeps its two places as a column of them does: «+2,00», and a figure with a comma takes «балла».
    assert (rows[1].change.mark, rows[1].change.words) == ("▲ +2,00", "выше на 2,00 балла")
    assert (rows[2].change.mark, rows[2].change.words) == ("▼ −1,50", "ниже на 1,50 балла")
    assert rows[2].criteria[0] == ("открытость и доступность информации", Decimal("90.5"), Change(Decimal("-1.5")))
    assert noko_sentence(rows) == ("Интегральный балл НОКО школы за 2024/2025 учебный год — 80,60 (ниже на 1,50 балла, "
                                   "чем в 2023/2024), место в муниципалитете — 3 из 12.")


def test_a_year_without_the_integral_has_no_change_and_the_sentence_says_why(world):
    NokoResult.objects.create(school=world.school, year=2023, **SCORES)
    NokoResult.objects.create(school=world.school, year=2024, **SCORES | {"satisfaction": None})

    rows = noko_dynamics(world.school)

    assert rows[1].integral is None and rows[1].change is None
    assert noko_sentence(rows) == ("Результаты НОКО за 2024/2025 учебный год: интегральный балл не вычислен: нет "
                                   "балла по критерию «удовлетворённость условиями».")


def test_public_presence_counts_the_years_procedures_with_an_observer(world):
    year = SchoolYear.objects.get(start=2024)
    second = Assessment.objects.create(school=world.school, assessment_id="ADM-5-M", year=year,
                                       kind=AssessmentKind.ADMINISTRATIVE)
    Assessment.objects.create(school=world.school, assessment_id="ADM-6-M", year=year,
                              kind=AssessmentKind.ADMINISTRATIVE)
    first, other = expert(world.school), expert(world.school, "Юдина")
    for who in (first, other):  # two observers at one procedure: one procedure
        Participation.objects.create(expert=who, assessment=second, date=D(2025, 3, 1))

    presence = public_presence(world.school, 2024)

    assert (presence.attended, presence.total) == (1, 3)  # VPR-5-M, ADM-5-M, ADM-6-M
    assert presence.share_text == "33,3 %"
    assert presence.sentence == ("Общественные наблюдатели (эксперты) присутствовали на 1 из 3 оценочных процедур "
                                 "учебного года (33,3 %).")
    assert Presence(2, 4).share_text == "50,0 %"  # a share keeps its place, as «33,3 %» beside it
    assert public_presence(world.school, 2023).sentence == ""  # no procedures that year: nothing to say


@pytest.mark.parametrize("delta, mark, words", [
    (Decimal("0.002"), "без изменений", "без изменений"),  # 0.01 more on one criterion: the integral + 0,002
    (Decimal("-0.004"), "без изменений", "без изменений"),
    (Decimal("0.005"), "▲ +0,01", "выше на 0,01 балла"),  # half up, as the scores are shown
    (Decimal("5.001"), "▲ +5,00", "выше на 5,00 балла"),  # «5,00» is read as a fraction: «балла»
])
def test_a_change_is_judged_as_it_is_shown(delta, mark, words):
    assert (Change(delta).mark, Change(delta).words) == (mark, words)


def test_an_integral_that_differs_below_a_hundredth_reads_as_no_change(world):
    NokoResult.objects.create(school=world.school, year=2023, **SCORES)
    NokoResult.objects.create(school=world.school, year=2024, **SCORES | {"comfort": Decimal("80.01")})

    rows = noko_dynamics(world.school)

    assert rows[1].change.mark == "без изменений"
    assert noko_sentence(rows) == ("Интегральный балл НОКО школы за 2024/2025 учебный год — 80,10 (без изменений, "
                                   "чем в 2023/2024).")
