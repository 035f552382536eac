"""A visitor without an account follows a closed round from the public list, reads its
results and the feedback, finds the feed, and shares the page on Mastodon."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from preferendum.models import RoundState
from tests.feedback.factories import FeedbackFactory
from tests.preferendum.factories import RoundFactory
from tests.preferendum.helpers import bulk_answers


def test_a_visitor_reads_a_closed_round_and_shares_it(journey):
    past = timezone.now() - timedelta(days=20)
    round_ = RoundFactory(
        title="Groen vervoer",
        intro="Hoe komen leden zonder auto op het congres?",
        state=RoundState.CLOSED,
        opens_at=past,
        closes_at=past + timedelta(days=14),
        closed_at=past + timedelta(days=14),
        statements=1,
    )
    bulk_answers(round_.statements.get(), 15, value=5)
    FeedbackFactory(
        published=True,
        process_id=round_.pk,
        title="Groen vervoer",
        decision="Er komt een pendelbus.",
    )
    page = journey.page
    journey.go("/")
    page.get_by_role("link", name="Openbaar").first.click()
    page.get_by_role("link", name="Groen vervoer").click()
    expect(page.locator("main")).to_contain_text("15 reacties")
    expect(page.locator("main")).to_contain_text("Er komt een pendelbus.")
    image = page.locator('meta[property="og:image"]').get_attribute("content")
    assert image.endswith("voorbeeld.png")
    journey.screenshot("public-round")

    page.route("https://mastodon.nl/**", lambda route: route.fulfill(body="gedeeld"))
    page.get_by_role("link", name="Mastodon").click()
    page.get_by_label("Jouw Mastodon-server").fill("mastodon.nl")
    page.get_by_role("button", name="Naar Mastodon").click()
    page.wait_for_url(re.compile(r"^https://mastodon\.nl/share\?text=Groen%20vervoer"))
