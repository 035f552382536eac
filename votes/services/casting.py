"""Casting a ballot: one roll entry and one sealed ballot, in one transaction, once."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists
from django.utils.translation import gettext as _

from votes import box, crypto
from votes.models import BallotItem, ItemKind, Method, RollEntry, Vote, VoteState

MOTION_ANSWERS = ("voor", "tegen", "blanco")


def _ranks(item: BallotItem, ranks: dict[str, int | None]) -> list[str]:
    """Candidates in the order of the numbers given; unnumbered ones are left out."""
    given = {name: rank for name, rank in ranks.items() if rank}
    if set(given) - set(item.option_list):
        raise ValidationError(_("“%s”: onbekende kandidaat.") % item.title)
    if sorted(given.values()) != list(range(1, len(given) + 1)):
        raise ValidationError(
            _("“%s”: nummer de kandidaten 1, 2, 3 … zonder gaten of dubbele nummers.") % item.title
        )
    return sorted(given, key=given.get)


def item_answer(item: BallotItem, raw) -> list[str]:
    """What the ballot says for one item, checked, as a list: a motion's answer, the one
    option, the approved options, or candidates best first. An empty list is blank."""
    if item.kind == ItemKind.MOTION:
        if raw not in MOTION_ANSWERS:
            raise ValidationError(_("“%s”: kies voor, tegen of blanco.") % item.title)
        return [raw]
    if item.method == Method.SINGLE:
        if raw not in ("", *item.option_list):
            raise ValidationError(_("“%s”: kies één optie of blanco.") % item.title)
        return [raw] if raw else []
    if item.method == Method.APPROVAL:
        if set(raw) - set(item.option_list):
            raise ValidationError(_("“%s”: onbekende optie.") % item.title)
        return [o for o in item.option_list if o in raw]
    return _ranks(item, raw)


def ballot_clean(
    *, vote: Vote, answers: dict[int, object], items: list[BallotItem] | None = None
) -> dict[str, list[str]]:
    """The ballot's content, {item key: answer}, for every item of the vote (``items``:
    the vote's items when the caller has them already)."""
    items = vote.items.all() if items is None else items
    return {item.key: item_answer(item, answers.get(item.pk)) for item in items}


@transaction.atomic
def ballot_cast(*, vote: Vote, member, content: dict[str, list[str]]) -> str:
    """Mark the member as voted and drop their sealed ballot in the box; return the tracker.

    The conditional UPDATE on the roll entry is the lock: a second, simultaneous submit
    waits for the first and then finds it voted. The tracker goes into the sealed ballot
    only; it is shown once and stored nowhere else.
    """
    # No join: a join makes Django UPDATE ... WHERE id IN (subquery), and PostgreSQL does
    # not check a subquery again after waiting for a simultaneous submit's row lock.
    is_open = Vote.objects.filter(pk=vote.pk, state=VoteState.OPEN)
    entry = RollEntry.objects.filter(
        Exists(is_open), vote=vote, member_id=member.pk, has_voted=False
    )
    if not entry.update(has_voted=True):
        raise ValidationError(
            _("De stemming is niet open, je hebt al gestemd of je staat niet in het register.")
        )
    tracker = crypto.tracker_new()
    box.box_insert(vote.pk, crypto.ballot_seal({"t": tracker, "b": content}, vote.public_key))
    return tracker
