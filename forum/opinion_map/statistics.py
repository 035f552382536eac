"""Per-group vote counts, representative statements, consensus and explanations.

Representativeness follows Pol.is's repness.clj (as ported by red-dwarf): for group g and
statement s, with na/nd/ns the group's agree/disagree/all votes (passes included in ns):
    pa = (na + 1) / (ns + 2)                       smoothed agreement in the group
    pat = 2 sqrt(ns + 1) ((na + 1) / (ns + 1) - 1/2)   its one-proportion z
    ra = pa / pa_out                               against everyone clustered outside g
    rat = two-proportion z of (na + 1)/(ns + 1) against the out-group's
and the same for disagreement. A statement represents g when both z's of a direction pass
90 % (one-sided); they are ranked by ra * rat * pa * pat, the group's best agreed-upon
statement first, at most five. Group-informed consensus is the product over groups of pa.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .model import ConsensusStatement, GroupVotes, RepresentativeStatement

Z90 = 1.2815515655446004  # one-sided 90 % critical value of the standard normal
REPRESENTATIVE_MAX = 5
EXPLAINED_MAX = 3


@dataclass(frozen=True)
class Counts:
    """Arrays (groups x statements) of in-group counts and, for each group, the rest."""

    agree: np.ndarray
    disagree: np.ndarray
    passed: np.ndarray

    @property
    def seen(self) -> np.ndarray:
        return self.agree + self.disagree + self.passed

    def rest(self) -> Counts:
        return Counts(*(a.sum(axis=0) - a for a in (self.agree, self.disagree, self.passed)))


def count(values: np.ndarray, groups: np.ndarray, group_count: int) -> Counts:
    member = np.eye(group_count, dtype=np.int64)[groups].T  # groups x participants
    return Counts(*(member @ (values == v).astype(np.int64) for v in (1, -1, 0)))


def one_prop_z(success: np.ndarray, n: np.ndarray) -> np.ndarray:
    return 2 * np.sqrt(n + 1) * ((success + 1) / (n + 1) - 0.5)


def two_prop_z(s_in, s_out, n_in, n_out) -> np.ndarray:
    s_in, s_out, n_in, n_out = s_in + 1, s_out + 1, n_in + 1, n_out + 1
    pooled = (s_in + s_out) / (n_in + n_out)
    spread = np.sqrt(pooled * (1 - pooled) * (1 / n_in + 1 / n_out))
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (s_in / n_in - s_out / n_out) / spread
    return np.where(pooled == 1, 0.0, z)


@dataclass(frozen=True)
class Repness:
    """Per direction (0 agree, 1 disagree): probability, its z, ratio, ratio z."""

    p: np.ndarray
    p_z: np.ndarray
    ratio: np.ndarray
    ratio_z: np.ndarray

    @property
    def metric(self) -> np.ndarray:
        return self.ratio * self.ratio_z * self.p * self.p_z


def repness(counts: Counts) -> Repness:
    rest, seen = counts.rest(), counts.seen
    successes = np.stack([counts.agree, counts.disagree])
    out = np.stack([rest.agree, rest.disagree])
    p, p_out = (successes + 1) / (seen + 2), (out + 1) / (rest.seen + 2)
    return Repness(
        p, one_prop_z(successes, seen), p / p_out, two_prop_z(successes, out, seen, rest.seen)
    )


def representative(counts: Counts, rep: Repness, g: int, statements: np.ndarray) -> tuple:
    """Pol.is select-rep-comments for group g: the best agreed statement, then significant ones."""
    direction = np.where(rep.ratio_z[0, g] > rep.ratio_z[1, g], 0, 1)
    significant = ((rep.p_z[:, g] > Z90) & (rep.ratio_z[:, g] > Z90)).any(axis=0)
    metric = rep.metric[direction, g, np.arange(len(statements))]
    ranked = sorted(np.flatnonzero(significant).tolist(), key=lambda s: (-metric[s], s))
    head = _best_agree(counts, rep, g)
    if head is not None:
        direction[head] = 0
    elif not ranked:  # nothing significant: still show the most distinctive one
        head = int(np.argmax(rep.ratio_z[:, g].max(axis=0)))
    chosen = ([head] if head is not None else []) + [s for s in ranked if s != head]
    chosen = sorted(chosen[:REPRESENTATIVE_MAX], key=lambda s: direction[s])  # agrees first
    return tuple(_representative(counts, rep, g, s, statements, direction[s]) for s in chosen)


def _best_agree(counts: Counts, rep: Repness, g: int) -> int | None:
    """Pol.is's best-agree: the statement the group most clearly agrees with (or None)."""
    pa, pat, ra, rat = rep.p[0, g], rep.p_z[0, g], rep.ratio[0, g], rep.ratio_z[0, g]
    best = None
    for s in range(pa.shape[0]):
        if counts.agree[g, s] == 0 and counts.disagree[g, s] == 0:
            continue
        if best is None:
            better = pat[s] > Z90 or (ra[s] > 1 and pa[s] > 0.5)
        elif ra[best] > 1:
            better = ra[s] * rat[s] * pa[s] * pat[s] > ra[best] * rat[best] * pa[best] * pat[best]
        else:
            better = pa[s] * pat[s] > pa[best] * pat[best]
        if better:
            best = s
    return best


