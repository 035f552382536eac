"""Counting at closing: two shares rebuild the key, the box is emptied into a shuffled
table, the key is forgotten, and the result is published when both counts agree."""

import random

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import MailKind
from members.services.mailings import mailing_record
from votes import box, crypto
from votes.models import CountedBallot, RollEntry, Vote, VoteState
from votes.results import result_compute
from votes.services.lifecycle import require_state


def _shares_check(vote: Vote, shares: list[str]) -> list[str]:
    shares = [s for s in shares if s and s.strip()]
    try:
        indices = {crypto.share_index(s) for s in shares}
    except crypto.BadShares as error:
        raise ValidationError(_("Dit is geen geldig sleuteldeel.")) from error
    if len(indices) < crypto.THRESHOLD:
        raise ValidationError(_("Er zijn twee verschillende sleuteldelen nodig."))
    known = set(vote.committee.values_list("share_index", flat=True))
    if not indices <= known:
        raise ValidationError(_("Dit sleuteldeel hoort niet bij deze stemming."))
    return shares


@transaction.atomic
def vote_count(*, vote: Vote, shares: list[str]) -> Vote:
    """Open the ballot box with two committee members' shares and publish the result.

    The sealed ballots are decrypted and copied into CountedBallot in a random order; the
    box, which kept the cast order, is dropped; the rebuilt key goes out of scope.
    """
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    require_state(vote, VoteState.CLOSED)
    try:
        key = crypto.key_combine(_shares_check(vote, shares), vote.public_key)
    except crypto.BadShares as error:
        raise ValidationError(_("Deze sleuteldelen openen de stembus niet.")) from error
    opened = [crypto.ballot_open(sealed, key) for sealed in box.box_read(vote.pk)]
    del key
    voted = RollEntry.objects.filter(vote=vote, has_voted=True).count()
    if len(opened) != voted:
        raise ValidationError(_("Het aantal stembiljetten klopt niet met het kiezersregister."))
    random.SystemRandom().shuffle(opened)
    CountedBallot.objects.bulk_create(
        CountedBallot(vote=vote, position=n, content=b["b"]) for n, b in enumerate(opened)
    )
    vote.trackers = "\n".join(sorted(b["t"] for b in opened))
    vote.save(update_fields=["trackers"])
    box.box_drop(vote.pk)
    return vote_publish(vote=vote)


@transaction.atomic
def vote_publish(*, vote: Vote) -> Vote:
    """Count the shuffled ballots with both implementations; publish only when they agree.

    When they disagree the vote stays closed with the reason; it can be counted again
    (from the shuffled ballots, no key needed) once that is resolved.
    """
    from votes.tasks import send_vote_result

    require_state(vote, VoteState.CLOSED)
    ballots = [b.content for b in CountedBallot.objects.filter(vote=vote).order_by("position")]
    result, problem = result_compute(vote, ballots)
    if problem:
        vote.count_problem = problem
        vote.save(update_fields=["count_problem"])
        return vote
    vote.result, vote.count_problem = result, ""
    vote.state, vote.published_at = VoteState.PUBLISHED, timezone.now()
    vote.save(update_fields=["result", "count_problem", "state", "published_at"])
    mailing_record(kind=MailKind.VOTE_RESULT, object_id=vote.pk)
    send_vote_result.delay_on_commit(vote.pk)
    return vote
