"""Who wants which mail: opt-outs per kind and the personal unsubscribe link."""

from members.models import MailOptOut, Member
from members.models.outbox import ESSENTIAL_MAIL_KINDS
from members.services.outbox.merging import PersonalLink, mint
from shared.links import BadLink, link_member_id, link_object, link_verify

UNSUBSCRIBE_PURPOSE = "unsubscribe"


def mail_is_optional(kind: str) -> bool:
    return kind not in ESSENTIAL_MAIL_KINDS


def mail_is_wanted(member: Member, kind: str) -> bool:
    if not member.email or member.anonymised_at is not None:
        return False
    if not mail_is_optional(kind):
        return True
    return not MailOptOut.objects.filter(member=member, kind=kind).exists()


def opted_out_ids(kind: str) -> set[int]:
    """The members who switched this kind off (none for essential mail)."""
    if not mail_is_optional(kind):
        return set()
    return set(MailOptOut.objects.filter(kind=kind).values_list("member_id", flat=True))


def unsubscribe_link(kind: str) -> PersonalLink:
    """The recipient's one-click link to switch this kind off, minted when sending."""
    return PersonalLink("members:unsubscribe", purpose=UNSUBSCRIBE_PURPOSE, obj=kind)


def unsubscribe_url(member: Member, kind: str) -> str:
    """The member's unsubscribe link for this kind, made now (for pages, not for mail)."""
    return mint(unsubscribe_link(kind).as_json(), member_id=member.pk, link_key=member.link_key)


def mail_opt_out(*, member: Member, kind: str) -> None:
    if mail_is_optional(kind):
        MailOptOut.objects.get_or_create(member=member, kind=kind)


def mail_opt_in(*, member: Member, kind: str) -> None:
    MailOptOut.objects.filter(member=member, kind=kind).delete()


def member_from_unsubscribe_token(token: str) -> tuple[Member, str] | None:
    """(member, mail kind) of a personal unsubscribe link; no expiry, revoked with the key."""
    member = Member.objects.filter(pk=link_member_id(token)).first()
    try:
        link_verify(token, purpose=UNSUBSCRIBE_PURPOSE, key=member.link_key if member else "")
    except BadLink:
        return None
    return member, link_object(token)
