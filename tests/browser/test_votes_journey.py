"""A member casts a vote on a phone and a desktop, with and without JavaScript-free forms:
fill in, check ("controleer je stem"), cast, write down the tracker, find it after counting.
The ranking is filled in by keyboard (number fields with labels), and axe finds nothing."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations
from tests.votes.factories import BallotItemFactory, VoteFactory
from votes import services
from votes.models import RollEntry, Vote


def _open_vote(member):
    vote = VoteFactory(title="Kandidatenlijst en reglement", items=[])
    BallotItemFactory(vote=vote, title="Wijziging reglement")
    BallotItemFactory(vote=vote, ranking=True)
    vote = services.vote_announce(vote=vote)
    shares = [services.share_pick_up(vote=vote, member=h.member) for h in vote.committee.all()]
    Vote.objects.filter(pk=vote.pk).update(opens_at=timezone.now() - timedelta(minutes=1))
    services.vote_open(vote=vote)
    vote.refresh_from_db()
    assert RollEntry.objects.filter(vote=vote, member=member).exists()
    return vote, shares


def test_member_casts_a_vote_checks_it_and_finds_the_tracker(journey, member_factory):
    member = member_factory()
    vote, shares = _open_vote(member)
    journey.log_in(member)
    journey.go("/")
    journey.page.get_by_role("link", name="Kandidatenlijst en reglement").first.click()
    journey.page.get_by_role("link", name="Naar het stembiljet").click()
    journey.page.get_by_label("voor", exact=True).check()
    ranking = journey.page.get_by_role("group", name="Kandidatenlijst")
    ranking.get_by_label("Cem").fill("1")
    ranking.get_by_label("Anna").fill("2")
    journey.page.get_by_role("button", name="Controleer je stem").click()
    expect(journey.page.get_by_role("heading", name="Controleer je stem")).to_be_visible()
    expect(journey.page.locator("dl.check")).to_contain_text("Cem")
    journey.page.get_by_role("button", name="Definitief stemmen").click()
    tracker = journey.page.locator(".tracker-code code").inner_text()
    assert RollEntry.objects.get(vote=vote, member=member).has_voted
    journey.screenshot("votes-cast")

    services.vote_close(vote=vote)
    services.vote_count(vote=vote, shares=shares[:2])
    journey.go(f"/stemmingen/{vote.pk}/uitslag/")
    expect(journey.page.locator("svg.vote-chart").first).to_be_visible()
    expect(journey.page.locator("table.rounds")).to_be_visible()
    journey.go(f"/stemmingen/{vote.pk}/")
    assert tracker in _trackers(journey, vote)
    journey.screenshot("votes-result")


def _trackers(journey, vote) -> str:
    response = journey.page.request.get(f"{journey.base_url}/stemmingen/{vote.pk}/trackers.txt")
    return response.text()


def test_the_ranking_is_filled_in_by_keyboard_alone(journey, member_factory):
    member = member_factory()
    vote, _shares = _open_vote(member)
    journey.sign_in_as(member)
    journey.go(f"/stemmingen/{vote.pk}/stemmen/")
    page = journey.page
    page.get_by_label("voor", exact=True).focus()
    page.keyboard.press("Space")
    typed = 0
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.type") == "number" and typed < 2:
            typed += 1
            page.keyboard.type(str(typed))
    page.get_by_role("button", name="Controleer je stem").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Controleer je stem")).to_be_visible()
    expect(page.locator("dl.check ol li")).to_have_count(2)


def test_the_ballot_pages_have_no_serious_accessibility_violations(axe_journey, member_factory):
    member = member_factory()
    vote, _shares = _open_vote(member)
    axe_journey.sign_in_as(member)
    for path in [f"/stemmingen/{vote.pk}/", f"/stemmingen/{vote.pk}/stemmen/", "/stemmingen/"]:
        axe_journey.go(path)
        assert axe_violations(axe_journey.page) == [], path


def test_the_receipt_with_the_tracker_has_no_serious_accessibility_violations(
    axe_journey, member_factory
):
    member = member_factory()
    vote, _shares = _open_vote(member)
    axe_journey.sign_in_as(member)
    axe_journey.go(f"/stemmingen/{vote.pk}/stemmen/")
    axe_journey.page.get_by_label("blanco", exact=True).first.check()
    axe_journey.page.get_by_role("button", name="Controleer je stem").click()
    axe_journey.page.get_by_role("button", name="Definitief stemmen").click()
    expect(axe_journey.page.locator(".tracker-code code")).to_be_visible()
    assert axe_violations(axe_journey.page) == []
