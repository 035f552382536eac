"""Demo votes: an open motion, a closed candidate ranking with its published STV result,
and a scheduled vote. The demo's committee is the two chairs and the admin."""

import random
from datetime import timedelta

from django.utils import timezone

from members.models import Member
from votes import services
from votes.models import BallotItem, CommitteeMember, ItemKind, Majority, Method, Vote

COMMITTEE = ["voorzitter@example.org", "voorzitter2@example.org", "admin@example.org"]
CANDIDATES = ["Amira Bakker", "Daan de Vries", "Fatma Yilmaz", "Joris Jansen", "Lotte Smit",
              "Sem Visser"]  # fmt: skip
# Candidate popularity: earlier ones are ranked first more often.
WEIGHTS = [30, 22, 18, 12, 10, 8]


def seed(*, stdout) -> None:
    if Vote.objects.filter(title__startswith="Demo:").exists():
        stdout.write("Votes: demo votes already there")
        return
    now = timezone.now()
    committee = list(Member.objects.filter(email__in=COMMITTEE))
    closed = _vote("Demo: kandidatenlijst Provinciale Staten", committee, now - timedelta(days=10))
    _item(closed, ItemKind.RANKING, Method.STV, "Kandidaten, 3 zetels", CANDIDATES, seats=3)
    _count_closed(closed, committee, stdout)
    motion = _vote("Demo: wijziging huishoudelijk reglement", committee, now - timedelta(days=1))
    motion.majority = Majority.TWO_THIRDS
    motion.save(update_fields=["majority"])
    _item(motion, ItemKind.MOTION, "", "Stemt u in met de voorgestelde wijziging?")
    shares = _announce_and_open(motion, committee)
    stdout.write("Votes: shares of the open demo motion (demo only!): " + ", ".join(shares))
    scheduled = _vote("Demo: naam van de nieuwe partij", committee, now + timedelta(days=7))
    _item(scheduled, ItemKind.CHOICE, Method.SCHULZE, "Welke naam?", ["Samen", "Vooruit", "Groen"])
    services.vote_announce(vote=scheduled)
    stdout.write("Votes: an open motion, a published STV ranking, a scheduled choice")


def _vote(title, committee, opens_at) -> Vote:
    vote = Vote.objects.create(
        title=title,
        explanation="Een bindende stemming van alle leden (demo).",
        reference_date=timezone.localdate() - timedelta(days=60),
        opens_at=opens_at,
        closes_at=opens_at + timedelta(days=7),
        quorum_percent=10,
    )
    CommitteeMember.objects.bulk_create(CommitteeMember(vote=vote, member=m) for m in committee)
    return vote


def _item(vote, kind, method, title, options=(), seats=1) -> None:
    BallotItem.objects.create(
        vote=vote, kind=kind, method=method, title=title, options="\n".join(options), seats=seats
    )


def _announce_and_open(vote, committee) -> list[str]:
    vote = services.vote_announce(vote=vote, now=vote.opens_at - timedelta(days=1))
    shares = [services.share_pick_up(vote=vote, member=m) for m in committee]
    services.vote_open(vote=vote)
    return shares


def _count_closed(vote, committee, stdout) -> None:
    """Announce and open it, let 40% of the roll vote, close and count it."""
    shares = _announce_and_open(vote, committee)
    vote.refresh_from_db()
    rng = random.Random(2026)
    key = vote.items.get().key
    for entry in vote.roll.select_related("member").order_by("pk"):
        if rng.random() < 0.4:
            ranking = _ranking(rng)
            services.ballot_cast(vote=vote, member=entry.member, content={key: ranking})
    services.vote_close(vote=vote, now=vote.closes_at)
    services.vote_count(vote=vote, shares=shares[:2])


def _ranking(rng) -> list[str]:
    left, ranking = list(CANDIDATES), []
    while left and rng.random() < 0.8 or not ranking:
        pick = rng.choices(left, [WEIGHTS[CANDIDATES.index(c)] for c in left])[0]
        ranking.append(pick)
        left.remove(pick)
    return ranking
