from decimal import Decimal

from vsoko.rating.criteria import CRITERIA, CRITERIA_BY_CODE, criteria_for, points_text
from vsoko.rating.enums import CriterionGroup
from vsoko.rating.measures import MEASURES


def test_thresholds_at_the_boundary_compare_the_measure_as_shown():
    quality = CRITERIA_BY_CODE["1.1"]  # от 70 % — 3, от 55 % — 2, от 40 % — 1

    assert quality.points_for(Decimal("70")) == 3
    assert quality.points_for(Decimal("69.96")) == 3  # shown «70,0 %»
    assert quality.points_for(Decimal("69.94")) == 2  # shown «69,9 %»
    assert quality.points_for(Decimal("55")) == 2
    assert quality.points_for(Decimal("39.9")) == 0
    assert quality.points_for(None) == 0


def test_success_gives_two_points_only_at_a_hundred_percent():
    success = CRITERIA_BY_CODE["1.2"]

    assert success.points_for(Decimal("100")) == 2
    assert success.points_for(Decimal("99.94")) == 1
    assert success.points_for(Decimal("94.9")) == 0


def test_every_computed_criterion_names_a_measure_and_its_points_stay_within_the_maximum():
    for c in CRITERIA:
        assert c.computed == bool(c.measure), c.code
        if c.computed:
            assert c.measure in MEASURES, c.code
            assert [t.points for t in c.thresholds] == sorted((t.points for t in c.thresholds), reverse=True)
            assert max(t.points for t in c.thresholds) == c.max_points, c.code
    assert len({c.code for c in CRITERIA}) == len(CRITERIA)


def test_class_teacher_group_only_on_a_class_teachers_sheet():
    assert CriterionGroup.CLASS_TEACHER not in {c.group for c in criteria_for(False)}
    assert len(criteria_for(True)) == len(criteria_for(False)) + 1


def test_points_are_written_with_the_word_in_its_russian_form():
    assert [points_text(n, 3) for n in (0, 1, 2, 3)] == ["0 баллов из 3", "1 балл из 3", "2 балла из 3", "3 балла из 3"]
    assert [points_text(n, 30) for n in (5, 11, 12, 21, 22)] == ["5 баллов из 30", "11 баллов из 30", "12 баллов из 30",
                                                                 "21 балл из 30", "22 балла из 30"]
