"""Postal addresses: read from optional import columns, shown and exported as the member's own
data, erased with the member."""

import json

import pytest
from django.urls import reverse

from members.addresses import household_address
from members.models import Member
from members.services.importing import members_import
from members.services.privacy import member_anonymise
from tests.members.test_import import ANNA, HEADER, PIET

pytestmark = pytest.mark.django_db

ADDRESS_HEADER = HEADER + ";straat;huisnummer;toevoeging;woonplaats"
ADDRESS = {
    "street": "Oudegracht",
    "house_number": "12",
    "house_number_addition": "bis",
    "postcode": "3511AB",
    "city": "Utrecht",
}


@pytest.fixture
def export(tmp_path):
    def write(*rows, header=HEADER):
        path = tmp_path / "leden.csv"
        path.write_text("\r\n".join([header, *rows]) + "\r\n", encoding="utf-8")
        return path

    return write


def test_import_stores_the_optional_address_columns(export):
    members_import(path=export(ANNA + ";Oudegracht;12;bis;Utrecht", header=ADDRESS_HEADER))
    anna = Member.objects.get(member_number="1001")
    assert {name: getattr(anna, name) for name in ADDRESS} == ADDRESS


def test_import_takes_the_address_columns_in_any_order(export):
    header = "woonplaats;" + HEADER + ";huisnummer"
    members_import(path=export("Utrecht;" + ANNA + ";7", header=header))
    anna = Member.objects.get(member_number="1001")
    assert (anna.city, anna.house_number, anna.street) == ("Utrecht", "7", "")


def test_import_without_address_columns_still_imports(export):
    report = members_import(path=export(ANNA, PIET))
    assert (report.ok, report.created) == (True, 2)


def test_import_refuses_a_street_longer_than_the_field(export):
    row = ANNA + ";" + "x" * 121 + ";12;;Utrecht"
    report = members_import(path=export(row, header=ADDRESS_HEADER))
    assert not report.ok
    assert not Member.objects.exists()


@pytest.mark.parametrize(
    ("number", "addition"), [("12a", ""), ("12A", ""), ("12 a", ""), ("12", "a"), ("12-A", "")]
)
def test_house_number_spellings_are_one_household(number, addition):
    assert household_address("3511 ab", number, addition) == household_address("3511AB", "12", "A")


def test_different_additions_are_different_households():
    assert household_address("3511AB", "12", "a") != household_address("3511AB", "12", "b")
    assert household_address("3511AB", "12", "") != household_address("3511AB", "12", "a")


def test_my_data_shows_the_address(client, member_factory):
    member = member_factory(**ADDRESS)
    client.force_login(member)
    page = client.get(reverse("my-data")).content.decode()
    assert "Oudegracht 12 bis<br>3511 AB  UTRECHT" in page


def test_my_data_export_holds_the_address(client, member_factory):
    member = member_factory(**ADDRESS)
    client.force_login(member)
    data = json.loads(client.get(reverse("my-data-export")).content)
    assert {name: data["member"][name] for name in ADDRESS} == ADDRESS


def test_anonymising_erases_the_address(member_factory, admin_member):
    member = member_factory(**ADDRESS)
    member_anonymise(member=member, by=admin_member)
    member.refresh_from_db()
    assert [getattr(member, name) for name in ADDRESS] == ["", "", "", "", ""]


def test_import_without_address_columns_keeps_the_stored_address(export, member_factory):
    member_factory(member_number="1001", email="anna@example.org", **ADDRESS)
    members_import(path=export(ANNA))
    anna = Member.objects.get(member_number="1001")
    assert {name: getattr(anna, name) for name in ADDRESS} == ADDRESS


def test_import_with_one_address_column_keeps_the_others(export, member_factory):
    member_factory(member_number="1001", email="anna@example.org", **ADDRESS)
    members_import(path=export(ANNA + ";Amersfoort", header=HEADER + ";woonplaats"))
    anna = Member.objects.get(member_number="1001")
    assert (anna.city, anna.street, anna.house_number) == ("Amersfoort", "Oudegracht", "12")


def test_import_with_empty_address_columns_clears_the_stored_address(export, member_factory):
    member_factory(member_number="1001", email="anna@example.org", **ADDRESS)
    members_import(path=export(ANNA + ";;;;", header=ADDRESS_HEADER))
    anna = Member.objects.get(member_number="1001")
    assert (anna.street, anna.house_number, anna.house_number_addition, anna.city) == ("",) * 4
