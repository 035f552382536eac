"""axe-core on every main page, in Dutch and in English: no serious or critical WCAG 2.1 AA
violations. Each viewer visits the pages they use; the list grows with the apps."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from members.services.outbox import unsubscribe_url
from tests.access.world import build_world
from tests.browser.conftest import axe_violations

PUBLIC_PAGES = [
    "home",
    "account_login",
    "account_request_login_code",
    "preferendum:round-list",
    "events:event-list",
    "beraad:panel-list",
    "feedback:overview",
]
MEMBER_PAGES = [
    "home",
    "members:profile",
    "preferendum:round-list",
    "events:event-list",
    "beraad:panel-list",
    "feedback:overview",
]


def _pages_for(viewer: str, world) -> list[str]:
    member = world.people["member"]
    if viewer == "anonymous":
        unsubscribe = urlsplit(unsubscribe_url(member, "round_invitation")).path
        return [reverse(name) for name in PUBLIC_PAGES] + [unsubscribe]
    return [reverse(name) for name in MEMBER_PAGES]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("viewer", ["anonymous", "member", "admin"])
def test_main_pages_have_no_serious_accessibility_violations(axe_journey, viewer, language):
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
