from django.core.paginator import Paginator
from django.shortcuts import render

from ledendemocratie import processes
from ledendemocratie.feedback import permissions, selectors

PER_PAGE = 10


def overview(request):
    """ "Wat deden we met jullie inbreng?": published feedback, newest first."""
    kind = request.GET.get("soort", "")
    topic = request.GET.get("thema", "")
    feedback = selectors.feedback_overview(request.user, kind=kind, topic=topic)
    page = Paginator(feedback, PER_PAGE).get_page(request.GET.get("pagina"))
    context = {
        "page": page,
        "kinds": processes.kind_choices(),
        "topics": selectors.feedback_topics(request.user),
        "kind": kind,
        "topic": topic,
        "can_manage": permissions.can_manage_feedback(request.user),
    }
    template = "feedback/overview.html#results" if request.htmx else "feedback/overview.html"
    return render(request, template, context)


def detail(request, pk):
    feedback = permissions.get_feedback_for_user(request.user, pk)
    return render(request, "feedback/detail.html", _detail_context(request.user, feedback))


def _detail_context(user, feedback) -> dict:
    return {
        "feedback": feedback,
        "items": selectors.feedback_items_for(user, feedback),
        "corrections": list(feedback.corrections.select_related("item")),
        "lineage": selectors.feedback_lineage(feedback),
        "kind_label": processes.kind_label(feedback.process_kind),
        "can_edit": permissions.can_edit_feedback(user, feedback),
        "can_correct": permissions.can_correct_feedback(user, feedback),
        "can_carry": permissions.can_carry_into_statement(user, feedback),
    }
