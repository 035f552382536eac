import sys

import pytest
from pytest_factoryboy import register

from tests.beraad.factories import (
    InvitationFactory,
    PanelFactory,
)

try:  # The fair lottery engine lands separately; until then a greedy stand-in.
    import beraad.lottery  # noqa: F401
except ModuleNotFoundError:
    from tests.beraad import fake_lottery

    sys.modules["beraad.lottery"] = fake_lottery

register(PanelFactory)
register(InvitationFactory)


@pytest.fixture
def caller(member_factory):
    from members.models import Role, RoleAssignment

    member = member_factory()
    RoleAssignment.objects.create(member=member, role=Role.CALLER)
    return member
