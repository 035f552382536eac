"""Role matrix: which role may reach which preferendum page."""

import pytest
from django.urls import reverse

from preferendum.models import FollowUpOptIn, RoundState, Suggestion

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "supporter", "organiser", "admin"]


@pytest.fixture
def as_role(client, member_factory, branch):
    def login(role):
        if role == "anonymous":
            return None
        user = member_factory(
            branch=branch,
            supporter=role == "supporter",
            organises=branch if role == "organiser" else None,
            admin=role == "admin",
        )
        client.force_login(user)
        return user

    return login


@pytest.fixture
def rounds(round_factory):
    return {
        "open": round_factory(),
        "closed": round_factory(state=RoundState.CLOSED),
        "draft": round_factory(state=RoundState.DRAFT),
    }


# (url name, round key or None, expected status per role in ROLES order)
MATRIX = [
    ("round-list", None, [302, 200, 200, 200, 200]),
    ("round-detail", "open", [302, 200, 404, 200, 200]),
    ("round-detail", "draft", [302, 404, 404, 404, 200]),
    ("round-results", "open", [302, 403, 404, 403, 200]),
    ("round-results", "closed", [302, 200, 404, 200, 200]),
    ("results-csv", "closed", [302, 403, 404, 403, 200]),
    ("comments", "closed", [302, 403, 404, 403, 200]),
    ("follow-up-list", "closed", [302, 403, 403, 200, 200]),
    ("follow-up-list", "draft", [302, 403, 403, 404, 404]),
    ("manage-rounds", None, [302, 403, 403, 403, 200]),
    ("manage-round", "draft", [302, 403, 403, 403, 200]),
    ("manage-suggestions", None, [302, 403, 403, 403, 200]),
    ("suggestion-create", None, [302, 200, 200, 200, 200]),
]


@pytest.mark.parametrize(("name", "round_key", "statuses"), MATRIX)
@pytest.mark.parametrize("role_index", range(len(ROLES)))
def test_role_matrix(client, as_role, rounds, name, round_key, statuses, role_index):
    as_role(ROLES[role_index])
    args = [rounds[round_key].pk] if round_key else []
    response = client.get(reverse(f"preferendum:{name}", args=args))
    assert response.status_code == statuses[role_index]


def test_organiser_sees_only_opt_ins_of_their_own_branches(
    client, member_factory, branch_factory, round_factory
):
    round_ = round_factory(state=RoundState.CLOSED)
    mine, other = branch_factory(), branch_factory()
    organiser = member_factory(organises=mine)
    FollowUpOptIn.objects.create(
        round=round_, member=member_factory(branch=mine, last_name="Dichtbij")
    )
    FollowUpOptIn.objects.create(round=round_, member=member_factory(branch=other, last_name="Ver"))
    client.force_login(organiser)
    html = client.get(reverse("preferendum:follow-up-list", args=[round_.pk])).content.decode()
    assert "Dichtbij" in html and "Ver<" not in html


def test_only_admins_can_change_a_rounds_state(client, member, rounds):
    client.force_login(member)
    url = reverse("preferendum:manage-transition", args=[rounds["open"].pk, "sluiten"])
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 403
    rounds["open"].refresh_from_db()
    assert rounds["open"].state == RoundState.OPEN


def test_admin_closes_a_round_after_confirming(
    client, admin_member, rounds, django_capture_on_commit_callbacks
):
    client.force_login(admin_member)
    url = reverse("preferendum:manage-transition", args=[rounds["open"].pk, "sluiten"])
    unconfirmed = client.post(url, {})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"confirm": "on"})
    rounds["open"].refresh_from_db()
    assert unconfirmed.status_code == 200 and rounds["open"].state == RoundState.CLOSED


def test_member_suggests_a_statement(client, member):
    client.force_login(member)
    url = reverse("preferendum:suggestion-create")
    client.post(url, {"text": "Meer bomen", "why": "Hitte"})
    assert Suggestion.objects.get().member == member


def test_navigation_shows_the_preferendum_and_admin_link(client, admin_member):
    client.force_login(admin_member)
    html = client.get(reverse("preferendum:round-list")).content.decode()
    assert "Rondes beheren" in html


# Saving one answer: one access helper (permissions.get_answering_member) for the session
# and the personal link. (round state, member is a supporter, expected per way in)
ANSWER_MATRIX = [
    (RoundState.OPEN, False, {"session": 200, "link": 200}),
    (RoundState.CLOSED, False, {"session": 403, "link": 403}),
    (RoundState.DRAFT, False, {"session": 404, "link": 403}),
    (RoundState.OPEN, True, {"session": 404, "link": 403}),
]


@pytest.mark.parametrize(("state", "supporter", "expected"), ANSWER_MATRIX)
@pytest.mark.parametrize("way", ["session", "link"])
def test_saving_an_answer_answers_each_way_in_as_the_round_page(
    client, member_factory, round_factory, state, supporter, expected, way
):
    """A round the member cannot see is 404 when signed in; one they can see but not answer
    is 403; a valid personal link already shows the round, so it is 403 too."""
    from preferendum import tokens

    round_ = round_factory(state=state)
    statement = round_.statements.first()
    member = member_factory(supporter=supporter)
    if way == "session":
        client.force_login(member)
        url = reverse("preferendum:answer", args=[round_.pk, statement.pk])
    else:
        token = tokens.answer_token(round_, member)
        url = reverse("preferendum:token-answer", args=[round_.pk, token, statement.pk])
    response = client.post(url, {f"s{statement.pk}-value": "4"}, HTTP_HX_REQUEST="true")
    assert response.status_code == expected[way]
