"""Finding, reading, starting and closing conversations."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forum import permissions, selectors
from forum.forms import ContributionForm, ConversationForm, SummaryForm
from forum.participation import participation
from forum.services import conversations as services
from forum.views.helpers import back_to
from members.models import Branch
from members.permissions import is_admin
from shared.forms import form_add_errors
from shared.http import login_required_htmx

PAGE_SIZE = 20


@login_required_htmx
def conversation_list(request):
    if not permissions.can_use_forum(request.user):
        raise PermissionDenied
    conversations = selectors.conversations_for_user(request.user)
    context = {
        "page": Paginator(conversations, PAGE_SIZE).get_page(request.GET.get("pagina")),
        "can_start": permissions.can_start_conversation(request.user),
        "expert": permissions.expert_of(request.user),
    }
    return render(request, "forum/conversation_list.html", context)


def detail_context(request, conversation, form=None, warning=False) -> dict:
    user = request.user
    ordering = request.GET.get("volgorde")
    ordering = ordering if ordering in selectors.ORDERINGS else "nieuw"
    contributions = selectors.contributions_page_queryset(conversation, ordering)
    can_take_part = permissions.can_take_part(user, conversation)
    texts = selectors.texts_by_person(conversation)
    warning = warning or (can_take_part and selectors.dominates(conversation, user, texts))
    return {
        "conversation": conversation,
        "page": Paginator(contributions, PAGE_SIZE).get_page(request.GET.get("pagina")),
        "ordering": ordering,
        "orderings": [
            ("nieuw", _("nieuwste eerst")),
            ("nieuwe-stemmen", _("nieuwe stemmen eerst")),
            ("meeste-reacties", _("meeste reacties")),
        ],
        "figures": participation(texts),
        "can_take_part": can_take_part,
        "can_moderate": permissions.can_moderate(user, conversation),
        "can_organise": permissions.can_organise_conversation(user, conversation),
        # Whoever saw the warning on the page posts with one click.
        "form": form or ContributionForm(initial={"despite_warning": warning}),
        "dominance_warning": warning,
        "experts": conversation.experts.filter(confirmed_at__isnull=False),
        "opens_later": conversation.opens_at > timezone.now(),
        "documents": conversation.documents.all(),
    }


@login_required_htmx
def conversation_detail(request, pk):
    conversation = permissions.get_conversation_for_user(request.user, pk)
    context = detail_context(request, conversation)
    if request.htmx:
        return render(request, "forum/conversation_detail.html#contributions", context)
    return render(request, "forum/conversation_detail.html", context)


def _branches_for(user):
    branch_ids = None if is_admin(user) else user.organised_branch_ids
    branches = Branch.objects.all()
    return branches if branch_ids is None else branches.filter(pk__in=branch_ids)


def _save(request, conversation=None):
    initial = {}
    if conversation is not None:
        initial["moderator_emails"] = "\n".join(
            conversation.moderators.values_list("email", flat=True)
        )
    form = ConversationForm(
        request.POST or None,
        instance=conversation,
        branches=_branches_for(request.user),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                saved = services.conversation_save(conversation=form.instance, actor=request.user)
                services.conversation_set_moderators(
                    conversation=saved, emails=form.moderator_email_list()
                )
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Het gesprek is opgeslagen."))
            return back_to(saved)
    return render(
        request, "forum/conversation_form.html", {"form": form, "conversation": conversation}
    )


@login_required_htmx
def conversation_new(request):
    if not permissions.can_start_conversation(request.user):
        raise PermissionDenied
    return _save(request)


@login_required_htmx
def conversation_edit(request, pk):
    conversation = permissions.get_conversation_to_organise(request.user, pk)
    return _save(request, conversation)


@require_POST
@login_required_htmx
def conversation_transition(request, pk, action):
    conversation = permissions.get_conversation_to_organise(request.user, pk)
    step = {
        "openen": services.conversation_open,
        "niet-vanzelf-openen": services.conversation_unschedule,
        "sluiten": services.conversation_close,
    }.get(action)
    if step is None:
        raise PermissionDenied
    try:
        step(conversation=conversation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _transition_done(conversation))
    return back_to(conversation)


def _transition_done(conversation) -> str:
    if conversation.state == services.State.DRAFT and conversation.open_scheduled:
        when = formats.date_format(timezone.localtime(conversation.opens_at), "DATETIME_FORMAT")
        return _(
            "Gepland: het gesprek gaat vanzelf open op %(when)s en nodigt dan het publiek uit."
        ) % {"when": when}
    return _("Het gesprek is bijgewerkt.")


@login_required_htmx
def conversation_summary(request, pk):
    conversation = permissions.get_conversation_to_moderate(request.user, pk)
    if not permissions.can_summarise(request.user, conversation):
        raise PermissionDenied
    state = selectors.opinion_map_of(conversation)
    consensus = selectors.consensus_texts(conversation, state)
    initial = {"summary": conversation.summary, "disagreements": conversation.disagreements}
    form = SummaryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.conversation_summarise(
                conversation=conversation, consensus=consensus, **form.cleaned_data
            )
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("De samenvatting is gepubliceerd."))
            return back_to(conversation)
    context = {"conversation": conversation, "form": form, "consensus": consensus}
    return render(request, "forum/summary_form.html", context)


@login_required_htmx
def audit_log(request, pk):
    conversation = permissions.get_conversation_to_moderate(request.user, pk)
    actions = selectors.audit_actions(conversation)
    context = {
        "conversation": conversation,
        "page": Paginator(actions, 50).get_page(request.GET.get("pagina")),
        "reports": selectors.open_reports(conversation),
    }
    return render(request, "forum/moderation.html", context)
