"""The chairs' part in the draw: revealing the secret word behind their commitment."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from beraad.forms import SecretWordForm
from beraad.permissions import get_panel_to_sign_for_user
from beraad.services.procedure import commitments, signature_reveal
from shared.forms import form_add_errors
from shared.http import login_required_htmx


@login_required_htmx
def reveal(request, pk):
    """A chair who signed types their secret word; it must match the published SHA-256."""
    panel = get_panel_to_sign_for_user(request.user, pk)
    signature = next((s for s in commitments(panel) if s.chair_id == request.user.pk), None)
    form = SecretWordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            signature_reveal(
                panel=panel, chair=request.user, secret_word=form.cleaned_data["secret_word"]
            )
        except ValidationError as error:
            form_add_errors(form, error, field="secret_word")
        else:
            messages.success(request, _("Je geheime woord is onthuld."))
            return redirect("beraad:reveal", pk=panel.pk)
    context = {"panel": panel, "signature": signature, "form": form}
    return render(request, "beraad/reveal.html", context)
