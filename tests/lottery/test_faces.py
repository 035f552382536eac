"""The face walk that writes the relaxation's LEXIMIN point as a mix of real panels."""

from __future__ import annotations

import functools
import itertools
import random

import numpy as np
import pytest
from lottery_helpers import loose_quotas, small_pool

from beraad.lottery import Person, Quota, faces
from beraad.lottery.faces import walk_faces
from beraad.lottery.instance import build_instance


def _meets_rows(inst, counts) -> bool:
    rows = inst.quota_matrix @ counts
    lower = [q.min for q in inst.quotas]
    upper = [q.max for q in inst.quotas]
    return counts.sum() == inst.panel_size and bool(np.all((lower <= rows) & (rows <= upper)))


def _mix_of_panels(seed: int):
    """A small instance and a random mix of up to six of its panels."""
    people = small_pool(seed, n=14, categories=3)
    inst = build_instance(people, loose_quotas(people, 5), 5)
    type_of = inst.type_of
    panels = []
    for chosen in itertools.combinations(range(len(people)), 5):
        counts = np.bincount(type_of[list(chosen)], minlength=len(inst.sizes))
        if _meets_rows(inst, counts):
            panels.append(counts)
    rng = random.Random(seed)
    mix = rng.sample(panels, min(6, len(panels)))
    weights = np.array([rng.random() + 0.1 for _ in mix])
    return inst, (weights / weights.sum()) @ np.array(mix, dtype=float)


def _assert_written(inst, point, walk):
    assert walk.left == 0
    assert sum(walk.weights) == pytest.approx(1, abs=1e-9)
    assert all(_meets_rows(inst, counts) for counts in walk.panels)
    written = np.array(walk.weights) @ np.array(walk.panels, dtype=float)
    assert written == pytest.approx(point, abs=1e-9)


@pytest.mark.parametrize("seed", range(4))
def test_a_mix_of_panels_is_written_back_as_a_mix_of_panels(seed):
    inst, point = _mix_of_panels(seed)
    _assert_written(inst, point, walk_faces(inst, point))


def _without_seat_moves(monkeypatch):
    monkeypatch.setattr(faces._Moves, "repair", lambda self, counts, *_: (counts, False))
    monkeypatch.setattr(faces._Moves, "exchange", lambda self, *_: None)


@pytest.mark.parametrize("seed", range(4))
def test_where_seat_moves_fail_the_seat_search_finds_the_panels(monkeypatch, seed):
    _without_seat_moves(monkeypatch)
    search = faces._Walker._search

    def without_integer_programme(self, bounds, weights, free, integer):
        assert not integer, "the integer programme was asked"
        return search(self, bounds, weights, free, integer)

    monkeypatch.setattr(faces._Walker, "_search", without_integer_programme)
    inst, point = _mix_of_panels(seed)
    _assert_written(inst, point, walk_faces(inst, point))


@pytest.mark.parametrize("seed", range(4))
def test_a_seat_search_out_of_nodes_leaves_the_face_to_the_integer_programme(monkeypatch, seed):
    _without_seat_moves(monkeypatch)
    monkeypatch.setattr(faces, "SeatSearch", functools.partial(faces.SeatSearch, limit=0))
    asked = []
    search = faces._Walker._search

    def counted(self, bounds, weights, free, integer):
        asked.append(integer)
        return search(self, bounds, weights, free, integer)

    monkeypatch.setattr(faces._Walker, "_search", counted)
    inst, point = _mix_of_panels(seed)
    _assert_written(inst, point, walk_faces(inst, point))
    assert True in asked


def test_a_point_outside_the_hull_of_panels_leaves_all_weight_unwritten():
    # x, y and z pairwise share a value with a quota of one seat: no panel holds two of
    # them, so every panel of two holds w, yet the point gives w only half a seat.
    values = {"x": "aab", "y": "aba", "z": "baa", "w": "bbb"}
    people = [Person(p, {f"c{i}": v[i] for i in range(3)}) for p, v in values.items()]
    quotas = [Quota(f"c{i}", v, 0, 1 if v == "a" else 2) for i in range(3) for v in "ab"]
    inst = build_instance(people, quotas, 2)
    walk = walk_faces(inst, np.full(4, 0.5))
    assert walk.left == 1
    assert walk.panels == []


