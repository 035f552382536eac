"""The opinion map on constructed vote matrices whose groups and consensus are known."""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score

from forum.opinion_map import OpinionMap, opinion_map
from tests.forum.opinion_votes import conversation

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
