"""Beraad takes member traits from members.traits: one definition of the bands."""

from datetime import date

import pytest

from beraad.categories import member_value, value_label
from beraad.models import CategoryKind, PanelCategory
from members.traits import member_traits

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 1)


@pytest.mark.parametrize(
    ("kind", "key"),
    [
        (CategoryKind.AGE_BAND, "age_band"),
        (CategoryKind.MEMBERSHIP, "membership_band"),
        (CategoryKind.GENDER, "gender"),
        (CategoryKind.PROVINCE, "province"),
    ],
)
def test_a_category_gives_the_same_value_as_the_members_trait(member_factory, kind, key):
    member = member_factory(birth_date=date(2012, 1, 1), member_since=date(2025, 1, 1))
    value = member_value(member, PanelCategory(kind=kind), TODAY)
    assert value == member_traits(member, today=TODAY)[key]


def test_a_fourteen_year_old_is_unknown_not_sixteen_to_twenty_nine(member_factory):
    member = member_factory(birth_date=date(2012, 1, 1))
    assert member_value(member, PanelCategory(kind=CategoryKind.AGE_BAND), TODAY) == "onbekend"


def test_a_membership_band_stored_by_an_older_panel_keeps_its_label():
    category = PanelCategory(kind=CategoryKind.MEMBERSHIP)
    assert value_label(category, "2-4 jaar") == "2-4 jaar"
