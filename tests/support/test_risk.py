import pytest

from tests.accounts.personas import YEAR
from vsoko.records.enums import Period
from vsoko.support.enums import Reason
from vsoko.support.risk import AtRisk, Signal, at_risk

pytestmark = pytest.mark.django_db


def test_the_list_has_the_failing_the_not_assessed_the_vpr_two_and_the_conditionally_promoted(world):
    rows = {r.student_id: r for r in at_risk(world.school, YEAR, Period.Q1)}
    by_name = {world.students[k].pk: k for k in world.students}

    assert sorted(by_name[pk] for pk in rows) == ["kozlov", "lebedeva", "nikitin", "orlova", "pavlov"]
    kozlov, lebedeva = rows[world.students["kozlov"].pk], rows[world.students["lebedeva"].pk]
    assert (kozlov.class_name, kozlov.reason, kozlov.words) == ("5А", Reason.FAILING, "математика («2»)")
    assert kozlov.subject_ids == [world.subjects["math"].pk]
    assert (lebedeva.reason, lebedeva.words) == (Reason.NOT_ASSESSED, "математика («н/а»)")
    assert rows[world.students["nikitin"].pk].words == "«2»: ВПР, математика"
    assert rows[world.students["pavlov"].pk].words == "физика («2»)"  # absent from the ВПР: no signal
    orlova = rows[world.students["orlova"].pk]
    assert (orlova.class_name, orlova.reason, orlova.words) == ("5Б", Reason.CONDITIONAL,
                                                                 "условный перевод (2023/2024)")


def test_one_three_is_not_at_risk_and_a_pupil_who_left_is_not_listed(world):
    listed = {r.student_id for r in at_risk(world.school, YEAR, Period.Q1)}

    assert world.students["morozova"].pk not in listed  # exactly one «3»
    assert world.students["orlov"].pk not in listed  # kept to repeat the year, but left the school in January


def test_the_classes_come_in_order_and_another_school_is_not_read(world):
    rows = at_risk(world.school, YEAR, Period.Q1)

    assert [r.class_name for r in rows] == ["5А", "5А", "5Б", "10А", "10А"]
    assert at_risk(world.other_school, YEAR, Period.Q1) == []


def test_the_list_asks_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        at_risk(world.school, YEAR, Period.Q1)


def test_the_twos_of_one_kind_of_procedure_are_named_once_with_their_subjects():
    pupil = AtRisk(1, 1, "4В", [
        Signal(Reason.FAILING, 1, "математика", "«2»"),
        Signal(Reason.ASSESSMENT_TWO, 2, "окружающий мир", "ВПР"),
        Signal(Reason.ASSESSMENT_TWO, 3, "русский язык", "ВПР"),
        Signal(Reason.ASSESSMENT_TWO, 4, "читательская грамотность", "региональная"),
        Signal(Reason.ASSESSMENT_TWO, 1, "математика", "ВПР"),
        Signal(Reason.CONDITIONAL, None, "", "2023/2024"),
    ])

    assert pupil.words == ("математика («2»); «2»: ВПР, окружающий мир, русский язык, математика; "
                           "«2»: региональная, читательская грамотность; условный перевод (2023/2024)")
