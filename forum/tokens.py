"""The expert's double opt-in link (shared.links), bound to the expert's account key."""

from forum.models import Expert
from members.services.outbox import PersonalLink
from shared.links import BadLink, link_member_id, link_token, link_verify

CONFIRM_PURPOSE = "forum-expert-confirm"
CONFIRM_MAX_AGE = 14 * 24 * 3600


def confirm_token(expert: Expert) -> str:
    account = expert.account
    return link_token(
        purpose=CONFIRM_PURPOSE, member_id=account.pk, key=account.link_key, obj=expert.pk
    )


def confirm_link(expert: Expert) -> PersonalLink:
    """The link as the invitation mail carries it: minted when the mail is sent, from the
    account's link key then, so the stored mail holds only a placeholder."""
    return PersonalLink("forum:expert-confirm", purpose=CONFIRM_PURPOSE, obj=expert.pk)


def expert_from_token(token: str) -> Expert | None:
    """The expert the link was made for, or None when forged, expired or revoked."""
    account_id = link_member_id(token)
    expert = Expert.objects.select_related("account").filter(account_id=account_id).first()
    if expert is None:
        return None
    try:
        link_verify(
            token,
            purpose=CONFIRM_PURPOSE,
            key=expert.account.link_key,
            obj=expert.pk,
            max_age=CONFIRM_MAX_AGE,
        )
    except BadLink:
        return None
    return expert
