"""A process's public page: readable without login, nothing personal, the same suppression
as the members' pages, and a preview that chat apps and social networks can show."""

import io
import re

import pytest
from django.urls import reverse
from PIL import Image

from forum.models import ConversationState
from ledendemocratie.public.models import PublicPageChoice
from preferendum.models import Answer
from tests.events.factories import EventFactory
from tests.feedback.factories import FeedbackFactory
from tests.forum.factories import ContributionFactory, ConversationFactory
from tests.members.factories import MemberFactory
from tests.preferendum.factories import RoundFactory
from tests.votes.factories import VoteFactory
from votes import services as vote_services

pytestmark = pytest.mark.django_db


def _url(kind, pk):
    return reverse("public:page", args=[kind, pk])


def test_a_closed_round_has_a_public_page_with_its_overall_results(client, closed_round):
    response = client.get(_url("round", closed_round.pk))
    assert response.status_code == 200
    assert "Klimaat in de wijk" in response.text
    assert "Wat vinden leden van warmtenetten?" in response.text
    assert "12 reacties" in response.text


def test_a_statement_with_fewer_than_ten_answers_shows_no_figure(client, closed_round):
    response = client.get(_url("round", closed_round.pk))
    assert "te weinig reacties" in response.text
    assert "4 reacties" not in response.text


def test_the_public_page_offers_no_breakdown_by_group(client, closed_round):
    response = client.get(_url("round", closed_round.pk) + "?uitsplitsing=branch_id")
    assert "Noord" not in response.text
    assert "Uitgesplitst" not in response.text


def test_an_open_round_has_no_public_page_unless_an_admin_chooses_one(client, admin):
    round_ = RoundFactory(title="Nog open")
    assert client.get(_url("round", round_.pk)).status_code == 404
    client.force_login(admin)
    client.post(reverse("public:choose", args=["round", round_.pk]), {"enabled": "1"})
    client.logout()
    response = client.get(_url("round", round_.pk))
    assert response.status_code == 200
    assert "Uitslag" not in response.text  # no interim figures while it is open


def test_an_admin_can_switch_a_closed_process_page_off(client, admin, closed_round):
    client.force_login(admin)
    response = client.post(reverse("public:choose", args=["round", closed_round.pk]))
    assert response.status_code == 302
    assert PublicPageChoice.objects.get(process_id=closed_round.pk).enabled is False
    client.logout()
    assert client.get(_url("round", closed_round.pk)).status_code == 404


def test_only_an_admin_chooses(client, closed_round):
    client.force_login(MemberFactory())
    response = client.post(reverse("public:choose", args=["round", closed_round.pk]))
    assert response.status_code == 404
    assert not PublicPageChoice.objects.exists()


def test_nothing_personal_is_on_the_page(client, closed_round):
    member = MemberFactory(first_name="Geheime", last_name="Deelnemer")
    first = closed_round.statements.first()
    Answer.objects.create(
        statement=first, round=closed_round, member=member, value=2, comment="mijn eigen tekst"
    )
    text = client.get(_url("round", closed_round.pk)).text
    assert "Deelnemer" not in text
    assert member.email not in text
    assert "mijn eigen tekst" not in text


def test_public_feedback_is_told_on_the_page(client, closed_round):
    FeedbackFactory(
        published=True, process_kind="round", process_id=closed_round.pk, decision="Overgenomen."
    )
    assert "Overgenomen." in client.get(_url("round", closed_round.pk)).text


def test_feedback_for_members_only_stays_off_the_public_page(client, closed_round):
    FeedbackFactory(
        published=True, process_id=closed_round.pk, is_public=False, decision="Alleen intern."
    )
    assert "Alleen intern." not in client.get(_url("round", closed_round.pk)).text


def test_the_page_carries_preview_tags_with_its_canonical_address(client, closed_round, settings):
    settings.SITE_URL = "https://leden.example.org"
    text = client.get(_url("round", closed_round.pk)).text
    page = f"https://leden.example.org{_url('round', closed_round.pk)}"
    assert f'<link rel="canonical" href="{page}">' in text
    assert f'<meta property="og:url" content="{page}">' in text
    assert '<meta property="og:title" content="Klimaat in de wijk">' in text
    assert f'<meta property="og:image" content="{page}voorbeeld.png">' in text
    assert '<meta name="twitter:card" content="summary_large_image">' in text


