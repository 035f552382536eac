"""Counting ballot items (votes.counting): pure, no database."""

import json
import random
from pathlib import Path

import pytest

from votes.counting import (
    CountsDisagree,
    Rules,
    count_choice,
    count_motion,
    count_ranking,
    decide,
)
from votes.counting import stv as stv_module
from votes.counting.lot import lot_loser, lot_order, lot_winner

FOOD = ["Oranges", "Pears", "Chocolate", "Strawberries", "Hamburgers"]


def food_ballots():
    """Wikipedia's 'Single transferable vote' example: 20 voters choose 3 foods for a party."""
    return (
        [["Oranges"]] * 4
        + [["Pears", "Oranges"]] * 2
        + [["Chocolate", "Strawberries"]] * 8
        + [["Chocolate", "Hamburgers"]] * 4
        + [["Strawberries"]]
        + [["Hamburgers"]]
    )


def wikipedia_food():
    return count_ranking("food", food_ballots(), FOOD, 3, "stv", "seed")


def test_wikipedia_example_elects_chocolate_oranges_and_strawberries():
    assert wikipedia_food().elected == ["Chocolate", "Oranges", "Strawberries"]


def test_wikipedia_example_quota_is_six():
    assert {r["quota"] for r in wikipedia_food().rounds} == {"6"}


def test_wikipedia_example_transfers_chocolates_surplus_at_one_half():
    first = wikipedia_food().rounds[0]
    assert (first["elected"], first["transfer_values"]) == (["Chocolate"], {"Chocolate": "0.50000"})
    assert first["transfers"] == [
        {"from": "Chocolate", "to": "Hamburgers", "votes": "2.00000"},
        {"from": "Chocolate", "to": "Strawberries", "votes": "4.00000"},
    ]


def test_wikipedia_example_excludes_pears_then_hamburgers():
    excluded = [r["excluded"] for r in wikipedia_food().rounds if r["excluded"]]
    assert excluded == [["Pears"], ["Hamburgers"]]


def test_hamburger_ballots_without_a_next_preference_are_exhausted():
    hamburgers_out = next(r for r in wikipedia_food().rounds if r["excluded"] == ["Hamburgers"])
    assert hamburgers_out["exhausted"] == "3.00000"


def test_first_preferences_are_the_counts_of_a_ranking():
    assert wikipedia_food().counts == {
        "Oranges": 4, "Pears": 2, "Chocolate": 12, "Strawberries": 1, "Hamburgers": 1,
    }  # fmt: skip


def test_a_ranking_names_both_implementations_that_agreed():
    assert [name.split()[0] for name in wikipedia_food().checked_by] == ["stvpoll", "pref_voting"]


def test_an_empty_ranking_is_blank_and_not_in_the_quota():
    result = count_ranking("food", food_ballots() + [[]] * 5, FOOD, 3, "stv", "seed")
    assert (result.blank, result.rounds[0]["quota"]) == (5, "6")


def test_instant_runoff_elects_the_majority_after_transfers():
    ballots = [["a", "b"]] * 4 + [["b", "a"]] * 3 + [["c", "b"]] * 2
    assert count_ranking("irv", ballots, ["a", "b", "c"], 1, "irv", "s").elected == ["b"]


def test_instant_runoff_fills_one_seat_only():
    with pytest.raises(ValueError):
        count_ranking("irv", [["a"]], ["a", "b"], 2, "irv", "s")


def test_a_ranking_naming_an_unknown_candidate_is_refused():
    with pytest.raises(ValueError):
        count_ranking("r", [["a", "z"]], ["a", "b"], 1, "stv", "s")


def test_full_order_places_every_candidate_once():
    result = count_ranking("food", food_ballots(), FOOD, 3, "stv", "seed", full_order=True)
    assert sorted(result.order) == sorted(FOOD)


def test_full_order_starts_with_the_one_seat_winner():
    one_seat = count_ranking("food", food_ballots(), FOOD, 1, "irv", "seed").elected
    full = count_ranking("food", food_ballots(), FOOD, 3, "stv", "seed", full_order=True)
    assert full.order[0] == one_seat[0]


def test_without_full_order_the_order_is_empty():
    assert wikipedia_food().order == []


# Ties: earlier rounds first, then the public lot.


def earlier_round_tie():
    """d's vote lifts b to c's 3; e goes; b and c tie in rounds 2 and 3, round 1 decides."""
    ballots = [["a"]] * 6 + [["b"]] * 2 + [["c"]] * 3 + [["d", "b"]] + [["e"]] * 2
    return count_ranking("tie", ballots, ["a", "b", "c", "d", "e"], 1, "irv", "seed")


