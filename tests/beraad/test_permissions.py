"""Who may open which page: a matrix over every role."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from beraad.models import MemberInput, PanelMember
from beraad.services.letters import invitation_link
from members.models import Role, RoleAssignment
from tests.beraad import scenario

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "caller", "chair", "admin", "panel_member", "invitee"]
OUT = 302  # to the login page
MATRIX = {
    # page: status per role, in the order of ROLES
    "panel-list": [OUT, 200, 200, 200, 200, 200, OUT],
    "panel-detail": [OUT, 200, 200, 200, 200, 200, OUT],
    "report": [OUT, 200, 200, 200, 200, 200, OUT],
    "workspace": [OUT, 403, 403, 403, 200, 200, OUT],
    "panel-manage": [OUT, 403, 403, 403, 200, 403, OUT],
    # The panel is past sending: no more letters to print, the admin goes back to the panel.
    "letters-print": [OUT, 403, 403, 403, 302, 403, OUT],
    "quotas": [OUT, 403, 403, 403, 200, 403, OUT],
    "call-list": [OUT, 403, 200, 403, 200, 403, OUT],
    # The chair is first sent to confirm a fresh login code (302 to reauthentication).
    "letter-sign": [OUT, 404, 404, 302, 403, 404, OUT],
}
CASES = [(page, role, MATRIX[page][n]) for page in MATRIX for n, role in enumerate(ROLES)]


@pytest.fixture
def world(member_factory, admin_member, chair):
    panel = scenario.selected(member_factory, admin_member, chair)
    caller = member_factory()
    RoleAssignment.objects.create(member=caller, role=Role.CALLER)
    # A chair who logged in by code once: a fresh code for signing can be sent.
    EmailAddress.objects.create(user=chair, email=chair.email, verified=True, primary=True)
    seats = panel.panel_members.filter(status=PanelMember.Status.SELECTED)
    seat = seats.exclude(member__in=[admin_member, chair]).first()
    users = {
        "member": member_factory(),
        "caller": caller,
        "chair": chair,
        "admin": admin_member,
        "panel_member": seat.member,
    }
    return panel, users


def _url(page, panel):
    if page in ("panel-list", "call-list"):
        return reverse(f"beraad:{page}")
    return reverse(f"beraad:{page}", args=[panel.pk])


@pytest.mark.parametrize(("page", "role", "status"), CASES)
def test_role_matrix(client, world, page, role, status):
    panel, users = world
    if role in users:
        client.force_login(users[role])
    assert client.get(_url(page, panel)).status_code == status


@pytest.mark.parametrize("role", ROLES)
def test_lifecycle_step_is_for_admins_only(client, world, role):
    panel, users = world
    if role in users:
        client.force_login(users[role])
    response = client.get(reverse("beraad:panel-step", args=[panel.pk, "starten"]))
    assert response.status_code == (200 if role == "admin" else 403 if role in users else OUT)


def test_invitee_opens_their_invitation_with_the_token_alone(client, world):
    panel, _users = world
    link = invitation_link(panel.invitations.first())
    assert client.get(link.removeprefix("http://127.0.0.1:8000")).status_code == 200


def test_concept_panel_is_hidden_from_members(client, member_factory, admin_member):
    panel = scenario.concept(member_factory, admin_member)
    client.force_login(member_factory())
    assert client.get(reverse("beraad:panel-detail", args=[panel.pk])).status_code == 404


def test_only_callers_and_admins_get_the_call_list_in_the_menu(client, world):
    from beraad.navigation import nav_items

    _panel, users = world
    has_call_list = {
        role: ("Bellijst" in [str(label) for label, _url in nav_items(u)])
        for role, u in users.items()
    }
    assert has_call_list == {
        "member": False,
        "caller": True,
        "chair": False,
        "admin": True,
        "panel_member": False,
    }


ADMIN_POSTS = ["signer-add", "session-new", "document-new", "recommendation-new", "quotas"]


@pytest.mark.parametrize("page", ADMIN_POSTS)
@pytest.mark.parametrize("role", ROLES)
def test_admin_changes_are_refused_to_everyone_else(client, world, page, role):
    panel, users = world
    if role in users:
        client.force_login(users[role])
    response = client.post(reverse(f"beraad:{page}", args=[panel.pk]), {})
    expected = {"admin": (200, 302)}.get(role, (403,) if role in users else (OUT,))
    assert response.status_code in expected


@pytest.mark.parametrize("role", ROLES)
def test_only_admins_moderate_input(client, world, role):
    panel, users = world
    item = MemberInput.objects.create(panel=panel, member=users["member"], text="idee")
    if role in users:
        client.force_login(users[role])
    client.post(reverse("beraad:input-moderate", args=[panel.pk, item.pk]), {"approve": "1"})
    item.refresh_from_db()
    assert (item.status == MemberInput.Status.APPROVED) == (role == "admin")


@pytest.mark.parametrize("role", ROLES)
def test_only_callers_and_admins_record_calls(client, world, role):
    panel, users = world
    invitation = panel.invitations.first()
    if role in users:
        client.force_login(users[role])
    response = client.post(
        reverse("beraad:call-new", args=[invitation.pk]), {"outcome": "voicemail"}
    )
    allowed = role in ("caller", "admin")
    # Allowed roles get past the check and find no open invitation (the panel is selected).
    assert response.status_code == (404 if allowed else 403 if role in users else OUT)
