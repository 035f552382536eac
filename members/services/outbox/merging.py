"""Placeholders for what differs per recipient, filled in while sending.

A mail is rendered once per mailing and language with placeholders where the recipient's
name (``recipient.first_name`` / ``recipient.full_name``) and personal links go; each
placeholder is recorded on the stored content. The sender fills them in per message: the
name from the member row, the link minted from the member's current link key. So a mailing
to the whole membership renders its templates once, and no personal link is ever stored.
"""

import functools
import hashlib
import html
import json
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from shared.links import link_token

_TOKEN_MARK = "TOKEN-GOES-HERE"
NAME_FIELDS = ("first_name", "full_name")


class MergeFieldError(Exception):
    """A template asked a mailing's recipient for a field that differs per member but has
    no placeholder; not an AttributeError, so the template does not fail silently."""


@dataclass(frozen=True)
class PersonalLink:
    """A personal link (``shared.links``) minted for the recipient when the mail is sent.

    The URL is ``url_name`` reversed with ``args`` and then the token; the token is made for
    ``purpose`` and ``obj`` with the recipient's id and link key, or for a recipient without
    an account with member id 0 and ``guest_key``. Put it in a mail's context as a value:
    it renders as its placeholder, and ``str(link)`` can be embedded in other context text.
    """

    url_name: str
    purpose: str
    obj: int | str = ""
    args: tuple = ()
    guest_key: str = ""

    def as_json(self) -> list:
        return [self.url_name, list(self.args), self.purpose, str(self.obj), self.guest_key]

    def __str__(self) -> str:
        digest = hashlib.sha256(json.dumps(self.as_json()).encode()).hexdigest()[:16]
        return f"[[ld:link:{digest}]]"


def name_placeholder(field: str) -> str:
    return f"[[ld:{field}]]"


class MergeRecipient:
    """Stands in a mailing's template for every recipient: names render as placeholders."""

    first_name = name_placeholder("first_name")
    full_name = name_placeholder("full_name")

    def __getattr__(self, name):
        if name.startswith("__"):  # the template engine's own probing (``__html__``)
            raise AttributeError(name)
        raise MergeFieldError(f"recipient.{name} differs per member and cannot be merged")


def links_in(context: dict) -> dict[str, list]:
    """placeholder → link, for the personal links among the context's values."""
    return {str(v): v.as_json() for v in context.values() if isinstance(v, PersonalLink)}


def merge_fields_in(*texts: str) -> dict[str, str]:
    """placeholder → name field, for the name placeholders the rendered texts use."""
    placeholders = {name_placeholder(field): field for field in NAME_FIELDS}
    return {p: field for p, field in placeholders.items() if any(p in text for text in texts)}


@functools.lru_cache(maxsize=256)
def _url_around_token(site_url: str, url_name: str, args: tuple) -> tuple[str, str]:
    url = site_url + reverse(url_name, args=[*args, _TOKEN_MARK])
    before, _mark, after = url.partition(_TOKEN_MARK)
    return before, after


def mint(link: list, *, member_id: int | None, link_key: str) -> str:
    """The URL of a stored link for this recipient (``link_key`` of the member, if any)."""
    url_name, args, purpose, obj, guest_key = link
    key = link_key if member_id else guest_key
    if not key:
        raise ValueError("The recipient of this personal link is gone.")
    token = link_token(purpose=purpose, member_id=member_id or 0, key=key, obj=obj)
    before, after = _url_around_token(settings.SITE_URL, url_name, tuple(args))
    return before + token + after


def full_name(first_name: str, infix: str, last_name: str) -> str:
    return " ".join(part for part in (first_name, infix, last_name) if part)


@dataclass(frozen=True)
class Recipient:
    """What the sender needs of a message's member: id, link key and name."""

    member_id: int | None
    link_key: str = ""
    first_name: str = ""
    infix: str = ""
    last_name: str = ""

    def field(self, name: str) -> str:
        whole = full_name(self.first_name, self.infix, self.last_name)
        # A member without a first name is greeted by their full name.
        return (self.first_name or whole) if name == "first_name" else whole


def values_for(links: dict, merge_fields: dict, recipient: Recipient) -> dict[str, str]:
    """placeholder → text for one recipient."""
    values = {p: recipient.field(field) for p, field in merge_fields.items()}
    for placeholder, link in links.items():
        values[placeholder] = mint(link, member_id=recipient.member_id, link_key=recipient.link_key)
    return values


def fill(text: str, values: dict[str, str], *, as_html: bool = False) -> str:
    for placeholder, value in values.items():
        if placeholder in text:
            text = text.replace(placeholder, html.escape(value) if as_html else value)
    return text
