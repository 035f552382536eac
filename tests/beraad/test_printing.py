"""Letters go on paper only with every required signature, and with a postable address."""

import pytest
from django.urls import reverse

from beraad.models import PanelState
from beraad.services.letters import letter_save, required_signer_add
from tests.beraad import scenario
from tests.beraad.test_letters import _half_signed

pytestmark = pytest.mark.django_db


def _print(client, admin, panel):
    client.force_login(admin)
    return client.get(reverse("beraad:letters-print", args=[panel.pk]))


def test_letters_cannot_be_printed_before_any_signature(
    client, member_factory, admin_member, chair
):
    panel = scenario.drawn(member_factory, admin_member)
    letter_save(panel=panel, actor=admin_member, text=scenario.LETTER)
    required_signer_add(panel=panel, actor=admin_member, chair=chair)
    response = _print(client, admin_member, panel)
    assert response.status_code == 302
    assert "printed-letter" not in client.get(response["Location"]).content.decode()


def test_letters_cannot_be_printed_with_one_chair_still_to_sign(
    client, member_factory, admin_member
):
    chairs = [member_factory(chair=True), member_factory(chair=True)]
    panel = _half_signed(member_factory, admin_member, chairs)
    assert _print(client, admin_member, panel).status_code == 302


def test_letters_print_once_every_required_chair_signed(
    client, member_factory, admin_member, chair
):
    panel = scenario.signed(member_factory, admin_member, [chair])
    assert panel.state == PanelState.LETTER_SIGNED
    html = _print(client, admin_member, panel).content.decode()
    assert html.count('class="printed-letter"') == panel.invitations.count()


def test_print_link_is_hidden_until_the_letter_is_signed(
    client, member_factory, admin_member, chair
):
    panel = scenario.drawn(member_factory, admin_member)
    client.force_login(admin_member)
    page = client.get(reverse("beraad:panel-manage", args=[panel.pk])).content.decode()
    assert reverse("beraad:letters-print", args=[panel.pk]) not in page


def test_printed_address_has_street_number_postcode_and_town(
    client, member_factory, admin_member, chair
):
    panel = scenario.signed(member_factory, admin_member, [chair])
    member = panel.invitations.first().member
    member.street, member.house_number, member.house_number_addition = "Dorpsstraat", "12", "A"
    member.postcode, member.city = "1234AB", "Ons Dorp"
    member.save()
    html = _print(client, admin_member, panel).content.decode()
    assert "<span>Dorpsstraat 12 A</span>" in html
    assert "<span>1234 AB  ONS DORP</span>" in html
