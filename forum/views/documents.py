"""Background documents: organisers add and remove them; readers download through the
conversation's access check (media files are never public)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from forum import permissions
from forum.forms import DocumentForm
from forum.services import documents as services
from forum.views.helpers import back_to
from shared.forms import form_add_errors
from shared.http import login_required_htmx

INLINE = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}


@login_required_htmx
def document_add(request, pk):
    conversation = permissions.get_conversation_to_organise(request.user, pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_add(
                conversation=conversation, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Het document is toegevoegd."))
            return back_to(conversation, "background-heading")
    context = {
        "conversation": conversation,
        "form": form,
        "documents": conversation.documents.all(),
        "max_mb": settings.DOCUMENT_MAX_BYTES // (1024 * 1024),
    }
    return render(request, "forum/document_form.html", context)


@login_required_htmx
def document_download(request, pk, document_pk):
    conversation = permissions.get_conversation_for_user(request.user, pk)
    document = permissions.get_document_for_user(request.user, conversation, document_pk)
    content_type = INLINE.get(document.extension)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=content_type is None,
        filename=f"{document.title}{document.extension}",
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required_htmx
def document_remove(request, pk, document_pk):
    """GET asks to confirm (it cannot be undone); POST removes."""
    conversation = permissions.get_conversation_to_organise(request.user, pk)
    document = permissions.get_document_for_user(request.user, conversation, document_pk)
    if request.method != "POST":
        context = {"conversation": conversation, "document": document}
        return render(request, "forum/document_remove.html", context)
    services.document_remove(document=document)
    messages.success(request, _("Het document is verwijderd."))
    return back_to(conversation, "background-heading")
