"""axe-core on every page each role can open, found from the URL configuration.

The pages are those of the access table (tests/access/access_table.txt) that answer a role
with 200: a new page joins the crawl as soon as it gets its row there. Serious and critical
WCAG 2.1 AA violations fail, and so does a page whose scripts, styles or icons fail to load.
"""

import pytest

from tests.access.matrix import row_for
from tests.access.test_access_matrix import PAGES, TABLE, VARIANTS, url_for
from tests.access.world import ROLES, build_world
from tests.browser.conftest import axe_violations

VIEWERS = ["anonymous", "member", "organiser", "chair", "admin"]


def pages_for(viewer: str, world) -> list[str]:
    """Every URL the table lets this role open with 200, each once."""
    urls = []
    for key in sorted(PAGES) + VARIANTS:
        page = PAGES[key.split("[")[0]]
        row = row_for(TABLE, key)
        if not page.named or row.method != "GET" or row.expected[viewer].code not in {"200", "ok"}:
            continue
        url = url_for(key, page, world)
        if url not in urls:
            urls.append(url)
    return urls


def test_every_page_any_role_can_open_is_crawled():
    """The crawl signs in as five of the table's roles; no page may open only to another
    (a supporter, a caller, a panel member), or the crawl would never see it."""
    missed = []
    for key in sorted(PAGES) + VARIANTS:
        row = row_for(TABLE, key)
        if not PAGES[key.split("[")[0]].named or row is None or row.method != "GET":
            continue
        opened_by = {role for role in ROLES if row.expected[role].code in {"200", "ok"}}
        if opened_by and not opened_by & set(VIEWERS):
            missed.append(key)
    assert missed == []


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
    if viewer != "anonymous":
        axe_journey.sign_in_as(world.people[viewer])
    found, visited = {}, 0
    for url in pages_for(viewer, world):
        if not _is_html_page(axe_journey, url):
            continue
        axe_journey.page.goto(axe_journey.base_url + url)
        visited += 1
        if violations := axe_violations(axe_journey.page):
            found[url] = violations
    assert visited >= 10, f"{viewer}: only {visited} pages crawled"
    assert not found, "\n".join(f"{url}:\n  " + "\n  ".join(v) for url, v in found.items())
