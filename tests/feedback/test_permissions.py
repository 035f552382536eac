import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "supporter", "organiser", "chair", "admin"]


@pytest.fixture
def user_with_role(request, member_factory, branch):
    role = request.param
    if role == "anonymous":
        return None
    options = {
        "member": {},
        "supporter": {"supporter": True},
        "organiser": {"organises": branch},
        "chair": {"chair": True},
        "admin": {"admin": True},
    }[role]
    return member_factory(**options)


def _get(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url).status_code


# What each role gets: (anonymous, member, supporter, organiser, chair, admin)
MATRIX = [
    ("public", [200, 200, 200, 200, 200, 200]),
    ("members_only", [404, 200, 200, 200, 200, 200]),
    ("draft", [404, 404, 404, 404, 404, 200]),
    ("manage", [302, 403, 403, 403, 403, 200]),
    ("debt", [302, 403, 403, 403, 403, 200]),
    ("create", [302, 403, 403, 403, 403, 200]),
    ("edit", [302, 403, 403, 403, 403, 200]),
    ("preview", [302, 403, 403, 403, 403, 200]),
    ("correct", [302, 403, 403, 403, 403, 200]),
    ("carry", [302, 403, 403, 403, 403, 200]),
]


def _url(page, feedback_factory, feedback_item_factory):
    if page == "public":
        return feedback_factory(published=True).get_absolute_url()
    if page == "members_only":
        return feedback_factory(published=True, is_public=False).get_absolute_url()
    if page == "draft":
        return feedback_factory().get_absolute_url()
    if page in {"edit", "preview"}:
        return reverse(f"feedback:{page}", args=[feedback_factory().pk])
    if page == "correct":
        return reverse("feedback:correct", args=[feedback_factory(published=True).pk])
    if page == "carry":
        item = feedback_item_factory(feedback__published=True, feedback__process_kind="panel")
        return reverse("feedback:carry", args=[item.feedback.pk, item.pk])
    return reverse(f"feedback:{page}")


@pytest.mark.parametrize(
    ("page", "user_with_role", "status"),
    [
        (page, role, status)
        for page, statuses in MATRIX
        for role, status in zip(ROLES, statuses, strict=True)
    ],
    indirect=["user_with_role"],
)
def test_who_may_open_which_feedback_page(
    client, fake_apps, feedback_factory, feedback_item_factory, user_with_role, page, status
):
    url = _url(page, feedback_factory, feedback_item_factory)
    assert _get(client, user_with_role, url) == status


@pytest.mark.parametrize(
    ("user_with_role", "shown"),
    [("anonymous", False), ("member", False), ("admin", True)],
    indirect=["user_with_role"],
)
def test_only_admins_see_the_management_menu_item(client, user_with_role, shown):
    if user_with_role is not None:
        client.force_login(user_with_role)
    content = client.get(reverse("feedback:overview")).content.decode()
    assert "Terugkoppeling" in content
    assert ("Terugkoppeling beheren" in content) == shown
