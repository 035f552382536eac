"""The member's pages: the ballot with its check step, the tracker once, the result after."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.votes.conftest import close
from votes import box
from votes.counting.files import read_ballots_csv
from votes.models import RollEntry
from votes.recount import recount
from votes.services import vote_count

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_vote(vote_factory, opened):
    vote, shares = opened(vote_factory())
    return vote, shares, vote.roll.select_related("member").first().member


def _ballot_url(vote):
    return reverse("votes:ballot", args=[vote.pk])


def _answer(vote, value="voor"):
    return {f"item-{item.pk}": value for item in vote.items.all()}


def test_the_ballot_shows_the_choices_back_before_casting(client, open_vote):
    vote, _shares, voter = open_vote
    client.force_login(voter)
    response = client.post(_ballot_url(vote), _answer(vote) | {"step": "check"})
    assert "Controleer je stem" in response.content.decode()
    assert not RollEntry.objects.get(vote=vote, member=voter).has_voted


def test_casting_shows_the_tracker_once(client, open_vote):
    vote, _shares, voter = open_vote
    client.force_login(voter)
    response = client.post(_ballot_url(vote), _answer(vote) | {"step": "cast"})
    assert response.status_code == 200 and "Jouw stembiljetcode" in response.content.decode()
    assert box.box_count(vote.pk) == 1


def test_the_receipt_has_nothing_that_would_reload_it_and_lose_the_tracker(client, open_vote):
    """No language switch (it reloads the page) and no menu: only the way back, after
    writing the code down."""
    vote, _shares, voter = open_vote
    client.force_login(voter)
    page = client.post(_ballot_url(vote), _answer(vote) | {"step": "cast"}).content.decode()
    assert reverse("set_language") not in page and 'class="site-nav"' not in page
    assert reverse("votes:vote-detail", args=[vote.pk]) in page


def test_casting_reads_member_and_vote_in_one_query(client, open_vote):
    """The session comes from the cache; one read signs in and finds the vote; a member
    without a role costs no role query; then the roll and the box are written."""
    vote, _shares, voter = open_vote
    client.force_login(voter)
    answer = _answer(vote)
    client.post(_ballot_url(vote), answer | {"step": "check"})  # the items, once
    with CaptureQueriesContext(connection) as queries:
        response = client.post(_ballot_url(vote), answer | {"step": "cast"})
    assert response.status_code == 200
    reads = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("SELECT")]
    assert len(reads) == 1 and "votes_vote" in reads[0], reads
    if connection.vendor == "postgresql":
        assert len(queries) == 2  # the roll and the box in one statement


def test_a_second_cast_is_refused_and_changes_nothing(client, open_vote):
    vote, _shares, voter = open_vote
    client.force_login(voter)
    client.post(_ballot_url(vote), _answer(vote) | {"step": "cast"})
    response = client.post(_ballot_url(vote), _answer(vote, "tegen") | {"step": "cast"})
    assert response.status_code == 403
    assert box.box_count(vote.pk) == 1


def test_there_are_no_interim_results_not_even_for_an_admin(client, open_vote, admin_member):
    vote, _shares, voter = open_vote
    client.force_login(voter)
    client.post(_ballot_url(vote), _answer(vote) | {"step": "cast"})
    client.force_login(admin_member)
    assert client.get(reverse("votes:results", args=[vote.pk])).status_code == 404
    assert client.get(reverse("votes:ballots-csv", args=[vote.pk])).status_code == 404


def test_the_committee_sees_turnout_but_no_counts(client, open_vote):
    vote, _shares, voter = open_vote
    client.force_login(voter)
    client.post(_ballot_url(vote), _answer(vote) | {"step": "cast"})
    holder = vote.committee.first().member
    client.force_login(holder)
    page = client.get(reverse("votes:committee", args=[vote.pk])).content.decode()
    assert "Opkomst: 1 van 3" in page and "voor" not in page.split("<main")[-1].lower()


def test_the_published_files_recount_to_the_published_result(client, open_vote):
    vote, shares, voter = open_vote
    client.force_login(voter)
    client.post(_ballot_url(vote), _answer(vote, "tegen") | {"step": "cast"})
    vote_count(vote=close(vote), shares=list(shares.values())[:2])
    ballots = client.get(reverse("votes:ballots-csv", args=[vote.pk])).content.decode()
    document = json.loads(client.get(reverse("votes:result-json", args=[vote.pk])).content)
    _recounted, problems = recount(read_ballots_csv(ballots), document)
    assert problems == [] and document["turnout"] == 1


def test_the_result_page_states_that_both_counts_agreed(client, open_vote):
    vote, shares, voter = open_vote
    client.force_login(voter)
    client.post(_ballot_url(vote), _answer(vote) | {"step": "cast"})
    vote_count(vote=close(vote), shares=list(shares.values())[:2])
    page = client.get(reverse("votes:results", args=[vote.pk])).content.decode()
    assert "twee onafhankelijke programma" in page and "Aangenomen" in page


def test_a_ranking_result_shows_every_round(
    client, vote_factory, ballot_item_factory, member_factory, opened, cast
):
    vote = vote_factory(items=[])
    item = ballot_item_factory(vote=vote, ranking=True)
    voters = member_factory.create_batch(4)
    vote, shares = opened(vote)
    rankings = [["Anna", "Bram"], ["Anna", "Cem"], ["Bram"], ["Cem", "Dewi"], ["Dewi", "Bram"]]
    for member, ranking in zip([*voters, vote.committee.first().member], rankings, strict=True):
        cast(vote, member, {item.key: ranking})
    vote_count(vote=close(vote), shares=list(shares.values())[:2])
    client.force_login(voters[0])
    page = client.get(reverse("votes:results", args=[vote.pk])).content.decode()
    rounds = client.get(reverse("votes:rounds-csv", args=[vote.pk])).content.decode()
    assert "Telrondes" in page and "<svg" in page
    assert rounds.startswith("item,round,quota,candidate") and ",Anna," in rounds


def test_an_open_vote_is_on_the_home_page_until_the_member_voted(client, open_vote):
    vote, _shares, voter = open_vote
    client.force_login(voter)
    assert vote.title in client.get("/").content.decode()
    client.post(_ballot_url(vote), _answer(vote) | {"step": "cast"})
    assert vote.title not in client.get("/").content.decode()


def test_a_supporter_who_casts_gets_no_page_about_the_vote(client, open_vote, member_factory):
    vote, _shares, _voter = open_vote
    client.force_login(member_factory(supporter=True))
    response = client.post(_ballot_url(vote), _answer(vote) | {"step": "cast"})
    assert response.status_code == 404 and box.box_count(vote.pk) == 0
