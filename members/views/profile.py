"""The members' parts of "Mijn gegevens": mail preferences, traits, deletion.

The page itself (/mijn-gegevens/, URL name ``my-data``) is the roof's: it shows these
partials next to what the member took part in. The redirects below go back to it.
"""

from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members import permissions
from members.forms import (
    DeletionRequestForm,
    LanguageForm,
    LinksRevokeForm,
    PreferenceForm,
    TraitAnswerForm,
)
from members.models import TraitCategory
from members.selectors import (
    extra_trait_questions,
    mail_preferences,
    profile_context,
)
from members.services.extra_traits import member_trait_answer, member_trait_withdraw
from members.services.language import member_language_set
from members.services.links import member_links_revoke
from members.services.outbox import mail_opt_in, mail_opt_out
from members.services.privacy import member_cancel_deletion, member_request_deletion
from shared.forms import form_add_errors


def _back(request, template: str, context: dict, message: str):
    """htmx gets the updated partial; without JavaScript, back to the page with a message."""
    if request.htmx:
        return render(request, template, {**context, "saved": message})
    messages.success(request, message)
    section = PurePath(template).stem.lstrip("_")  # the partial's root element id
    return redirect(reverse("my-data") + "#" + section)


@require_POST
@permissions.own_data_view
def preference_toggle(request):
    form = PreferenceForm(request.POST)
    if not form.is_valid():
        return redirect("my-data")
    change = mail_opt_in if form.cleaned_data["wanted"] else mail_opt_out
    change(member=request.user, kind=form.cleaned_data["kind"])
    context = {"preferences": mail_preferences(request.user)}
    return _back(request, "members/_preferences.html", context, _("Je voorkeur is opgeslagen."))


@require_POST
@permissions.own_data_view
def language_set(request):
    form = LanguageForm(request.POST)
    if not form.is_valid():
        return redirect("my-data")
    member_language_set(member=request.user, language=form.cleaned_data["language"])
    context = {"preferences": mail_preferences(request.user)}
    return _back(request, "members/_preferences.html", context, _("Je taalkeuze is opgeslagen."))


@require_POST
@permissions.own_data_view
def trait_answer(request, slug):
    category = get_object_or_404(TraitCategory, slug=slug, is_active=True)
    form = TraitAnswerForm(request.POST, category=category)
    if form.is_valid():
        try:
            member_trait_answer(
                member=request.user, option=form.cleaned_data["option"], consent=True
            )
        except ValidationError as error:
            form_add_errors(form, error)
    if not form.is_valid() and request.htmx:
        context = {**profile_context(request.user), "trait_errors": {category.pk: form.errors}}
        return render(request, "members/_traits.html", context)
    if not form.is_valid():  # without JavaScript: back to the page, the error on top
        messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
        return redirect(reverse("my-data") + "#traits")
    context = {"trait_questions": extra_trait_questions(request.user)}
    return _back(request, "members/_traits.html", context, _("Je antwoord is opgeslagen."))


@require_POST
@permissions.own_data_view
def trait_withdraw(request, slug):
    category = get_object_or_404(TraitCategory, slug=slug)
    member_trait_withdraw(member=request.user, category=category)
    context = {"trait_questions": extra_trait_questions(request.user)}
    message = _("Je toestemming is ingetrokken en je antwoord is gewist.")
    return _back(request, "members/_traits.html", context, message)


@permissions.own_data_view
def deletion_request(request):
    """A confirmed step: the member ticks that they understand, then an admin carries it out."""
    form = DeletionRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        member_request_deletion(member=request.user)
        messages.success(request, _("Je verzoek is ontvangen. Een beheerder voert het uit."))
        return redirect("my-data")
    return render(request, "members/deletion_confirm.html", {"form": form})


@require_POST
@permissions.own_data_view
def deletion_cancel(request):
    member_cancel_deletion(member=request.user)
    messages.success(request, _("Je verzoek om je gegevens te verwijderen is ingetrokken."))
    return redirect("my-data")


@permissions.own_data_view
def links_revoke(request):
    """A confirmed step: every personal link the member was ever sent stops working."""
    form = LinksRevokeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        member_links_revoke(member=request.user)
        message = _(
            "Al je persoonlijke links zijn ingetrokken. Nieuwe e-mails krijgen nieuwe links."
        )
        messages.success(request, message)
        return redirect(reverse("my-data") + "#links")
    return render(request, "members/links_revoke_confirm.html", {"form": form})
