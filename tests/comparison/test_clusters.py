import pytest

from vsoko.comparison.clusters import competition_ranks, kmeans, standardized


def test_equal_values_share_a_rank_and_the_next_rank_skips():
    assert competition_ranks({"a": 90, "b": 80, "c": 80, "d": 70}, higher_is_better=True) == {
        "a": 1, "b": 2, "c": 2, "d": 4}
    assert competition_ranks({"a": 90, "b": 80, "c": 80, "d": 70}, higher_is_better=False) == {
        "a": 4, "b": 2, "c": 2, "d": 1}


def test_z_scores_turn_the_sign_where_lower_is_better_and_missing_is_the_mean():
    # Column 1: 60, 80 (mean 70, spread 10); column 2 (lower is better): 2, 4 (mean 3, spread 1); c has neither.
    points = standardized([{"a": 60, "b": 80}, {"a": 2, "b": 4}], [1, -1], ["a", "b", "c"])

    assert points == {"a": [-1.0, 1.0], "b": [1.0, -1.0], "c": [0.0, 0.0]}


def test_a_column_with_one_value_everywhere_carries_no_information():
    assert standardized([{"a": 5, "b": 5}], [1], ["a", "b"]) == {"a": [0.0], "b": [0.0]}


def test_three_clear_groups_are_found_and_numbered_from_the_strongest():
    points = {name: [value] for name, value in
              {"a": 90, "b": 88, "c": 85, "d": 50, "e": 48, "f": 10}.items()}

    assert kmeans(points, 3) == {"a": 0, "b": 0, "c": 0, "d": 1, "e": 1, "f": 2}


def test_the_same_data_give_the_same_groups_whatever_their_order():
    values = {"s1": [1.0, 0.2], "s2": [0.9, 0.1], "s3": [-1.0, -0.8], "s4": [-0.9, -1.1], "s5": [0.0, 0.1]}
    reordered = dict(reversed(list(values.items())))

    assert kmeans(values, 2) == kmeans(reordered, 2)


@pytest.mark.parametrize(("k", "groups"), [(1, {0}), (5, {0, 1}), (0, {0})])
def test_never_more_groups_than_points_and_none_empty(k, groups):
    assert set(kmeans({"a": [1.0], "b": [-1.0]}, k).values()) == groups


def test_no_points_no_groups():
    assert kmeans({}, 3) == {}
