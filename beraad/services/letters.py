"""The invitation letter: drafting, signing by the chairs, and sending."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from beraad.models import Invitation, Letter, LetterSignature, Panel, PanelState, RequiredSigner
from beraad.services.audit import audit_record
from beraad.services.panels import panel_require_state, panel_transition
from beraad.services.procedure import panel_announce_draw, signature_commit
from members.models import MailKind, Member, Role
from members.services.outbox import PersonalLink, outbox_enqueue_many
from shared.links import BadLink, link_member_id, link_object, link_token, link_verify

INVITATION_SALT = "panel-invitation"  # the purpose of the personal link
SIGNATURE_IMAGE_PURPOSE = "signature-image"  # the purpose of the image's signed link
MAX_SIGNATURE_BYTES = 1024 * 1024
SIGNATURE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}
MERGE_FIELD = re.compile(r"\{\{\s*(naam|link)\s*\}\}")
BEFORE_SENDING = (PanelState.CONCEPT, PanelState.INVITATIONS_DRAWN, PanelState.LETTER_SIGNED)


def invitation_link(invitation: Invitation) -> str:
    """The invitee's personal link (shared.links): this invitation only, revocable by them."""
    member = invitation.member
    token = link_token(
        purpose=INVITATION_SALT, member_id=member.pk, key=member.link_key, obj=invitation.pk
    )
    return settings.SITE_URL + reverse("beraad:invitation-respond", args=[token])


def letter_render(text: str, *, name: str, link: str) -> str:
    """Fill in the merge fields {{ naam }} and {{ link }} (nothing else is interpreted)."""
    return MERGE_FIELD.sub(lambda m: name if m.group(1) == "naam" else link, text)


def valid_signatures(letter: Letter | None) -> list[LetterSignature]:
    if letter is None:
        return []
    return [
        s
        for s in letter.signatures.all()
        if s.voided_at is None and s.text_hash == letter.text_hash
    ]


def missing_signers(panel: Panel) -> list[Member]:
    letter = getattr(panel, "letter", None)
    signed = {s.chair_id for s in valid_signatures(letter)}
    required = panel.required_signers.select_related("chair")
    return [r.chair for r in required if r.chair_id not in signed]


def letter_is_signed(panel: Panel) -> bool:
    has_letter = hasattr(panel, "letter")
    return has_letter and panel.required_signers.exists() and not missing_signers(panel)


PRINTABLE_STATES = (PanelState.LETTER_SIGNED, PanelState.INVITATIONS_SENT)


def letters_printable(panel: Panel) -> bool:
    """Letters go on paper only once every required chair signed this text and the panel is
    ready to send (or sent): never a letter without its signatures."""
    return panel.state in PRINTABLE_STATES and letter_is_signed(panel)


def _ask_chairs_to_sign(panel: Panel) -> int:
    """Mail every required chair who has not signed the current text a link to sign it.

    Keyed by the text's hash: each chair hears once per version of the letter.
    """
    letter = Letter.objects.filter(panel=panel).first()  # not panel.letter: it may be stale
    if letter is None:
        return 0
    signed = {s.chair_id for s in valid_signatures(letter)}
    chairs = [r.chair for r in panel.required_signers.select_related("chair")]
    link = settings.SITE_URL + reverse("beraad:letter-sign", args=[panel.pk])
    return outbox_enqueue_many(
        kind=MailKind.PANEL_NEWS,
        key=f"panel:{panel.pk}:sign:{letter.text_hash[:16]}",
        template="beraad/email/sign_request",
        recipients=[chair for chair in chairs if chair.pk not in signed],
        context={"panel": panel, "link": link},
    )


@transaction.atomic
def letter_save(*, panel: Panel, actor, text: str) -> Letter:
    """Save the draft; a changed text voids every signature and undoes ‘letter signed’.

    The chairs asked to sign hear about each new text by e-mail."""
    panel_require_state(panel, *BEFORE_SENDING)
    letter, created = Letter.objects.get_or_create(panel=panel, defaults={"text": text})
    if not created and letter.text != text:
        letter.text = text
        letter.updated_at = timezone.now()
        letter.full_clean()
        letter.save(update_fields=["text", "updated_at"])
        voided = letter.signatures.filter(voided_at__isnull=True).update(voided_at=timezone.now())
        if panel.state == PanelState.LETTER_SIGNED:
            panel_transition(panel=panel, actor=actor, to=PanelState.INVITATIONS_DRAWN)
        audit_record(
            panel=panel, actor=actor, action="signatures_voided", details={"count": voided}
        )
    audit_record(
        panel=panel, actor=actor, action="letter_saved", details={"sha256": letter.text_hash}
    )
    _ask_chairs_to_sign(panel)
    return letter


