"""The vote matrix and its projection to two dimensions, the Pol.is way.

Missing votes are filled with the statement's mean over the clustered participants, PCA
gives two components, and every point is scaled by sqrt(statements / own votes) so that
someone who voted little is not pulled into the middle (Pol.is pca.clj, red-dwarf's
SparsityAwareScaler). Excluded participants (experts) are left out of the means and the
fit and placed afterwards with the same transformation, so they do not move the map.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain

import numpy as np


@dataclass(frozen=True)
class VoteMatrix:
    participants: np.ndarray  # sorted participant ids
    statements: np.ndarray  # sorted statement ids
    values: np.ndarray  # float (participants x statements): +1, -1, 0 (pass), nan (no vote)


def vote_matrix(votes: Iterable[tuple[int, int, int]]) -> VoteMatrix:
    """One row per participant, one column per statement; a repeated pair keeps the last."""
    data = np.fromiter(chain.from_iterable(votes), dtype=np.int64).reshape(-1, 3)
    if not np.isin(data[:, 2], (-1, 0, 1)).all():
        raise ValueError("a vote is +1 (eens), -1 (oneens) or 0 (overslaan)")
    participants, rows = np.unique(data[:, 0], return_inverse=True)
    statements, columns = np.unique(data[:, 1], return_inverse=True)
    values = np.full((len(participants), len(statements)), np.nan)
    values[rows, columns] = data[:, 2]
    return VoteMatrix(participants, statements, values)


def project(values: np.ndarray, fit_rows: np.ndarray, seed: int) -> np.ndarray:
    """2-D coordinates of every row, fitted on ``fit_rows`` only (a boolean mask)."""
    fitted = values[fit_rows]
    voted = ~np.isnan(fitted)
    sums = np.where(voted, fitted, 0.0).sum(axis=0)
    means = np.divide(sums, voted.sum(axis=0), out=np.zeros(values.shape[1]), where=voted.any(0))
    filled = np.where(np.isnan(values), means, values)
    components = _components(filled[fit_rows], seed)
    points = (filled - filled[fit_rows].mean(axis=0)) @ components.T
    own_votes = np.maximum(1, (~np.isnan(values)).sum(axis=1))
    return points * np.sqrt(values.shape[1] / own_votes)[:, None]


def _components(filled: np.ndarray, seed: int) -> np.ndarray:
    """Two principal axes (zero rows when there are fewer), each signed so that its largest
    loading is positive: the orientation depends on the votes only, not on the solver."""
    from sklearn.decomposition import PCA  # lazily: see the package docstring

    count = min(2, *filled.shape)
    axes = np.zeros((2, filled.shape[1]))
    if count and np.ptp(filled, axis=0).any():  # no variance, no axes (and no warning)
        pca = PCA(n_components=count, svd_solver="covariance_eigh", random_state=seed)
        pca.fit(filled)
        axes[:count] = pca.components_
    for axis in axes:
        if axis.any() and axis[np.argmax(np.abs(axis))] < 0:
            axis *= -1
    return axes