def test_a_tie_for_exclusion_is_broken_by_earlier_round_totals():
    result = earlier_round_tie()
    assert result.ties[0]["broken_by"] == "earlier_rounds"
    assert result.ties[0]["chosen"] == "b"


def test_the_excluded_candidate_of_an_earlier_round_tie_is_in_the_rounds():
    tie_round = next(r for r in earlier_round_tie().rounds if r["why"] == "earlier_rounds")
    assert (tie_round["round"], tie_round["excluded"]) == (3, ["b"])


def dead_heat(seed):
    """a and b tie in every round: only the lot can decide."""
    ballots = [["a"]] * 3 + [["b"]] * 3 + [["c"]] * 7
    return count_ranking("heat", ballots, ["a", "b", "c"], 2, "stv", seed)


def test_a_tie_in_every_round_is_broken_by_the_seeded_lot():
    tie = dead_heat("announced-seed").ties[0]
    assert tie["broken_by"] == "lot"
    assert tie["chosen"] == lot_loser("announced-seed", ["a", "b"])


def test_the_lot_loser_is_excluded():
    result = dead_heat("announced-seed")
    winner = lot_winner("announced-seed", ["a", "b"])
    assert sorted(result.elected) == sorted(["c", winner])


def test_the_same_seed_gives_the_same_result():
    assert dead_heat("seed-1").to_json() == dead_heat("seed-1").to_json()


def test_different_seeds_can_draw_differently():
    chosen = {dead_heat(f"seed-{n}").ties[0]["chosen"] for n in range(20)}
    assert chosen == {"a", "b"}


def test_the_report_shows_every_tied_candidates_lot():
    tie = dead_heat("announced-seed").ties[0]
    assert sorted(tie["lot"]) == ["a", "b"]


def test_equal_candidates_elected_together_are_ordered_by_the_lot():
    ballots = [["a"]] * 5 + [["b"]] * 5 + [["c"]]
    result = count_ranking("pair", ballots, ["a", "b", "c"], 2, "stv", "seed")
    assert result.elected == lot_order("seed", ["a", "b"])
    assert result.ties[0]["for"] == "order_of_election"


def test_pythons_random_state_does_not_change_the_result():
    results = set()
    for state in range(20):
        random.seed(state)
        results.add(json.dumps(dead_heat("seed").to_json()))
    assert len(results) == 1


def test_pref_votings_own_random_choice_is_never_used(monkeypatch):
    def no_random(*args, **kwargs):
        raise AssertionError("unseeded random draw")

    monkeypatch.setattr("random.choice", no_random)
    assert dead_heat("seed").elected


# The cross-check.


def test_the_count_is_refused_when_the_implementations_disagree(monkeypatch):
    monkeypatch.setattr(stv_module, "pref_voting_elected", lambda *args: ["Pears"])
    with pytest.raises(CountsDisagree):
        wikipedia_food()


def test_the_refusal_names_both_outcomes(monkeypatch):
    monkeypatch.setattr(stv_module, "pref_voting_elected", lambda *args: ["Pears"])
    with pytest.raises(CountsDisagree) as refused:
        wikipedia_food()
    assert sorted(refused.value.outcomes.values()) == [
        ["Chocolate", "Oranges", "Strawberries"],
        ["Pears"],
    ]


# Motions and rules.


def test_a_motion_counts_voor_tegen_and_blanco():
    result = count_motion("m", ["voor", "tegen", "voor", "blanco"])
    assert (result.counts, result.blank) == ({"voor": 2, "tegen": 1, "blanco": 1}, 1)


def test_a_motion_refuses_an_unknown_choice():
    with pytest.raises(ValueError):
        count_motion("m", ["ja"])


def motion(voor, tegen, blanco):
    return {"voor": voor, "tegen": tegen, "blanco": blanco}


def test_a_simple_majority_adopts_with_more_than_half():
    decision = decide(kind="motion", counts=motion(6, 5, 0), turnout=11, eligible=20, rules=Rules())
    assert (decision.passed, decision.outcome) == (True, "adopted")


def test_a_tied_motion_is_rejected():
    decision = decide(kind="motion", counts=motion(5, 5, 0), turnout=10, eligible=20, rules=Rules())
    assert (decision.passed, decision.outcome) == (False, "rejected")


def test_two_thirds_needs_at_least_two_thirds():
    rules = Rules(majority="two_thirds")
    adopted = decide(kind="motion", counts=motion(20, 10, 0), turnout=30, eligible=40, rules=rules)
    rejected = decide(kind="motion", counts=motion(19, 11, 0), turnout=30, eligible=40, rules=rules)
    assert (adopted.passed, rejected.passed) == (True, False)


