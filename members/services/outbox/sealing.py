"""Sealed bodies: what must carry a secret (a login code) is stored encrypted.

The key is derived from SECRET_KEY (and its fallbacks, so a rotation does not strand a
queued login code), so the database alone, a backup or the admin never shows the code.
"""

import base64

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.utils.crypto import salted_hmac

SEAL_SALT = "members.outbox.seal"


def _fernet(secret: str) -> Fernet:
    key = salted_hmac(SEAL_SALT, "outbox", secret=secret, algorithm="sha256").digest()
    return Fernet(base64.urlsafe_b64encode(key))


def _keys() -> MultiFernet:
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([_fernet(secret) for secret in secrets])


def seal(text: str) -> str:
    return _keys().encrypt(text.encode()).decode() if text else ""


def unseal(text: str) -> str:
    """The sealed text; raises ValueError when no current key opens it."""
    if not text:
        return ""
    try:
        return _keys().decrypt(text.encode()).decode()
    except InvalidToken as error:
        raise ValueError("This sealed body cannot be opened with the current keys.") from error
