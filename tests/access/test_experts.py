"""An invited outside expert against every URL.

The access table has no column for them; a rule instead: on the forum pages of the
conversation they were invited to they get what a member gets (they take part, they do
not organise or moderate); on their own account's pages (allauth, their own data) what a
member gets; on public pages what anyone sees; everywhere else what an anonymous visitor
gets, an error, or the way to the login. So member data stays out of their reach.
"""

import pytest
from django.urls import reverse

from tests.access.matrix import row_for
from tests.access.test_access_matrix import PAGES, TABLE, VARIANTS, body_of, client_for, url_for
from tests.access.test_former_members import OWN_DATA_PAGES, _refused
from tests.access.world import EXPERT

# The invited conversation's pages where an expert is a participant like a member.
TAKING_PART = {
    "forum:conversation-list",
    "forum:conversation-detail",
    "forum:contribution-post",
    "forum:contribution-report",
    "forum:opinion-map",
    "forum:statement-add",
    "forum:vote",
    "forum:document",
}


def _expected_for(key, row):
    if key in TAKING_PART or key in OWN_DATA_PAGES or key.startswith("account_"):
        return row.expected["member"]
    return None


@pytest.mark.parametrize("key", sorted(PAGES) + VARIANTS)
def test_expert_reaches_only_their_conversation_and_own_account(key, world):
    page = PAGES[key.split("[")[0]]
    row = row_for(TABLE, key)
    assert row is not None, f"new page {key}: add a row to the access table"
    url = url_for(key, page, world)
    client = client_for(EXPERT, world)
    response = client.post(url) if row.method == "POST" else client.get(url)
    login_url, admin_login_url = reverse("account_login"), reverse("admin:login")
    expected = _expected_for(key, row)
    if expected is not None:
        assert expected.matches(response, login_url, admin_login_url), (key, response)
        return
    if row.expected["anonymous"].code in {"200", "ok"}:
        return  # a public page
    as_anonymous = row.expected["anonymous"].matches(response, login_url, admin_login_url)
    assert as_anonymous or _refused(response, login_url, admin_login_url), (
        f"{row.method} {url}: expert got {response.status_code} {response.get('Location', '')}"
    )


def test_expert_sees_no_member_contact_details_in_their_conversation(world):
    client = client_for(EXPERT, world)
    url = reverse("forum:conversation-detail", args=[world.objects["conversation"]])
    body = body_of(client.get(url))
    members = [person for role, person in world.people.items() if role != EXPERT]
    assert not [m.email for m in members if m.email in body]
