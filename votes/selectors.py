"""Reads of the votes app: who may vote, turnout, and the process contract
(members/processes.py)."""

import hashlib
from datetime import datetime, time
from functools import lru_cache

from django.db import connection
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from members.backends import member_columns, member_from_row
from members.models import Member, MemberKind, MemberStatus
from members.processes import Participant, ProcessItem, ProcessRef
from shared import rows
from votes.models import ANNOUNCED, BallotItem, RollEntry, Scope, Vote, VoteState

VISIBLE = ANNOUNCED
DONE = (VoteState.CLOSED, VoteState.PUBLISHED)


def eligible_members(vote: Vote) -> QuerySet[Member]:
    """Members (never supporters) who were members on the reference date and still are,
    within the vote's scope. Without a "lid sinds", the account's creation date counts."""
    day_end = timezone.make_aware(datetime.combine(vote.reference_date, time.max))
    members = Member.objects.filter(
        kind=MemberKind.MEMBER, status=MemberStatus.ACTIVE, anonymised_at__isnull=True
    ).filter(
        Q(member_since__lte=vote.reference_date)
        | Q(member_since__isnull=True, date_joined__lte=day_end)
    )
    if vote.scope == Scope.PROVINCE:
        members = members.filter(branch__province=vote.province)
    elif vote.scope == Scope.BRANCH:
        members = members.filter(branch_id=vote.branch_id)
    return members


def roll_digest(member_numbers: list[str]) -> str:
    """SHA-256 of the roll: the sorted member numbers (or #id), one per line."""
    return hashlib.sha256("\n".join(sorted(member_numbers)).encode()).hexdigest()


def roll_member_numbers(vote: Vote) -> list[str]:
    rows = eligible_members(vote).values_list("pk", "member_number")
    return [number or f"#{pk}" for pk, number in rows]


def ballot_items(vote: Vote) -> list[BallotItem]:
    """The vote's items; once announced they never change, so each process keeps them."""
    if not vote.is_announced:
        return list(vote.items.all())
    return list(_announced_items(vote.pk, vote.public_key))


@lru_cache(maxsize=64)
def _announced_items(vote_id: int, public_key: str) -> tuple[BallotItem, ...]:
    # The key pair is made at announcement: the same id with another key is another vote.
    return tuple(BallotItem.objects.filter(vote_id=vote_id).order_by("position", "pk"))


# What a cast reads of the vote (the receipt, the seal, the state); the rest is deferred.
_CAST_VOTE_FIELDS = ("title", "state", "public_key")
_CAST_TARGET_SQL = (
    f"SELECT {rows.columns(Vote, 'v', _CAST_VOTE_FIELDS)}, {member_columns('m')}"
    f" FROM {rows.table(Vote)} v LEFT JOIN {rows.table(Member)} m ON m.id = %(member)s"
    " WHERE v.id = %(vote)s"
)


def cast_target(member_id: int, vote_id: int) -> tuple[Vote | None, Member | None]:
    """The vote and the member, read in one hand-written query: casting is the hot path of
    a vote, and compiling ORM queries was most of its CPU. (None, None) without the vote."""
    with connection.cursor() as cursor:
        cursor.execute(_CAST_TARGET_SQL, {"member": member_id, "vote": vote_id})
        row = cursor.fetchone()
    if row is None:
        return None, None
    vote = rows.instance(Vote, row, only=_CAST_VOTE_FIELDS)
    return vote, member_from_row(row, rows.width(Vote, _CAST_VOTE_FIELDS))


def is_on_roll(member, vote: Vote) -> bool:
    return RollEntry.objects.filter(vote=vote, member_id=member.pk).exists()


def has_voted(member, vote: Vote) -> bool:
    return RollEntry.objects.filter(vote=vote, member_id=member.pk, has_voted=True).exists()


def turnout(vote: Vote) -> dict:
    """Voted and roll size: the one figure anyone sees during a vote."""
    voted = RollEntry.objects.filter(vote=vote, has_voted=True).count()
    size = vote.roll_size or 0
    return {
        "voted": voted,
        "eligible": size,
        "percent": round(100 * voted / size, 1) if size else 0,
    }


def votes_for_member(member) -> QuerySet[Vote]:
    """Announced votes; whether the member may vote in one is asked per vote."""
    return Vote.objects.filter(state__in=VISIBLE).select_related("branch")


def open_votes_for_member(member) -> list[Vote]:
    """Open votes on whose roll the member is and in which they have not voted yet."""
    entries = RollEntry.objects.filter(member_id=member.pk, has_voted=False)
    return list(
        Vote.objects.filter(state=VoteState.OPEN, pk__in=entries.values("vote_id")).order_by(
            "closes_at"
        )
    )


def committee_votes(member) -> QuerySet[Vote]:
    return Vote.objects.filter(committee__member_id=member.pk, state__in=VISIBLE)


# The process contract (members/processes.py).


def _ref(vote: Vote) -> ProcessRef:
    return ProcessRef(
        kind="vote",
        id=vote.pk,
        title=vote.title,
        url=reverse("votes:vote-detail", args=[vote.pk]),
        # Done, for the other processes, once the decision is known: a vote closed but not yet
        # counted owes no feedback (there is no decision to report on), and feedback on it
        # could not be linked from the vote.
        closed_at=vote.closed_at if vote.state == VoteState.PUBLISHED else None,
        is_public=False,
        branch_id=vote.branch_id,
    )


def process_list(*, closed: bool | None = None) -> list[ProcessRef]:
    votes = Vote.objects.filter(state__in=(VoteState.OPEN, *DONE))
    if closed is True:
        votes = votes.filter(state=VoteState.PUBLISHED)
    elif closed is False:
        votes = votes.filter(state=VoteState.OPEN)
    return [_ref(v) for v in votes.order_by("opens_at")]


def process_get(process_id: int) -> ProcessRef | None:
    vote = Vote.objects.filter(pk=process_id, state__in=VISIBLE).first()
    return _ref(vote) if vote else None


def process_items(process_id: int) -> list[ProcessItem]:
    vote = Vote.objects.filter(pk=process_id).first()
    return [ProcessItem(id=i.pk, text=i.title) for i in vote.items.all()] if vote else []


def process_participants(process_id: int) -> list[Participant]:
    """Who voted (the roll knows; never what they voted)."""
    entries = RollEntry.objects.filter(vote_id=process_id, has_voted=True).select_related("member")
    return [
        Participant(member_id=e.member_id, email=e.member.email, name=e.member.full_name)
        for e in entries
        if e.member.email
    ]


def _voted_in(member) -> QuerySet[Vote]:
    voted = RollEntry.objects.filter(member_id=member.pk, has_voted=True).values("vote_id")
    return Vote.objects.filter(pk__in=voted, state__in=VISIBLE)


def participation_for_member(member) -> list[ProcessRef]:
    return [_ref(v) for v in _voted_in(member).order_by("-opens_at")]


def participation_ids_for_member(member) -> QuerySet:
    return _voted_in(member).values("pk")


def personal_data(member) -> dict:
    """The roll says whether the member voted; nothing anywhere says what they voted."""
    entries = RollEntry.objects.filter(member_id=member.pk).select_related("vote")
    committee = Vote.objects.filter(committee__member_id=member.pk)
    return {
        "roll": [{"vote": e.vote.title, "on_roll": True, "voted": e.has_voted} for e in entries],
        "committee": [v.title for v in committee],
        "note": "Wat je hebt gestemd, is nergens aan jou gekoppeld en staat daarom niet hier.",
    }
