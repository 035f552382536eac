"""Revoking a member's personal links ("Alle persoonlijke links intrekken", "Agenda-link
vernieuwen"): a new random key on the member row (shared.links) makes every older link fail."""

from django.db import transaction

from members.models import Member
from shared.links import link_key_new


@transaction.atomic
def member_links_revoke(*, member: Member) -> Member:
    """Every personal link of this member stops working: answer links, event and panel
    links, unsubscribe links and the calendar feed. Links in mails sent later are new."""
    member.link_key, member.feed_key = link_key_new(), link_key_new()
    member.save(update_fields=["link_key", "feed_key"])
    return member


@transaction.atomic
def member_feed_renew(*, member: Member) -> Member:
    """Only the calendar feed link changes; the member's other links keep working."""
    member.feed_key = link_key_new()
    member.save(update_fields=["feed_key"])
    return member


def feed_link_key(member: Member) -> str:
    """The key of the member's calendar feed links: revoked with either key."""
    return f"{member.link_key}.{member.feed_key}"
