"""axe-core on every main page, in Dutch and in English: no serious or critical WCAG 2.1 AA
violations. Each viewer visits the pages they use; the list grows with the apps."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from members.services.outbox import unsubscribe_url
from tests.access.world import build_world
from tests.browser.conftest import axe_violations


def _path(name, **kwargs) -> str:
    return reverse(name, kwargs=kwargs or None)


def _pages_for(viewer: str, w) -> list[str]:
    o = w.objects
    if viewer == "anonymous":
        return [
            _path("home"),
            _path("account_login"),
            _path("account_request_login_code"),
            _path("account_signup"),
            _path("events:event-list"),
            _path("events:event-detail", pk=o["event"]),
            _path("events:guest-register", pk=o["event"]),
            _path("events:registration-manage", token=o["guest_token"]),
            _path("feedback:overview"),
            _path("feedback:detail", pk=o["feedback"]),
            _path("beraad:invitation-respond", token=o["invitation_token"]),
            _path("preferendum:token-round-detail", pk=o["round"], token=o["round_token"]),
            urlsplit(unsubscribe_url(w.people["member"], "round_invitation")).path,
            _path("forum:expert-confirm", token=o["expert_token"]),
        ]
    if viewer == "member":
        return [
            _path("home"),
            _path("my-data"),
            _path("preferendum:round-list"),
            _path("preferendum:round-detail", pk=o["round"]),
            _path("preferendum:round-results", pk=o["closed_round"]),
            _path("preferendum:suggestion-create"),
            _path("events:event-detail", pk=o["event"]),
            _path("beraad:panel-list"),
            _path("beraad:panel-detail", pk=o["panel"]),
            _path("beraad:report", pk=o["panel"]),
            _path("votes:vote-list"),
            _path("votes:vote-detail", pk=o["vote"]),
            _path("votes:ballot", pk=o["vote"]),
            _path("votes:results", pk=o["published_vote"]),
            _path("forum:conversation-list"),
            _path("forum:conversation-detail", pk=o["conversation"]),
            _path("forum:opinion-map", pk=o["conversation"]),
            _path(
                "forum:contribution-appeal",
                pk=o["conversation"],
                contribution_pk=o["hidden_contribution"],
            ),
        ]
    if viewer == "chair":
        return [
            _path("beraad:panel-list"),
            _path("beraad:letter-sign", pk=o["inviting_panel"]),
            _path("votes:committee", pk=o["vote"]),
        ]
    return [
        _path("preferendum:manage-rounds"),
        _path("preferendum:manage-round", pk=o["round"]),
        _path("preferendum:follow-up-list", pk=o["round"]),
        _path("events:dashboard"),
        _path("events:event-new"),
        _path("events:table-plan", pk=o["event"]),
        _path("beraad:panel-manage", pk=o["panel"]),
        _path("beraad:letter-edit", pk=o["inviting_panel"]),
        _path("beraad:quotas", pk=o["panel"]),
        _path("beraad:panel-step", pk=o["inviting_panel"], step="aanmelding-sluiten"),
        _path("beraad:call-list"),
        _path("beraad:workspace", pk=o["panel"]),
        _path("beraad:letters-print", pk=o["inviting_panel"]),
        _path("feedback:manage"),
        _path("feedback:debt"),
        _path("members:import"),
        _path("votes:manage"),
        _path("forum:conversation-new"),
        _path("forum:moderation", pk=o["conversation"]),
        _path("forum:expert-invite", pk=o["conversation"]),
        _path("forum:carry", pk=o["conversation"]),
        _path("forum:summary", pk=o["closed_conversation"]),
    ]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("viewer", ["anonymous", "member", "chair", "admin"])
def test_main_pages_have_no_serious_accessibility_violations(axe_journey, viewer, language, device):
    if device == "phone" and language == "en":
        pytest.skip("the phone layout is checked in Dutch; English on the desktop")
    world = build_world()
    if viewer != "anonymous":
        axe_journey.sign_in_as(world.people[viewer])
    axe_journey.use_language(language)
    found = {}
    for path in _pages_for(viewer, world):
        axe_journey.go(path)
        assert axe_journey.page.locator("html").get_attribute("lang") == language, path
        if violations := axe_violations(axe_journey.page):
            found[path] = violations
    assert not found, "\n".join(f"{path}:\n  " + "\n  ".join(v) for path, v in found.items())
