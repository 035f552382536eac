"""Uploaded documents: the kinds a member may share, checked by extension and content.

The first bytes must match the extension, so a script renamed to ``.pdf`` is refused; the
stored name is random (the original name may hold a person's name and never reaches a
path); the size limit is the ``DOCUMENT_MAX_BYTES`` setting.
"""

import secrets
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_ZIP = b"PK\x03\x04"  # Office Open XML and OpenDocument files are zip archives
DOCUMENT_SIGNATURES = {
    ".pdf": b"%PDF-",
    ".docx": _ZIP,
    ".xlsx": _ZIP,
    ".pptx": _ZIP,
    ".odt": _ZIP,
    ".ods": _ZIP,
    ".odp": _ZIP,
    ".png": b"\x89PNG\r\n\x1a\n",
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
}


def document_extension(name: str) -> str:
    return PurePath(name).suffix.lower()


def document_check(file) -> None:
    """Refuse a file of another kind, one whose content does not match its extension, or
    one over the size limit, with a message for the person uploading it."""
    signature = DOCUMENT_SIGNATURES.get(document_extension(file.name))
    if signature is None:
        raise ValidationError(
            _(
                "Dit soort bestand kan niet. Kies een PDF, een tekst, rekenblad of presentatie "
                "(Word, Excel, PowerPoint, LibreOffice) of een afbeelding (PNG, JPEG)."
            )
        )
    if file.size > settings.DOCUMENT_MAX_BYTES:
        megabytes = settings.DOCUMENT_MAX_BYTES // (1024 * 1024)
        raise ValidationError(
            _("Het bestand is te groot: hoogstens %(mb)s MB.") % {"mb": megabytes}
        )
    file.seek(0)
    start = file.read(len(signature))
    file.seek(0)
    if start != signature:
        raise ValidationError(
            _("De inhoud van het bestand past niet bij de naam (%(ext)s).")
            % {"ext": document_extension(file.name)}
        )


def document_stored_name(folder: str, filename: str) -> str:
    """A random name under ``folder``, keeping only the (checked) extension."""
    return f"{folder}/{secrets.token_urlsafe(12)}{document_extension(filename)}"