@transaction.atomic
def required_signer_add(*, panel: Panel, actor, chair: Member) -> RequiredSigner:
    panel_require_state(panel, *BEFORE_SENDING)
    if not chair.is_chair:
        raise ValidationError(_("Alleen een partijvoorzitter kan de brief ondertekenen."))
    signer, _created = RequiredSigner.objects.get_or_create(panel=panel, chair=chair)
    audit_record(panel=panel, actor=actor, action="signer_added", details={"chair": chair.pk})
    if panel.state == PanelState.LETTER_SIGNED and not letter_is_signed(panel):
        panel_transition(panel=panel, actor=actor, to=PanelState.INVITATIONS_DRAWN)
    _ask_chairs_to_sign(panel)
    return signer


def signature_image_type(image) -> str:
    """The MIME type of an uploaded PNG or JPEG of at most 1 MB, checked with Pillow."""
    if image.size > MAX_SIGNATURE_BYTES:
        raise ValidationError(_("De afbeelding is groter dan 1 MB."))
    try:
        with Image.open(image) as picture:
            picture.verify()
            kind = picture.format
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise ValidationError(_("Dit is geen afbeelding.")) from error
    finally:
        image.seek(0)
    if kind not in SIGNATURE_TYPES:
        raise ValidationError(_("Upload een PNG- of JPEG-afbeelding."))
    return SIGNATURE_TYPES[kind]


def signer_identity(chair: Member) -> tuple[str, str]:
    """The name and title a signature carries: the account's name and its chair role's
    title (or the role itself), never typed text."""
    role = chair.roles.filter(role=Role.CHAIR, branch__isnull=True).first()
    with translation.override("nl"):
        title = (role.title if role else "") or capfirst(str(Role.CHAIR.label))
    return chair.full_name, title


def _require_required_chair(panel: Panel, chair: Member) -> None:
    """Only a current chair-role holder whom this panel asked to sign may sign."""
    holds_role = chair.roles.filter(role=Role.CHAIR).exists()
    if not holds_role or not panel.required_signers.filter(chair=chair).exists():
        raise ValidationError(_("Jouw handtekening is voor deze brief niet gevraagd."))


def _require_text_seen(letter: Letter, text_sha256: str) -> None:
    """The chair signs the text they read: a letter edited meanwhile is not signed blind."""
    if text_sha256 != letter.text_hash:
        raise ValidationError(
            _("De brief is gewijzigd nadat je hem opende. Lees de nieuwe tekst en teken opnieuw.")
        )


@transaction.atomic
def letter_sign(
    *, panel: Panel, chair: Member, image, text_sha256: str, secret_word: str = ""
) -> LetterSignature:
    """A required chair signs the text they read (by its SHA-256); the last signature makes
    the letter signed. The view asks for a fresh login code first.

    The signature carries the chair's commitment to the seed (beraad.services.procedure);
    without a secret word the invitations cannot be sent, as the draw cannot be announced."""
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    panel_require_state(panel, *BEFORE_SENDING)
    _require_required_chair(panel, chair)
    letter = panel.letter
    _require_text_seen(letter, text_sha256)
    image_type = signature_image_type(image)
    name, title = signer_identity(chair)
    letter.signatures.filter(chair=chair, voided_at__isnull=True).update(voided_at=timezone.now())
    signature = LetterSignature(
        letter=letter,
        chair=chair,
        name=name,
        title=title,
        image=image,
        image_type=image_type,
        text_hash=letter.text_hash,
    )
    if secret_word:
        signature_commit(signature=signature, secret_word=secret_word)
    signature.full_clean()
    signature.save()
    details = {"name": name, "title": title, "text_sha256": letter.text_hash}
    details["commitment"] = signature.commitment
    audit_record(panel=panel, actor=chair, action="letter_signature", details=details)
    if panel.state == PanelState.INVITATIONS_DRAWN and letter_is_signed(panel):
        panel_transition(panel=panel, actor=chair, to=PanelState.LETTER_SIGNED, details=details)
    return signature


