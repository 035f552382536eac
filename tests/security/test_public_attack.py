"""An outsider reads everything the public side publishes, looking for a person.

Issue 19: public pages, the Atom feed and the monthly digest show no e-mail address, no
participant's name, no comment or contribution, no ballot; an open vote and an open round
have no public page unless an admin chooses one; a conversation's page never shows a
contribution or a dot of its opinion map. The share helper for Mastodon goes to
https://<server>/share?text=... only, and shares only pages of this platform.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from forum.models import Contribution, Conversation, ConversationState, OpinionMapState
from ledendemocratie.public.selectors import public_refs
from ledendemocratie.public.services import digest_record, digest_send
from members.tasks import send_ready_messages
from tests.forum.factories import ContributionFactory
from votes.models import Vote

pytestmark = pytest.mark.django_db


def _personal(world) -> dict[str, str]:
    """What no public text may hold, by what it is."""
    found = {"the member's comment": world.answer_marker}
    for role, person in world.people.items():
        found[f"e-mail of {role}"] = person.email
        if role != "chair":  # the chair signs the party's decisions: a public role
            found[f"name of {role}"] = person.get_full_name()
    for contribution in Contribution.objects.all():
        found[f"contribution {contribution.pk}"] = contribution.text
    published = Vote.objects.get(pk=world.objects["published_vote"])
    for tracker in published.trackers.split():
        found[f"tracker {tracker}"] = tracker
    return found


def _leaks(body: str, secrets: dict[str, str]) -> list[str]:
    return [what for what, secret in secrets.items() if secret and secret in body]


def _summarised_conversation(world) -> Conversation:
    """The world's closed conversation, with contributions, a summary and a stored map."""
    conversation = Conversation.objects.get(pk=world.objects["closed_conversation"])
    ContributionFactory(conversation=conversation, author=world.people["member"])
    conversation.state = ConversationState.SUMMARISED
    conversation.summary = "Samen vonden we bomen belangrijk."
    conversation.summary_statements = ["Elke straat krijgt bomen"]
    conversation.summary_published_at = timezone.now()
    conversation.save()
    points = {"p1": [0.1, 0.9], "p2": [0.8, -0.3], "p3": [-0.5, 0.2]}
    OpinionMapState.objects.create(
        conversation=conversation,
        computed_at=timezone.now(),
        result={"points": points, "membership": {"p1": 0, "p2": 1, "p3": 0}},
    )
    return conversation


def test_open_vote_and_open_round_have_no_public_page(world, client):
    for kind, key in (("vote", "vote"), ("round", "round"), ("forum", "conversation")):
        response = client.get(reverse("public:page", args=[kind, world.objects[key]]))
        assert response.status_code == 404, kind


def test_a_published_vote_has_a_public_page_without_anyone_or_a_ballot(world, client):
    url = reverse("public:page", args=["vote", world.objects["published_vote"]])
    response = client.get(url)
    assert response.status_code == 200
    assert not _leaks(response.content.decode(), _personal(world))


def test_a_conversation_page_shows_no_contribution_or_map_dot(world, client):
    conversation = _summarised_conversation(world)
    response = client.get(reverse("public:page", args=["forum", conversation.pk]))
    body = response.content.decode()
    assert response.status_code == 200 and conversation.summary in body
    assert not _leaks(body, _personal(world))
    assert "<circle" not in body and "cx=" not in body


def test_no_public_page_shows_a_person_comment_or_ballot(world, client):
    _summarised_conversation(world)
    urls = [reverse("public:index"), reverse("public:congress", args=[world.objects["congress"]])]
    urls += [reverse("public:page", args=[ref.kind, ref.id]) for ref in public_refs()]
    wrong = []
    for url in urls:
        body = client.get(url).content.decode()
        wrong += [f"{url}: {what}" for what in _leaks(body, _personal(world))]
    assert len(urls) > 3 and not wrong, "\n".join(wrong)


def test_the_feed_shows_no_person_comment_or_ballot(world, client):
    _summarised_conversation(world)
    urls = [reverse("public:feed"), reverse("public:feed-branch", args=[world.branch.slug])]
    wrong = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        wrong += [f"{url}: {what}" for what in _leaks(response.content.decode(), _personal(world))]
    assert not wrong, "\n".join(wrong)


def test_the_digest_shows_no_one_else_comment_or_ballot(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    _summarised_conversation(world)
    send_ready_messages()  # the world's own mails, to read the digest alone
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        digest_send(digest=digest_record(month=timezone.localdate()))
    assert mailoutbox
    wrong = []
    for mail in mailoutbox:
        others = {
            what: secret
            for what, secret in _personal(world).items()
            if secret not in mail.to and not any(secret in to for to in mail.to)
        }
        text = mail.body + "".join(str(content) for content, _type in mail.alternatives)
        wrong += [f"{mail.to}: {what}" for what in _leaks(text, others)]
    assert not wrong, "\n".join(wrong)


def _mastodon(client, **params):
    return client.get(reverse("public:share-mastodon"), params)


@pytest.mark.parametrize(
    "instance",
    [
        "evil.example/phish",
        "evil.example/share?x=",
        "evil.example#",
        "evil.example:8443",
        "user:pass@evil.example/x",
        "https://evil.example/phish",
        "evil.example\\phish",
        "//evil.example/phish",
        "evil.example/%2e%2e/phish",
        "evil.example?",
    ],
)
def test_the_mastodon_helper_goes_only_to_a_servers_share_page(client, instance):
    response = _mastodon(client, instance=instance, url="/openbaar/", text="Kijk")
    if response.status_code != 302:
        return  # refused: no redirect at all
    target = urlsplit(response["Location"])
    assert target.scheme == "https" and target.path == "/share"
    assert set(parse_qs(target.query)) == {"text"} and not target.fragment
    assert "/" not in target.netloc and "@" not in target.netloc and ":" not in target.netloc


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example/phish",
        "//evil.example/phish",
        "/\\evil.example/phish",
        "\\\\evil.example/phish",
        "javascript:alert(1)",
        " //evil.example/phish",
    ],
)
def test_the_mastodon_helper_shares_only_local_paths(client, url, settings):
    settings.SITE_URL = "https://leden.example.org"
    response = _mastodon(client, instance="mastodon.nl", url=url, text="Kijk")
    assert response.status_code == 200  # the form again, no redirect


def test_the_mastodon_helper_shares_a_local_page(client, settings):
    settings.SITE_URL = "https://leden.example.org"
    response = _mastodon(client, instance="mastodon.nl", url="/openbaar/", text="Kijk")
    target = urlsplit(response["Location"])
    assert (target.netloc, target.path) == ("mastodon.nl", "/share")
    assert parse_qs(target.query)["text"] == ["Kijk https://leden.example.org/openbaar/"]
