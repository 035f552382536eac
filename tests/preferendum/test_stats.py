import pytest

from preferendum.stats import suppress, suppress_nested, weight_by_groups


def test_groups_under_ten_are_hidden():
    assert suppress({"a": 40, "b": 25, "c": 12, "d": 9, "e": 3}) == {"d", "e"}


def test_a_single_small_hidden_group_also_hides_the_smallest_shown_group():
    # Total minus a, b would reveal c = 4; hiding b too leaves 16 people unexplained.
    assert suppress({"a": 40, "b": 12, "c": 4}) == {"b", "c"}


def test_hidden_groups_that_every_member_answered_also_hide_the_smallest_shown_group():
    """3 of 3 and 9 of 9 members answered: from the membership their sizes would follow."""
    sizes = {"a": 40, "b": 20, "c": 3, "d": 9}
    members = {"a": 100, "b": 50, "c": 3, "d": 9}
    assert suppress(sizes, members=members) == {"b", "c", "d"}


def test_a_group_that_every_member_answered_is_hidden_however_large():
    """20 of 20 would say of each of them that they took part."""
    sizes = {"a": 40, "b": 20, "c": 30}
    members = {"a": 100, "b": 20, "c": 60}
    assert suppress(sizes, members=members) == {"b", "c"}


def test_hidden_groups_with_someone_who_did_not_answer_hide_no_more():
    sizes = {"a": 40, "b": 20, "c": 3, "d": 9}
    members = {"a": 100, "b": 50, "c": 4, "d": 9}
    assert suppress(sizes, members=members) == {"c", "d"}


def test_nothing_is_hidden_when_every_group_is_large_enough():
    assert suppress({"a": 10, "b": 11}) == set()


def test_branches_are_hidden_when_province_minus_shown_branches_would_reveal_them():
    sizes = {"middelburg": 12, "vlissingen": 5, "utrecht": 30, "zeist": 20}
    parent = {"middelburg": "zeeland", "vlissingen": "zeeland", "utrecht": "u", "zeist": "u"}
    assert suppress_nested(sizes, parent, hidden_parents=set()) == {"middelburg", "vlissingen"}


def test_branches_of_a_hidden_province_are_all_hidden():
    sizes = {"assen": 15, "emmen": 12, "utrecht": 30}
    parent = {"assen": "drenthe", "emmen": "drenthe", "utrecht": "u"}
    assert suppress_nested(sizes, parent, hidden_parents={"drenthe"}) == {"assen", "emmen"}


@pytest.mark.parametrize("parents", [set(), {"p"}])
def test_combined_tables_never_leave_a_small_difference(parents):
    sizes = {"x": 9, "y": 30}
    parent = {"x": "p", "y": "q"}
    hidden = suppress_nested(sizes, parent, hidden_parents=parents)
    assert sum(sizes[k] for k in hidden) == 0 or sum(sizes[k] for k in hidden) >= 10


def test_empty_groups_are_hidden_too_so_a_hidden_group_never_shows_it_exists():
    assert suppress({"a": 40, "b": 0, "c": 3, "d": 12}) == {"b", "c", "d"}


def test_weighting_matches_a_hand_computed_example():
    # Population 60 % young, 40 % old; the sample is 10 young who all agree (4) and 30 old
    # who all disagree (2): raw 25 % / 75 %, weighted 60 % / 40 %.
    population = {"16-29": 600, "65+": 400}
    sample = {"16-29": {4: 10}, "65+": {2: 30}}
    assert weight_by_groups(population, sample, hidden=set()) == pytest.approx({4: 60.0, 2: 40.0})


def test_weighting_with_mixed_answers_in_a_group():
    # Group a (pop 500): 6 agree, 4 disagree; group b (pop 500): 20 agree, 80 disagree.
    # Weighted agree = 0.5 * 60 % + 0.5 * 20 % = 40 %.
    population = {"a": 500, "b": 500}
    sample = {"a": {4: 6, 2: 4}, "b": {4: 20, 2: 80}}
    assert weight_by_groups(population, sample, hidden=set())[4] == pytest.approx(40.0)


def test_hidden_groups_are_weighted_as_one_pooled_group():
    # c (4 people, all 1) and b (12, all 5) are hidden: pooled, 16 people at pop 200 + 200.
    population = {"a": 600, "b": 200, "c": 200}
    sample = {"a": {4: 30}, "b": {5: 12}, "c": {1: 4}}
    weighted = weight_by_groups(population, sample, hidden={"b", "c"})
    assert weighted == pytest.approx({4: 60.0, 5: 40.0 * 12 / 16, 1: 40.0 * 4 / 16})


def test_without_two_answered_groups_there_is_no_weighted_result():
    assert weight_by_groups({"a": 10}, {}, hidden=set()) is None
    assert weight_by_groups({"a": 10, "b": 5}, {"a": {4: 12}}, hidden=set()) is None