def test_blank_votes_that_count_can_block_a_majority():
    counts = motion(6, 4, 3)
    ignored = decide(kind="motion", counts=counts, turnout=13, eligible=20, rules=Rules())
    counted = decide(
        kind="motion", counts=counts, turnout=13, eligible=20, rules=Rules(blank_counts=True)
    )
    assert (ignored.passed, counted.passed) == (True, False)


def test_below_the_quorum_nothing_is_decided():
    rules = Rules(quorum="0.5")
    decision = decide(kind="motion", counts=motion(9, 0, 0), turnout=9, eligible=20, rules=rules)
    assert (decision.quorum_met, decision.passed, decision.outcome) == (False, False, "no_quorum")


def test_the_quorum_is_met_at_exactly_the_fraction():
    rules = Rules(quorum=0.1)
    decision = decide(kind="motion", counts=motion(10, 0, 0), turnout=10, eligible=100, rules=rules)
    assert (decision.quorum_met, decision.quorum_needed) == (True, 10)


def test_a_ranking_below_the_quorum_is_not_valid():
    decision = decide(kind="ranking", counts={}, turnout=1, eligible=100, rules=Rules(quorum="0.2"))
    assert (decision.passed, decision.outcome) == (None, "no_quorum")


# Choices.


def test_single_choice_elects_the_option_with_most_votes():
    result = count_choice("c", [["a"], ["b"], ["b"], []], ["a", "b"], "single", "s")
    assert (result.counts, result.elected, result.blank) == ({"a": 1, "b": 2}, ["b"], 1)


def test_approval_counts_every_approved_option():
    ballots = [["a", "b"], ["b"], ["b", "c"], ["a"]]
    result = count_choice("c", ballots, ["a", "b", "c"], "approval", "s")
    assert (result.counts, result.elected) == ({"a": 2, "b": 3, "c": 1}, ["b"])


def test_a_tied_choice_is_decided_by_the_lot():
    result = count_choice("c", [["a"], ["b"]], ["a", "b"], "single", "seed")
    assert result.elected == [lot_winner("seed", ["a", "b"])]
    assert result.ties[0]["broken_by"] == "lot"


def test_a_single_choice_ballot_with_two_options_is_refused():
    with pytest.raises(ValueError):
        count_choice("c", [["a", "b"]], ["a", "b"], "single", "s")


def wikipedia_schulze_ballots():
    """Wikipedia's 'Schulze method' example: 45 voters, 5 candidates, E wins."""
    groups = [
        (5, "ACBED"), (5, "ADECB"), (8, "BEDAC"), (3, "CABED"),
        (7, "CAEBD"), (2, "CBADE"), (7, "DCEBA"), (8, "EBADC"),
    ]  # fmt: skip
    return [list(order) for n, order in groups for _ in range(n)]


def test_schulze_elects_e_in_the_wikipedia_example():
    result = count_choice("s", wikipedia_schulze_ballots(), list("ABCDE"), "schulze", "s")
    assert result.elected == ["E"]


def test_schulze_publishes_the_pairwise_preferences():
    result = count_choice("s", wikipedia_schulze_ballots(), list("ABCDE"), "schulze", "s")
    assert (result.pairwise["A"]["B"], result.pairwise["B"]["A"]) == (20, 25)


def test_schulze_ranks_a_ranked_option_above_an_unranked_one():
    result = count_choice("s", [["b"], ["b"], ["a", "c"]], ["a", "b", "c"], "schulze", "s")
    assert result.elected == ["b"]


# The 2017 Edinburgh ward count that ships with stvpoll's tests.

EDINBURGH = Path(__file__).with_name("data") / "edinburgh_2017_ward_3_drum_brae_gyle.blt"


def read_blt(path: Path):
    lines = path.read_text().splitlines()
    standing, seats = map(int, lines[0].split())
    names = [line.strip('"') for line in lines[-standing - 1 : -1]]
    rankings = []
    for line in lines[1 : lines.index("0")]:
        count, *preferences = map(int, line.split())
        rankings += [[names[p - 1] for p in preferences[:-1]]] * count
    return rankings, names, seats


def test_edinburgh_2017_drum_brae_gyle_elects_the_three_councillors():
    rankings, names, seats = read_blt(EDINBURGH)
    result = count_ranking("ward 3", rankings, names, seats, "stv", "seed")
    councillors = ["Claire BRIDGMAN", "Mark BROWN", "Robert Christopher ALDRIDGE"]
    assert sorted(result.elected) == councillors


def test_edinburgh_2017_drum_brae_gyle_quota_is_the_droop_quota_of_9474_ballots():
    rankings, names, seats = read_blt(EDINBURGH)
    result = count_ranking("ward 3", rankings, names, seats, "stv", "seed")
    assert (len(rankings), result.rounds[0]["quota"]) == (9474, "2369")
