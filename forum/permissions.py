"""Who may see, join, moderate and start forum conversations. Every view asks these.

Experts are accounts with status EXPERT: ``is_current_member`` refuses them, so every
member permission of every app does too; here they reach only the conversations they
were invited to, once they confirmed.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from forum.models import (
    Audience,
    BackgroundDocument,
    Contribution,
    Conversation,
    ConversationState,
    Expert,
)
from members.models import MemberStatus
from members.permissions import can_organise_branch, is_admin, is_current_member, is_organiser


def expert_of(user) -> Expert | None:
    """The confirmed expert behind this account, or None."""
    if not user.is_authenticated or user.status != MemberStatus.EXPERT or not user.is_active:
        return None
    expert = getattr(user, "forum_expert", None)
    return expert if expert is not None and expert.is_confirmed else None


def is_invited_expert(user, conversation: Conversation) -> bool:
    expert = expert_of(user)
    return expert is not None and conversation.experts.filter(pk=expert.pk).exists()


def can_use_forum(user) -> bool:
    """Current members and supporters, and confirmed experts; former members do not."""
    return is_current_member(user) or expert_of(user) is not None


def can_start_conversation(user) -> bool:
    return is_organiser(user)


def can_organise_conversation(user, conversation: Conversation) -> bool:
    """Admins, and organisers of the conversation's branch (admins only without one)."""
    return is_admin(user) or (
        conversation.branch_id is not None and can_organise_branch(user, conversation.branch_id)
    )


def can_moderate(user, conversation: Conversation) -> bool:
    if can_organise_conversation(user, conversation):
        return True
    return is_current_member(user) and conversation.moderators.filter(pk=user.pk).exists()


def in_audience(user, conversation: Conversation) -> bool:
    """A current member (or supporter) the conversation is meant for."""
    if not is_current_member(user):
        return False
    if conversation.audience == Audience.ALL:
        return True
    if conversation.audience == Audience.PROVINCE:
        branch = user.branch
        return branch is not None and branch.province == conversation.province
    if conversation.audience == Audience.BRANCH:
        return user.branch_id == conversation.branch_id
    return conversation.invited_members.filter(pk=user.pk).exists()


def can_view_conversation(user, conversation: Conversation) -> bool:
    if can_moderate(user, conversation):
        return True
    if not conversation.is_visible:
        return False
    return in_audience(user, conversation) or is_invited_expert(user, conversation)


def can_take_part(user, conversation: Conversation) -> bool:
    """Post, reply, add statements and vote: while open, for its audience and experts."""
    return conversation.is_open and (
        in_audience(user, conversation)
        or is_invited_expert(user, conversation)
        or can_moderate(user, conversation)
    )


def can_edit_contribution(user, contribution: Contribution) -> bool:
    return (
        contribution.author_id == user.pk
        and not contribution.is_hidden
        and contribution.conversation.is_open
    )


def can_appeal(user, contribution: Contribution) -> bool:
    return (
        contribution.author_id == user.pk
        and contribution.is_hidden
        and contribution.appealed_at is None
    )


def can_summarise(user, conversation: Conversation) -> bool:
    return can_moderate(user, conversation) and conversation.state in (
        ConversationState.CLOSED,
        ConversationState.SUMMARISED,
    )


def get_conversation_for_user(user, pk: int) -> Conversation:
    """The conversation if this user may see it; 404 otherwise (drafts stay unseen)."""
    conversation = Conversation.objects.select_related("branch").filter(pk=pk).first()
    if conversation is None or not can_view_conversation(user, conversation):
        raise Http404
    return conversation


def get_conversation_to_moderate(user, pk: int) -> Conversation:
    conversation = get_conversation_for_user(user, pk)
    if not can_moderate(user, conversation):
        raise PermissionDenied
    return conversation


def get_conversation_to_organise(user, pk: int) -> Conversation:
    conversation = get_conversation_for_user(user, pk)
    if not can_organise_conversation(user, conversation):
        raise PermissionDenied
    return conversation


def get_contribution_for_user(user, conversation: Conversation, pk: int) -> Contribution:
    contribution = (
        Contribution.objects.select_related("conversation")
        .filter(conversation=conversation, pk=pk)
        .first()
    )
    if contribution is None:
        raise Http404
    return contribution


def get_document_for_user(user, conversation: Conversation, pk: int) -> BackgroundDocument:
    """A document of a conversation the user may read (checked by the caller); 404 else."""
    document = BackgroundDocument.objects.filter(conversation=conversation, pk=pk).first()
    if document is None:
        raise Http404
    return document


def get_conversation_to_join(user, pk: int) -> Conversation:
    """The conversation if this user may see it and take part; 404 or 403 otherwise."""
    conversation = get_conversation_for_user(user, pk)
    if not can_take_part(user, conversation):
        raise PermissionDenied
    return conversation


def get_contribution_in(
    user, pk: int, contribution_pk: int, *, moderate: bool = False
) -> tuple[Conversation, Contribution]:
    """The conversation (to moderate, when asked) and one of its contributions this user may
    see; 404 or 403 otherwise."""
    if moderate:
        conversation = get_conversation_to_moderate(user, pk)
    else:
        conversation = get_conversation_for_user(user, pk)
    return conversation, get_contribution_for_user(user, conversation, contribution_pk)
