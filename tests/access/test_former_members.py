"""A former member, still holding every role and the staff flags, against every URL.

The access table has no column for them; a rule instead: on the pages of their own data
(the data page, its export, deletion, their preferences) and of their account
(allauth's pages) they get what a member gets;
on public pages what anyone sees; everywhere else what an anonymous visitor gets, an
error, or the way to the login.
"""

import pytest
from django.urls import reverse

from tests.access.matrix import row_for
from tests.access.test_access_matrix import PAGES, TABLE, VARIANTS, client_for, url_for
from tests.access.world import FORMER

OWN_DATA_PAGES = {
    "my-data",
    "my-data-export",
    "members:deletion-request",
    "members:deletion-cancel",
    "members:preference-toggle",
    "members:language-set",
    "members:trait-answer",
    "members:trait-withdraw",
    "members:links-revoke",
}
REFUSED = {403, 404, 405}


def _refused(response, login_url, admin_login_url) -> bool:
    location = response.get("Location", "")
    return response.status_code in REFUSED or (
        response.status_code == 302 and location.startswith((login_url, admin_login_url))
    )


@pytest.mark.parametrize("key", sorted(PAGES) + VARIANTS)
def test_former_member_reaches_nothing_but_their_own_data(key, world):
    page = PAGES[key.split("[")[0]]
    row = row_for(TABLE, key)
    assert row is not None, f"new page {key}: add a row to the access table"
    url = url_for(key, page, world)
    client = client_for(FORMER, world)
    response = client.post(url) if row.method == "POST" else client.get(url)
    login_url, admin_login_url = reverse("account_login"), reverse("admin:login")
    # allauth's pages (account_*) are about the account itself: login, logout, password.
    if key in OWN_DATA_PAGES or key.startswith("account_"):
        expected = row.expected["member"]
        assert expected.matches(response, login_url, admin_login_url), (key, response)
        return
    if row.expected["anonymous"].code in {"200", "ok"}:
        return  # a public page: what a visitor may see, a former member may see too
    as_anonymous = row.expected["anonymous"].matches(response, login_url, admin_login_url)
    assert as_anonymous or _refused(response, login_url, admin_login_url), (
        f"{row.method} {url}: former member got {response.status_code} "
        f"{response.get('Location', '')}"
    )
