"""The letter: drafting (admin), signing (chairs) and printing (admin)."""

from dataclasses import dataclass

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from beraad.forms import LetterForm, SignatureForm, SignerForm
from beraad.letters import qr_svg, signature_data_uri
from beraad.permissions import get_managed_panel_for_user, get_panel_to_sign_for_user
from beraad.selectors import invitations_to_print
from beraad.services.letters import (
    invitation_link,
    letter_render,
    letter_save,
    letter_sign,
    letters_printable,
    required_signer_add,
    signature_for_image_token,
    signer_identity,
    valid_signatures,
)
from members.addresses import address_lines
from shared.forms import form_add_errors
from shared.http import login_required_htmx

PRINT_BATCH = 100


@login_required_htmx
def letter_edit(request, pk):
    panel = get_managed_panel_for_user(request.user, pk)
    letter = getattr(panel, "letter", None)
    form = LetterForm(request.POST or None, initial={"text": letter.text if letter else ""})
    if request.method == "POST" and form.is_valid():
        try:
            letter_save(panel=panel, actor=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("De brief is opgeslagen."))
            return redirect("beraad:panel-manage", pk=panel.pk)
    return render(request, "beraad/letter_form.html", {"panel": panel, "form": form})


@login_required_htmx
@require_POST
def signer_add(request, pk):
    panel = get_managed_panel_for_user(request.user, pk)
    form = SignerForm(request.POST)
    if form.is_valid():
        try:
            required_signer_add(panel=panel, actor=request.user, chair=form.cleaned_data["chair"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return redirect("beraad:panel-manage", pk=panel.pk)


def _signatures(panel) -> list[tuple]:
    letter = getattr(panel, "letter", None)
    return [(s, signature_data_uri(s)) for s in valid_signatures(letter)]


@login_required_htmx
def letter_sign_view(request, pk):
    """A required chair reads the letter as invitees will and signs it.

    Who may sign is checked first (404/403), then a fresh login code is asked for."""
    panel = get_panel_to_sign_for_user(request.user, pk)
    return _letter_sign(request, panel)


@reauthentication_required
def _letter_sign(request, panel):
    letter = getattr(panel, "letter", None)
    chair = request.user
    initial = {"text_sha256": letter.text_hash if letter else ""}
    form = SignatureForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and letter and form.is_valid():
        data = form.cleaned_data
        try:
            letter_sign(
                panel=panel,
                chair=chair,
                image=data["image"],
                text_sha256=data["text_sha256"],
                secret_word=data["secret_word"],
            )
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Je hebt de brief ondertekend."))
            return redirect("beraad:letter-sign", pk=panel.pk)
    preview = (
        letter_render(letter.text, name=_("[naam]"), link=_("[persoonlijke link]"))
        if letter
        else ""
    )
    name, title = signer_identity(chair)
    signed = any(s.chair_id == chair.pk for s, _uri in _signatures(panel))
    context = {
        "panel": panel,
        "form": form,
        "preview": preview,
        "signatures": _signatures(panel),
        "signed": signed,
        "signer_name": name,
        "signer_title": title,
        "text_sha256": letter.text_hash if letter else "",
    }
    return render(request, "beraad/letter_sign.html", context)


def signature_image(request, token):
    """A signature's image for the invitation e-mail; the token is signed, and a signature
    voided by a new text is gone (404)."""
    signature = signature_for_image_token(token)
    if signature is None:
        raise Http404
    response = FileResponse(signature.image.open("rb"), content_type=signature.image_type)
    response["Cache-Control"] = "private, max-age=86400"
    return response


@dataclass(frozen=True)
class PrintedLetter:
    address: list[str]
    text: str
    link: str
    qr: str


@login_required_htmx
def letters_print(request, pk):
    """One letter per invitee per A4 page, the address in the envelope's window, with the
    signatures and a QR code; only once the letter is signed by every required chair."""
    panel = get_managed_panel_for_user(request.user, pk)
    if not letters_printable(panel):
        messages.error(
            request,
            _("Brieven afdrukken kan pas als alle gevraagde voorzitters hebben getekend."),
        )
        return redirect("beraad:panel-manage", pk=panel.pk)
    without_email = bool(request.GET.get("zonder-email"))
    invitations = invitations_to_print(panel, only_without_email=without_email)
    label = _("QR-code van je persoonlijke link")
    # In batches: each QR code takes a moment, and a print run of 100 is easy to handle.
    page = Paginator(invitations, PRINT_BATCH).get_page(request.GET.get("pagina"))
    printed = [_printed_letter(panel.letter.text, i, label) for i in page.object_list]
    context = {
        "panel": panel,
        "letters": printed,
        "page": page,
        "signatures": _signatures(panel),
        "without_email": without_email,
    }
    return render(request, "beraad/letters_print.html", context)


def _printed_letter(text: str, invitation, label: str) -> PrintedLetter:
    member = invitation.member
    link = invitation_link(invitation)
    letter = letter_render(text, name=member.full_name, link=link)
    return PrintedLetter(address_lines(member), letter, link, qr_svg(link, label))
