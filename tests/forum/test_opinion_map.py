"""The opinion map on constructed vote matrices whose groups and consensus are known."""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from forum.opinion_map import OpinionMap, clustering, opinion_map
from tests.forum.opinion_votes import conversation, with_new_votes

ROOT = Path(__file__).resolve().parents[2]


def _ari(result: OpinionMap, truth: dict[int, int]) -> float:
    ids = sorted(result.membership)
    return adjusted_rand_score([truth[i] for i in ids], [result.membership[i] for i in ids])


def _dump(result: OpinionMap) -> str:
    return json.dumps(result.as_dict(), sort_keys=True)


def test_known_groups_are_recovered():
    talk = conversation(sizes=(60, 60, 60), noise=0.1)
    result = opinion_map(talk.votes)
    assert result.shown
    assert len(result.groups) == 3
    assert _ari(result, talk.truth) >= 0.95


def test_known_groups_are_recovered_from_sparse_votes():
    talk = conversation(sizes=(80, 60, 40), statements=60, votes_per_person=(15, 40), seed=4)
    assert _ari(opinion_map(talk.votes), talk.truth) >= 0.95


def test_consensus_statements_are_those_every_group_agrees_with():
    talk = conversation(sizes=(60, 60, 60), noise=0.1, seed=2)
    result = opinion_map(talk.votes)
    assert sorted(s.statement_id for s in result.consensus) == talk.agreed


def test_consensus_is_ordered_by_group_informed_score():
    result = opinion_map(conversation(seed=2).votes)
    scores = [s.score for s in result.consensus]
    assert scores == sorted(scores, reverse=True)


def test_consensus_score_is_the_product_over_groups_of_smoothed_agreement():
    statement = opinion_map(conversation(seed=3).votes).statements[0]
    expected = np.prod([(v.agree + 1) / (v.total + 2) for v in statement.votes.values()])
    assert statement.score == round(float(expected), 6)


def test_each_group_has_representative_statements_that_set_it_apart():
    result = opinion_map(conversation(seed=5).votes)
    for group in result.groups:
        best = group.representative[0]
        assert best.direction == "agree"
        assert best.in_agree / best.in_total > 0.5 > best.out_agree / best.out_total


def test_the_same_votes_give_the_same_output_whatever_their_order():
    votes = conversation(seed=6).votes
    shuffled = [votes[i] for i in np.random.default_rng(0).permutation(len(votes))]
    assert _dump(opinion_map(votes)) == _dump(opinion_map(shuffled))


def test_the_same_votes_give_byte_identical_output_in_a_new_process():
    script = (
        "import json; from forum.opinion_map import opinion_map; "
        "from tests.forum.opinion_votes import conversation; "
        "print(json.dumps(opinion_map(conversation(sizes=(150, 120, 90), seed=7, "
        "votes_per_person=(10, 30)).votes).as_dict(), sort_keys=True))"
    )
    env = {
        **os.environ,
        "PYTHONHASHSEED": "123",
        "OMP_NUM_THREADS": "2",
        "OPENBLAS_NUM_THREADS": "2",
    }
    run = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    here = _dump(
        opinion_map(conversation(sizes=(150, 120, 90), seed=7, votes_per_person=(10, 30)).votes)
    )
    assert run.stdout.strip() == here


def _switched(before: dict[int, int], after: dict[int, int]) -> float:
    both = before.keys() & after.keys()
    return sum(before[p] != after[p] for p in both) / len(both)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_few_new_votes_move_at_most_five_percent_and_keep_the_labels(seed):
    """Overlapping groups (30 % noise, sparse votes), where a cold rerun moves 6-40 %."""
    talk = conversation(
        sizes=(120, 90, 60, 40), statements=50, votes_per_person=(8, 30), noise=0.3, seed=seed
    )
    first = opinion_map(talk.votes)
    second = opinion_map(with_new_votes(talk.votes, 0.019, seed=seed), previous=first.membership)
    assert _switched(first.membership, second.membership) <= 0.05
    assert {g.label for g in second.groups} == {g.label for g in first.groups}


def _three_blobs(spread: float) -> tuple[np.ndarray, np.ndarray]:
    """One blob left, two right at +-spread: two groups or three, by a small margin at 3."""
    rng = np.random.default_rng(0)
    points = np.vstack(
        [rng.normal(centre, 1, (40, 2)) for centre in ((-8, 0), (4, spread), (4, -spread))]
    )
    return points, np.array([0] * 40 + [1] * 80)


def _group_count(points, previous=None) -> int:
    centres, weights, _ = clustering.base_clusters(points, 0)
    warm = None if previous is None else clustering.warm_centres(points, previous)
    return clustering.choose_groups(centres, weights, min_size=7, seed=0, warm=warm).max() + 1


def test_the_previous_number_of_groups_stays_when_another_is_barely_better():
    points, previous = _three_blobs(spread=3)
    assert (_group_count(points), _group_count(points, previous)) == (3, 2)


