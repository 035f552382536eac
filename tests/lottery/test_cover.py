"""The depth-first search that picks which free types of a face take their extra seat."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from beraad.lottery.cover import SeatSearch


def _face(seed: int, n_types: int = 9):
    """A random face: the size row, then two categories of quota rows, and bounds around a
    random choice of types (feasible), or random bounds (often not)."""
    rng = np.random.default_rng(seed)
    first = rng.integers(0, 3, n_types)
    second = rng.integers(0, 2, n_types)
    matrix = np.vstack(
        [np.ones(n_types, dtype=int)]
        + [(first == v).astype(int) for v in range(3)]
        + [(second == v).astype(int) for v in range(2)]
    )
    categories = [np.array([1, 2, 3]), np.array([4, 5])]
    if seed % 2:
        rows = matrix @ (rng.random(n_types) < 0.4)
        need = rows - rng.integers(0, 2, len(rows))
        room = rows + rng.integers(0, 2, len(rows))
    else:
        need = rng.integers(-1, 3, len(matrix))
        room = need + rng.integers(0, 2, len(matrix))
    weights = rng.random(n_types)
    return matrix, categories, need, room, weights


def _choices(matrix, need, room):
    for picked in itertools.product([0, 1], repeat=matrix.shape[1]):
        rows = matrix @ np.array(picked)
        if np.all((need <= rows) & (rows <= room)):
            yield np.array(picked)


@pytest.mark.parametrize("seed", range(60))
def test_the_search_finds_a_choice_exactly_when_one_exists(seed):
    matrix, categories, need, room, weights = _face(seed)
    exists = next(_choices(matrix, need, room), None) is not None

    search = SeatSearch(matrix, categories)
    picked = search.find(need, room, weights)

    assert not search.exhausted
    assert (picked is not None) == exists
    if picked is not None:
        rows = matrix @ picked
        assert np.all((need <= rows) & (rows <= room))


def test_the_heaviest_type_is_tried_first():
    # Any single type fills the one seat; the search takes the heaviest.
    weights = np.array([0.1, 0.7, 0.3, 0.5])
    picked = SeatSearch(np.ones((1, 4), dtype=int), []).find(np.array([1]), np.array([1]), weights)
    assert picked.tolist() == [0, 1, 0, 0]


def test_a_search_out_of_nodes_says_so_instead_of_claiming_no_choice():
    # Two rows of six types need three seats each, and seven seats in all: no choice
    # exists, but the pruning cannot see it, so the search must walk many nodes.
    matrix = np.array([[1] * 6 + [0] * 6, [0] * 6 + [1] * 6, [1] * 12])
    search = SeatSearch(matrix, [], limit=5)
    picked = search.find(np.array([3, 3, 7]), np.array([3, 3, 7]), np.ones(12))
    assert picked is None
    assert search.exhausted


def test_without_a_node_limit_the_same_face_is_proven_to_have_no_choice():
    matrix = np.array([[1] * 6 + [0] * 6, [0] * 6 + [1] * 6, [1] * 12])
    search = SeatSearch(matrix, [])
    assert search.find(np.array([3, 3, 7]), np.array([3, 3, 7]), np.ones(12)) is None
    assert not search.exhausted
    assert search.nodes > 5


@pytest.mark.parametrize("seed", range(20))
def test_the_category_pruning_never_loses_a_choice(seed):
    # The same faces with and without the categories: the same answer.
    matrix, categories, need, room, weights = _face(seed)
    with_categories = SeatSearch(matrix, categories).find(need, room, weights)
    without = SeatSearch(matrix, []).find(need, room, weights)
    assert (with_categories is None) == (without is None)
