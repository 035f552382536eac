import sys

import pytest
from pytest_factoryboy import register

from beraad import engine
from tests.beraad.factories import (
    InvitationFactory,
    PanelFactory,
)

if not engine.available():  # The fair lottery engine lands separately; until then a stand-in.
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
