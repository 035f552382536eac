"""The Atom feeds, read back by a standard feed parser."""

import feedparser
import pytest
from django.urls import reverse

from tests.events.factories import EventFactory
from tests.feedback.factories import FeedbackFactory
from tests.members.factories import BranchFactory

pytestmark = pytest.mark.django_db


def _parse(client, url):
    response = client.get(url)
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_the_feed_is_valid_atom_with_one_entry_per_published_item(client, closed_round):
    FeedbackFactory(published=True, title="Wat we met de ronde deden")
    feed = _parse(client, reverse("public:feed"))
    assert feed.version == "atom10"
    titles = sorted(entry.title for entry in feed.entries)
    assert titles == ["Klimaat in de wijk", "Wat we met de ronde deden"]
    assert len({entry.id for entry in feed.entries}) == 2


def test_an_entry_links_to_the_public_page(client, closed_round):
    feed = _parse(client, reverse("public:feed"))
    (entry,) = feed.entries
    assert entry.link.endswith(reverse("public:page", args=["round", closed_round.pk]))


def test_members_only_feedback_and_open_processes_are_not_in_the_feed(client):
    FeedbackFactory(published=True, is_public=False, title="Intern")
    EventFactory(title="Nog te komen")
    assert _parse(client, reverse("public:feed")).entries == []


def test_a_branch_feed_holds_only_that_branch(client, branch):
    EventFactory(branch=branch, past=True, title="Gesprek in Noord")
    EventFactory(branch=BranchFactory(slug="zuid"), past=True, title="Gesprek in Zuid")
    feed = _parse(client, reverse("public:feed-branch", args=["noord"]))
    assert [entry.title for entry in feed.entries] == ["Gesprek in Noord"]


def test_an_unknown_branch_has_no_feed(client, db):
    assert client.get(reverse("public:feed-branch", args=["nergens"])).status_code == 404
