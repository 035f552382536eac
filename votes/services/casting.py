"""Casting a ballot: one roll entry and one sealed ballot, in one transaction, once."""

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from shared import rows
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


# No join: a join makes Django UPDATE ... WHERE id IN (subquery), and PostgreSQL does not
# check a subquery again after waiting for a simultaneous submit's row lock. Hand-written:
# casting is the hot path of an open vote, and compiling the ORM's UPDATE cost more CPU
# than running it.
_MARK_VOTED_SQL = (
    f"UPDATE {rows.table(RollEntry)} SET has_voted = %(true)s"
    " WHERE vote_id = %(vote)s AND member_id = %(member)s AND has_voted = %(false)s"
    f" AND EXISTS (SELECT 1 FROM {rows.table(Vote)} v WHERE v.id = %(vote)s"
    " AND v.state = %(open)s)"
)


def ballot_cast(*, vote: Vote, member, content: dict[str, list[str]]) -> str:
    """Mark the member as voted and drop their sealed ballot in the box; return the tracker.

    The conditional UPDATE on the roll entry is the lock: a second, simultaneous submit
    waits for the first and then finds it voted. The tracker goes into the sealed ballot
    only; it is shown once and stored nowhere else.
    """
    refused = ValidationError(
        _("De stemming is niet open, je hebt al gestemd of je staat niet in het register.")
    )
    # The box exists from the opening until the count; the statement checks the state again.
    if not vote.is_open:
        raise refused
    tracker = crypto.tracker_new()
    sealed = crypto.ballot_seal({"t": tracker, "b": content}, vote.public_key)
    params = {"vote": vote.pk, "member": member.pk, "open": VoteState.OPEN}
    params |= {"true": True, "false": False} | box.box_row(sealed)
    if not _roll_mark_and_box(vote.pk, params):
        raise refused
    return tracker


def _roll_mark_and_box(vote_id: int, params: dict) -> bool:
    """Mark the roll entry and drop the ballot in the box: both or neither."""
    insert = f"INSERT INTO {box.box_table(vote_id)} (id, sealed)"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One statement is one transaction: one round trip instead of four.
            marked = f"WITH marked AS ({_MARK_VOTED_SQL} RETURNING 1)"
            cursor.execute(f"{marked} {insert} SELECT %(id)s, %(sealed)s FROM marked", params)
            return cursor.rowcount == 1
        with transaction.atomic():
            cursor.execute(_MARK_VOTED_SQL, params)
            if cursor.rowcount != 1:
                return False
            cursor.execute(f"{insert} VALUES (%(id)s, %(sealed)s)", params)
    return True
