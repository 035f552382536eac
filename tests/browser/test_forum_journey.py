"""An organiser invites an expert, who confirms by the e-mailed link; a member posts and
votes; the expert replies; the organiser (moderator) hides a contribution with a reason,
closes the conversation and publishes the summary. The final pages are axe-clean."""

import re
from urllib.parse import urlsplit

from playwright.sync_api import expect

from forum.models import Contribution, ConversationState
from forum.services.experts import expert_invite
from tests.browser.conftest import axe_violations, sent_bodies
from tests.forum.factories import ConversationFactory, StatementFactory

LINK = re.compile(r"https?://\S+")


def _confirm_link(email: str) -> str:
    for body in sent_bodies(email):
        for url in LINK.findall(body):
            if "/forum/deskundige/" in url:
                return urlsplit(url).path
    raise AssertionError(f"no expert invitation to {email}")


def test_member_posts_and_votes_expert_replies_moderator_hides_and_summarises(
    journey_factory, member_factory, branch
):
    organiser_member = member_factory(organises=branch, branch=branch)
    conversation = ConversationFactory(branch=branch, title="Hoe wordt de wijk groener?")
    statement = StatementFactory(conversation=conversation, text="Elke straat krijgt bomen.")
    expert_invite(
        conversation=conversation,
        actor=organiser_member,
        name="Mila de Vries",
        organisation="Natuurvereniging",
        email="mila@natuur.example.net",
    )

    expert = journey_factory()
    expert.go(_confirm_link("mila@natuur.example.net"))
    expert.page.get_by_role("button", name="Ja, ik doe mee").click()
    expect(expert.page.locator("main")).to_contain_text("Hoe wordt de wijk groener?")

    member = journey_factory(bypass_csp=True)  # axe-core is injected at the end
    author = member_factory(branch=branch)
    member.sign_in_as(author)
    member.go(f"/forum/{conversation.pk}/")
    member.page.get_by_label("Je bijdrage").fill("Meer bomen, zie https://example.org/hitte")
    member.page.get_by_role("button", name="Plaatsen").click()
    expect(member.page.locator("main")).to_contain_text("Je bijdrage is geplaatst.")
    member.go(f"/forum/{conversation.pk}/kaart/")
    member.page.locator(f"#stelling-{statement.pk}").get_by_role(
        "button", name="eens", exact=True
    ).click()
    # Wait for the saved vote itself: the question's legend says "Jouw stem" before it too.
    expect(member.page.locator(f"#stelling-{statement.pk}")).to_contain_text("Jouw stem: eens")
    member.go(f"/forum/{conversation.pk}/kaart/")  # the vote is kept, shown only to them
    expect(member.page.locator(f"#stelling-{statement.pk}")).to_contain_text("Jouw stem: eens")

    posted = Contribution.objects.get(author=author)
    expert.go(f"/forum/{conversation.pk}/")
    box = expert.page.locator(f"#bijdrage-{posted.pk}")
    box.get_by_text("Reageren").click()
    box.get_by_label("Je reactie").fill("Goed idee; kies inheemse soorten.")
    box.get_by_role("button", name="Reactie plaatsen").click()
    expect(expert.page.locator("main")).to_contain_text("deskundige")
    assert posted.replies.get().by_expert

    organiser = journey_factory(bypass_csp=True)
    organiser.sign_in_as(organiser_member)
    organiser.go(f"/forum/{conversation.pk}/bijdrage/{posted.pk}/verbergen/")
    organiser.page.get_by_label("Reden").fill("Link naar een onbetrouwbare bron")
    organiser.page.get_by_role("button", name="Versturen").click()
    expect(organiser.page.locator(f"#bijdrage-{posted.pk}")).to_contain_text(
        "verborgen door moderator: Link naar een onbetrouwbare bron"
    )
    organiser.page.get_by_role("button", name="Gesprek sluiten").click()
    organiser.page.get_by_role("link", name="Samenvatting schrijven").click()
    organiser.page.get_by_label("Wat er naar voren kwam").fill("Veel steun voor meer bomen.")
    organiser.page.get_by_role("button", name="Publiceren").click()
    expect(organiser.page.locator("main")).to_contain_text("Veel steun voor meer bomen.")
    conversation.refresh_from_db()
    assert conversation.state == ConversationState.SUMMARISED
    assert not axe_violations(organiser.page)
    organiser.screenshot("forum-summary")
    member.go(f"/forum/{conversation.pk}/kaart/")
    assert not axe_violations(member.page)