def _exchanges(counts, lower, upper, limit=2):
    """Every way to drop at most two seats and add at most two, as (drops, adds)."""
    types = range(len(counts))
    drop_sets = [
        d for n in range(limit + 1) for d in itertools.combinations_with_replacement(types, n)
    ]
    for drops in drop_sets:
        for adds in drop_sets:
            panel = counts.copy()
            for t in drops:
                panel[t] -= 1
            for t in adds:
                panel[t] += 1
            if np.all((lower <= panel) & (panel <= upper)):
                yield drops, adds, panel


def _two_categories(rng, n_types: int) -> np.ndarray:
    """Panel rows: the size, then two categories of three values each (0/1 columns, one
    value each)."""
    values = rng.integers(0, 3, size=(2, n_types))
    return np.vstack(
        [np.ones(n_types, np.int64)] + [values[c] == v for c in range(2) for v in range(3)]
    ).astype(np.int64)


@pytest.mark.parametrize("seed", range(40))
def test_an_exchange_finds_the_best_panel_within_two_seats_each_way_or_says_none(seed):
    rng = np.random.default_rng(seed)
    n_types = 7
    matrix = _two_categories(rng, n_types)
    col_lower = np.zeros(n_types, np.int64)
    col_upper = rng.integers(1, 3, size=n_types)
    counts = rng.integers(0, col_upper + 1)
    rows = matrix @ counts
    # Some rows tight at a value near the current one, the others loose around it.
    shift = rng.integers(-1, 2, size=len(rows))
    tight = rng.random(len(rows)) < 0.6
    row_lower = np.where(tight, rows + shift, rows - 1)
    row_upper = np.where(tight, rows + shift, rows + 1)
    weights = rng.random(n_types)
    bounds = (col_lower, col_upper, row_lower, row_upper)

    found = faces._Moves(matrix).exchange(counts.copy(), bounds, weights)

    best = None
    for drops, adds, panel in _exchanges(counts, col_lower, col_upper):
        new_rows = matrix @ panel
        if np.all((row_lower <= new_rows) & (new_rows <= row_upper)):
            value = weights[list(adds)].sum() - weights[list(drops)].sum()
            best = value if best is None else max(best, value)
    if best is None:
        assert found is None
    else:
        assert found is not None
        new_rows = matrix @ found
        assert np.all((row_lower <= new_rows) & (new_rows <= row_upper))
        assert np.all((col_lower <= found) & (found <= col_upper))
        gained = weights @ (found - counts)
        assert gained == pytest.approx(best)


@pytest.mark.parametrize("seed", range(30))
def test_a_seat_move_is_as_good_between_classes_as_between_types(monkeypatch, seed):
    rng = np.random.default_rng(seed)
    n_types = 12
    matrix = _two_categories(rng, n_types)
    col_lower = np.zeros(n_types, np.int64)
    col_upper = np.ones(n_types, np.int64)
    counts = (rng.random(n_types) < 0.5).astype(np.int64)
    rows = matrix @ counts
    row_lower = rows + rng.integers(-1, 2, size=len(rows))
    row_upper = row_lower + rng.integers(0, 2, size=len(rows))
    weights = np.round(rng.random(n_types), 1)  # ties, so classes hold several types
    bounds = (col_lower, col_upper, row_lower, row_upper)
    moves = faces._Moves(matrix)
    ups = np.lexsort((np.arange(n_types), -weights))
    ups = ups[counts[ups] < col_upper[ups]]
    downs = np.lexsort((np.arange(n_types), weights))
    downs = downs[counts[downs] > col_lower[downs]]

    def outcome(group_drops):
        monkeypatch.setattr(faces, "GROUP_DROPS", group_drops)
        move = moves._best_move(rows, bounds, weights, ups, downs)
        if move is None:
            return None
        drop, add = move
        panel = counts.copy()
        panel[drop] -= drop >= 0
        panel[add] += add >= 0
        excess = faces._excess(matrix @ panel, row_lower, row_upper).sum()
        gained = (weights[add] if add >= 0 else 0) - (weights[drop] if drop >= 0 else 0)
        return excess, round(gained, 9)

    assert outcome(-1) == outcome(10**6)
