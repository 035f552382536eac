"""axe-core on every page each role can open, found from the URL configuration.

The pages are those of the access table (tests/access/access_table.txt) that answer a role
with 200: a new page joins the crawl as soon as it gets its row there. The crawl signs in
as every role of the table, and as the two people the access tests check by rule: an
invited outside expert (their conversation's pages and their own account) and a former
member (only their own data). Serious and critical WCAG 2.1 AA violations fail, and so
does a page whose scripts, styles or icons fail to load.
"""

import pytest

from tests.access.matrix import row_for
from tests.access.test_access_matrix import PAGES, TABLE, VARIANTS, url_for
from tests.access.test_experts import TAKING_PART
from tests.access.test_former_members import OWN_DATA_PAGES
from tests.access.world import EXPERT, FORMER, ROLES, SIGNED_IN_ROLES, build_world
from tests.browser.conftest import axe_violations

VIEWERS = [*ROLES, EXPERT, FORMER]
OPENS = {"200", "ok"}


def _opens(viewer: str, key: str, row) -> bool:
    """Whether the access rules give this viewer the page (as the access tests check it)."""
    if viewer == EXPERT:
        mine = key in TAKING_PART or key in OWN_DATA_PAGES or key.startswith("account_")
        return mine and row.expected["member"].code in OPENS
    if viewer == FORMER:
        return key in OWN_DATA_PAGES and row.expected["member"].code in OPENS
    return row.expected[viewer].code in OPENS


def pages_for(viewer: str, world) -> list[str]:
    """Every URL the rules let this viewer open with 200, each once."""
    urls = []
    for key in sorted(PAGES) + VARIANTS:
        page = PAGES[key.split("[")[0]]
        row = row_for(TABLE, key)
        if not page.named or row.method != "GET" or not _opens(viewer, key, row):
            continue
        url = url_for(key, page, world)
        if url not in urls:
            urls.append(url)
    return urls


def _is_html_page(journey, url: str) -> bool:
    """Asked first with the browser's cookies: files (CSV, iCal, JSON) would start a download."""
    response = journey.page.request.get(journey.base_url + url, max_redirects=5)
    html = response.headers.get("content-type", "").startswith("text/html")
    return response.status < 400 and html


@pytest.mark.parametrize("viewer", VIEWERS)
def test_every_page_of_every_role_passes_axe(axe_journey, viewer, device):
    if device == "phone":
        pytest.skip("the crawl runs on the desktop; the journeys cover the phone layout")
    world = build_world()
    if viewer in SIGNED_IN_ROLES or viewer in {EXPERT, FORMER}:
        axe_journey.sign_in_as(world.people[viewer])
    found, visited = {}, 0
    for url in pages_for(viewer, world):
        if not _is_html_page(axe_journey, url):
            continue
        axe_journey.page.goto(axe_journey.base_url + url)
        visited += 1
        if violations := axe_violations(axe_journey.page):
            found[url] = violations
    assert visited >= (10 if viewer in ROLES else 2), f"{viewer}: only {visited} pages crawled"
    assert not found, "\n".join(f"{url}:\n  " + "\n  ".join(v) for url, v in found.items())
