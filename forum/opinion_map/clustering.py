"""Opinion groups from 2-D points: base clusters, then groups chosen by silhouette.

As Pol.is: k-means on up to 100 base clusters first, then k-means on the base clusters'
centres (weighted by their size) for k = 2..5, keeping the k with the best silhouette.
The silhouette is taken over participants, each standing at their base centre (a weighted
silhouette of the base centres), which is exact below 100 distinct points. A last k-means
step on the participants themselves puts each into the group with the nearest centre, so
no one inherits a base cluster that straddles a border (this brings the groups to within
ARI 0.98-1.0 of red-dwarf, which clusters participants directly; see docs/performance.md).

Beyond Pol.is: only a k whose every group reaches the minimum size can be chosen; with the
previous run's groups, k-means also starts from their centres (in the new projection) and
that warm result is kept unless a cold k beats its silhouette by more than STICKINESS;
and a participant stays in the group continuing their previous one unless another group's
centre is more than HYSTERESIS nearer (keep_previous).
"""

from __future__ import annotations

import numpy as np

BASE_CLUSTERS = 100
GROUP_COUNTS = range(2, 6)
STICKINESS = 0.05  # silhouette a new grouping must gain to replace the previous one
HYSTERESIS = 0.25  # how much nearer another group must be before someone changes group
N_INIT = 10


def base_clusters(points: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(centres, weights, each point's base cluster); distinct points when there are few."""
    from sklearn.cluster import KMeans  # lazily: see the package docstring

    distinct, where, counts = np.unique(points, axis=0, return_inverse=True, return_counts=True)
    if len(distinct) <= BASE_CLUSTERS:
        return distinct, counts, where.ravel()
    kmeans = KMeans(n_clusters=BASE_CLUSTERS, n_init=1, random_state=seed).fit(points)
    used, where = np.unique(kmeans.labels_, return_inverse=True)
    return kmeans.cluster_centers_[used], np.bincount(where), where.ravel()


def silhouette(centres: np.ndarray, weights: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette over participants, weights[i] of them standing at centres[i]."""
    distances = np.sqrt(((centres[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2))
    member = np.eye(labels.max() + 1)[labels]
    sizes = weights @ member
    sums = distances @ (member * weights[:, None])
    own_size = sizes[labels]
    own = sums[np.arange(len(labels)), labels] / np.maximum(own_size - 1, 1)
    other = np.where(member.astype(bool), np.inf, sums / np.maximum(sizes, 1)).min(axis=1)
    scores = np.where(own_size > 1, (other - own) / np.maximum(np.maximum(own, other), 1e-12), 0)
    return float(weights @ scores / weights.sum())


def choose_groups(
    centres: np.ndarray,
    weights: np.ndarray,
    *,
    min_size: int,
    seed: int,
    warm: np.ndarray | None = None,
) -> np.ndarray | None:
    """Group label (0..k-1) of each base cluster, or None when no k gives big enough groups."""
    from sklearn.cluster import KMeans  # lazily: see the package docstring

    candidates = []
    for k in GROUP_COUNTS:
        if k <= len(centres):
            kmeans = KMeans(n_clusters=k, n_init=N_INIT, random_state=seed)
            candidates.append(kmeans.fit(centres, sample_weight=weights).labels_)
    scored = [
        (silhouette(centres, weights, c), c) for c in candidates if _valid(c, weights, min_size)
    ]
    best = max(scored, key=lambda pair: pair[0], default=None)  # first (smallest k) on a tie
    if warm is not None and len(warm) in GROUP_COUNTS and len(warm) <= len(centres):
        kmeans = KMeans(n_clusters=len(warm), init=warm, n_init=1, random_state=seed)
        labels = kmeans.fit(centres, sample_weight=weights).labels_
        if _valid(labels, weights, min_size):
            score = silhouette(centres, weights, labels)
            if best is None or score >= best[0] - STICKINESS:
                best = (score, labels)
    return None if best is None else best[1]


def _valid(labels: np.ndarray, weights: np.ndarray, min_size: int) -> bool:
    sizes = np.bincount(labels, weights=weights, minlength=labels.max() + 1)
    return bool(sizes.min() >= min_size)


def warm_centres(points: np.ndarray, previous: np.ndarray) -> np.ndarray | None:
    """Centres of the previous groups in the new projection (previous: label or -1 per point)."""
    labels = np.unique(previous[previous >= 0])
    if len(labels) < 2:
        return None
    return np.array([points[previous == label].mean(axis=0) for label in labels])


def nearest_centre(points: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Each participant into the group whose centre is nearest (a last k-means step on the
    participants themselves, so no one inherits a base cluster that straddles a border)."""
    return _distances(points, groups).argmin(axis=1)


def _distances(points: np.ndarray, groups: np.ndarray) -> np.ndarray:
    centres = np.array([points[groups == g].mean(axis=0) for g in range(groups.max() + 1)])
    return np.sqrt(((points[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2))


def keep_previous(points: np.ndarray, groups: np.ndarray, previous: np.ndarray) -> np.ndarray:
    """Leave a participant in the group that continues their previous one unless another
    group's centre is more than HYSTERESIS nearer (previous: old label or -1 per point)."""
    distance = _distances(points, groups)
    continues = continuation(groups, previous)
    continued = np.array([continues.get(int(old), -1) for old in previous])
    own = distance[np.arange(len(points)), np.maximum(continued, 0)]
    stay = (continued >= 0) & (own <= (1 + HYSTERESIS) * distance.min(axis=1))
    return np.where(stay, continued, groups)


def continuation(groups: np.ndarray, previous: np.ndarray) -> dict[int, int]:
    """{old label: the group index that continues it}, by the largest overlap in members
    (Hungarian assignment); previous holds each participant's old label or -1."""
    from scipy.optimize import linear_sum_assignment  # lazily: see the package docstring

    known = np.unique(previous[previous >= 0])
    overlap = np.array(
        [[((groups == g) & (previous == o)).sum() for o in known] for g in range(groups.max() + 1)]
    ).reshape(groups.max() + 1, len(known))
    pairs = zip(*linear_sum_assignment(-overlap), strict=True)
    return {int(known[o]): int(g) for g, o in pairs if overlap[g, o] > 0}


def stable_labels(
    groups: np.ndarray, participants: np.ndarray, previous: dict[int, int] | None
) -> np.ndarray:
    """Public label per group index: the previous label it continues, new groups (largest
    first) the lowest labels no previous group had."""
    count = groups.max() + 1
    labels = np.full(count, -1)
    previous = previous or {}
    old = np.array([previous.get(int(p), -1) for p in participants])
    for label, g in continuation(groups, old).items():
        labels[g] = label
    taken = set(previous.values()) | set(labels.tolist())
    fresh = (n for n in range(len(taken) + count + 1) if n not in taken)
    new = [g for g in range(count) if labels[g] < 0]
    for g in sorted(new, key=lambda g: (-(groups == g).sum(), participants[groups == g].min())):
        labels[g] = next(fresh)
    return labels
