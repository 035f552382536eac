import pytest

from preferendum.stats import collapse_cells, poststratify, suppress, suppress_nested


def test_groups_under_ten_are_hidden():
    assert suppress({"a": 40, "b": 25, "c": 12, "d": 9, "e": 3}) == {"d", "e"}


def test_a_single_small_hidden_group_also_hides_the_smallest_shown_group():
    # Total minus a, b would reveal c = 4; hiding b too leaves 16 people unexplained.
    assert suppress({"a": 40, "b": 12, "c": 4}) == {"b", "c"}


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


def test_weighting_matches_a_hand_computed_example():
    # Population 60 % young women, 40 % old men; the sample is 10 young women who all
    # agree (4) and 30 old men who all disagree (2): raw 25 % / 75 %, weighted 60 % / 40 %.
    population = {("utrecht", "16-29", "vrouw"): 600, ("utrecht", "65+", "man"): 400}
    sample = {("utrecht", "16-29", "vrouw"): {4: 10}, ("utrecht", "65+", "man"): {2: 30}}
    weighted = poststratify(population, sample)
    assert weighted == pytest.approx({4: 60.0, 2: 40.0})


def test_weighting_with_mixed_answers_in_a_cell():
    # Cell A (pop 500): 6 agree, 4 disagree; cell B (pop 500): 20 agree, 80 disagree.
    # Weighted agree = 0.5 * 60 % + 0.5 * 20 % = 40 %.
    population = {("u", "a", "v"): 500, ("u", "b", "v"): 500}
    sample = {("u", "a", "v"): {4: 6, 2: 4}, ("u", "b", "v"): {4: 20, 2: 80}}
    assert poststratify(population, sample)[4] == pytest.approx(40.0)


def test_sparse_gender_cell_merges_within_its_province_and_age_band():
    population = {("u", "a", "v"): 50, ("u", "a", "m"): 50, ("u", "b", "v"): 100}
    sizes = {("u", "a", "v"): 3, ("u", "a", "m"): 30, ("u", "b", "v"): 40}
    groups = collapse_cells(population, sizes)
    assert groups[("u", "a", "v")] == groups[("u", "a", "m")] == ("u", "a")
    assert groups[("u", "b", "v")] == ("u", "b", "v")


def test_sparse_provinces_are_pooled():
    population = {("z", "a", "v"): 10, ("f", "a", "v"): 10, ("u", "a", "v"): 80}
    sizes = {("z", "a", "v"): 5, ("f", "a", "v"): 6, ("u", "a", "v"): 50}
    groups = collapse_cells(population, sizes)
    assert groups[("z", "a", "v")] == groups[("f", "a", "v")] == ("pool",)


def test_without_respondents_there_is_no_weighted_result():
    assert poststratify({("u", "a", "v"): 10}, {}) is None