def test_the_preview_image_is_a_png_of_1200_by_630(client, closed_round):
    response = client.get(reverse("public:preview", args=["round", closed_round.pk]))
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert (image.format, image.size) == ("PNG", (1200, 630))


def test_share_buttons_are_plain_links_without_third_party_scripts(client, closed_round):
    text = client.get(_url("round", closed_round.pk)).text
    assert "https://wa.me/?text=" in text
    assert "https://bsky.app/intent/compose?text=" in text
    assert "https://www.linkedin.com/sharing/share-offsite/?url=" in text
    assert "mailto:?subject=" in text
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', text)
    assert all(src.startswith("/static/") for src in scripts)


def test_mastodon_asks_for_the_server_and_goes_to_its_share_page(client):
    response = client.get(
        reverse("public:share-mastodon"),
        {"instance": "@anna@Mastodon.nl", "url": "/openbaar/round/1/", "text": "Ronde"},
    )
    assert response.status_code == 302
    assert response.url.startswith("https://mastodon.nl/share?text=Ronde%20")


def test_mastodon_refuses_anything_but_a_server_name(client):
    response = client.get(
        reverse("public:share-mastodon"),
        {"instance": "evil.example/phish?x=", "url": "/openbaar/round/1/"},
    )
    assert response.status_code == 200
    assert "Vul alleen de naam van de server in" in response.text


def test_mastodon_shares_only_pages_of_this_platform(client):
    response = client.get(
        reverse("public:share-mastodon"),
        {"instance": "mastodon.nl", "url": "https://elders.example/"},
    )
    assert response.status_code == 200


def test_a_held_event_tells_its_report(client):
    event = EventFactory(past=True, report="We spraken over de dijk.")
    assert "We spraken over de dijk." in client.get(_url("event", event.pk)).text


def test_the_index_lists_public_pages_with_pagination(client, closed_round):
    response = client.get(reverse("public:index"))
    assert "Klimaat in de wijk" in response.text
    assert 'type="application/atom+xml"' in response.text


def _published_vote(voters):
    committee = [MemberFactory() for _ in range(3)]
    vote = vote_services.vote_announce(vote=VoteFactory(title="Statuten", committee=committee))
    vote_services.vote_open(vote=vote)
    for member in voters:
        vote_services.ballot_cast(vote=vote, member=member, content={"1": ["voor"]})
    vote_services.vote_close(vote=vote)
    shares = [vote_services.share_pick_up(vote=vote, member=m) for m in committee[:2]]
    vote_services.vote_count(vote=vote, shares=shares)
    return vote


def test_a_published_vote_tells_its_decision_and_never_who_voted(client):
    voter = MemberFactory(last_name="Stemmer")
    vote = _published_vote([voter])
    text = client.get(_url("vote", vote.pk)).text
    assert "Statuten" in text
    assert "Opkomst en quorum" in text
    assert "Stemmer" not in text and voter.email not in text
    assert "ballots.csv" not in text


def test_a_summarised_conversation_tells_its_summary_and_never_a_contribution(client):
    conversation = ConversationFactory(
        closed=True,
        state=ConversationState.SUMMARISED,
        summary="Leden willen meer bomen.",
        summary_statements=["Elke straat krijgt bomen"],
    )
    ContributionFactory(conversation=conversation, text="Mijn eigen buurman kapt alles.")
    text = client.get(_url("forum", conversation.pk)).text
    assert "Leden willen meer bomen." in text
    assert "Elke straat krijgt bomen" in text
    assert "Mijn eigen buurman" not in text


def test_an_open_conversation_has_no_public_page_by_default(client):
    conversation = ConversationFactory()
    assert client.get(_url("forum", conversation.pk)).status_code == 404


def test_the_page_says_what_the_round_is_for(client, closed_round):
    text = client.get(_url("round", closed_round.pk)).text
    assert closed_round.get_purpose_display() in text
