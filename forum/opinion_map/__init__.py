"""Opinion map of a forum conversation, the Pol.is way, in plain Python (numpy, scikit-learn).

    from forum.opinion_map import opinion_map
    result = opinion_map(votes, exclude=expert_ids, previous=last_membership, seed=0)
    if result.shown: result.points, result.groups, result.consensus, result.explanation(pid)

Method: fill missing votes with the statement mean, PCA to two dimensions, scale by
sparsity, k-means into up to 100 base clusters, then groups of base clusters for k = 2..5
chosen by silhouette (matrix.py, clustering.py); representative statements by Pol.is's
repness and group-informed consensus (statistics.py). What it adds to Pol.is: the same votes
(and previous labels) give byte-identical output in any process (sorted inputs, fixed seeds,
one thread); labels kept between runs by Hungarian matching on overlap, k-means
warm-started from the previous groups (their k kept unless another is clearly better), and
a participant left in their previous group unless another is clearly nearer; nothing shown
while a group is below the minimum size; experts placed after the fit so they do not move
the groups.

scikit-learn and SciPy are imported inside the functions that fit (matrix.py, clustering.py),
not at module level: every process imports this package through the forum's tasks and
views, and only the map's computation needs them (~150 MB per process).
"""

from .compute import MIN_CONSENSUS_VOTERS, MIN_GROUP_SIZE, MIN_VOTES, opinion_map
from .model import (
    ConsensusStatement,
    ExplainedStatement,
    Explanation,
    Group,
    GroupVotes,
    OpinionMap,
    RepresentativeStatement,
)

__all__ = [
    "MIN_CONSENSUS_VOTERS",
    "MIN_GROUP_SIZE",
    "MIN_VOTES",
    "ConsensusStatement",
    "ExplainedStatement",
    "Explanation",
    "Group",
    "GroupVotes",
    "OpinionMap",
    "RepresentativeStatement",
    "opinion_map",
]