@transaction.atomic
def panel_mark_letter_signed(*, panel: Panel, actor) -> Panel:
    """For a letter signed before the draw: record that every signature is there."""
    panel_require_state(panel, PanelState.INVITATIONS_DRAWN)
    if not letter_is_signed(panel):
        raise ValidationError(_("Nog niet alle voorzitters hebben de brief ondertekend."))
    return panel_transition(
        panel=panel, actor=actor, to=PanelState.LETTER_SIGNED, inputs=panel.letter.text
    )


def signature_image_url(signature: LetterSignature) -> str:
    """A signed, unguessable address of the image, for the e-mail's HTML part: one image on
    the server instead of a copy in every stored message.

    The link is bound to the signing chair's key and to this signature, and has no expiry:
    a mail client fetches the image each time the invitation is opened, which can be weeks
    after sending (answering stays open as long as the panel takes invitations, and people
    reread the mail later), so a time limit would only blank the signature in mails people
    keep. It ends instead when the signature is voided by a new text, and the chair can
    revoke every such link by renewing their personal-link key."""
    token = link_token(
        purpose=SIGNATURE_IMAGE_PURPOSE,
        member_id=signature.chair_id,
        key=signature.chair.link_key,
        obj=signature.pk,
    )
    return settings.SITE_URL + reverse("beraad:signature-image", args=[token])


def signature_for_image_token(token: str) -> LetterSignature | None:
    """The signature behind an image address, while it is valid for the current text."""
    pk = link_object(token)
    signatures = LetterSignature.objects.select_related("letter", "chair")
    signature = signatures.filter(pk=pk).first() if pk and pk.isdigit() else None
    if signature is None or link_member_id(token) != signature.chair_id:
        return None
    try:
        link_verify(
            token, purpose=SIGNATURE_IMAGE_PURPOSE, key=signature.chair.link_key, obj=signature.pk
        )
    except BadLink:
        return None
    return signature if signature in valid_signatures(signature.letter) else None


def letter_signers(panel: Panel) -> list[dict]:
    """Who signed the letter, as the mail shows them: name, title and the image's address."""
    return [
        {"name": s.name, "title": s.title, "image_url": signature_image_url(s)}
        for s in valid_signatures(panel.letter)
    ]


def _mail_context(panel: Panel, invitations: dict[int, Invitation]):
    text = panel.letter.text
    signers = letter_signers(panel)

    def context_for(member: Member) -> dict:
        # The personal link is minted when the mail is sent; the letter holds its placeholder.
        link = PersonalLink(
            "beraad:invitation-respond", purpose=INVITATION_SALT, obj=invitations[member.pk].pk
        )
        letter = letter_render(text, name=member.full_name, link=str(link))
        return {"panel": panel, "letter": letter, "link": link, "signers": signers}

    return context_for


@transaction.atomic
def panel_send_invitations(*, panel: Panel, actor) -> Panel:
    """E-mail every invitee their letter with a personal link (printed letters: see views)."""
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    panel_require_state(panel, PanelState.LETTER_SIGNED)
    if not letter_is_signed(panel):
        raise ValidationError(_("Nog niet alle voorzitters hebben de brief ondertekend."))
    panel_announce_draw(panel=panel, actor=actor)
    invitations = {i.member_id: i for i in panel.invitations.select_related("member")}
    sent = outbox_enqueue_many(
        kind=MailKind.PANEL_INVITATION,
        key=f"panel:{panel.pk}:invitation",
        template="beraad/email/invitation",
        recipients=[i.member for i in invitations.values()],
        context_for=_mail_context(panel, invitations),
    )
    details = {"invitations": len(invitations), "emails": sent}
    return panel_transition(
        panel=panel,
        actor=actor,
        to=PanelState.INVITATIONS_SENT,
        details=details,
        inputs={"letter_sha256": panel.letter.text_hash, "invitations": sorted(invitations)},
    )


@transaction.atomic
def panel_send_reminder(*, panel: Panel, actor=None) -> int:
    """Remind invitees who have not answered; the outbox key makes this once per person."""
    panel_require_state(panel, PanelState.INVITATIONS_SENT)
    invitations = {
        i.member_id: i
        for i in panel.invitations.filter(status=Invitation.Status.INVITED).select_related("member")
    }
    sent = outbox_enqueue_many(
        kind=MailKind.PANEL_REMINDER,
        key=f"panel:{panel.pk}:reminder",
        template="beraad/email/reminder",
        recipients=[i.member for i in invitations.values()],
        context_for=_mail_context(panel, invitations),
    )
    if sent or actor:
        audit_record(panel=panel, actor=actor, action="reminder_sent", details={"emails": sent})
    return sent
