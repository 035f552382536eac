import pytest

ROLES = ["anonymous", "member", "organiser", "chair", "admin"]


@pytest.fixture
def sign_in(client, member_factory, branch):
    """Sign the client in as someone holding ``role`` (one of ROLES); returns the member."""

    def sign_in_as(role: str):
        if role == "anonymous":
            return None
        extra = {"organiser": {"organises": branch}, "chair": {"chair": True}}
        member = member_factory(admin=role == "admin", **extra.get(role, {}))
        client.force_login(member)
        return member

    return sign_in_as


@pytest.fixture
def education(db):
    from tests.members.factories import TraitCategoryFactory

    return TraitCategoryFactory()
