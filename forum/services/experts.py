"""Inviting outside experts: an account that is not a member, confirmed by double opt-in."""

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forum.models import Conversation, Expert
from forum.tokens import confirm_link
from members.models import MailKind, Member, MemberStatus
from members.services.outbox import outbox_enqueue


def _account_for(email: str, name: str) -> Member:
    account = Member.objects.filter(email__iexact=email).first()
    if account is None:
        account = Member.objects.create_user(
            email=email, first_name=name, status=MemberStatus.EXPERT, is_active=False
        )
        account.set_unusable_password()
        account.save(update_fields=["password"])
    elif account.status != MemberStatus.EXPERT:
        raise ValidationError(
            {"email": _("Dit adres hoort bij een lid: nodig leden uit via het publiek.")}
        )
    return account


@transaction.atomic
def expert_invite(
    *, conversation: Conversation, actor: Member, name: str, organisation: str, email: str
) -> Expert:
    """Invite an expert to this conversation and mail the confirmation link (once).

    The account stays inactive (no login) until the expert confirms with the link.
    """
    account = _account_for(email.strip().lower(), name)
    expert, _created = Expert.objects.get_or_create(
        account=account,
        defaults={"name": name, "organisation": organisation, "invited_by": actor},
    )
    conversation.experts.add(expert)
    outbox_enqueue(
        kind=MailKind.FORUM_EXPERT,
        key=f"forum-expert:{conversation.pk}",
        template="forum/email/expert_invitation",
        recipient=account,
        context={
            "expert": expert,
            "conversation": conversation,
            "confirm_url": confirm_link(expert),
        },
    )
    return expert


@transaction.atomic
def expert_confirm(*, expert: Expert) -> Expert:
    """The second opt-in: the account may now sign in by e-mailed code."""
    account = expert.account
    if expert.confirmed_at is None:
        expert.confirmed_at = timezone.now()
        expert.save(update_fields=["confirmed_at"])
    account.is_active = True
    account.save(update_fields=["is_active"])
    EmailAddress.objects.update_or_create(
        user=account, email=account.email, defaults={"verified": True, "primary": True}
    )
    return expert
