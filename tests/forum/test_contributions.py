"""Posting, replying and correcting, and the room-for-the-quiet rules."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from forum.models import Contribution
from forum.selectors import dominates
from forum.services.contributions import contribution_edit, contribution_post
from tests.forum.factories import ContributionFactory, ConversationFactory
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


def _post(conversation, author, parent=None):
    return contribution_post(conversation=conversation, author=author, text="Ja!", parent=parent)


def test_the_daily_limit_stops_the_fourth_contribution(settings):
    settings.FORUM_DAILY_CONTRIBUTIONS = 3
    conversation, member = ConversationFactory(), MemberFactory()
    for _ in range(3):
        _post(conversation, member)
    with pytest.raises(ValidationError, match="3 bijdragen"):
        _post(conversation, member)


def test_answering_replies_under_ones_own_contribution_is_not_limited(settings):
    settings.FORUM_DAILY_CONTRIBUTIONS = 1
    conversation, member = ConversationFactory(), MemberFactory()
    own = _post(conversation, member)
    _post(conversation, MemberFactory(), parent=own)
    _post(conversation, member, parent=own)
    assert own.replies.filter(author=member).count() == 1


def test_replies_under_someone_elses_contribution_count(settings):
    settings.FORUM_DAILY_CONTRIBUTIONS = 1
    conversation, member = ConversationFactory(), MemberFactory()
    _post(conversation, member)
    other = _post(conversation, MemberFactory())
    with pytest.raises(ValidationError):
        _post(conversation, member, parent=other)


def test_yesterdays_contributions_do_not_count(settings):
    settings.FORUM_DAILY_CONTRIBUTIONS = 1
    conversation, member = ConversationFactory(), MemberFactory()
    ContributionFactory(
        conversation=conversation, author=member, created_at=timezone.now() - timedelta(days=1)
    )
    assert _post(conversation, member).pk


def test_replies_go_one_level_deep():
    conversation = ConversationFactory()
    reply = _post(conversation, MemberFactory(), parent=_post(conversation, MemberFactory()))
    with pytest.raises(ValidationError):
        _post(conversation, MemberFactory(), parent=reply)


def test_an_edit_within_15_minutes_is_no_correction():
    contribution = ContributionFactory()
    contribution_edit(contribution=contribution, text="Beter zo.")
    assert not contribution.is_correction


def test_an_edit_after_15_minutes_shows_as_correction():
    contribution = ContributionFactory(created_at=timezone.now() - timedelta(minutes=16))
    contribution_edit(contribution=contribution, text="Beter zo.")
    assert contribution.is_correction


def test_a_contribution_longer_than_2000_characters_is_refused():
    with pytest.raises(ValidationError):
        contribution_post(
            conversation=ConversationFactory(), author=MemberFactory(), text="x" * 2001
        )


def test_links_become_safe_links_and_html_stays_text(client):
    conversation = ConversationFactory()
    ContributionFactory(
        conversation=conversation, text="Zie https://example.org/groen <script>x</script>"
    )
    client.force_login(MemberFactory())
    body = client.get(reverse("forum:conversation-detail", args=[conversation.pk])).content
    assert b'<a href="https://example.org/groen" rel="nofollow">' in body
    assert b"<script>x</script>" not in body


def test_someone_who_wrote_40_percent_is_warned_before_posting(client, settings):
    settings.FORUM_DAILY_CONTRIBUTIONS = 10
    conversation, loud = ConversationFactory(), MemberFactory()
    ContributionFactory.create_batch(3, conversation=conversation, author=loud, text="x" * 400)
    ContributionFactory.create_batch(3, conversation=conversation, text="x" * 100)
    client.force_login(loud)
    url = reverse("forum:contribution-post", args=[conversation.pk])
    response = client.post(url, {"text": "Nog iets"})
    assert response.status_code == 200 and "40%" in response.content.decode()
    assert Contribution.objects.filter(author=loud).count() == 3


def test_the_warned_person_may_post_anyway(client, settings):
    settings.FORUM_DAILY_CONTRIBUTIONS = 10
    conversation, loud = ConversationFactory(), MemberFactory()
    ContributionFactory.create_batch(3, conversation=conversation, author=loud, text="x" * 400)
    ContributionFactory.create_batch(3, conversation=conversation, text="x" * 100)
    client.force_login(loud)
    url = reverse("forum:contribution-post", args=[conversation.pk])
    client.post(url, {"text": "Nog iets", "despite_warning": "True"})
    assert Contribution.objects.filter(author=loud).count() == 4


def test_someone_with_a_small_share_is_not_warned():
    conversation, quiet = ConversationFactory(), MemberFactory()
    ContributionFactory.create_batch(5, conversation=conversation, text="x" * 100)
    ContributionFactory(conversation=conversation, author=quiet, text="x" * 50)
    assert not dominates(conversation, quiet)


def test_new_voices_first_puts_a_first_contribution_on_top(client):
    conversation, regular = ConversationFactory(), MemberFactory()
    ContributionFactory.create_batch(3, conversation=conversation, author=regular)
    first = ContributionFactory(
        conversation=conversation,
        text="Mijn eerste keer",
        created_at=timezone.now() - timedelta(days=2),
    )
    client.force_login(MemberFactory())
    url = reverse("forum:conversation-detail", args=[conversation.pk])
    response = client.get(url, {"volgorde": "nieuwe-stemmen"})
    assert response.context["page"].object_list[0] == first