def test_a_clearly_better_number_of_groups_replaces_the_previous_one():
    points, previous = _three_blobs(spread=4.5)
    assert _group_count(points, previous) == 3


def test_labels_follow_the_previous_run_rather_than_the_group_size():
    talk = conversation(sizes=(90, 70, 50), seed=9)
    renamed = {p: {0: 7, 1: 3, 2: 5}[g] for p, g in talk.truth.items()}
    result = opinion_map(talk.votes, previous=renamed)
    assert _switched(renamed, result.membership) <= 0.05


def test_a_new_group_gets_a_label_no_previous_group_had():
    talk = conversation(sizes=(60, 60, 60), seed=10)
    previous = {p: 4 if g == 0 else 9 for p, g in talk.truth.items()}  # two old groups
    labels = {g.label for g in opinion_map(talk.votes, previous=previous).groups}
    assert labels == {0, 4, 9}


def test_a_statement_is_no_consensus_while_a_group_has_too_few_voters_on_it():
    talk = conversation(sizes=(40, 40), statements=20, shared=2, noise=0.0, pass_rate=0, seed=11)
    group_b = sorted(p for p, g in talk.truth.items() if g == 1)
    votes = [v for v in talk.votes if not (v[1] == 1 and v[0] in group_b[4:])]  # 4 voted
    strict = opinion_map(votes, min_consensus_voters=5)
    lenient = opinion_map(votes, min_consensus_voters=4)
    assert 1 not in {s.statement_id for s in strict.consensus}
    assert 1 in {s.statement_id for s in lenient.consensus}


def test_nothing_is_shown_while_a_group_has_fewer_than_seven_participants():
    talk = conversation(sizes=(40, 6), statements=20, noise=0.0, seed=12)
    result = opinion_map(talk.votes)
    assert (result.shown, result.reason) == (False, "group_too_small")
    assert not (result.points or result.groups or result.membership or result.explained)


def test_a_group_of_seven_is_shown():
    talk = conversation(sizes=(40, 7), statements=20, noise=0.0, seed=12)
    assert opinion_map(talk.votes).shown


def test_experts_are_placed_but_do_not_move_the_groups():
    talk = conversation(sizes=(50, 50, 50), seed=13)
    experts = {1001, 1002, 1003}
    loud = [(e, s, 1 if s % 2 else -1) for e in experts for s in range(1, 31)]
    without = opinion_map(talk.votes)
    result = opinion_map(talk.votes + loud, exclude=experts)
    assert result.membership == without.membership
    assert {p: result.points[p] for p in without.points} == without.points
    assert experts <= result.points.keys() and not experts & result.membership.keys()
    assert result.explanation(1001) is None


def test_passes_are_counted_apart_from_disagreement():
    talk = conversation(sizes=(40, 40), statements=20, shared=2, noise=0.0, pass_rate=0, seed=14)
    group_a = {p for p, g in talk.truth.items() if g == 0}
    votes = [(p, s, 0 if s == 1 and p in group_a else v) for p, s, v in talk.votes]
    result = opinion_map(votes)
    passing = result.membership[min(group_a)]
    statement = next(s for s in result.statements if s.statement_id == 1)
    assert statement.votes[passing] == type(statement.votes[passing])(0, 0, 40)
    assert not any(
        r.statement_id == 1 and r.direction == "disagree"
        for g in result.groups
        for r in g.representative
    )


def test_light_voters_are_placed_but_not_grouped():
    talk = conversation(sizes=(40, 40), statements=20, seed=15)
    result = opinion_map(talk.votes + [(500, 1, 1), (500, 2, -1)])
    assert 500 in result.points and 500 not in result.membership


def test_no_votes_show_nothing():
    assert opinion_map([]) == OpinionMap(shown=False, reason="no_votes")


def test_a_handful_of_participants_show_nothing():
    result = opinion_map([(1, 1, 1), (2, 1, -1), (3, 2, 0)])
    assert (result.shown, result.reason) == (False, "too_few_participants")


def test_identical_votes_show_nothing_rather_than_crash():
    result = opinion_map([(p, s, 1) for p in range(30) for s in range(10)])
    assert not result.shown


def test_a_single_statement_splits_its_agreeing_and_disagreeing_voters():
    result = opinion_map([(p, 1, 1 if p < 20 else -1) for p in range(40)])
    assert sorted(g.members for g in result.groups) == [tuple(range(20)), tuple(range(20, 40))]


def test_an_explanation_names_statements_where_the_participant_sides_with_the_group():
    talk = conversation(sizes=(50, 50, 50), seed=16)
    result = opinion_map(talk.votes)
    mine = {(s, v) for p, s, v in talk.votes if p == 1}
    explanation = result.explanation(1)
    assert explanation.group == result.membership[1] and explanation.statements
    for item in explanation.statements:
        assert (item.statement_id, item.vote) in mine
        assert 2 * item.group_same > item.group_total


def test_the_map_survives_a_json_round_trip():
    result = opinion_map(conversation(seed=17).votes)
    assert OpinionMap.from_dict(json.loads(_dump(result))) == result
