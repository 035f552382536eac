"""Carrying a consensus statement onward, closing the loop, and the page's query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from beraad.models import MemberInput, PanelState
from forum.services.carry import statement_carry_into_round, statement_send_to_panel
from preferendum.models import RoundState
from preferendum.models import Statement as RoundStatement
from tests.beraad.factories import PanelFactory
from tests.forum.factories import ContributionFactory, ConversationFactory
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_a_consensus_statement_becomes_a_draft_statement_with_its_origin():
    conversation = ConversationFactory()
    statement_carry_into_round(conversation=conversation, text="Meer bomen in elke straat")
    carried = RoundStatement.objects.get(text="Meer bomen in elke straat")
    assert carried.round.state == RoundState.DRAFT
    assert carried.origin_url == reverse("forum:conversation-detail", args=[conversation.pk])


def test_an_organiser_carries_a_statement_through_the_page(client):
    conversation = ConversationFactory()
    client.force_login(MemberFactory(organises=conversation.branch))
    client.post(
        reverse("forum:carry", args=[conversation.pk]),
        {"text": "Groen voor iedereen", "target": "round"},
    )
    assert RoundStatement.objects.filter(origin_kind="forum", origin_id=conversation.pk).exists()


def test_a_plain_member_cannot_carry(client):
    conversation = ConversationFactory()
    client.force_login(MemberFactory())
    response = client.post(
        reverse("forum:carry", args=[conversation.pk]), {"text": "x", "target": "round"}
    )
    assert response.status_code == 403


def test_a_statement_goes_to_a_running_panel_as_input():
    panel = PanelFactory(state=PanelState.RUNNING)
    conversation = ConversationFactory()
    statement_send_to_panel(
        conversation=conversation, text="Groen", panel_id=panel.pk, actor=MemberFactory()
    )
    assert conversation.title in MemberInput.objects.get(panel=panel).text


def test_the_summary_is_on_the_page_for_everyone_who_may_read(client):
    conversation = ConversationFactory(
        closed=True, state="samenvatting", summary="Veel steun voor groen"
    )
    conversation.summary_published_at = conversation.closed_at
    conversation.save()
    client.force_login(MemberFactory())
    body = client.get(reverse("forum:conversation-detail", args=[conversation.pk])).content
    assert b"Veel steun voor groen" in body


def _page_with(count):
    """A conversation of ``count`` contributions, each with a reply; its page's URL."""
    conversation = ConversationFactory()
    for item in ContributionFactory.create_batch(count, conversation=conversation):
        ContributionFactory(conversation=conversation, parent=item)
    return reverse("forum:conversation-detail", args=[conversation.pk])


def _queries(client, url) -> int:
    client.get(url)  # the session is read and stored once
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_page_costs_as_many_queries_for_100_contributions_as_for_10(
    client, django_assert_num_queries
):
    client.force_login(MemberFactory())
    few = _queries(client, _page_with(10))
    many = _page_with(100)
    client.get(many)
    with django_assert_num_queries(few):
        client.get(many)
