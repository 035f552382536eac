"""The letter: drafting (admin), signing (chairs) and printing (admin)."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
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
    required_signer_add,
    valid_signatures,
)

PRINT_BATCH = 100


@login_required
def letter_edit(request, pk):
    panel = get_managed_panel_for_user(request.user, pk)
    letter = getattr(panel, "letter", None)
    form = LetterForm(request.POST or None, initial={"text": letter.text if letter else ""})
    if request.method == "POST" and form.is_valid():
        try:
            letter_save(panel=panel, actor=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, _("De brief is opgeslagen."))
            return redirect("beraad:panel-manage", pk=panel.pk)
    return render(request, "beraad/letter_form.html", {"panel": panel, "form": form})


@login_required
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


@login_required
def letter_sign_view(request, pk):
    """A required chair reads the letter as invitees will and signs it."""
    panel = get_panel_to_sign_for_user(request.user, pk)
    letter = getattr(panel, "letter", None)
    chair = request.user
    initial = {"name": chair.full_name, "title": _role_title(chair)}
    form = SignatureForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and letter and form.is_valid():
        data = form.cleaned_data
        try:
            letter_sign(
                panel=panel,
                chair=chair,
                name=data["name"],
                title=data["title"],
                image=data["image"],
                secret_word=data["secret_word"],
            )
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, _("Je hebt de brief ondertekend."))
            return redirect("beraad:letter-sign", pk=panel.pk)
    preview = (
        letter_render(letter.text, name=_("[naam]"), link=_("[persoonlijke link]"))
        if letter
        else ""
    )
    signed = any(s.chair_id == chair.pk for s, _uri in _signatures(panel))
    context = {
        "panel": panel,
        "form": form,
        "preview": preview,
        "signatures": _signatures(panel),
        "signed": signed,
    }
    return render(request, "beraad/letter_sign.html", context)


def _role_title(member) -> str:
    return next((r.title for r in member.roles.all() if r.title), "")


@dataclass(frozen=True)
class PrintedLetter:
    name: str
    postcode: str
    text: str
    link: str
    qr: str


@login_required
def letters_print(request, pk):
    """One letter per invitee per printed page, with the signatures and a QR code."""
    panel = get_managed_panel_for_user(request.user, pk)
    without_email = bool(request.GET.get("zonder-email"))
    invitations = invitations_to_print(panel, only_without_email=without_email)
    text = panel.letter.text if hasattr(panel, "letter") else ""
    label = _("QR-code van je persoonlijke link")
    # In batches: each QR code takes a moment, and a print run of 100 is easy to handle.
    page = Paginator(invitations, PRINT_BATCH).get_page(request.GET.get("pagina"))
    printed = []
    for invitation in page.object_list:
        member = invitation.member
        link = invitation_link(invitation)
        letter = letter_render(text, name=member.full_name, link=link)
        printed.append(
            PrintedLetter(member.full_name, member.postcode, letter, link, qr_svg(link, label))
        )
    context = {
        "panel": panel,
        "letters": printed,
        "page": page,
        "signatures": _signatures(panel),
        "without_email": without_email,
    }
    return render(request, "beraad/letters_print.html", context)
