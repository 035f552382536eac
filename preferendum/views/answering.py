"""Answering: the round page (one ordinary form), per-statement htmx saves, opt-in.

Every view works for a signed-in member and for a personal link (`token`), which
answers its own round only and never logs anyone in.
"""

from functools import lru_cache, wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.backends import preloaded_member, session_member_id
from preferendum import selectors, services, tokens
from preferendum.forms import AnswerForm, FollowUpForm, answer_choices, answer_cleaned
from preferendum.models import FollowUpOptIn, Round, Statement
from preferendum.permissions import (
    can_answer_round,
    get_answerable_round,
    get_answering_member,
    get_answering_round,
    member_or_link_required,
)
from shared.forms import form_add_errors


def _url(name: str, round_: Round, token: str | None, *args) -> str:
    if token:
        return reverse(f"preferendum:token-{name}", args=[round_.pk, token, *args])
    return reverse(f"preferendum:{name}", args=[round_.pk, *args])


def _item(statement: Statement, answer, previous, token, form=None) -> dict:
    """One statement with its answer fields; `form` only to show a bound form's errors."""
    prefix = f"s{statement.pk}"
    if form is None:
        value, comment = (answer.value, answer.comment) if answer else (None, "")
    else:
        value, comment = form["value"].value(), form["comment"].value() or ""
    return {
        "statement": statement,
        "answer": answer,
        "previous": previous,
        "form": form,
        "value_name": f"{prefix}-value",
        "choices": answer_choices(prefix, value),
        "comment_name": f"{prefix}-comment",
        "comment_label": AnswerForm.base_fields["comment"].label,
        "comment": comment,
        "action": _url("answer", statement.round, token, statement.pk),
    }


def _page_context(round_: Round, member, token: str | None, forms: dict | None = None) -> dict:
    forms = forms or {}
    statements = list(round_.statements.order_by("position", "pk"))
    if token:
        # A personal link opens its own round only: "last time" is for the signed-in member.
        answers, previous = selectors.answers_of(member, round_), {}
    else:
        answers, previous = selectors.own_answers(member, statements)
    items = [
        _item(s, answers.get(s.pk), previous.get(s.pk), token, forms.get(s.pk)) for s in statements
    ]
    opted_in = FollowUpOptIn.objects.filter(round=round_, member=member).exists()
    return {
        "round": round_,
        "items": items,
        "answered": len(answers),
        "total": len(statements),
        "can_answer": can_answer_round(member, round_),
        "token": token,
        "save_all_url": _url("answer-all", round_, token),
        "follow_up_url": _url("follow-up", round_, token),
        "follow_up_form": FollowUpForm(initial={"follow_up": opted_in}),
    }


@member_or_link_required
def round_detail(request, pk: int, token: str | None = None):
    round_, member = get_answering_round(request.user, pk, token)
    if token and not can_answer_round(member, round_):
        return render(request, "preferendum/link_expired.html", {"round": round_}, status=410)
    return render(request, "preferendum/round_detail.html", _page_context(round_, member, token))


def _answer_target_read_first(view):
    """Reads what saving needs before anything reads ``request.user``, for the member the
    link or the (not yet verified) session names; Django then verifies the session against
    the member row of that read (members.backends.preloaded_member): one query fewer on the
    hottest path. A decorator above this one that touches ``request.user`` would undo it
    (test_saving_an_answer_takes_two_queries)."""

    @wraps(view)
    def wrapper(request, pk: int, statement_pk: int, token: str | None = None):
        member_id = tokens.member_id_from_token(token) if token else session_member_id(request)
        target = selectors.answer_target(member_id, pk, statement_pk) if member_id else None
        # A link is verified against the member row just read: no query of its own.
        if token and target and not tokens.token_opens(pk, token, target.member):
            target = None
        with preloaded_member(target.member if target else None):
            return view(request, pk, statement_pk, token=token, target=target)

    return wrapper


