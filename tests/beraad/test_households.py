"""One household per address, however the house number and its addition are spelled."""

import pytest

from beraad.categories import household_key
from beraad.models import CategoryKind
from beraad.services.draw import panel_draw_invitations
from beraad.services.quotas import category_add
from tests.beraad.factories import PanelFactory

pytestmark = pytest.mark.django_db


def test_house_number_spellings_give_one_household_key(member_factory):
    at_12a = member_factory(postcode="3511AB", house_number="12a")
    at_12_space_a = member_factory(postcode="3511 ab", house_number="12 A")
    with_addition = member_factory(postcode="3511AB", house_number="12", house_number_addition="A")
    keys = {household_key(m) for m in (at_12a, at_12_space_a, with_addition)}
    assert len(keys) == 1


def test_draw_invites_one_person_of_a_household_spelled_two_ways(member_factory, admin_member):
    housemates = [
        member_factory(postcode="3511AB", house_number="12a"),
        member_factory(postcode="3511AB", house_number="12", house_number_addition="A"),
    ]
    member_factory(postcode="1234CD", house_number="1")
    panel = PanelFactory(panel_size=2, invitation_count=3)
    category_add(panel=panel, actor=admin_member, kind=CategoryKind.GENDER)
    panel = panel_draw_invitations(panel=panel, actor=admin_member, seed="7")
    invited = set(panel.invitations.values_list("member_id", flat=True))
    assert len(invited & {m.pk for m in housemates}) == 1
