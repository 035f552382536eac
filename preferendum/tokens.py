"""Personal answer links: a signature over (round, member), valid only while that round is open.

The URL holds the member id and a signature salted with the round id, nothing secret.
The token only ever answers that one round; it never logs anyone in.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from members.models import Member
from preferendum.models import Round


def _signer(round_id: int) -> signing.Signer:
    return signing.Signer(salt=f"preferendum.answer-link.{round_id}")


def answer_token(round_: Round, member: Member) -> str:
    return _signer(round_.pk).sign(str(member.pk))


def answer_url(round_: Round, member: Member) -> str:
    return settings.SITE_URL + reverse(
        "preferendum:token-round-detail", args=[round_.pk, answer_token(round_, member)]
    )


def member_id_from_token(round_id: int, token: str) -> int | None:
    """The id of the member this link was made for, or None. Expiry is the round's closing."""
    try:
        return int(_signer(round_id).unsign(token))
    except (signing.BadSignature, ValueError):
        return None


def member_from_token(round_id: int, token: str) -> Member | None:
    member_id = member_id_from_token(round_id, token)
    if member_id is None:
        return None
    return Member.objects.select_related("branch").filter(pk=member_id).first()
