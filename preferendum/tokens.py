"""Personal answer links (shared.links, purpose "answer", object the round): they answer
that one round only, while it is open, and never log anyone in. The URL holds the member
id and a signature keyed by the member's link key, nothing secret."""

from django.conf import settings
from django.urls import reverse

from members.models import Member
from members.services.outbox import PersonalLink
from preferendum.models import Round
from shared.links import BadLink, link_member_id, link_token, link_verify

PURPOSE = "answer"


def answer_token(round_: Round, member: Member) -> str:
    return link_token(purpose=PURPOSE, member_id=member.pk, key=member.link_key, obj=round_.pk)


def answer_url(round_: Round, member: Member) -> str:
    return settings.SITE_URL + reverse(
        "preferendum:token-round-detail", args=[round_.pk, answer_token(round_, member)]
    )


def answer_link(round_: Round) -> PersonalLink:
    """The answer link as a mail carries it: minted per recipient when the mail is sent."""
    return PersonalLink(
        "preferendum:token-round-detail", purpose=PURPOSE, obj=round_.pk, args=(round_.pk,)
    )


def member_id_from_token(token: str) -> int | None:
    """The member id the link names, NOT verified: load that row, then `token_opens`."""
    return link_member_id(token)


def token_opens(round_id: int, token: str, member: Member | None) -> bool:
    """Whether this link was made for this round and this member, with their current key.
    Expiry is the round's closing (the views check that the round can still be answered)."""
    if member is None:
        return False
    try:
        link_verify(token, purpose=PURPOSE, key=member.link_key, obj=round_id)
    except BadLink:
        return False
    return True


def member_from_token(round_id: int, token: str) -> Member | None:
    member_id = member_id_from_token(token)
    if member_id is None:
        return None
    member = Member.objects.select_related("branch").filter(pk=member_id).first()
    return member if token_opens(round_id, token, member) else None
