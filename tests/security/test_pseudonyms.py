"""No page puts a panel respondent's pseudonym next to their name (issue 13).

respondents.csv (what re-running a draw needs) lists respondents by pseudonym; a page that
showed a pseudonym beside a name or address would undo that. Every page of the access
matrix is opened as every role that works with panels, in the access world (a panel
drawn, one inviting, with respondents who registered).
"""

import pytest

from beraad.models import Invitation
from tests.access.test_access_matrix import PAGES, body_of, client_for, url_for

pytestmark = pytest.mark.django_db

ROLES = ("member", "panel_member", "caller", "organiser", "chair", "admin")


def test_no_page_shows_a_pseudonym_next_to_its_members_name(world):
    invitations = Invitation.objects.exclude(pseudonym="").select_related("member")
    pairs = [(i.pseudonym, i.member.email, i.member.get_full_name()) for i in invitations]
    assert pairs, "the world has panel respondents with pseudonyms"
    wrong, seen = [], 0
    for key, page in sorted(PAGES.items()):
        url = url_for(key, page, world)
        for role in ROLES:
            response = client_for(role, world).get(url)
            if response.status_code != 200:
                continue
            body = body_of(response)
            for pseudonym, email, name in pairs:
                seen += pseudonym in body
                if pseudonym in body and (email in body or name in body):
                    wrong.append(f"{role} {url}: {pseudonym} with {email}")
    assert seen, "some page (respondents.csv) shows pseudonyms"
    assert not wrong, "\n".join(wrong)
