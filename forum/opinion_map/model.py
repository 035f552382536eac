"""The opinion map's result: frozen dataclasses of plain numbers, safe to cache as JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

AGREE, DISAGREE, PASS = 1, -1, 0


@dataclass(frozen=True)
class GroupVotes:
    """How one group voted on one statement; passes are counted apart from disagreement."""

    agree: int
    disagree: int
    passed: int

    @property
    def total(self) -> int:
        return self.agree + self.disagree + self.passed


@dataclass(frozen=True)
class RepresentativeStatement:
    """A statement that sets a group apart (Pol.is repness, +1/+2 smoothed).

    ``direction`` is "agree" or "disagree": what the group does more than the others.
    ``in_*`` count the group's voters, ``out_*`` everyone else clustered; totals include passes.
    ``score`` is Pol.is's ranking metric ``ratio * ratio_z * p * p_z`` for that direction.
    """

    statement_id: int
    direction: str
    in_agree: int
    in_disagree: int
    in_total: int
    out_agree: int
    out_disagree: int
    out_total: int
    ratio: float
    ratio_z: float
    score: float


@dataclass(frozen=True)
class Group:
    label: int
    size: int
    members: tuple[int, ...]
    centroid: tuple[float, float]
    representative: tuple[RepresentativeStatement, ...]


@dataclass(frozen=True)
class ConsensusStatement:
    """Per-group counts of one statement and its group-informed consensus score.

    ``score`` is the product over groups of (A_g + 1) / (S_g + 2), S_g counting passes too.
    ``is_consensus``: in every group at least the minimum number voted and more than half
    of those voters agreed.
    """

    statement_id: int
    votes: dict[int, GroupVotes]
    score: float
    is_consensus: bool


@dataclass(frozen=True)
class ExplainedStatement:
    """A statement on which a participant voted as most of their group did."""

    statement_id: int
    vote: int
    group_same: int
    group_total: int
    out_same: int
    out_total: int


@dataclass(frozen=True)
class Explanation:
    """Why a participant is in their group: where they side with it most distinctively."""

    participant_id: int
    group: int
    statements: tuple[ExplainedStatement, ...]


@dataclass(frozen=True)
class OpinionMap:
    """The map, or (``shown`` False) nothing at all and the ``reason`` why.

    ``points`` holds every participant with a vote, experts and light voters included (placed
    after the fit, not clustered); ``membership`` only those clustered.
    """

    shown: bool
    reason: str
    points: dict[int, tuple[float, float]] = field(default_factory=dict)
    groups: tuple[Group, ...] = ()
    membership: dict[int, int] = field(default_factory=dict)
    consensus: tuple[ConsensusStatement, ...] = ()
    statements: tuple[ConsensusStatement, ...] = ()
    explained: dict[int, tuple[int, ...]] = field(default_factory=dict)

    def explanation(self, participant_id: int) -> Explanation | None:
        """Why a clustered participant is in their group (None for anyone else)."""
        if participant_id not in self.membership:
            return None
        group = self.membership[participant_id]
        by_id = {s.statement_id: s for s in self.statements}
        return Explanation(
            participant_id=participant_id,
            group=group,
            statements=tuple(_explained(by_id[s], group) for s in self.explained[participant_id]),
        )

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready (dict keys become strings in JSON; ``from_dict`` turns them back)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OpinionMap:
        return cls(
            shown=data["shown"],
            reason=data["reason"],
            points={int(p): (xy[0], xy[1]) for p, xy in data["points"].items()},
            groups=tuple(_group(g) for g in data["groups"]),
            membership={int(p): g for p, g in data["membership"].items()},
            consensus=tuple(_statement(s) for s in data["consensus"]),
            statements=tuple(_statement(s) for s in data["statements"]),
            explained={int(p): tuple(ids) for p, ids in data["explained"].items()},
        )


def _group(data: dict) -> Group:
    return Group(
        label=data["label"],
        size=data["size"],
        members=tuple(data["members"]),
        centroid=tuple(data["centroid"]),
        representative=tuple(RepresentativeStatement(**r) for r in data["representative"]),
    )


def _statement(data: dict) -> ConsensusStatement:
    votes = {int(g): GroupVotes(**v) for g, v in data["votes"].items()}
    return ConsensusStatement(
        statement_id=data["statement_id"],
        votes=votes,
        score=data["score"],
        is_consensus=data["is_consensus"],
    )


def _explained(statement: ConsensusStatement, group: int) -> ExplainedStatement:
    """The group's majority vote on the statement (which the participant shared), in counts."""
    mine = statement.votes[group]
    vote = AGREE if 2 * mine.agree > mine.total else DISAGREE
    others = [v for g, v in statement.votes.items() if g != group]
    pick = (lambda v: v.agree) if vote == AGREE else (lambda v: v.disagree)
    return ExplainedStatement(
        statement_id=statement.statement_id,
        vote=vote,
        group_same=pick(mine),
        group_total=mine.total,
        out_same=sum(pick(v) for v in others),
        out_total=sum(v.total for v in others),
    )
