import pytest
from django.urls import reverse

from events.models import EventState
from events.permissions import can_organise_event, can_register, can_view_event

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "supporter", "organiser_other", "organiser_own", "admin"]


@pytest.fixture
def as_role(client, member_factory, branch_factory, event):
    """Log the client in with the given role relative to the event's branch."""

    def login(role):
        users = {
            "member": lambda: member_factory(branch=event.branch),
            "supporter": lambda: member_factory(supporter=True, branch=event.branch),
            "organiser_other": lambda: member_factory(organises=branch_factory()),
            "organiser_own": lambda: member_factory(organises=event.branch),
            "admin": lambda: member_factory(admin=True),
        }
        user = users[role]() if role != "anonymous" else None
        if user:
            client.force_login(user)
        return user

    return login


ORGANISE_PAGES = [
    "events:event-edit",
    "events:event-registrations",
    "events:event-cancel",
    "events:event-report",
    "events:table-plan",
]
EXPECTED = {
    "anonymous": 302,
    "member": 403,
    "supporter": 404,  # a members-only event is not visible to supporters at all
    "organiser_other": 403,
    "organiser_own": 200,
    "admin": 200,
}


@pytest.mark.parametrize("page", ORGANISE_PAGES)
@pytest.mark.parametrize("role", ROLES)
def test_only_the_branch_organiser_and_admins_reach_organiser_pages(
    client, as_role, event, role, page
):
    as_role(role)
    response = client.get(reverse(page, args=[event.pk]))
    assert response.status_code == EXPECTED[role]


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("member", 403), ("organiser_other", 200), ("admin", 200)],
)
def test_dashboard_is_for_organisers_and_admins(client, as_role, role, status):
    as_role(role)
    assert client.get(reverse("events:dashboard")).status_code == status


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("anonymous", False),
        ("member", False),
        ("supporter", False),
        ("organiser_other", False),
        ("organiser_own", True),
        ("admin", True),
    ],
)
def test_can_organise_event_per_role(as_role, event, role, allowed):
    from django.contrib.auth.models import AnonymousUser

    user = as_role(role) or AnonymousUser()
    assert can_organise_event(user, event) is allowed


@pytest.mark.parametrize(
    ("role", "visible"),
    [("anonymous", False), ("member", False), ("organiser_other", False), ("organiser_own", True)],
)
def test_drafts_are_visible_only_to_their_organisers(as_role, event, role, visible):
    from django.contrib.auth.models import AnonymousUser

    event.state = EventState.DRAFT
    user = as_role(role) or AnonymousUser()
    assert can_view_event(user, event) is visible


def test_former_member_cannot_register(member_factory, event):
    assert not can_register(member_factory(status="former"), event)


def test_organiser_of_another_branch_cannot_publish(
    client, member_factory, branch_factory, event_factory
):
    event = event_factory(draft=True)
    client.force_login(member_factory(organises=branch_factory()))
    response = client.post(reverse("events:event-publish", args=[event.pk]))
    event.refresh_from_db()
    assert response.status_code == 404 and event.state == EventState.DRAFT


def test_organiser_creates_an_event_only_for_their_own_branch(
    client, member_factory, branch_factory
):
    own, other = branch_factory(), branch_factory()
    client.force_login(member_factory(organises=own))
    response = client.get(reverse("events:event-new"))
    assert list(response.context["form"].fields["branch"].queryset) == [own]
    assert other not in response.context["form"].fields["branch"].queryset
