"""Personal links: one scheme for every link that acts for one member without a login.

A token reads ``<member id>:<object>:<timestamp>:<signature>``. The signature is an HMAC
(django.core.signing) whose key is derived from SECRET_KEY, the link's *purpose* and the
member's own *key*, a random value kept on the member row. So:

- a link opens only what it was made for: another purpose, or another object, fails;
- it can expire: the verifier passes ``max_age`` where a purpose has one;
- it can be revoked: a new member key kills every link made with the old one, and nobody
  (not even someone who holds SECRET_KEY) can make a link without reading that key.

The member id is readable without the key, so a view first loads the member row it names
(the read it needs anyway) and then verifies the token against that row's key: no extra
query. This module knows no app: callers pass the member's id and key in.
"""

import logging
import re
import secrets

from django.core import signing

KEY_BYTES = 16  # 128 random bits; token_urlsafe makes 22 characters of them
_SEP = ":"


class BadLink(Exception):
    """The link is forged, meant for another purpose or object, expired or revoked."""


def link_key_new() -> str:
    """A fresh random member key (the default of the member's key fields)."""
    return secrets.token_urlsafe(KEY_BYTES)


def _signer(purpose: str, key: str) -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=f"shared.links.{purpose}.{key}", sep=_SEP)


def link_token(*, purpose: str, member_id: int, key: str, obj: int | str = "") -> str:
    """A token for `purpose` on `obj` (an id or a short code without ':'), for this member."""
    if _SEP in str(obj):
        raise ValueError("A link's object may not contain ':'.")
    return _signer(purpose, key).sign(f"{int(member_id)}{_SEP}{obj}")


def link_member_id(token: str) -> int | None:
    """The member id a token names, NOT verified: only to know which row to load."""
    head = str(token).split(_SEP, 1)[0]
    return int(head) if head.isascii() and head.isdigit() else None


def link_object(token: str) -> str | None:
    """The object a token names, NOT verified (like `link_member_id`)."""
    parts = str(token).split(_SEP)
    return parts[1] if len(parts) == 4 else None


def link_verify(
    token: str,
    *,
    purpose: str,
    key: str,
    obj: int | str | None = None,
    max_age: int | None = None,
) -> int:
    """The member id the token was made for; raises BadLink otherwise.

    `key` is the key of the member `link_member_id(token)` names; `obj`, when given, must be
    the object the token was made for; `max_age` (seconds) refuses older tokens.
    """
    try:
        value = _signer(purpose, key).unsign(str(token), max_age=max_age)
    except signing.BadSignature as error:  # SignatureExpired is a BadSignature
        raise BadLink(str(error)) from None
    member_id, _, signed_obj = value.partition(_SEP)
    if obj is not None and signed_obj != str(obj):
        raise BadLink("The link was made for another object.")
    return int(member_id)


# A token as it appears in a logged path: id, object, base62 timestamp, base64 signature.
_TOKEN_IN_TEXT = re.compile(r"\d+:[\w.-]*:[0-9A-Za-z]+:[\w-]{40,}")


def link_redact(text: str) -> str:
    """`text` with every personal link token replaced by "[link]"."""
    return _TOKEN_IN_TEXT.sub("[link]", text)


class RedactLinksFilter(logging.Filter):
    """Keeps personal link tokens out of the logs: Django logs the path of every failing
    request (a CSRF failure on a working link, say), and the token is in the path."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = link_redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(link_redact(a) if isinstance(a, str) else a for a in record.args)
        return True