def _representative(counts, rep, g, s, statements, direction) -> RepresentativeStatement:
    rest = counts.rest()
    return RepresentativeStatement(
        statement_id=int(statements[s]),
        direction=("agree", "disagree")[direction],
        in_agree=int(counts.agree[g, s]),
        in_disagree=int(counts.disagree[g, s]),
        in_total=int(counts.seen[g, s]),
        out_agree=int(rest.agree[g, s]),
        out_disagree=int(rest.disagree[g, s]),
        out_total=int(rest.seen[g, s]),
        ratio=_round(rep.ratio[direction, g, s]),
        ratio_z=_round(rep.ratio_z[direction, g, s]),
        score=_round(rep.metric[direction, g, s]),
    )


def consensus(counts: Counts, labels: np.ndarray, statements: np.ndarray, min_voters: int):
    """Every statement's per-group votes and group-informed consensus, by statement id."""
    seen = counts.seen
    score = ((counts.agree + 1) / (seen + 2)).prod(axis=0)
    agreed = ((seen >= min_voters) & (2 * counts.agree > seen)).all(axis=0)
    order = np.argsort(labels, kind="stable")
    return tuple(
        ConsensusStatement(
            statement_id=int(statement),
            votes={
                int(labels[g]): GroupVotes(
                    int(counts.agree[g, s]), int(counts.disagree[g, s]), int(counts.passed[g, s])
                )
                for g in order
            },
            score=_round(score[s]),
            is_consensus=bool(agreed[s]),
        )
        for s, statement in enumerate(statements)
    )


def explained(values, groups, counts: Counts, rep: Repness, participants, statements) -> dict:
    """For each clustered participant, up to three statements (ids) on which they voted as
    most of their group did, the most distinctive for the group (highest ratio z) first."""
    seen, found = counts.seen, {}
    for g in range(groups.max() + 1):
        side = np.where(
            2 * counts.agree[g] > seen[g], 1, np.where(2 * counts.disagree[g] > seen[g], -1, 9)
        )
        z = np.where(side == 1, rep.ratio_z[0, g], rep.ratio_z[1, g])
        rank = np.empty(len(statements), dtype=np.int64)
        rank[np.lexsort((np.arange(len(statements)), -z))] = np.arange(len(statements))
        rows = np.flatnonzero(groups == g)
        key = np.where(values[rows] == side, rank, len(statements))  # unique per row, or "none"
        count = min(EXPLAINED_MAX, len(statements))
        top = np.sort(np.partition(key, count - 1, axis=1)[:, :count], axis=1)
        order = np.argsort(rank)
        for person, ranks in zip(participants[rows].tolist(), top.tolist(), strict=True):
            found[person] = tuple(int(statements[order[r]]) for r in ranks if r < len(statements))
    return dict(sorted(found.items()))


def _round(value) -> float:
    """Plain float, rounded so that the output does not carry floating-point noise."""
    return round(float(value), 6)
