"""The invitation e-mail says who signed, with their names, titles and signature images."""

import re

import pytest
from django.urls import reverse

from beraad.models import LetterSignature
from beraad.services.letters import letter_save, panel_send_invitations, signature_image_url
from members.models import MailKind, OutboxMessage
from shared.links import link_key_new, link_token
from tests.beraad import scenario

pytestmark = pytest.mark.django_db
IMAGE_URL = re.compile(r'<img src="https?://[^/"]+(/beraad/handtekening/[^"]+/)"')


@pytest.fixture
def chairs(member_factory):
    return [member_factory(chair=True), member_factory(chair=True)]


@pytest.fixture
def invitation_mail(member_factory, admin_member, chairs):
    panel = scenario.signed(member_factory, admin_member, chairs)
    panel_send_invitations(panel=panel, actor=admin_member)
    return OutboxMessage.objects.filter(kind=MailKind.PANEL_INVITATION).first()


def test_text_part_names_every_signer_and_title(invitation_mail, chairs):
    for chair in chairs:
        assert f"{chair.full_name} (partijvoorzitter)" in invitation_mail.content.text_body
    assert "Deze brief is ondertekend door:" in invitation_mail.content.text_body


def test_html_part_shows_each_signature_image_with_name_and_title(invitation_mail, chairs):
    html = invitation_mail.content.html_body
    assert len(IMAGE_URL.findall(html)) == len(chairs)
    for chair in chairs:
        assert f"<strong>{chair.full_name}</strong><br>partijvoorzitter" in html


def test_signature_image_address_in_the_mail_serves_the_image(client, invitation_mail):
    path = IMAGE_URL.search(invitation_mail.content.html_body)[1]
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_signature_image_address_cannot_be_guessed_from_the_id(client, invitation_mail):
    signature = LetterSignature.objects.first()
    url = reverse("beraad:signature-image", args=[str(signature.pk)])
    assert client.get(url).status_code == 404


def test_voided_signature_image_is_no_longer_served(
    client, member_factory, admin_member, chairs, settings
):
    panel = scenario.signed(member_factory, admin_member, chairs)
    url = signature_image_url(LetterSignature.objects.first())
    letter_save(panel=panel, actor=admin_member, text=scenario.LETTER + "Nieuw.")
    assert client.get(url.removeprefix(settings.SITE_URL)).status_code == 404


def test_signature_image_link_for_another_purpose_is_refused(client, invitation_mail):
    signature = LetterSignature.objects.select_related("chair").first()
    token = link_token(
        purpose="answer",
        member_id=signature.chair_id,
        key=signature.chair.link_key,
        obj=signature.pk,
    )
    url = reverse("beraad:signature-image", args=[token])
    assert client.get(url).status_code == 404


def test_signature_image_link_of_one_signature_does_not_open_another(client, invitation_mail):
    first, second = LetterSignature.objects.select_related("chair").order_by("pk")[:2]
    token = signature_image_url(first).rsplit("/", 2)[-2]
    forged = token.replace(f":{first.pk}:", f":{second.pk}:", 1)
    assert client.get(reverse("beraad:signature-image", args=[forged])).status_code == 404


def test_renewing_the_chairs_link_key_revokes_the_signature_image_link(
    client, invitation_mail, settings
):
    signature = LetterSignature.objects.select_related("chair").first()
    url = signature_image_url(signature).removeprefix(settings.SITE_URL)
    signature.chair.link_key = link_key_new()
    signature.chair.save(update_fields=["link_key"])
    assert client.get(url).status_code == 404
