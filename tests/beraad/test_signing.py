"""Signatures that mean something: only the asked chairs, their account's name, a fresh code,
and the SHA-256 of the exact text they read."""

import hashlib
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from beraad.models import Letter, LetterSignature, PanelState
from beraad.services.letters import letter_save, letter_sign, required_signer_add
from members.models import MailKind, OutboxMessage, Role, RoleAssignment
from members.services.outbox import outbox_send_ready
from tests.beraad import scenario
from tests.beraad.factories import signature_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(member_factory, admin_member, chair):
    """A drawn panel whose letter the `chair` fixture was asked to sign."""
    panel = scenario.drawn(member_factory, admin_member)
    letter_save(panel=panel, actor=admin_member, text=scenario.LETTER)
    required_signer_add(panel=panel, actor=admin_member, chair=chair)
    EmailAddress.objects.create(user=chair, email=chair.email, verified=True, primary=True)
    return panel


def reauthenticate_by_code(client, chair) -> None:
    """What the chair does in the browser: ask for a code, read the e-mail, type it in."""
    client.post(reverse("account_request_reauthentication_code"), {"recipient": chair.email})
    assert OutboxMessage.objects.filter(to_email=chair.email, kind=MailKind.ACCOUNT).exists()
    outbox_send_ready()  # the code is sealed in the outbox: read it from the mailbox
    body = [m for m in mail.outbox if m.to == [chair.email]][-1].body
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", body, re.MULTILINE)[1]
    response = client.post(reverse("account_confirm_reauthentication_code"), {"code": code})
    assert response.status_code == 302


def _sign_data(panel, **extra):
    text_hash = Letter.objects.get(panel=panel).text_hash
    data = {"image": signature_upload(), "confirm": "on", "text_sha256": text_hash}
    return {**data, "secret_word": "een-geheim-woord", **extra}


def test_chair_without_a_fresh_code_is_sent_to_reauthenticate(client, asked, chair):
    client.force_login(chair)
    response = client.post(reverse("beraad:letter-sign", args=[asked.pk]), _sign_data(asked))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_request_reauthentication_code"))
    assert not LetterSignature.objects.exists()


def test_chair_signs_after_entering_a_fresh_login_code(client, asked, chair):
    client.force_login(chair)
    reauthenticate_by_code(client, chair)
    response = client.post(reverse("beraad:letter-sign", args=[asked.pk]), _sign_data(asked))
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.state == PanelState.LETTER_SIGNED


def test_signature_carries_the_account_name_and_role_not_typed_text(client, asked, chair):
    client.force_login(chair)
    reauthenticate_by_code(client, chair)
    data = _sign_data(asked, name="Iemand Anders", title="koning")
    client.post(reverse("beraad:letter-sign", args=[asked.pk]), data)
    signature = LetterSignature.objects.get()
    assert (signature.name, signature.title) == (chair.full_name, "partijvoorzitter")


def test_signature_keeps_the_sha256_of_the_exact_text_signed(client, asked, chair):
    client.force_login(chair)
    reauthenticate_by_code(client, chair)
    client.post(reverse("beraad:letter-sign", args=[asked.pk]), _sign_data(asked))
    signature = LetterSignature.objects.get()
    assert signature.text_hash == hashlib.sha256(scenario.LETTER.encode()).hexdigest()


def test_letter_changed_after_the_chair_opened_it_is_not_signed(client, asked, chair, admin_member):
    client.force_login(chair)
    reauthenticate_by_code(client, chair)
    data = _sign_data(asked)  # the hash of the text the chair read
    letter_save(panel=asked, actor=admin_member, text=scenario.LETTER + "PS. Nieuwe tekst.")
    response = client.post(reverse("beraad:letter-sign", args=[asked.pk]), data)
    assert response.status_code == 200
    assert not LetterSignature.objects.exists()


def test_member_who_is_not_a_chair_cannot_reach_the_signing_page(client, asked, member_factory):
    client.force_login(member_factory())
    response = client.post(reverse("beraad:letter-sign", args=[asked.pk]), _sign_data(asked))
    assert response.status_code == 404


def test_chair_not_asked_for_this_panel_cannot_reach_the_signing_page(
    client, asked, member_factory
):
    other_chair = member_factory(chair=True)
    client.force_login(other_chair)
    response = client.post(reverse("beraad:letter-sign", args=[asked.pk]), _sign_data(asked))
    assert response.status_code == 404
    assert not LetterSignature.objects.exists()


def test_admin_who_is_not_asked_gets_forbidden(client, asked, admin_member):
    client.force_login(admin_member)
    response = client.get(reverse("beraad:letter-sign", args=[asked.pk]))
    assert response.status_code == 403


def test_asked_member_who_lost_the_chair_role_cannot_sign(asked, chair):
    RoleAssignment.objects.filter(member=chair, role=Role.CHAIR).delete()
    with pytest.raises(ValidationError):
        letter_sign(
            panel=asked,
            chair=chair,
            image=signature_upload(),
            text_sha256=Letter.objects.get(panel=asked).text_hash,
        )
