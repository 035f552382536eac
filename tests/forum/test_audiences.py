"""Who may see and join a conversation: its audience, its moderators and organisers."""

import pytest

from forum.models import Audience
from forum.permissions import can_start_conversation, can_take_part, can_view_conversation
from members.models import MemberStatus, Province
from tests.forum.factories import ConversationFactory
from tests.members.factories import BranchFactory, MemberFactory

pytestmark = pytest.mark.django_db


def test_every_member_sees_a_conversation_for_all_members():
    assert can_view_conversation(MemberFactory(), ConversationFactory(audience=Audience.ALL))


def test_a_branch_conversation_is_only_for_that_branch():
    conversation = ConversationFactory(audience=Audience.BRANCH)
    assert can_view_conversation(MemberFactory(branch=conversation.branch), conversation)
    assert not can_view_conversation(MemberFactory(), conversation)


@pytest.mark.parametrize(
    ("province", "admitted"), [(Province.ZEELAND, True), (Province.LIMBURG, False)]
)
def test_a_province_conversation_is_only_for_that_province(province, admitted):
    conversation = ConversationFactory(audience=Audience.PROVINCE, province=Province.ZEELAND)
    member = MemberFactory(branch=BranchFactory(province=province))
    assert can_view_conversation(member, conversation) is admitted


def test_an_invited_only_conversation_admits_the_invited():
    conversation = ConversationFactory(audience=Audience.INVITED)
    invited = MemberFactory()
    conversation.invited_members.add(invited)
    assert can_view_conversation(invited, conversation)
    assert not can_view_conversation(MemberFactory(), conversation)


def test_a_draft_is_seen_by_its_organiser_only():
    conversation = ConversationFactory(draft=True)
    assert can_view_conversation(MemberFactory(organises=conversation.branch), conversation)
    assert not can_view_conversation(MemberFactory(), conversation)


def test_a_former_member_sees_nothing():
    former = MemberFactory(status=MemberStatus.FORMER)
    assert not can_view_conversation(former, ConversationFactory())


def test_nobody_takes_part_in_a_closed_conversation():
    conversation = ConversationFactory(closed=True)
    assert can_view_conversation(MemberFactory(), conversation)
    assert not can_take_part(MemberFactory(), conversation)


@pytest.mark.parametrize(("traits", "allowed"), [({}, False), ({"admin": True}, True)])
def test_only_admins_and_organisers_start_conversations(traits, allowed):
    assert can_start_conversation(MemberFactory(**traits)) is allowed


def test_an_organiser_starts_conversations_for_their_branch_only(client):
    branch, other = BranchFactory(), BranchFactory()
    organiser = MemberFactory(organises=branch)
    client.force_login(organiser)
    data = {
        "title": "Wat doen we met het dorpshuis?",
        "introduction": "Inleiding",
        "opens_at": "2030-01-01T10:00",
        "closes_at": "2030-01-20T10:00",
        "audience": Audience.BRANCH,
        "branch": other.pk,
    }
    response = client.post("/forum/nieuw/", data)
    assert response.status_code == 200  # re-rendered: the other branch is not a choice
    assert not organiser.moderated_conversations.exists()
