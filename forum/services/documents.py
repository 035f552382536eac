"""Background documents: organisers add and remove files of a conversation."""

from django.db import transaction

from forum.models import BackgroundDocument, Conversation
from members.models import Member


@transaction.atomic
def document_add(
    *, conversation: Conversation, actor: Member, title: str, file
) -> BackgroundDocument:
    """Store the file under a random name after checking its kind, content and size."""
    document = BackgroundDocument(
        conversation=conversation, title=title.strip(), file=file, uploaded_by=actor
    )
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def document_remove(*, document: BackgroundDocument) -> None:
    """Delete the record, and the file once the deletion is committed."""
    file = document.file
    document.delete()
    transaction.on_commit(lambda: file.storage.delete(file.name))