@require_POST
@_answer_target_read_first
@member_or_link_required
def answer(request, pk: int, statement_pk: int, token: str | None = None, *, target):
    """Save one statement's answer: the htmx path of the round page."""
    member = get_answering_member(request.user, target, via_link=bool(token))
    statement = target.statement
    form = _save_or_form(request.POST, statement, member, target.province)
    saved = form is None
    if not request.htmx:
        if not saved:
            messages.error(request, _("Je antwoord is niet opgeslagen: kies een antwoord."))
        return redirect(_url("round-detail", statement.round, token) + f"#statement-{statement.pk}")
    # Only the statement's status is swapped: the member's choice is already on screen.
    if saved:
        progress = (target.answered_after_saving(), target.total)
        status = _saved_status(get_language(), statement.pk, statement.position, *progress)
        return HttpResponse(status)
    context = {
        "item": {"statement": statement, "form": form},
        "answered": target.answered,
        "total": target.total,
        "oob": True,
    }
    return HttpResponse(render_to_string("preferendum/_answer_status.html", context))


@lru_cache(maxsize=4096)
def _saved_status(language: str, pk: int, position: int, answered: int, total: int) -> str:
    """The status after a save: the same HTML for everyone at the same progress, so each
    process renders it once per language (a template changes only with a restart). Kept
    because rendering costs about 0.1 ms, some 5 % of a save's CPU (docs/performance.md)."""
    context = {
        "item": {"statement": Statement(pk=pk, position=position)},
        "saved": True,
        "answered": answered,
        "total": total,
        "oob": True,
    }
    # Rendered without the request: a fragment needs no navigation or other page context.
    return render_to_string("preferendum/_answer_status.html", context)


def _save_or_form(data, statement: Statement, member, province: str) -> AnswerForm | None:
    """Save one statement's answer from the posted data: None when saved, else the bound
    form with what is wrong. The form is only built then (forms.answer_cleaned)."""
    prefix = f"s{statement.pk}"
    cleaned = answer_cleaned(data, prefix)
    if cleaned is None:
        form = AnswerForm(data, prefix=prefix)
        form.is_valid()  # invalid too: the same fields' rules
        return form
    try:
        services.answer_save(statement=statement, member=member, province=province, **cleaned)
    except ValidationError as error:
        form = AnswerForm(data, prefix=prefix)
        form.is_valid()
        form_add_errors(form, error)
        return form
    return None


def _save(form: AnswerForm, statement: Statement, member, province=None):
    """The saved answer, or None with the service's error added to the form."""
    try:
        return services.answer_save(
            statement=statement, member=member, province=province, **form.cleaned_data
        )
    except ValidationError as error:
        form_add_errors(form, error)
        return None


@require_POST
@member_or_link_required
def answer_all(request, pk: int, token: str | None = None):
    """The whole page as one ordinary form (without JavaScript)."""
    round_, member = get_answerable_round(request.user, pk, token)
    statements = list(round_.statements.order_by("position", "pk"))
    forms = {s.pk: AnswerForm(request.POST, prefix=f"s{s.pk}") for s in statements}
    answered = [s for s in statements if forms[s.pk].has_answer()]
    if not all([forms[s.pk].is_valid() and _save(forms[s.pk], s, member) for s in answered]):
        context = _page_context(round_, member, token, forms)
        return render(request, "preferendum/round_detail.html", context, status=400)
    follow_up = FollowUpForm(request.POST)
    if "follow_up_present" in request.POST and follow_up.is_valid():
        services.follow_up_set(
            round_=round_, member=member, wanted=follow_up.cleaned_data["follow_up"]
        )
    messages.success(request, _("Je antwoorden zijn opgeslagen."))
    return redirect(_url("round-detail", round_, token))


@require_POST
@member_or_link_required
def follow_up(request, pk: int, token: str | None = None):
    round_, member = get_answerable_round(request.user, pk, token)
    form = FollowUpForm(request.POST)
    form.is_valid()
    wanted = services.follow_up_set(
        round_=round_, member=member, wanted=form.cleaned_data.get("follow_up", False)
    )
    if not request.htmx:
        messages.success(request, _("Je keuze is opgeslagen."))
        return redirect(_url("round-detail", round_, token))
    context = {
        "follow_up_form": FollowUpForm(initial={"follow_up": wanted}),
        "follow_up_url": _url("follow-up", round_, token),
        "saved": True,
    }
    return render(request, "preferendum/_follow_up.html", context)
