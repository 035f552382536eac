"""Vote life cycle: draft → scheduled (announced) → open → closed → result published."""

from datetime import datetime

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import MailKind
from members.services.mailings import mailing_record
from shared.chunks import chunked
from votes import box, crypto
from votes.models import BallotItem, ItemKind, Method, RollEntry, Scope, Vote, VoteState
from votes.selectors import eligible_members, roll_digest

MIN_COMMITTEE = 3
# A share waits in the cache (memory, never the database) until its holder picks it up.
SHARE_PICKUP_SECONDS = 7 * 24 * 3600
METHODS = {
    ItemKind.MOTION: {""},
    ItemKind.CHOICE: {Method.SINGLE, Method.APPROVAL, Method.SCHULZE},
    ItemKind.RANKING: {Method.STV, Method.IRV},
}


def share_cache_key(vote_id: int, member_id: int) -> str:
    return f"votes:share:{vote_id}:{member_id}"


def require_state(vote: Vote, *states: str) -> None:
    if vote.state not in states:
        raise ValidationError(_("Dat kan niet in de status “%s”.") % vote.get_state_display())


def item_check(item: BallotItem) -> None:
    """An item's kind, method, options and seats fit together."""
    if item.method not in METHODS[item.kind]:
        raise ValidationError(_("“%s”: deze telmethode past niet bij de soort.") % item.title)
    options = item.option_list
    if item.kind != ItemKind.MOTION and (len(options) < 2 or len(set(options)) != len(options)):
        raise ValidationError(_("“%s”: geef minstens twee verschillende opties.") % item.title)
    if item.kind == ItemKind.RANKING and not 1 <= item.seats < len(options):
        raise ValidationError(_("“%s”: er moeten meer kandidaten dan zetels zijn.") % item.title)
    if item.method == Method.IRV and item.seats != 1:
        raise ValidationError(_("“%s”: instant runoff kiest één kandidaat.") % item.title)


def _vote_check(vote: Vote) -> None:
    items = list(vote.items.all())
    if not items:
        raise ValidationError(_("Een stemming heeft minstens één onderdeel."))
    for item in items:
        item_check(item)
    if vote.committee.count() < MIN_COMMITTEE:
        raise ValidationError(_("Het stembureau heeft minstens drie leden."))
    if vote.scope == Scope.PROVINCE and not vote.province:
        raise ValidationError(_("Kies de provincie."))
    if vote.scope == Scope.BRANCH and not vote.branch_id:
        raise ValidationError(_("Kies de afdeling."))


@transaction.atomic
def vote_announce(*, vote: Vote, now: datetime | None = None) -> Vote:
    """Fix the ballot and announce the vote: make its key pair and tie-break seed.

    The private key is split among the committee (any two rebuild it); each share waits
    in the cache until its holder picks it up once. The key itself is never stored.
    """
    from votes.tasks import send_vote_announcement

    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    require_state(vote, VoteState.DRAFT)
    _vote_check(vote)
    if vote.closes_at <= (now or timezone.now()):
        raise ValidationError(_("De sluitingstijd ligt al achter ons."))
    key = crypto.key_new()
    committee = list(vote.committee.order_by("pk"))
    for holder, share in zip(committee, crypto.key_split(key, len(committee)), strict=True):
        holder.share_index = crypto.share_index(share)
        holder.save(update_fields=["share_index"])
        cache.set(share_cache_key(vote.pk, holder.member_id), share, SHARE_PICKUP_SECONDS)
    vote.public_key, vote.tie_seed = crypto.public_hex(key), crypto.seed_new()
    vote.state, vote.announced_at = VoteState.SCHEDULED, now or timezone.now()
    vote.full_clean()
    vote.save(update_fields=["public_key", "tie_seed", "state", "announced_at"])
    mailing_record(kind=MailKind.VOTE_ANNOUNCEMENT, object_id=vote.pk)
    send_vote_announcement.delay_on_commit(vote.pk)
    return vote


def share_pick_up(*, vote: Vote, member) -> str | None:
    """A committee member's share, handed out once: the cache forgets it as it is read."""
    key = share_cache_key(vote.pk, member.pk)
    share = cache.get(key)
    cache.delete(key)
    if share:
        vote.committee.filter(member_id=member.pk, share_picked_up_at__isnull=True).update(
            share_picked_up_at=timezone.now()
        )
    return share


@transaction.atomic
def vote_open(*, vote: Vote, now: datetime | None = None) -> bool:
    """Open a scheduled vote: freeze the roll, show its hash, make the ballot box, invite.

    The conditional UPDATE claims the transition, so two workers never open it twice.
    """
    from votes.tasks import send_vote_invitations

    now = now or timezone.now()
    if not Vote.objects.filter(pk=vote.pk, state=VoteState.SCHEDULED).update(state=VoteState.OPEN):
        return False
    vote.refresh_from_db()
    numbers = []
    rows = eligible_members(vote).values_list("pk", "member_number").iterator(chunk_size=5000)
    for chunk in chunked(rows, 5000):
        RollEntry.objects.bulk_create(RollEntry(vote=vote, member_id=pk) for pk, _n in chunk)
        numbers += [number or f"#{pk}" for pk, number in chunk]
    vote.roll_size, vote.roll_sha256 = len(numbers), roll_digest(numbers)
    vote.save(update_fields=["roll_size", "roll_sha256"])
    box.box_create(vote.pk)
    mailing_record(kind=MailKind.VOTE_INVITATION, object_id=vote.pk)
    send_vote_invitations.delay_on_commit(vote.pk)
    return True


@transaction.atomic
def vote_close(*, vote: Vote, now: datetime | None = None) -> bool:
    """Stop voting and ask the committee to count."""
    from votes.services.notifications import vote_ask_committee_to_count

    now = now or timezone.now()
    if not Vote.objects.filter(pk=vote.pk, state=VoteState.OPEN).update(
        state=VoteState.CLOSED, closed_at=now
    ):
        return False
    vote.refresh_from_db()
    vote_ask_committee_to_count(vote=vote)
    return True


def votes_advance(*, now: datetime | None = None) -> None:
    """Open scheduled votes whose time has come and close open ones whose time is up."""
    now = now or timezone.now()
    for vote in Vote.objects.filter(state=VoteState.SCHEDULED, opens_at__lte=now):
        vote_open(vote=vote, now=now)
    for vote in Vote.objects.filter(state=VoteState.OPEN, closes_at__lte=now):
        vote_close(vote=vote, now=now)
