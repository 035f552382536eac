import pytest
from pytest_factoryboy import register

from tests.beraad.factories import (
    InvitationFactory,
    PanelFactory,
)

register(PanelFactory)
register(InvitationFactory)


@pytest.fixture
def caller(member_factory):
    from members.models import Role, RoleAssignment

    member = member_factory()
    RoleAssignment.objects.create(member=member, role=Role.CALLER)
    return member
