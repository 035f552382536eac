"""Outside experts: invited by an organiser, confirmed by double opt-in, and then allowed
into only the conversations they were invited to."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from forum.models import Expert
from forum.permissions import can_view_conversation, expert_of
from forum.services.experts import expert_invite
from forum.tokens import confirm_token
from members.models import MailKind, MemberStatus, OutboxMessage
from members.permissions import is_current_member
from members.services.outbox import outbox_send_ready
from tests.forum.factories import ContributionFactory, ConversationFactory, ExpertFactory
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


def _invite(conversation, email="expert@natuur.example.org"):
    organiser = MemberFactory(organises=conversation.branch)
    return expert_invite(
        conversation=conversation,
        actor=organiser,
        name="Mila de Vries",
        organisation="Natuurvereniging",
        email=email,
    )


def test_invited_expert_cannot_sign_in_before_confirming():
    expert = _invite(ConversationFactory())
    assert expert.account.status == MemberStatus.EXPERT
    assert not expert.account.is_active
    assert expert_of(expert.account) is None


def test_invitation_mail_is_queued_once_through_the_outbox():
    conversation = ConversationFactory()
    _invite(conversation)
    _invite(conversation)
    assert OutboxMessage.objects.filter(kind=MailKind.FORUM_EXPERT).count() == 1


def _sent_confirmation_path() -> str:
    outbox_send_ready()
    [sent] = mail.outbox
    return re.search(r"https?://[^/\s]+(/\S*/deskundige/[^/\s]+/)", sent.body)[1]


def test_the_sent_invitation_carries_a_link_that_confirms(client):
    expert = _invite(ConversationFactory())
    response = client.post(_sent_confirmation_path())
    assert response.status_code == 302
    expert.account.refresh_from_db()
    assert expert.account.is_active


def test_the_link_is_minted_when_sent_so_revoking_before_sending_leaves_a_working_one(client):
    expert = _invite(ConversationFactory())
    account = expert.account
    account.link_key = "rotated-before-the-mail-went-out"
    account.save(update_fields=["link_key"])
    assert client.post(_sent_confirmation_path()).status_code == 302


def test_a_sent_link_stops_working_once_the_account_key_is_rotated(client):
    expert = _invite(ConversationFactory())
    path = _sent_confirmation_path()
    account = expert.account
    account.link_key = "rotated-after-the-mail-went-out"
    account.save(update_fields=["link_key"])
    assert client.post(path).status_code == 404


def test_confirming_the_link_activates_and_signs_in(client):
    expert = _invite(ConversationFactory())
    response = client.post(reverse("forum:expert-confirm", args=[confirm_token(expert)]))
    assert response.status_code == 302
    expert.refresh_from_db()
    expert.account.refresh_from_db()
    assert expert.confirmed_at is not None and expert.account.is_active
    assert int(client.session["_auth_user_id"]) == expert.account.pk


def test_a_forged_confirmation_link_is_refused(client):
    expert = _invite(ConversationFactory())
    response = client.post(reverse("forum:expert-confirm", args=[confirm_token(expert) + "x"]))
    assert response.status_code == 404
    assert Expert.objects.get(pk=expert.pk).confirmed_at is None


def test_a_member_address_cannot_be_invited_as_expert():
    member = MemberFactory()
    with pytest.raises(Exception, match="lid"):
        _invite(ConversationFactory(), email=member.email)


def test_expert_is_no_member_for_any_member_permission():
    assert not is_current_member(ExpertFactory().account)


def test_expert_sees_only_the_conversation_they_were_invited_to():
    expert = ExpertFactory()
    invited, other = ConversationFactory(), ConversationFactory()
    invited.experts.add(expert)
    assert can_view_conversation(expert.account, invited)
    assert not can_view_conversation(expert.account, other)


def test_expert_list_shows_only_invitations(client):
    expert = ExpertFactory()
    invited, other = ConversationFactory(), ConversationFactory()
    invited.experts.add(expert)
    client.force_login(expert.account)
    body = client.get(reverse("forum:conversation-list")).content.decode()
    assert invited.title in body and other.title not in body


def test_expert_contribution_shows_name_organisation_and_badge(client):
    expert = ExpertFactory(name="Mila de Vries", organisation="Natuurvereniging")
    conversation = ConversationFactory()
    conversation.experts.add(expert)
    ContributionFactory(conversation=conversation, author=expert.account, by_expert=True)
    client.force_login(MemberFactory())
    body = client.get(reverse("forum:conversation-detail", args=[conversation.pk])).content
    assert b"Mila de Vries, Natuurvereniging" in body and b"deskundige" in body


def test_expert_never_sees_member_email_addresses(client):
    expert = ExpertFactory()
    conversation = ConversationFactory()
    conversation.experts.add(expert)
    member = MemberFactory(email="geheim-lid@example.org")
    ContributionFactory(conversation=conversation, author=member)
    client.force_login(expert.account)
    body = client.get(reverse("forum:conversation-detail", args=[conversation.pk])).content
    assert b"geheim-lid@example.org" not in body
