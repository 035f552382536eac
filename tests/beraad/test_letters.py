"""Letters: unsendable until every chair signed, unsigned after an edit, sent and printed."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from beraad.demo import sign_letter
from beraad.models import Letter, PanelState
from beraad.services.letters import (
    letter_is_signed,
    letter_save,
    letter_sign,
    panel_send_invitations,
    required_signer_add,
)
from members.models import MailKind, MailOptOut, Member, OutboxMessage
from tests.beraad import scenario
from tests.beraad.factories import signature_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_chairs(member_factory):
    return [member_factory(chair=True), member_factory(chair=True)]


def _sha(panel) -> str:
    return Letter.objects.get(panel=panel).text_hash


def _half_signed(member_factory, admin, chairs):
    panel = scenario.drawn(member_factory, admin)
    letter_save(panel=panel, actor=admin, text=scenario.LETTER)
    for chair in chairs:
        required_signer_add(panel=panel, actor=admin, chair=chair)
    letter_sign(panel=panel, chair=chairs[0], image=signature_upload(), text_sha256=_sha(panel))
    panel.refresh_from_db()
    return panel


def test_letter_is_not_signed_until_every_required_chair_signed(
    member_factory, admin_member, two_chairs
):
    panel = _half_signed(member_factory, admin_member, two_chairs)
    assert not letter_is_signed(panel)
    assert panel.state == PanelState.INVITATIONS_DRAWN


def test_invitations_cannot_be_sent_before_every_signature(
    member_factory, admin_member, two_chairs
):
    panel = _half_signed(member_factory, admin_member, two_chairs)
    with pytest.raises(ValidationError):
        panel_send_invitations(panel=panel, actor=admin_member)


def test_last_signature_makes_the_letter_signed(member_factory, admin_member, two_chairs):
    panel = scenario.signed(member_factory, admin_member, two_chairs)
    assert panel.state == PanelState.LETTER_SIGNED


def test_editing_the_text_voids_the_signatures(member_factory, admin_member, two_chairs):
    panel = scenario.signed(member_factory, admin_member, two_chairs)
    letter_save(panel=panel, actor=admin_member, text=scenario.LETTER + "PS.")
    panel.refresh_from_db()
    assert not letter_is_signed(panel)
    assert panel.state == PanelState.INVITATIONS_DRAWN


def test_saving_the_same_text_keeps_the_signatures(member_factory, admin_member, two_chairs):
    panel = scenario.signed(member_factory, admin_member, two_chairs)
    letter_save(panel=panel, actor=admin_member, text=scenario.LETTER)
    assert letter_is_signed(panel)


def test_chair_who_was_not_asked_cannot_sign(member_factory, admin_member, two_chairs):
    panel = _half_signed(member_factory, admin_member, two_chairs[:1])
    with pytest.raises(ValidationError):
        letter_sign(
            panel=panel, chair=two_chairs[1], image=signature_upload(), text_sha256=_sha(panel)
        )


def test_signature_must_be_png_or_jpeg(member_factory, admin_member, two_chairs):
    panel = _half_signed(member_factory, admin_member, two_chairs)
    with pytest.raises(ValidationError):
        letter_sign(
            panel=panel,
            chair=two_chairs[1],
            image=signature_upload("GIF", "h.gif"),
            text_sha256=_sha(panel),
        )


def test_signature_larger_than_one_megabyte_is_refused(member_factory, admin_member, two_chairs):
    panel = _half_signed(member_factory, admin_member, two_chairs)
    image = signature_upload()
    image.size = 1024 * 1024 + 1
    with pytest.raises(ValidationError):
        letter_sign(panel=panel, chair=two_chairs[1], image=image, text_sha256=_sha(panel))


def test_a_signature_image_is_stored_under_a_random_name_of_its_real_type(
    member_factory, admin_member, two_chairs
):
    panel = _half_signed(member_factory, admin_member, two_chairs)
    letter_sign(
        panel=panel,
        chair=two_chairs[1],
        image=signature_upload("JPEG", "Handtekening Jan de Vries.html"),
        text_sha256=_sha(panel),
    )
    stored = Letter.objects.get(panel=panel).signatures.get(chair=two_chairs[1]).image.name
    assert "Vries" not in stored and stored.endswith(".jpg")


def test_sending_mails_every_invitee_a_personal_link(
    member_factory, admin_member, chair, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        panel = scenario.sent(member_factory, admin_member, chair)
    messages = OutboxMessage.objects.filter(kind=MailKind.PANEL_INVITATION)
    assert messages.count() == panel.invitations.count()
    assert all(
        "/beraad/uitnodiging/" in sent.body
        for sent in mail.outbox
        if sent.to[0] in {m.to_email for m in messages}
    )


def test_printed_letters_have_signatures_and_a_qr_code(client, member_factory, admin_member, chair):
    panel = scenario.sent(member_factory, admin_member, chair)
    client.force_login(admin_member)
    response = client.get(reverse("beraad:letters-print", args=[panel.pk]))
    html = response.content.decode()
    assert html.count('class="printed-letter"') == panel.invitations.count()
    assert html.count("<svg") == panel.invitations.count()
    assert "data:image/png;base64," in html
    assert "style=" not in html


def test_chair_finds_the_letters_still_to_sign_on_the_panel_list(
    client, member_factory, admin_member, two_chairs
):
    panel = _half_signed(member_factory, admin_member, two_chairs)
    sign_url = reverse("beraad:letter-sign", args=[panel.pk])
    pages = {}
    for chair in two_chairs:
        client.force_login(chair)
        pages[chair] = client.get(reverse("beraad:panel-list")).content.decode()
    assert sign_url not in pages[two_chairs[0]]
    assert sign_url in pages[two_chairs[1]]


def test_invitation_mail_says_whether_the_panel_decides_or_advises(
    member_factory, admin_member, chair
):
    panel = scenario.drawn(member_factory, admin_member, purpose="binding")
    sign_letter(panel, admin_member, [chair], scenario.LETTER)
    panel_send_invitations(panel=panel, actor=admin_member)
    message = OutboxMessage.objects.filter(kind=MailKind.PANEL_INVITATION).first()
    assert "Soort beraad: Bindend besluit" in message.content.text_body


def test_each_chair_asked_to_sign_gets_a_link_once_per_text(
    member_factory, admin_member, two_chairs
):
    panel = _half_signed(member_factory, admin_member, two_chairs)
    requests = OutboxMessage.objects.filter(kind=MailKind.PANEL_NEWS)
    assert sorted(requests.values_list("to_email", flat=True)) == sorted(
        chair.email for chair in two_chairs
    )
    assert f"/beraad/{panel.pk}/brief/ondertekenen/" in requests.first().content.text_body
    letter_save(panel=panel, actor=admin_member, text=scenario.LETTER)  # same text: no news
    assert requests.count() == 2
    letter_save(panel=panel, actor=admin_member, text=scenario.LETTER + "Groet.")
    assert requests.count() == 4


def test_paper_letters_are_for_invitees_the_email_misses(
    client, member_factory, admin_member, chair
):
    panel = scenario.sent(member_factory, admin_member, chair)
    no_address, paper, *others = [i.member for i in panel.invitations.order_by("pk")]
    Member.objects.filter(pk=no_address.pk).update(email=None)
    Member.objects.filter(pk=paper.pk).update(first_name="Papier", last_name="Voorkeur")
    Member.objects.filter(pk=others[0].pk).update(first_name="Mail", last_name="Lezer")
    MailOptOut.objects.create(member=paper, kind=MailKind.PANEL_INVITATION)
    client.force_login(admin_member)
    url = reverse("beraad:letters-print", args=[panel.pk]) + "?zonder-email=1"
    html = client.get(url).content.decode()
    assert html.count('class="printed-letter"') == 2
    assert "Papier Voorkeur" in html and "Mail Lezer" not in html
