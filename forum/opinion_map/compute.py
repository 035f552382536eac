"""The opinion map pipeline: votes in, an OpinionMap out (see the package docstring)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from threadpoolctl import threadpool_limits

from . import clustering, statistics
from .matrix import project, vote_matrix
from .model import Group, OpinionMap

MIN_GROUP_SIZE = 7
MIN_CONSENSUS_VOTERS = 5
MIN_VOTES = 7  # Pol.is: fewer votes and a participant is placed but not clustered


def opinion_map(
    votes: Iterable[tuple[int, int, int]],
    *,
    exclude: frozenset[int] | set[int] = frozenset(),
    previous: dict[int, int] | None = None,
    seed: int = 0,
    min_group_size: int = MIN_GROUP_SIZE,
    min_consensus_voters: int = MIN_CONSENSUS_VOTERS,
    min_votes: int = MIN_VOTES,
) -> OpinionMap:
    """Opinion groups, representative and consensus statements from (participant, statement,
    vote) triples, vote +1 eens, -1 oneens, 0 overslaan. ``exclude`` (invited experts) are
    placed on the map but neither fitted nor clustered; ``previous`` (participant -> label of
    the last run) keeps labels and, when little changed, the grouping itself."""
    matrix = vote_matrix(votes)
    if not matrix.values.size:
        return OpinionMap(shown=False, reason="no_votes")
    fit_rows = ~np.isin(matrix.participants, np.array(sorted(exclude), dtype=np.int64))
    enough = (~np.isnan(matrix.values)).sum(axis=1) >= min(min_votes, matrix.values.shape[1])
    clustered = fit_rows & enough
    if clustered.sum() < 2 * min_group_size:
        return OpinionMap(shown=False, reason="too_few_participants")
    # The fitting libraries are loaded before the limit: threadpool_limits caps only the
    # thread pools already loaded, and scikit-learn brings its own OpenMP runtime.
    import scipy.optimize  # noqa: F401
    import sklearn.cluster  # noqa: F401
    import sklearn.decomposition  # noqa: F401

    with threadpool_limits(limits=1):  # the same sums in the same order on every machine
        points = project(matrix.values, fit_rows, seed)
        groups = _groups(
            points[clustered], matrix.participants[clustered], previous, seed, min_group_size
        )
    if groups is None:
        return OpinionMap(shown=False, reason="group_too_small")
    return _assemble(matrix, points, clustered, groups, previous, min_consensus_voters)


def _groups(points, participants, previous, seed, min_size) -> np.ndarray | None:
    """Group index (0..k-1) per clustered participant, or None when nothing may be shown."""
    centres, weights, base = clustering.base_clusters(points, seed)
    warm = None
    if previous:
        old = np.array([previous.get(int(p), -1) for p in participants])
        warm = clustering.warm_centres(points, old)
    by_base = clustering.choose_groups(centres, weights, min_size=min_size, seed=seed, warm=warm)
    if by_base is None:
        return None
    groups = _if_big_enough(
        clustering.nearest_centre(points, by_base[base]), by_base[base], min_size
    )
    if warm is not None:
        groups = _if_big_enough(clustering.keep_previous(points, groups, old), groups, min_size)
    return groups


def _if_big_enough(groups: np.ndarray, otherwise: np.ndarray, min_size: int) -> np.ndarray:
    """The refined grouping, unless it emptied a group or left one below the minimum."""
    sizes = np.bincount(groups, minlength=otherwise.max() + 1)
    return groups if sizes.min() >= min_size else otherwise


def _assemble(matrix, points, clustered, groups, previous, min_voters) -> OpinionMap:
    participants, statements = matrix.participants[clustered], matrix.statements
    values = matrix.values[clustered]
    labels = clustering.stable_labels(groups, participants, previous)
    counts = statistics.count(values, groups, len(labels))
    rep = statistics.repness(counts)
    cluster_points = points[clustered]
    found = [
        Group(
            label=int(labels[g]),
            size=int((groups == g).sum()),
            members=tuple(int(p) for p in participants[groups == g]),
            centroid=_xy(cluster_points[groups == g].mean(axis=0)),
            representative=statistics.representative(counts, rep, g, statements),
        )
        for g in range(len(labels))
    ]
    every = statistics.consensus(counts, labels, statements, min_voters)
    return OpinionMap(
        shown=True,
        reason="",
        points={int(p): _xy(xy) for p, xy in zip(matrix.participants, points, strict=True)},
        groups=tuple(sorted(found, key=lambda group: group.label)),
        membership={int(p): int(labels[g]) for p, g in zip(participants, groups, strict=True)},
        consensus=tuple(
            sorted((s for s in every if s.is_consensus), key=lambda s: (-s.score, s.statement_id))
        ),
        statements=every,
        explained=statistics.explained(values, groups, counts, rep, participants, statements),
    )


def _xy(point) -> tuple[float, float]:
    return (round(float(point[0]), 6), round(float(point[1]), 6))
